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
package org.ferrum.io.bids;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.io.nifti.NiftiWriter;

/**
 * A multi-echo gradient-echo series stored BIDS-style: one NIfTI per echo and part,
 * {@code <entities>_echo-<N>_part-mag|phase_<suffix>.nii[.gz]}, each with a JSON sidecar holding
 * {@code EchoTime} (s) and {@code MagneticFieldStrength} (T) (BIDS specification, "Magnetic Resonance
 * Imaging data", entities {@code echo} and {@code part}).
 *
 * <p>Reading rules:
 * <ul>
 * <li>A series is the set of files whose names agree once the {@code echo-} and {@code part-}
 *     entities are removed; a file without {@code part-} is a magnitude (BIDS' default). Files
 *     without {@code echo-} are not part of any series.</li>
 * <li>Magnitude echoes must be numbered 1..N without gaps; phase is optional, but if present it
 *     must exist for exactly the same echoes. Echoes are ordered by echo number and their echo
 *     times must then increase strictly (TE of a phase equal to its magnitude's within 1 µs).</li>
 * <li>Every image needs a sidecar with {@code EchoTime} in seconds (a value ≥ 1 is taken for
 *     milliseconds and rejected); {@code MagneticFieldStrength} must appear in at least one sidecar
 *     and agree in all.</li>
 * <li>All images share dimensions (3-D, or 4-D with one frame) and geometry (within 10⁻³ mm).</li>
 * <li>Magnitude is the header-scaled float value in arbitrary units; phase is converted to radians
 *     by the rules of {@link PhaseEncoding} (radians in [−π, π], or 12-bit integers).</li>
 * </ul>
 * Every violation is a {@link VolumeFormatException} naming the file (or folder) and the problem.
 */
public final class BidsMultiEcho {

    /** The BIDS suffix {@link #write} uses: multi-echo gradient echo. */
    public static final String SUFFIX = "MEGRE";

    private BidsMultiEcho() {}

    /**
     * Reads the multi-echo series in a folder (which must hold exactly one), or the series a given
     * file belongs to.
     */
    public static MultiEchoGre read(Path folderOrFile) throws IOException {
        Path folder = Files.isDirectory(folderOrFile)
                ? folderOrFile
                : folderOrFile.toAbsolutePath().getParent();
        Map<String, Series> all = scan(folder);
        Series series;
        if (Files.isDirectory(folderOrFile)) {
            if (all.isEmpty()) {
                throw new VolumeFormatException(
                        folder, "no multi-echo images (*_echo-<N>_part-mag|phase_*.nii[.gz]) found");
            }
            if (all.size() > 1) {
                throw new VolumeFormatException(
                        folder,
                        "holds " + all.size() + " multi-echo series (" + String.join(", ", all.keySet())
                                + "); pass one of their files to choose");
            }
            series = all.values().iterator().next();
        } else {
            FileName name = FileName.parse(folderOrFile);
            if (name == null) {
                throw new VolumeFormatException(
                        folderOrFile, "is not an echo image (*_echo-<N>_part-mag|phase_*.nii[.gz])");
            }
            series = all.get(name.seriesKey);
        }
        return series.read(folder);
    }

    /**
     * Writes a dataset as {@code <prefix>_echo-<N>_part-mag_MEGRE.nii.gz} (and {@code part-phase}),
     * float32, with sidecars holding {@code EchoTime}, {@code EchoNumber}, {@code MagneticFieldStrength}
     * and {@code Units} ({@code "arbitrary"} for magnitude, {@code "rad"} for phase).
     *
     * @return the files written, images and sidecars
     */
    public static List<Path> write(MultiEchoGre gre, Path folder, String prefix) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        GreAcquisition acq = gre.acquisition();
        for (int e = 0; e < gre.echoCount(); e++) {
            written.addAll(writeEcho(gre.magnitude(), e, acq, folder, prefix, "mag", "arbitrary"));
            if (gre.phase().isPresent()) {
                written.addAll(writeEcho(gre.phase().get(), e, acq, folder, prefix, "phase", "rad"));
            }
        }
        return written;
    }

    private static List<Path> writeEcho(
            Volume<FloatType> volume, int e, GreAcquisition acq, Path folder, String prefix, String part, String units)
            throws IOException {
        Volume<FloatType> echo = Volumes.copyFloat(volume.frame(e));
        Path image = folder.resolve(prefix + "_echo-" + (e + 1) + "_part-" + part + "_" + SUFFIX + ".nii.gz");
        NiftiWriter.nifti1().write(ScaledVolume.unscaled(echo), image);
        Path json = BidsSidecar.pathFor(image);
        BidsSidecar.empty()
                .with(BidsSidecar.ECHO_TIME, acq.echoTimes().seconds(e))
                .with(BidsSidecar.ECHO_NUMBER, e + 1)
                .with(BidsSidecar.MAGNETIC_FIELD_STRENGTH, acq.fieldStrengthTesla())
                .with(BidsSidecar.UNITS, units)
                .write(json);
        return List.of(image, json);
    }

    private static Map<String, Series> scan(Path folder) throws IOException {
        Map<String, Series> series = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.sorted().collect(Collectors.toList())) {
                FileName name = FileName.parse(p);
                if (name == null) {
                    continue;
                }
                Series s = series.computeIfAbsent(name.seriesKey, Series::new);
                Map<Integer, Path> target = name.phase ? s.phase : s.magnitude;
                Path before = target.put(name.echo, p);
                if (before != null) {
                    throw new VolumeFormatException(
                            p, "duplicates " + before.getFileName() + " (same echo " + name.echo + " and part)");
                }
            }
        }
        return series;
    }

    /** The parts of a BIDS file name that matter here. */
    private record FileName(String seriesKey, int echo, boolean phase) {

        static FileName parse(Path p) throws VolumeFormatException {
            String name = p.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            String stem;
            if (lower.endsWith(".nii.gz")) {
                stem = name.substring(0, name.length() - 7);
            } else if (lower.endsWith(".nii")) {
                stem = name.substring(0, name.length() - 4);
            } else {
                return null;
            }
            Integer echo = null;
            String part = "mag";
            List<String> rest = new ArrayList<>();
            for (String token : stem.split("_")) {
                if (token.startsWith("echo-")) {
                    try {
                        echo = Integer.parseInt(token.substring(5));
                    } catch (NumberFormatException e) {
                        throw new VolumeFormatException(p, "echo entity '" + token + "' is not echo-<number>");
                    }
                } else if (token.startsWith("part-")) {
                    part = token.substring(5);
                } else {
                    rest.add(token);
                }
            }
            if (echo == null) {
                return null;
            }
            if (!part.equals("mag") && !part.equals("phase")) {
                throw new VolumeFormatException(p, "part-" + part + " is not supported (only part-mag and part-phase)");
            }
            return new FileName(String.join("_", rest), echo, part.equals("phase"));
        }
    }

    /** The files of one series, by echo number. */
    private static final class Series {
        final String key;
        final Map<Integer, Path> magnitude = new TreeMap<>();
        final Map<Integer, Path> phase = new TreeMap<>();

        Series(String key) {
            this.key = key;
        }

        MultiEchoGre read(Path folder) throws IOException {
            checkEchoes(folder);
            int echoes = magnitude.size();
            NiftiReader reader = new NiftiReader();
            List<Echo> mags = new ArrayList<>();
            List<Echo> phases = new ArrayList<>();
            for (int e = 1; e <= echoes; e++) {
                mags.add(Echo.read(reader, magnitude.get(e)));
                if (!phase.isEmpty()) {
                    phases.add(Echo.read(reader, phase.get(e)));
                }
            }
            Echo first = mags.get(0);
            List<Echo> images = new ArrayList<>(mags);
            images.addAll(phases);
            double[] te = new double[echoes];
            double b0 = Double.NaN;
            Path b0Source = null;
            for (Echo img : images) {
                img.checkMatches(first);
                OptionalDouble field = img.sidecar.magneticFieldStrength();
                if (field.isPresent()) {
                    if (b0Source == null) {
                        b0 = field.getAsDouble();
                        b0Source = img.sidecarPath;
                    } else if (Math.abs(field.getAsDouble() - b0) > 1e-3) {
                        throw new VolumeFormatException(
                                img.sidecarPath,
                                "MagneticFieldStrength " + field.getAsDouble() + " T differs from " + b0 + " T in "
                                        + b0Source.getFileName());
                    }
                }
            }
            if (b0Source == null) {
                throw new VolumeFormatException(
                        first.sidecarPath, "no MagneticFieldStrength (tesla) in any sidecar of the series");
            }
            for (int e = 0; e < echoes; e++) {
                te[e] = mags.get(e).echoTime;
                if (!phases.isEmpty() && Math.abs(phases.get(e).echoTime - te[e]) > 1e-6) {
                    throw new VolumeFormatException(
                            phases.get(e).sidecarPath,
                            "EchoTime " + phases.get(e).echoTime + " s differs from its magnitude's " + te[e] + " s");
                }
                if (e > 0 && te[e] <= te[e - 1]) {
                    throw new VolumeFormatException(
                            mags.get(e).sidecarPath,
                            "EchoTime " + te[e] + " s of echo " + (e + 1) + " is not after echo " + e + "'s "
                                    + te[e - 1] + " s");
                }
            }
            GreAcquisition acquisition;
            try {
                acquisition = new GreAcquisition(EchoTimes.ofSeconds(te), b0);
            } catch (IllegalArgumentException bad) {
                throw new VolumeFormatException(b0Source, bad.getMessage(), bad);
            }
            long[] dims3 = Arrays.copyOf(first.volume.stored().dimensions(), 3);
            long[] dims4 = {dims3[0], dims3[1], dims3[2], echoes};
            Geometry geometry = first.volume.stored().geometry();
            Volume<FloatType> mag = Volumes.createFloat(dims4, geometry, PhysicalUnit.ARBITRARY);
            float[] magData = Volumes.floats(mag);
            int n = Math.toIntExact(dims3[0] * dims3[1] * dims3[2]);
            for (int e = 0; e < echoes; e++) {
                float[] src = Volumes.floats(mags.get(e).volume.toFloat());
                System.arraycopy(src, 0, magData, e * n, n);
            }
            Volume<FloatType> ph = null;
            if (!phases.isEmpty()) {
                ph = Volumes.createFloat(dims4, geometry, PhysicalUnit.RADIAN);
                fillPhase(phases, Volumes.floats(ph), n);
            }
            try {
                return new MultiEchoGre(mag, ph, acquisition);
            } catch (IllegalArgumentException bad) {
                throw new VolumeFormatException(folder, bad.getMessage(), bad);
            }
        }

        private void checkEchoes(Path folder) throws VolumeFormatException {
            if (magnitude.isEmpty()) {
                throw new VolumeFormatException(
                        phase.values().iterator().next(),
                        "phase without magnitude: series '" + key + "' has phase echoes " + phase.keySet()
                                + " but no part-mag images");
            }
            int n = magnitude.size();
            for (int e = 1; e <= n; e++) {
                if (!magnitude.containsKey(e)) {
                    throw new VolumeFormatException(
                            folder,
                            "echo " + e + " of series '" + key + "' is missing: magnitude echoes found "
                                    + magnitude.keySet());
                }
            }
            for (Map.Entry<Integer, Path> p : phase.entrySet()) {
                if (!magnitude.containsKey(p.getKey())) {
                    throw new VolumeFormatException(
                            p.getValue(), "phase of echo " + p.getKey() + " has no magnitude image");
                }
            }
            if (!phase.isEmpty()) {
                for (Map.Entry<Integer, Path> m : magnitude.entrySet()) {
                    if (!phase.containsKey(m.getKey())) {
                        throw new VolumeFormatException(
                                m.getValue(),
                                "echo " + m.getKey() + " has a magnitude but no phase image, " + "while echoes "
                                        + phase.keySet() + " have one");
                    }
                }
            }
        }

        private static void fillPhase(List<Echo> phases, float[] out, int n) throws VolumeFormatException {
            double sMin = Double.POSITIVE_INFINITY, sMax = Double.NEGATIVE_INFINITY;
            double vMin = Double.POSITIVE_INFINITY, vMax = Double.NEGATIVE_INFINITY;
            boolean integers = true;
            for (Echo p : phases) {
                double a = p.volume.slope(), b = p.volume.intercept();
                for (RealType<?> s : iterable(p)) {
                    double x = s.getRealDouble();
                    double v = a * x + b;
                    sMin = Math.min(sMin, x);
                    sMax = Math.max(sMax, x);
                    vMin = Math.min(vMin, v);
                    vMax = Math.max(vMax, v);
                    integers &= v == Math.rint(v);
                }
            }
            PhaseEncoding enc = PhaseEncoding.detect(
                    vMin, vMax, sMin, sMax, integers, phases.get(0).sidecar.units(), phases.get(0).file);
            for (int e = 0; e < phases.size(); e++) {
                Echo p = phases.get(e);
                double a = p.volume.slope(), b = p.volume.intercept();
                int i = e * n;
                for (RealType<?> s : iterable(p)) {
                    out[i++] = (float) enc.toRadians(s.getRealDouble(), a, b);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static Iterable<RealType<?>> iterable(Echo p) {
            RandomAccessibleInterval<RealType<?>> img = (RandomAccessibleInterval<RealType<?>>)
                    (RandomAccessibleInterval<?>) p.volume.stored().image();
            return () -> {
                Cursor<RealType<?>> c = Views.flatIterable(img).cursor();
                return c;
            };
        }
    }

    /** One echo image with its sidecar. */
    private record Echo(Path file, ScaledVolume<?> volume, BidsSidecar sidecar, Path sidecarPath, double echoTime) {

        static Echo read(NiftiReader reader, Path file) throws IOException {
            Path json = BidsSidecar.pathFor(file);
            if (!Files.isRegularFile(json)) {
                throw new VolumeFormatException(
                        json, "missing: the sidecar of " + file.getFileName() + " is needed for its EchoTime");
            }
            BidsSidecar sidecar = BidsSidecar.read(json);
            if (sidecar.echoTime().isEmpty()) {
                throw new VolumeFormatException(json, "no EchoTime (seconds), needed to order and use the echoes");
            }
            double te = sidecar.echoTime().getAsDouble();
            if (!(te > 0) || te >= 1) {
                throw new VolumeFormatException(
                        json,
                        "EchoTime " + te + " is not a plausible echo time in seconds"
                                + (te >= 1 ? " (BIDS wants seconds; milliseconds?)" : ""));
            }
            ScaledVolume<?> volume = reader.read(file);
            if (!volume.isReal()) {
                throw new VolumeFormatException(
                        file,
                        "holds " + volume.stored().pixelType().getClass().getSimpleName()
                                + " pixels; an echo image must be real-valued");
            }
            if (volume.stored().numDimensions() == 4 && volume.stored().dimension(3) != 1) {
                throw new VolumeFormatException(
                        file,
                        "holds " + volume.stored().dimension(3) + " frames; a BIDS echo image holds one echo (3-D)");
            }
            return new Echo(file, volume, sidecar, json, te);
        }

        void checkMatches(Echo first) throws VolumeFormatException {
            long[] d = Arrays.copyOf(volume.stored().dimensions(), 3);
            long[] f = Arrays.copyOf(first.volume.stored().dimensions(), 3);
            if (!Arrays.equals(d, f)) {
                throw new VolumeFormatException(
                        file, "dimensions " + text(d) + " differ from " + text(f) + " of " + first.file.getFileName());
            }
            if (!volume.stored()
                    .geometry()
                    .approximatelyEquals(first.volume.stored().geometry(), 1e-3)) {
                throw new VolumeFormatException(
                        file,
                        "geometry " + volume.stored().geometry() + " differs from that of " + first.file.getFileName()
                                + " (" + first.volume.stored().geometry() + ")");
            }
        }

        private static String text(long[] d) {
            return Arrays.stream(d).mapToObj(Long::toString).collect(Collectors.joining("×"));
        }
    }
}
