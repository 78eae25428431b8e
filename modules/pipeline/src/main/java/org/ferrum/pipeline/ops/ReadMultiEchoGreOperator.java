/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.pipeline.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.SeriesFiles;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * Reads a multi-echo gradient-echo series: magnitude (and phase, if present) of every echo with the
 * echo times and field strength, from either of
 * <ul>
 * <li>a BIDS folder or file: {@code *_echo-<N>_part-mag|phase_*.nii[.gz]} with JSON sidecars
 *     ({@link BidsMultiEcho#read}); the path is a folder holding exactly one such series, or any image file
 *     of the series;</li>
 * <li>a DICOM folder (searched recursively) holding one multi-echo GRE acquisition, magnitude and phase in
 *     one series or two, read by io's {@code SeriesReader} (modules/dicom's); phase is converted to radians by the
 *     vendor's rule.</li>
 * </ul>
 * Which one is decided by what the path holds: a file, or a folder with NIfTI images directly in it, is
 * read as BIDS; any other folder as DICOM. A folder with neither is bad input, and the message says what
 * was looked for.
 */
@ServiceProvider(service = Operator.class)
public final class ReadMultiEchoGreOperator implements Operator {

    static final String ID = "io.read.gre";

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            null,
            "A BIDS folder holding one multi-echo series or"
                    + " one image file of it, or a DICOM folder holding one multi-echo GRE acquisition");
    public static final Port<MultiEchoGre> GRE =
            Port.output("gre", PortTypes.MULTI_ECHO_GRE, "Magnitude (a.u.) and phase (rad) per echo, with echo times");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read multi-echo GRE")
            .category(Categories.INPUT_OUTPUT)
            .description(
                    "Reads a multi-echo GRE series from a BIDS folder (*_echo-N_part-mag|phase_*.nii[.gz] with JSON sidecars"
                            + " giving EchoTime in s and MagneticFieldStrength in T) or from a DICOM folder (magnitude and phase,"
                            + " phase converted to radians).")
            .parameter(PATH)
            .output(GRE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path path = context.path(PATH);
        context.progress(0, "reading " + path.getFileName());
        if (!Files.exists(path)) {
            throw FileFailures.reading(PATH.name(), path, new NoSuchFileException(path.toString()));
        }
        MultiEchoGre gre;
        boolean bids;
        try {
            bids = isBids(path);
            gre = bids ? BidsMultiEcho.read(path) : readDicom(path, context.cancellation());
        } catch (IOException e) {
            throw FileFailures.reading(PATH.name(), path, e);
        } catch (IllegalArgumentException e) { // inconsistent series rejected by the data model
            throw OperatorException.badInput("parameter '" + PATH.name() + "': " + path + ": " + e.getMessage(), e);
        }
        context.checkCancelled();
        context.log("read " + path + (bids ? " (BIDS)" : " (DICOM)") + ": " + gre);
        context.output(GRE, gre);
        context.progress(1, "read " + path.getFileName());
    }

    /** A DICOM folder; if it holds no DICOM at all, says that neither BIDS nor DICOM was found. */
    private static MultiEchoGre readDicom(Path path, Cancellation cancellation) throws IOException {
        try {
            return SeriesFiles.readMultiEchoGre(path, cancellation);
        } catch (VolumeFormatException e) {
            if (!holdsDicom(path)) {
                throw new VolumeFormatException(
                        path,
                        "no multi-echo images: the folder holds neither BIDS images"
                                + " (*_echo-<N>_part-mag|phase_*.nii[.gz] with JSON sidecars) nor DICOM files",
                        e);
            }
            throw e;
        }
    }

    /** BIDS for a file or a folder with NIfTI images directly in it, else DICOM. */
    static boolean isBids(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return true;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(ReadMultiEchoGreOperator::isNifti);
        }
    }

    private static boolean isNifti(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".nii") || n.endsWith(".nii.gz")) && Files.isRegularFile(p);
    }

    /** True if some file under the folder starts like a DICOM Part 10 file ("DICM" after the 128-byte preamble, PS3.10 §7.1). */
    private static boolean holdsDicom(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).anyMatch(ReadMultiEchoGreOperator::hasDicmPrefix);
        }
    }

    private static boolean hasDicmPrefix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }
}
