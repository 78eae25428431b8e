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
package org.ferrum.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Builds volumes from a {@link DicomSeries}: one {@link DicomVolume} per {@link ImageKind}, with echoes and
 * time points along the fourth axis.
 *
 * <p>Rules, in order:
 * <ol>
 * <li><b>Kind</b>: images are split by {@link ImageKind} (see there).</li>
 * <li><b>Echo</b>: within a kind, by (EchoNumbers, echo time) — EchoTime (0018,0081) for classic images,
 *     EffectiveEchoTime (0018,9082) of the MR Echo functional group for enhanced frames — sorted by echo
 *     time.</li>
 * <li><b>Location</b>: within an echo, images are sorted by the distance of their ImagePositionPatient
 *     along the slice normal (row × column direction cosines, or a mosaic's CSA SliceNormalVector) and
 *     grouped by location (within 0.01 mm). InstanceNumber is not used for location: it repeats in real
 *     data (dcm_qa_fmap's Siemens series has two magnitude echoes sharing instance numbers) and need not
 *     follow the anatomy.</li>
 * <li><b>Time</b>: the images at one location of one echo are time points, ordered by
 *     TemporalPositionIndex/Identifier, then acquisition time, then InstanceNumber, then file and frame.</li>
 * <li><b>Checks</b>, each a {@link DicomFormatException} naming the file or series: missing
 *     ImagePositionPatient / ImageOrientationPatient / PixelSpacing; orientation not two orthogonal unit
 *     vectors; more than one orientation or image size or pixel spacing in one kind; locations with
 *     different numbers of images (missing or duplicated images); echoes at different locations; uneven
 *     slice spacing (see {@link SliceGeometry}).</li>
 * </ol>
 * Values are physical (see {@link PhaseScaling}): {@code slope · stored + intercept} of each frame, stored
 * as float (exact for the 16-bit integers scanners store and their usual slopes).
 */
final class SeriesAssembly {

    private static final double LOCATION_TOLERANCE_MM = 0.01;

    private SeriesAssembly() {}

    /** All volumes of a series, one per image kind, in {@link ImageKind} order. */
    public static List<DicomVolume> assemble(DicomSeries series) throws IOException {
        return assemble(series, Cancellation.NEVER);
    }

    /** As {@link #assemble(DicomSeries)}, polling {@code cancellation} between files. */
    public static List<DicomVolume> assemble(DicomSeries series, Cancellation cancellation) throws IOException {
        return assemble(series, cancellation, ParserSource.INSTANCE);
    }

    static List<DicomVolume> assemble(DicomSeries series, Cancellation cancellation, HeaderSource source)
            throws IOException {
        List<DicomVolume> out = new ArrayList<>();
        for (Layout layout : plan(series)) {
            out.add(load(series, layout, cancellation, source));
        }
        return out;
    }

    /** Where every image of one kind goes: {@code images[slice][v]} with v = t · echoes + e. */
    record Layout(
            ImageKind kind,
            FrameHeader[][] images,
            int echoes,
            int timePoints,
            List<Double> echoTimesMs,
            List<Integer> echoNumbers,
            Geometry geometry,
            int columns,
            int rows,
            List<String> warnings,
            DicomDiffusion diffusion) {}

    /** The layouts of all kinds, checked, without reading pixels. */
    static List<Layout> plan(DicomSeries series) throws DicomFormatException {
        Path where = seriesPath(series);
        Map<ImageKind, List<FrameHeader>> byKind = new TreeMap<>();
        for (FrameHeader f : series.frames()) {
            byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
        }
        List<Layout> out = new ArrayList<>();
        for (var e : byKind.entrySet()) {
            out.add(layout(where, series, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Path seriesPath(DicomSeries series) {
        List<Path> files = series.files();
        Path parent = files.get(0).getParent();
        return parent != null ? parent : files.get(0);
    }

    private static Layout layout(Path where, DicomSeries series, ImageKind kind, List<FrameHeader> all)
            throws DicomFormatException {
        String label = String.format(
                Locale.ROOT, "series %d \"%s\" (%s)", series.seriesNumber(), series.seriesDescription(), kind.label());
        List<String> warnings = new ArrayList<>();
        List<FrameHeader> frames = placeable(label, all, warnings);
        FrameHeader first = frames.get(0);
        for (FrameHeader f : frames) {
            if (f.position() == null) {
                throw new DicomFormatException(
                        f.file(),
                        "no ImagePositionPatient (0020,0032)" + frameSuffix(f)
                                + ": cannot place the image in the patient");
            }
            if (f.orientation() == null) {
                throw new DicomFormatException(
                        f.file(),
                        "no ImageOrientationPatient (0020,0037)" + frameSuffix(f)
                                + ": cannot place the image in the patient");
            }
            if (!(f.rowSpacing() > 0) || !(f.columnSpacing() > 0)) {
                throw new DicomFormatException(f.file(), "no valid PixelSpacing (0028,0030)" + frameSuffix(f));
            }
            checkOrientation(f);
            if (f.rows() != first.rows() || f.columns() != first.columns()) {
                throw new DicomFormatException(
                        where,
                        label + " mixes image sizes: " + first.where() + " is " + first.columns() + "×" + first.rows()
                                + ", " + f.where() + " is " + f.columns() + "×" + f.rows());
            }
            if (!close(f.orientation(), first.orientation(), 1e-4)) {
                throw new DicomFormatException(
                        where,
                        label + " mixes orientations: " + first.where() + " " + Arrays.toString(first.orientation())
                                + ", " + f.where() + " " + Arrays.toString(f.orientation()));
            }
            if (Math.abs(f.rowSpacing() - first.rowSpacing()) > 1e-4
                    || Math.abs(f.columnSpacing() - first.columnSpacing()) > 1e-4) {
                throw new DicomFormatException(
                        where,
                        label + " mixes pixel spacings: " + first.where() + " " + first.rowSpacing() + "\\"
                                + first.columnSpacing() + ", " + f.where() + " " + f.rowSpacing() + "\\"
                                + f.columnSpacing());
            }
        }
        double[] normal = first.normal();

        // echoes: (echo number, echo time), sorted by time then number
        Map<String, List<FrameHeader>> byEcho = new LinkedHashMap<>();
        List<FrameHeader> sortedByEcho = new ArrayList<>(frames);
        sortedByEcho.sort(
                Comparator.comparingDouble((FrameHeader f) -> Double.isNaN(f.echoTimeMs()) ? -1 : f.echoTimeMs())
                        .thenComparingInt(FrameHeader::echoNumber));
        for (FrameHeader f : sortedByEcho) {
            String key = f.echoNumber() + "/"
                    + (Double.isNaN(f.echoTimeMs()) ? "-" : String.format(Locale.ROOT, "%.4f", f.echoTimeMs()));
            byEcho.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        int echoes = byEcho.size();
        List<Double> tes = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<List<List<FrameHeader>>> echoLocations = new ArrayList<>();
        for (List<FrameHeader> echo : byEcho.values()) {
            tes.add(echo.get(0).echoTimeMs());
            numbers.add(echo.get(0).echoNumber());
            echoLocations.add(locations(echo, normal));
        }
        List<List<FrameHeader>> ref = echoLocations.get(0);
        int slices = ref.size();
        int timePoints = ref.get(0).size();
        for (int e = 0; e < echoes; e++) {
            List<List<FrameHeader>> locs = echoLocations.get(e);
            if (locs.size() != slices) {
                throw new DicomFormatException(
                        where,
                        label + ": echo " + (e + 1) + " has " + locs.size() + " slice locations, echo 1 has " + slices);
            }
            for (int s = 0; s < slices; s++) {
                List<FrameHeader> at = locs.get(s);
                if (at.size() != timePoints) {
                    throw new DicomFormatException(
                            where,
                            String.format(
                                    Locale.ROOT,
                                    "%s: %d images at slice location %s (echo %d) but %d at %s: images missing or duplicated (e.g. %s)",
                                    label,
                                    at.size(),
                                    SliceGeometry.fmt(at.get(0).position()),
                                    e + 1,
                                    timePoints,
                                    SliceGeometry.fmt(ref.get(0).get(0).position()),
                                    at.get(0).where()));
                }
                if (e > 0 && !close(at.get(0).position(), ref.get(s).get(0).position(), 0.05)) {
                    throw new DicomFormatException(
                            where,
                            label + ": echo " + (e + 1) + " slice " + (s + 1) + " is at "
                                    + SliceGeometry.fmt(at.get(0).position()) + ", echo 1 at "
                                    + SliceGeometry.fmt(ref.get(s).get(0).position()));
                }
            }
        }
        FrameHeader[][] images = new FrameHeader[slices][echoes * timePoints];
        for (int e = 0; e < echoes; e++) {
            for (int s = 0; s < slices; s++) {
                List<FrameHeader> at = echoLocations.get(e).get(s);
                for (int t = 0; t < timePoints; t++) {
                    images[s][t * echoes + e] = at.get(t);
                }
            }
        }
        List<double[]> positions = new ArrayList<>();
        for (List<FrameHeader> at : ref) {
            positions.add(at.get(0).position());
        }
        double single = Double.isFinite(first.sliceSpacing()) && first.sliceSpacing() > 0
                ? first.sliceSpacing()
                : first.sliceThickness();
        Geometry g = SliceGeometry.affine(
                where,
                first.orientation(),
                first.rowSpacing(),
                first.columnSpacing(),
                positions,
                single,
                first.sliceNormal());
        return new Layout(
                kind,
                images,
                echoes,
                timePoints,
                tes,
                numbers,
                g,
                first.columns(),
                first.rows(),
                warnings,
                diffusion(images, echoes, timePoints));
    }

    /** The b-value and LPS gradient of each time point (from its first slice and echo), or null if no image has a b-value. */
    private static DicomDiffusion diffusion(FrameHeader[][] images, int echoes, int timePoints) {
        double[] b = new double[timePoints];
        double[][] g = new double[timePoints][];
        boolean any = false;
        for (int t = 0; t < timePoints; t++) {
            FrameHeader f = images[0][t * echoes];
            b[t] = f.bValue();
            g[t] = f.gradient();
            any |= Double.isFinite(b[t]);
        }
        return any ? new DicomDiffusion(b, g) : null;
    }

    /**
     * The images of one kind that can be placed in the patient, after two rules for images without a position:
     * <ul>
     * <li>If <em>some</em> images have no ImagePositionPatient / ImageOrientationPatient (e.g. a Philips {@code XX_}
     *     file among the slices of a classic series), they are left out and named in a warning; the rest is
     *     assembled (a gap they leave is then reported as missing images).</li>
     * <li>If <em>no</em> image has a position and every file holds several frames (an enhanced object whose functional
     *     groups carry no Plane Position (Patient) Sequence (0020,9113)), the frames are stacked as slices in frame order,
     *     per file, echo and temporal position, {@code SpacingBetweenSlices} (else {@code SliceThickness}, else 1 mm)
     *     apart along the normal of the file's orientation (else axial), from the origin — what dcm2niix does: it
     *     converts such a file as columns × rows × frames, writes qform/sform code 0 and warns "Bogus spatial matrix".
     *     The warning says the position in the patient is unknown.</li>
     * </ul>
     * Any other case is refused as before (one image named).
     */
    private static List<FrameHeader> placeable(String label, List<FrameHeader> frames, List<String> warnings)
            throws DicomFormatException {
        List<FrameHeader> unplaced = new ArrayList<>();
        for (FrameHeader f : frames) {
            if (f.position() == null || f.orientation() == null) {
                unplaced.add(f);
            }
        }
        if (unplaced.isEmpty()) {
            return frames;
        }
        if (unplaced.size() < frames.size()) {
            List<FrameHeader> placed = new ArrayList<>(frames);
            placed.removeAll(unplaced);
            StringBuilder which = new StringBuilder();
            for (int i = 0; i < unplaced.size() && i < 5; i++) {
                FrameHeader f = unplaced.get(i);
                which.append(i == 0 ? "" : ", ")
                        .append(f.where())
                        .append(" (no ")
                        .append(
                                f.position() == null
                                        ? "ImagePositionPatient (0020,0032)"
                                        : "ImageOrientationPatient (0020,0037)")
                        .append(')');
            }
            if (unplaced.size() > 5) {
                which.append(" and ").append(unplaced.size() - 5).append(" more");
            }
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s: left out %d image%s that cannot be placed in the patient: %s; converted the other %d",
                    label,
                    unplaced.size(),
                    unplaced.size() == 1 ? "" : "s",
                    which,
                    placed.size()));
            return placed;
        }
        Map<Path, Integer> perFile = new LinkedHashMap<>();
        for (FrameHeader f : frames) {
            perFile.merge(f.file(), 1, Integer::sum);
        }
        boolean enhanced = frames.stream().allMatch(f -> f.tile() < 0)
                && perFile.values().stream().allMatch(n -> n > 1);
        if (!enhanced) {
            FrameHeader f = frames.get(0);
            String what =
                    f.position() == null ? "ImagePositionPatient (0020,0032)" : "ImageOrientationPatient (0020,0037)";
            throw new DicomFormatException(
                    f.file(), "no " + what + frameSuffix(f) + ": cannot place the image in the patient");
        }
        Map<String, List<FrameHeader>> stacks = new LinkedHashMap<>();
        for (FrameHeader f : frames) {
            String key = f.file() + "\u0000" + f.echoNumber() + "/" + f.echoTimeMs() + "/" + f.temporalIndex();
            stacks.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        FrameHeader first = frames.get(0);
        boolean ownOrientation = first.orientation() != null;
        double[] o = ownOrientation ? first.orientation() : new double[] {1, 0, 0, 0, 1, 0};
        double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        double spacing;
        String from;
        if (Double.isFinite(first.sliceSpacing()) && first.sliceSpacing() > 0) {
            spacing = first.sliceSpacing();
            from = "SpacingBetweenSlices";
        } else if (Double.isFinite(first.sliceThickness()) && first.sliceThickness() > 0) {
            spacing = first.sliceThickness();
            from = "SliceThickness";
        } else {
            spacing = 1;
            from = "no SpacingBetweenSlices or SliceThickness: assumed";
        }
        List<FrameHeader> out = new ArrayList<>();
        int perStack = -1;
        for (List<FrameHeader> stack : stacks.values()) {
            stack.sort(Comparator.comparingInt(FrameHeader::frame));
            for (int k = 0; k < stack.size(); k++) {
                double d = k * spacing;
                out.add(stack.get(k).withPlacement(new double[] {d * n[0], d * n[1], d * n[2]}, o));
            }
            perStack = stack.size();
        }
        warnings.add(String.format(
                Locale.ROOT,
                "%s: no frame of %s carries a plane position (Plane Position (Patient) Sequence (0020,9113)):"
                        + " the frames are stacked as %d slices in frame order, %s mm apart (%s), as dcm2niix does; the position in the"
                        + " patient is unknown (origin 0, %s)",
                label,
                perFile.size() == 1 ? first.file().getFileName().toString() : "its " + perFile.size() + " files",
                perStack,
                new java.math.BigDecimal(spacing)
                        .round(new java.math.MathContext(6))
                        .stripTrailingZeros()
                        .toPlainString(),
                from,
                ownOrientation ? "orientation from the file" : "no orientation in the file either: axial assumed"));
        return out;
    }

    /** Images of one echo grouped by location along the normal, each group in time order. */
    private static List<List<FrameHeader>> locations(List<FrameHeader> echo, double[] normal) {
        List<FrameHeader> sorted = new ArrayList<>(echo);
        sorted.sort(Comparator.comparingDouble((FrameHeader f) -> dot(f.position(), normal)));
        List<List<FrameHeader>> out = new ArrayList<>();
        double last = Double.NaN;
        for (FrameHeader f : sorted) {
            double d = dot(f.position(), normal);
            if (out.isEmpty() || Math.abs(d - last) > LOCATION_TOLERANCE_MM) {
                out.add(new ArrayList<>());
                last = d;
            }
            out.get(out.size() - 1).add(f);
        }
        Comparator<FrameHeader> time = Comparator.comparingInt(FrameHeader::temporalIndex)
                .thenComparingDouble(f -> Double.isNaN(f.acquisitionTime()) ? 0 : f.acquisitionTime())
                .thenComparingInt(FrameHeader::instanceNumber)
                .thenComparing(f -> f.file().toString())
                .thenComparingInt(FrameHeader::frame)
                .thenComparingInt(FrameHeader::tile);
        for (List<FrameHeader> at : out) {
            at.sort(time);
        }
        return out;
    }

    static DicomVolume load(DicomSeries series, Layout layout, Cancellation cancellation, HeaderSource source)
            throws IOException {
        int cols = layout.columns(), rows = layout.rows(), slices = layout.images().length;
        int vols = layout.echoes() * layout.timePoints();
        long plane = (long) cols * rows;
        long total = plane * slices * vols;
        if (total > Volumes.MAX_ARRAY_ELEMENTS) {
            throw new DicomFormatException(
                    seriesPath(series),
                    "series " + series.seriesNumber() + " has " + total
                            + " voxels, more than one array holds; read it in parts");
        }
        float[] data = new float[(int) total];
        // which images each file supplies
        Map<Path, List<int[]>> byFile = new LinkedHashMap<>();
        for (int s = 0; s < slices; s++) {
            for (int v = 0; v < vols; v++) {
                byFile.computeIfAbsent(layout.images()[s][v].file(), k -> new ArrayList<>())
                        .add(new int[] {s, v});
            }
        }
        List<Path> files = new ArrayList<>(byFile.keySet());
        Set<String> rules = new LinkedHashSet<>();
        PhysicalUnit[] unit = new PhysicalUnit[1];
        // value maps first (they may reject a phase of unknown unit), sequentially, so errors name the first bad file
        PhaseScaling.ValueMap[][] maps = new PhaseScaling.ValueMap[slices][vols];
        for (int s = 0; s < slices; s++) {
            for (int v = 0; v < vols; v++) {
                FrameHeader f = layout.images()[s][v];
                try {
                    maps[s][v] = PhaseScaling.of(f.vendor(), f.kind(), f.stored());
                } catch (IllegalArgumentException e) {
                    throw new DicomFormatException(f.file(), e.getMessage());
                }
                rules.add(maps[s][v].rule());
                unit[0] = maps[s][v].unit();
            }
        }
        try {
            ParallelLoop.forEachChunk(files.size(), 1, cancellation, (from, to) -> {
                for (int i = (int) from; i < to; i++) {
                    Path file = files.get(i);
                    HeaderSource.Pixels pixels;
                    try {
                        pixels = source.pixels(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    int frameCount = pixels.frameCount();
                    int mosaicFrame = -1; // the mosaic frame last decoded, whose tiles usually follow one another
                    float[] mosaic = null;
                    for (int[] sv : byFile.get(file)) {
                        FrameHeader f = layout.images()[sv[0]][sv[1]];
                        if (f.frame() >= frameCount) {
                            throw new UncheckedIOException(new DicomFormatException(
                                    file,
                                    "has " + frameCount + " frames of pixel data, the header describes frame "
                                            + (f.frame() + 1)));
                        }
                        PhaseScaling.ValueMap m = maps[sv[0]][sv[1]];
                        int off = (int) (plane * (sv[0] + (long) slices * sv[1]));
                        try {
                            if (f.tile() >= 0) {
                                if (f.frame() != mosaicFrame) {
                                    mosaic = pixels.samples(f.frame());
                                    mosaicFrame = f.frame();
                                }
                                float[] px;
                                try {
                                    px = Mosaic.tile(mosaic, f.storedColumns(), rows, cols, f.tile());
                                } catch (IllegalArgumentException e) {
                                    throw new DicomFormatException(file, e.getMessage());
                                }
                                checkLength(file, f, px.length, plane, cols, rows);
                                HeaderSource.Pixels.map(px, 0, px.length, m.slope(), m.intercept(), data, off);
                            } else {
                                checkLength(file, f, pixels.length(f.frame()), plane, cols, rows);
                                pixels.mapInto(f.frame(), m.slope(), m.intercept(), data, off);
                            }
                        } catch (DicomFormatException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long[] dims = vols == 1 ? new long[] {cols, rows, slices} : new long[] {cols, rows, slices, vols};
        Volume<FloatType> volume = new Volume<>(ArrayImgs.floats(data, dims), layout.geometry(), unit[0]);
        DicomProvenance.register(
                layout.geometry(), series); // so that maps derived on this grid can reference the series
        return new DicomVolume(
                series,
                layout.kind(),
                layout.echoTimesMs(),
                layout.echoNumbers(),
                layout.timePoints(),
                volume,
                String.join("; ", rules),
                layout.warnings(),
                layout.diffusion());
    }

    private static void checkLength(Path file, FrameHeader f, int samples, long plane, int cols, int rows)
            throws DicomFormatException {
        if (samples != plane) {
            throw new DicomFormatException(
                    file,
                    "frame " + (f.frame() + 1) + " holds " + samples + " samples, the header says " + cols + "×"
                            + rows);
        }
    }

    private static void checkOrientation(FrameHeader f) throws DicomFormatException {
        double[] o = f.orientation();
        double rr = o[0] * o[0] + o[1] * o[1] + o[2] * o[2];
        double cc = o[3] * o[3] + o[4] * o[4] + o[5] * o[5];
        double rc = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
        if (Math.abs(rr - 1) > 1e-3 || Math.abs(cc - 1) > 1e-3 || Math.abs(rc) > 1e-3) {
            throw new DicomFormatException(
                    f.file(),
                    "ImageOrientationPatient (0020,0037) " + Arrays.toString(o) + frameSuffix(f)
                            + " is not two orthogonal unit vectors");
        }
    }

    private static String frameSuffix(FrameHeader f) {
        return f.frame() > 0 || f.tile() >= 0 ? " (frame " + (f.frame() + 1) + ")" : "";
    }

    private static boolean close(double[] a, double[] b, double tol) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] p, double[] n) {
        return p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
    }
}
