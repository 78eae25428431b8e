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
package org.ferrum.relaxometry.t2;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.SeriesFiles;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.bids.BidsSidecar;

/**
 * Reads a multi-echo spin-echo series ({@link MultiEchoSpinEcho}) from
 * <ul>
 * <li>one BIDS-style 4-D NIfTI {@code *_MESE.nii[.gz]} (echoes last) whose JSON sidecar gives {@code EchoTime} as a list
 * of seconds, one per echo;</li>
 * <li>per-echo NIfTI files {@code *_echo-<N>_*MESE.nii[.gz]}, each 3-D with a sidecar giving its {@code EchoTime} (s);
 * the path is any one of them, or the folder holding them;</li>
 * <li>a DICOM folder (any other folder) with one multi-echo magnitude series, read by io's series reader: echo times
 * from EchoTime (0018,0081) in ms, field strength from (0018,0087).</li>
 * </ul>
 * The field strength comes from the sidecar's {@code MagneticFieldStrength} (T) where present. Echo times must be
 * positive, in seconds and strictly increasing ({@link EchoTimes}); anything else is a {@link VolumeFormatException}
 * naming the file and the field.
 */
public final class MeseFiles {

    /** The BIDS suffix of multi-echo spin-echo images. */
    public static final String SUFFIX = "MESE";

    private static final Pattern ECHO_ENTITY = Pattern.compile("_echo-(\\d+)_");

    private MeseFiles() {}

    /** Reads the series at {@code path} (see the class comment). */
    public static MultiEchoSpinEcho read(Path path, Cancellation cancellation) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            List<Path> images = meseImages(path);
            if (images.isEmpty()) {
                if (hasNifti(path)) {
                    throw new VolumeFormatException(
                            path, "holds NIfTI images but none named *_" + SUFFIX + ".nii[.gz]");
                }
                MultiEchoGre dicom = SeriesFiles.readMultiEchoGre(path, cancellation);
                double field = dicom.acquisition().fieldStrengthTesla();
                return new MultiEchoSpinEcho(
                        dicom.magnitude(), dicom.acquisition().echoTimes(), field > 0 ? field : Double.NaN);
            }
            List<Path> fourD = images.stream().filter(p -> echoNumber(p) < 0).toList();
            if (images.size() == 1 || (fourD.size() == 1 && images.size() == fourD.size())) {
                return readFile(images.get(0));
            }
            if (fourD.isEmpty()) {
                return readEchoFiles(images);
            }
            throw new VolumeFormatException(
                    path, "holds several multi-echo spin-echo series " + names(images) + "; give one file");
        }
        return readFile(path);
    }

    private static MultiEchoSpinEcho readFile(Path file) throws IOException {
        if (echoNumber(file) >= 0) {
            String pattern = ECHO_ENTITY.matcher(file.getFileName().toString()).replaceFirst("_echo-*_");
            List<Path> siblings = new ArrayList<>();
            try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
                files.filter(p -> echoNumber(p) >= 0
                                && ECHO_ENTITY
                                        .matcher(p.getFileName().toString())
                                        .replaceFirst("_echo-*_")
                                        .equals(pattern))
                        .forEach(siblings::add);
            }
            return readEchoFiles(siblings);
        }
        Volume<FloatType> magnitude = VolumeFiles.readFloat(file);
        Path json = BidsSidecar.pathFor(file);
        BidsSidecar sidecar = sidecar(file, json);
        JsonNode te = sidecar.get(BidsSidecar.ECHO_TIME)
                .orElseThrow(() -> new VolumeFormatException(
                        json, "has no \"" + BidsSidecar.ECHO_TIME + "\" (a list of echo times in s, one per echo)"));
        double[] seconds;
        if (te.isNumber()) {
            seconds = new double[] {te.doubleValue()};
        } else if (te.isArray()) {
            seconds = new double[te.size()];
            for (int e = 0; e < te.size(); e++) {
                if (!te.get(e).isNumber()) {
                    throw new VolumeFormatException(
                            json,
                            "\"" + BidsSidecar.ECHO_TIME + "\" entry " + (e + 1) + " is not a number: " + te.get(e));
                }
                seconds[e] = te.get(e).doubleValue();
            }
        } else {
            throw new VolumeFormatException(
                    json, "\"" + BidsSidecar.ECHO_TIME + "\" must be a list of numbers (s), got " + te);
        }
        if (seconds.length != magnitude.frames()) {
            throw new VolumeFormatException(
                    json,
                    "\"" + BidsSidecar.ECHO_TIME + "\" lists " + seconds.length + " echo times but "
                            + file.getFileName() + " has " + magnitude.frames() + " echoes");
        }
        return new MultiEchoSpinEcho(magnitude, echoTimes(json, seconds), field(sidecar));
    }

    private static MultiEchoSpinEcho readEchoFiles(List<Path> files) throws IOException {
        Map<Integer, Path> byEcho = new TreeMap<>();
        for (Path p : files) {
            Path previous = byEcho.put(echoNumber(p), p);
            if (previous != null) {
                throw new VolumeFormatException(
                        p, "echo " + echoNumber(p) + " is given twice (also " + previous.getFileName() + ")");
            }
        }
        List<Path> ordered = new ArrayList<>(byEcho.values());
        float[][] frames = new float[ordered.size()][];
        double[] seconds = new double[ordered.size()];
        Volume<FloatType> first = null;
        double field = Double.NaN;
        for (int e = 0; e < ordered.size(); e++) {
            Path file = ordered.get(e);
            Volume<FloatType> v = VolumeFiles.readFloat(file);
            if (v.frames() != 1) {
                throw new VolumeFormatException(
                        file, "a per-echo file must be 3-D, this one has " + v.frames() + " frames");
            }
            if (first == null) {
                first = v;
            } else if (!Arrays.equals(v.dimensions(), first.dimensions())
                    || !v.geometry().approximatelyEquals(first.geometry(), 1e-3)) {
                throw new VolumeFormatException(
                        file, "grid differs from " + ordered.get(0).getFileName());
            }
            frames[e] = VolumeArrays.frame(v, 0);
            Path json = BidsSidecar.pathFor(file);
            BidsSidecar sidecar = sidecar(file, json);
            seconds[e] = sidecar.number(BidsSidecar.ECHO_TIME)
                    .orElseThrow(() ->
                            new VolumeFormatException(json, "has no numeric \"" + BidsSidecar.ECHO_TIME + "\" (s)"));
            if (Double.isNaN(field)) {
                field = field(sidecar);
            }
        }
        EchoTimes times = echoTimes(BidsSidecar.pathFor(ordered.get(0)), seconds);
        Volume<FloatType> magnitude = VolumeArrays.frames(frames, VoxelGrid.of(first), first.geometry(), first.unit());
        return new MultiEchoSpinEcho(magnitude, times, field);
    }

    private static EchoTimes echoTimes(Path json, double[] seconds) throws VolumeFormatException {
        try {
            return EchoTimes.ofSeconds(seconds);
        } catch (IllegalArgumentException e) {
            throw new VolumeFormatException(json, "\"" + BidsSidecar.ECHO_TIME + "\": " + e.getMessage(), e);
        }
    }

    private static BidsSidecar sidecar(Path image, Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new VolumeFormatException(
                    image,
                    "no JSON sidecar " + json.getFileName() + " (it must give \"" + BidsSidecar.ECHO_TIME + "\" in s)");
        }
        return BidsSidecar.read(json);
    }

    private static double field(BidsSidecar sidecar) {
        double t = sidecar.magneticFieldStrength().orElse(Double.NaN);
        return t > 0 ? t : Double.NaN;
    }

    private static List<Path> meseImages(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(MeseFiles::isMeseImage).sorted().toList();
        }
    }

    private static boolean hasNifti(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".nii") || n.endsWith(".nii.gz");
            });
        }
    }

    private static boolean isMeseImage(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith("_" + SUFFIX + ".nii") || n.endsWith("_" + SUFFIX + ".nii.gz"));
    }

    /** The N of {@code _echo-N_} in the name, or −1. */
    private static int echoNumber(Path p) {
        Matcher m = ECHO_ENTITY.matcher(p.getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList().toString();
    }
}
