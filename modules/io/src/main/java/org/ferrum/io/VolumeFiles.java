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
package org.ferrum.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.NumericType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.labels.LabelLegends;
import org.ferrum.io.labels.LabelMapFiles;
import org.ferrum.io.spi.VolumeReader;
import org.ferrum.io.spi.VolumeWriter;
import org.openide.util.Lookup;

/**
 * Reads and writes volumes by path, with whichever registered {@link VolumeReader} or
 * {@link VolumeWriter} (found through {@code Lookup.getDefault()}) accepts the path. NIfTI-1/2
 * ({@code .nii}, {@code .nii.gz}) is built in; other formats (DICOM) plug in through the same SPI.
 */
public final class VolumeFiles {

    private VolumeFiles() {}

    /** All registered readers, in Lookup order. */
    public static List<VolumeReader> readers() {
        return List.copyOf(Lookup.getDefault().lookupAll(VolumeReader.class));
    }

    /** All registered writers, in Lookup order. */
    public static List<VolumeWriter> writers() {
        return List.copyOf(Lookup.getDefault().lookupAll(VolumeWriter.class));
    }

    /**
     * The first registered reader whose {@link VolumeReader#canRead} accepts the path.
     *
     * @throws VolumeFormatException if none does, naming the formats that are known
     */
    public static VolumeReader readerFor(Path path) throws VolumeFormatException {
        List<VolumeReader> all = readers();
        for (VolumeReader r : all) {
            if (r.canRead(path)) {
                return r;
            }
        }
        throw new VolumeFormatException(
                path,
                "no reader recognises this file (known formats: "
                        + all.stream().map(VolumeReader::formatName).collect(Collectors.joining(", ")) + ")");
    }

    /** The first registered writer whose {@link VolumeWriter#canWrite} accepts the path. */
    public static VolumeWriter writerFor(Path path) throws VolumeFormatException {
        List<VolumeWriter> all = writers();
        for (VolumeWriter w : all) {
            if (w.canWrite(path)) {
                return w;
            }
        }
        throw new VolumeFormatException(
                path,
                "no writer for this file name (known formats: "
                        + all.stream().map(VolumeWriter::formatName).collect(Collectors.joining(", ")) + ")");
    }

    /** The stored pixels and their scaling, as the file (or, for DICOM, the series folder) holds them. */
    public static ScaledVolume<?> read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        }
        if (!Files.isDirectory(path)) { // a DICOM series may be a folder; anything else must be a regular file
            RegularFiles.require(path);
        }
        return readerFor(path).read(path);
    }

    /**
     * The physical values as floats ({@link ScaledVolume#toFloat()}).
     *
     * @throws VolumeFormatException also if the file holds complex or colour pixels
     */
    public static Volume<FloatType> readFloat(Path path) throws IOException {
        return readFloat(path, warning -> {});
    }

    /**
     * As {@link #readFloat(Path)}, handing each of the reader's {@link ScaledVolume#warnings() warnings}
     * (prefixed with the file name) to {@code warnings}.
     */
    public static Volume<FloatType> readFloat(Path path, java.util.function.Consumer<String> warnings)
            throws IOException {
        ScaledVolume<?> v = read(path);
        Path name = path.getFileName();
        v.warnings().forEach(w -> warnings.accept((name == null ? path : name) + ": " + w));
        if (!v.isReal()) {
            throw new VolumeFormatException(
                    path, "holds " + v.stored().pixelType().getClass().getSimpleName() + " pixels, not real numbers");
        }
        return withSidecarLegend(v.toFloat(), path, warnings);
    }

    /**
     * A label map's legend from the BIDS table Ferrum writes beside it ({@link LabelMapFiles#sidecar}); a table there
     * that is not a dseg table is reported and ignored.
     */
    private static Volume<FloatType> withSidecarLegend(
            Volume<FloatType> volume, Path path, java.util.function.Consumer<String> warnings) {
        Path side = LabelMapFiles.sidecar(path);
        if (!side.equals(path) && Files.isRegularFile(side)) {
            try {
                return volume.withLabels(LabelLegends.read(side));
            } catch (IOException | IllegalArgumentException e) {
                warnings.accept(side.getFileName() + ": not read as the label map's legend (" + e.getMessage() + ")");
            }
        }
        return volume;
    }

    /** Writes stored pixels with their scaling. */
    public static void write(ScaledVolume<?> volume, Path path) throws IOException {
        writerFor(path).write(volume, path);
    }

    /**
     * Writes a volume whose values are physical values (no scaling). A label map with a legend
     * ({@link Volume#labels()} not empty) gets its legend beside it as a BIDS {@code dseg.tsv}
     * ({@link LabelMapFiles#sidecar}: {@code x.nii.gz} → {@code x.tsv}), which {@link #readFloat} reads back.
     */
    public static <T extends NumericType<T>> void write(Volume<T> volume, Path path) throws IOException {
        write(ScaledVolume.unscaled(volume), path);
        if (!volume.labels().isEmpty()) {
            LabelLegends.writeDseg(volume.labels(), LabelMapFiles.sidecar(path));
        }
    }
}
