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
package org.ferrum.brain.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelErosion;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.statistics.SampleStatistics;

/**
 * χ and R2* of the deep grey nuclei, per hemisphere, referenced to CSF, white matter or the whole brain: what a brain
 * iron study records per visit (issue 18, item 4).
 *
 * <p>Contract. Regions: the label map {@code labels} with the label map {@code nuclei} drawn over it (where both
 * label a voxel, the nuclei map wins); every distinct (map, value) is one region. With a brain mask, voxels outside it
 * belong to no region (χ is not estimated there). Then every region loses {@code erode} voxel layers at its
 * boundaries ({@link LabelErosion}: against every other region and background; the brain mask, eroded alone, is the
 * whole-brain region). A requested nucleus ({@link Structure}) is the union of the regions whose legend entry it
 * matches. Its voxels are on the side their entry names ({@link LabelEntry#hemisphere()} LEFT or RIGHT); an entry
 * with no side (BOTH or MIDLINE, e.g. one bilateral label) is split by the {@link MidSagittalPlane}. Rows: for each
 * nucleus in the order asked, hemisphere left, right, both (= left ∪ right, plus any voxel centre exactly on the
 * plane), map χ then R2*: the {@link SampleStatistics} of the finite values (NaN and ±∞ left out, counted in
 * {@code n_excluded}; quartiles Hyndman &amp; Fan definition 7). χ rows are referenced: value − median χ of the
 * reference region (all its voxels, both sides, after erosion), for the reference and the alternative reference
 * side by side; R2* rows are not (reference {@code none}).
 *
 * <p>Pairs: per (nucleus, hemisphere) the χ median (referenced) and the R2* median, and the pattern the pair reads,
 * relative to white matter (the tissue around the nuclei, with a known low χ and R2*): Δχ = χ − χ_WM and ΔR2* = R2* −
 * R2*_WM (medians). Paramagnetic iron (ferritin) raises χ and shortens T2* (Schweser et al., NeuroImage 2011;
 * Langkammer et al., Radiology 2012); diamagnetic calcium lowers χ and also raises R2* (Deistung et al., NeuroImage
 * 2013; Chen et al., Radiology 2014). So: {@code iron} when Δχ ≥ t_χ and ΔR2* ≥ t_R2*; {@code calcium} when Δχ ≤ −t_χ
 * and ΔR2* ≥ t_R2*; {@code neither} otherwise; {@code no_r2star}, {@code no_white_matter} or {@code no_voxels} when a
 * term is missing. The thresholds are parameters (data), defaults {@link Params#DEFAULTS}: a convention of this
 * operator (about the spread of nucleus medians between healthy subjects), not a published cut-off.
 */
public final class NucleusMeasurements {

    private NucleusMeasurements() {}

    /** The default nuclei: the seven of issue 18. */
    public static final String DEFAULT_NUCLEI =
            "caudate, putamen, globus pallidus, thalamus, substantia nigra, red nucleus, dentate";
    /** The default CSF reference: the lateral ventricles (FreeSurfer), the phantom's ventricular "CSF". */
    public static final String DEFAULT_CSF = "lateral ventricle, csf";
    /** The default white-matter reference: FreeSurfer's cerebral white matter, the phantom's white matter. */
    public static final String DEFAULT_WHITE_MATTER = "cerebral white matter, white matter";

    /** {@code alt_reference}: white matter when the reference is CSF, CSF otherwise; left out with a warning if absent. */
    public static final String AUTO = "auto";
    /** {@code alt_reference} and the reference of R2* rows: no reference. */
    public static final String NONE = "none";

    /** The maps measured, as written in the {@code map} column. */
    public static final String CHI = "chi";

    public static final String R2STAR = "r2star";

    /** Where χ is referenced. */
    public enum Reference {
        CSF("csf"),
        WHITE_MATTER("white_matter"),
        WHOLE_BRAIN("whole_brain");

        private final String word;

        Reference(String word) {
            this.word = word;
        }

        /** As written in tables and parameters. */
        public String word() {
            return word;
        }

        /** The reference written as {@link #word()}. */
        public static Reference parse(String parameter, String text) {
            for (Reference r : values()) {
                if (r.word.equals(text)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("parameter '" + parameter + "' is '" + text + "'; it takes "
                    + Arrays.stream(values()).map(Reference::word).collect(Collectors.joining(", ")));
        }

        /** The default alternative: white matter beside CSF, CSF beside the others. */
        public Reference defaultAlternative() {
            return this == CSF ? WHITE_MATTER : CSF;
        }
    }

    /**
     * @param nuclei                 the structures to report, in row order
     * @param reference              the reference of the χ rows
     * @param altReference           the second reference: a {@link Reference#word()}, {@link #AUTO} or {@link #NONE}
     * @param csfStructures          what the CSF reference is made of
     * @param whiteMatterStructures  what white matter is made of (reference and pattern baseline)
     * @param erode                  voxel layers taken off every region (≥ 0)
     * @param chiUnit                unit of χ in and out (ppm or ppb)
     * @param patternChiThresholdPpm t_χ in ppm
     * @param patternR2StarThreshold t_R2* in 1/s
     */
    public record Params(
            List<Structure> nuclei,
            Reference reference,
            String altReference,
            List<Structure> csfStructures,
            List<Structure> whiteMatterStructures,
            int erode,
            PhysicalUnit chiUnit,
            double patternChiThresholdPpm,
            double patternR2StarThreshold) {

        public static final Params DEFAULTS = new Params(
                Structure.parseList("nuclei", DEFAULT_NUCLEI),
                Reference.CSF,
                AUTO,
                Structure.parseList("csf_structures", DEFAULT_CSF),
                Structure.parseList("white_matter_structures", DEFAULT_WHITE_MATTER),
                1,
                PhysicalUnit.PPM,
                0.01,
                2.0);

        public Params {
            nuclei = List.copyOf(nuclei);
            csfStructures = List.copyOf(csfStructures);
            whiteMatterStructures = List.copyOf(whiteMatterStructures);
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(altReference, "altReference");
            if (erode < 0) {
                throw new IllegalArgumentException("parameter 'erode' must be ≥ 0, got " + erode);
            }
            if (chiUnit != PhysicalUnit.PPM && chiUnit != PhysicalUnit.PPB) {
                throw new IllegalArgumentException("parameter 'chi_unit' must be ppm or ppb, got " + chiUnit);
            }
        }
    }

    /**
     * A label map on the χ grid with its legend.
     *
     * @param port   where it came from (named in messages)
     * @param values the label of every voxel (x fastest), 0 = background
     * @param legend its names
     */
    public record LabelMap(String port, int[] values, LabelTable legend) {}

    /**
     * What is measured, all on one grid (x fastest).
     *
     * @param chi    χ in {@link Params#chiUnit()}
     * @param r2star R2* in 1/s, or null
     * @param labels a label map, or null
     * @param nuclei a label map drawn over {@code labels}, or null (not both null)
     * @param mask   the brain mask, or null
     */
    public record Input(
            VoxelGrid grid,
            Geometry geometry,
            float[] chi,
            float[] r2star,
            LabelMap labels,
            LabelMap nuclei,
            boolean[] mask) {}

    /**
     * One row of the measurements table.
     *
     * @param labels             the label values of the row's regions, {@code +}-joined, ascending
     * @param reference          a {@link Reference#word()} or {@link #NONE}
     * @param referenceMedian    median χ of the reference (row's unit), NaN with none
     * @param altReference       as {@code reference}, for the alternative
     * @param altReferenceMedian as {@code referenceMedian}
     */
    public record Row(
            String nucleus,
            Hemisphere hemisphere,
            String labels,
            String map,
            PhysicalUnit unit,
            SampleStatistics statistics,
            String reference,
            double referenceMedian,
            String altReference,
            double altReferenceMedian) {

        public double meanReferenced() {
            return statistics.mean() - referenceMedian;
        }

        public double medianReferenced() {
            return statistics.median() - referenceMedian;
        }

        public double meanAltReferenced() {
            return statistics.mean() - altReferenceMedian;
        }

        public double medianAltReferenced() {
            return statistics.median() - altReferenceMedian;
        }

        /** Voxels left out: NaN and ±∞. */
        public long excluded() {
            return statistics.nNaN() + statistics.nInf();
        }
    }

    /**
     * One χ–R2* pair: a point of the χ–R2* scatter chart (x = referenced χ median with its referenced quartiles, y =
     * R2* median with its quartiles, one series per nucleus, marker per hemisphere).
     */
    public record Pair(
            String nucleus,
            Hemisphere hemisphere,
            String labels,
            long n,
            PhysicalUnit chiUnit,
            SampleStatistics chi,
            SampleStatistics r2star,
            String reference,
            double referenceMedian,
            double chiBaselineMedian,
            double r2starBaselineMedian,
            double chiThreshold,
            double r2starThreshold,
            String pattern) {

        public double deltaChi() {
            return chi.median() - chiBaselineMedian;
        }

        public double deltaR2star() {
            return r2star == null ? Double.NaN : r2star.median() - r2starBaselineMedian;
        }
    }

    /**
     * The result: rows, pairs, and what the run should tell the user.
     *
     * @param warnings doubtful but valid results (a nucleus absent, eroded away, an alternative reference absent)
     * @param log      what was done (plane, erosion, reference sizes)
     */
    public record Result(
            List<Row> measurements,
            List<Pair> pairs,
            MidSagittalPlane plane,
            List<String> warnings,
            List<String> log) {}

    /** A (map, value) region of the combined label map. */
    private record Region(int id, LabelMap map, int value, LabelEntry entry) {
        String describe() {
            return (entry == null ? "label " + value : "'" + entry.name() + "' (" + value + ")") + " of input '"
                    + map.port() + "'";
        }
    }

    /**
     * A reference region after erosion: its finite χ voxels and their median, the median of R2* (NaN without a map),
     * its voxels before erosion.
     */
    private record ReferenceRegion(String word, long n, double chiMedian, double r2starMedian, long before) {}

    /** The median and count of the finite values where {@code where} holds (a selection, not a sort: O(n)). */
    private record Median(long n, long nonFinite, double median) {}

    /**
     * Measures every nucleus of {@code params} (see the class comment).
     *
     * @throws IllegalArgumentException bad input, naming the parameter, port or structure: no label map, a reference
     *     region absent from the legends or empty after erosion, a structure matched by two requested nuclei
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static Result measure(Input in, Params params, Cancellation cancellation) {
        if (in.labels() == null && in.nuclei() == null) {
            throw new IllegalArgumentException(
                    "no label map: connect input 'labels' (e.g. FreeSurfer aseg on the χ grid) or input 'nuclei'"
                            + " (e.g. grown substantia nigra, red nucleus, dentate), or both");
        }
        VoxelGrid grid = in.grid();
        int size = grid.size();
        List<String> warnings = new ArrayList<>();
        List<String> log = new ArrayList<>();

        // 1. the combined region map: nuclei over labels, inside the mask
        List<Region> regions = new ArrayList<>();
        regions.add(null); // id 0 = background
        int[] labelIds = idsOf(in.labels(), regions);
        int[] nucleusIds = idsOf(in.nuclei(), regions);
        int[] combined = new int[size];
        for (int n = 0; n < size; n++) {
            int id = nucleusIds != null && nucleusIds[n] > 0 ? nucleusIds[n] : labelIds != null ? labelIds[n] : 0;
            combined[n] = in.mask() == null || in.mask()[n] ? id : 0;
        }
        long[] before = countPerId(combined, regions.size());
        cancellation.throwIfCancelled("nucleus measurements");

        // 2. erosion of every region (and of the brain mask, the whole-brain region)
        int[] eroded = LabelErosion.eroded(combined, grid.nx(), grid.ny(), grid.nz(), params.erode());
        long[] after = countPerId(eroded, regions.size());
        if (params.erode() > 0) {
            log.add("erosion by " + params.erode() + " voxel layer(s): "
                    + Arrays.stream(after).skip(1).sum() + " of "
                    + Arrays.stream(before).skip(1).sum() + " labelled voxels kept");
        }
        boolean[] brain = null;
        long brainBefore = 0;
        if (in.mask() != null) {
            int[] m = new int[size];
            for (int n = 0; n < size; n++) {
                m[n] = in.mask()[n] ? 1 : 0;
                brainBefore += m[n];
            }
            int[] e = LabelErosion.eroded(m, grid.nx(), grid.ny(), grid.nz(), params.erode());
            brain = new boolean[size];
            for (int n = 0; n < size; n++) {
                brain[n] = e[n] == 1;
            }
        }
        cancellation.throwIfCancelled("nucleus measurements");

        // 3. references
        Reference reference = params.reference();
        ReferenceRegion ref = referenceRegion(
                reference, "reference", in, params, regions, eroded, before, brain, brainBefore, true, warnings);
        ReferenceRegion alt = null;
        String altWord = params.altReference();
        if (!altWord.equals(NONE)) {
            boolean automatic = altWord.equals(AUTO);
            Reference altReference =
                    automatic ? reference.defaultAlternative() : Reference.parse("alt_reference", altWord);
            if (altReference == reference) {
                throw new IllegalArgumentException("parameter 'alt_reference' is '" + altWord
                        + "', the same as parameter 'reference'; choose another, auto or none");
            }
            alt = referenceRegion(
                    altReference,
                    "alt_reference",
                    in,
                    params,
                    regions,
                    eroded,
                    before,
                    brain,
                    brainBefore,
                    !automatic,
                    warnings);
        }
        ReferenceRegion whiteMatter = ref.word().equals(Reference.WHITE_MATTER.word())
                ? ref
                : alt != null && alt.word().equals(Reference.WHITE_MATTER.word())
                        ? alt
                        : whiteMatterIfAny(in, params, regions, eroded, before);
        for (ReferenceRegion r : new ReferenceRegion[] {ref, alt}) {
            if (r != null) {
                log.add(String.format(
                        Locale.ROOT,
                        "reference %s: %d voxels after erosion (%d before), median χ %.5g %s",
                        r.word(),
                        r.n(),
                        r.before(),
                        r.chiMedian(),
                        params.chiUnit().symbol()));
            }
        }

        // 4. nuclei: which regions, which side
        int nuclei = params.nuclei().size();
        int[] nucleusOf = new int[regions.size()];
        Arrays.fill(nucleusOf, -1);
        List<Structure> found = new ArrayList<>();
        for (Structure s : params.nuclei()) {
            List<Region> matched = regions.stream()
                    .filter(r -> r != null && r.entry() != null && s.matches(r.entry()))
                    .toList();
            if (matched.isEmpty()) {
                warnings.add("nucleus '" + s.name() + "' (" + String.join(" | ", s.spellings()) + ") is "
                        + absentWhy(s, in) + "; its rows are left out of the tables");
                continue;
            }
            for (Region r : matched) {
                if (nucleusOf[r.id()] >= 0) {
                    throw new IllegalArgumentException("parameter 'nuclei': " + r.describe() + " is matched by both '"
                            + found.get(nucleusOf[r.id()]).name() + "' and '" + s.name() + "'");
                }
                nucleusOf[r.id()] = found.size();
            }
            found.add(s);
        }
        boolean needsPlane = false;
        Hemisphere[] sideOf = new Hemisphere[regions.size()];
        for (Region r : regions) {
            if (r != null && nucleusOf[r.id()] >= 0) {
                Hemisphere h = r.entry().hemisphere();
                sideOf[r.id()] = h == Hemisphere.LEFT || h == Hemisphere.RIGHT ? h : null;
                needsPlane |= sideOf[r.id()] == null;
            }
        }
        MidSagittalPlane plane = null;
        if (needsPlane) {
            plane = MidSagittalPlane.of(in.geometry(), grid, in.mask());
            log.add("labels with no side split at the " + plane.how());
        }

        // 5. the values of each (nucleus, side): side 0 left, 1 right, 2 on the plane
        int k = found.size();
        int[][] count = new int[k][3];
        byte[] side = new byte[size];
        double[] d = plane == null ? null : plane.distanceCoefficients(in.geometry());
        for (int z = 0, n = 0; z < grid.nz(); z++) {
            for (int y = 0; y < grid.ny(); y++) {
                for (int x = 0; x < grid.nx(); x++, n++) {
                    int id = eroded[n];
                    if (id == 0 || nucleusOf[id] < 0) {
                        continue;
                    }
                    Hemisphere h = sideOf[id];
                    if (h == null) {
                        h = MidSagittalPlane.sideOf(d[0] + x * d[1] + y * d[2] + z * d[3]);
                    }
                    byte s = (byte) (h == Hemisphere.LEFT ? 0 : h == Hemisphere.RIGHT ? 1 : 2);
                    side[n] = s;
                    count[nucleusOf[id]][s]++;
                }
            }
        }
        cancellation.throwIfCancelled("nucleus measurements");
        float[][][] chi = new float[k][3][];
        float[][][] r2 = new float[k][3][];
        for (int a = 0; a < k; a++) {
            for (int s = 0; s < 3; s++) {
                chi[a][s] = new float[count[a][s]];
                r2[a][s] = in.r2star() == null ? null : new float[count[a][s]];
            }
        }
        int[][] fill = new int[k][3];
        for (int n = 0; n < size; n++) {
            int id = eroded[n];
            if (id == 0 || nucleusOf[id] < 0) {
                continue;
            }
            int a = nucleusOf[id];
            int s = side[n];
            int at = fill[a][s]++;
            chi[a][s][at] = in.chi()[n];
            if (in.r2star() != null) {
                r2[a][s][at] = in.r2star()[n];
            }
        }

        // 6. rows and pairs
        double tChi = PhysicalUnit.PPM.convert(params.patternChiThresholdPpm(), params.chiUnit());
        double tR2 = params.patternR2StarThreshold();
        List<Row> rows = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        Hemisphere[] sides = {Hemisphere.LEFT, Hemisphere.RIGHT, Hemisphere.BOTH};
        for (int a = 0; a < k; a++) {
            Structure s = found.get(a);
            for (Hemisphere h : sides) {
                String labels = labelsOf(regions, nucleusOf, sideOf, a, h);
                SampleStatistics chiStats = statistics(chi[a], h);
                SampleStatistics r2Stats = in.r2star() == null ? null : statistics(r2[a], h);
                rows.add(new Row(
                        s.name(),
                        h,
                        labels,
                        CHI,
                        params.chiUnit(),
                        chiStats,
                        ref.word(),
                        ref.chiMedian(),
                        alt == null ? NONE : alt.word(),
                        alt == null ? Double.NaN : alt.chiMedian()));
                if (r2Stats != null) {
                    rows.add(new Row(
                            s.name(),
                            h,
                            labels,
                            R2STAR,
                            PhysicalUnit.PER_SECOND,
                            r2Stats,
                            NONE,
                            Double.NaN,
                            NONE,
                            Double.NaN));
                }
                double chiBase = whiteMatter == null ? Double.NaN : whiteMatter.chiMedian();
                double r2Base = whiteMatter == null ? Double.NaN : whiteMatter.r2starMedian();
                pairs.add(new Pair(
                        s.name(),
                        h,
                        labels,
                        chiStats.n(),
                        params.chiUnit(),
                        chiStats,
                        r2Stats,
                        ref.word(),
                        ref.chiMedian(),
                        chiBase,
                        r2Base,
                        tChi,
                        tR2,
                        pattern(chiStats, r2Stats, chiBase, r2Base, tChi, tR2)));
                if (chiStats.n() == 0 && h == Hemisphere.BOTH) {
                    warnings.add("nucleus '" + s.name() + "' (labels " + labels + ") has no "
                            + (chiStats.nNaN() + chiStats.nInf() > 0 ? "finite χ value" : "voxel")
                            + (params.erode() > 0 ? " left after erosion by " + params.erode() + " voxel layer(s)" : "")
                            + "; its rows have n = 0 and NaN statistics"
                            + (params.erode() > 0 ? " (lower parameter 'erode')" : ""));
                }
            }
        }
        if (whiteMatter == null) {
            warnings.add("no white matter to compare with (parameter 'white_matter_structures': "
                    + Structure.format(params.whiteMatterStructures())
                    + " absent from the legend or eroded away), so the χ–R2* pairs read 'no_white_matter'");
        }
        return new Result(List.copyOf(rows), List.copyOf(pairs), plane, List.copyOf(warnings), List.copyOf(log));
    }

    /** The pattern a χ–R2* pair reads (see the class comment). */
    static String pattern(
            SampleStatistics chi, SampleStatistics r2star, double chiBase, double r2Base, double tChi, double tR2) {
        if (chi.n() == 0) {
            return "no_voxels";
        }
        if (r2star == null || r2star.n() == 0) {
            return "no_r2star";
        }
        if (Double.isNaN(chiBase) || Double.isNaN(r2Base)) {
            return "no_white_matter";
        }
        double dChi = chi.median() - chiBase;
        double dR2 = r2star.median() - r2Base;
        if (dR2 >= tR2 && dChi >= tChi) {
            return "iron";
        }
        if (dR2 >= tR2 && dChi <= -tChi) {
            return "calcium";
        }
        return "neither";
    }

    /** Ids of the (map, value) regions of one map, appended to {@code regions}; null for no map. */
    private static int[] idsOf(LabelMap map, List<Region> regions) {
        if (map == null) {
            return null;
        }
        TreeSet<Integer> present = new TreeSet<>();
        int max = 0;
        for (int v : map.values()) {
            if (v > 0) {
                max = Math.max(max, v);
            }
        }
        boolean[] seen = new boolean[max + 1];
        for (int v : map.values()) {
            seen[v] = true;
        }
        int[] idOfValue = new int[max + 1];
        for (int v = 1; v <= max; v++) {
            if (seen[v]) {
                present.add(v);
                int id = regions.size();
                idOfValue[v] = id;
                regions.add(new Region(id, map, v, map.legend().entry(v).orElse(null)));
            }
        }
        int[] ids = new int[map.values().length];
        for (int n = 0; n < ids.length; n++) {
            ids[n] = idOfValue[map.values()[n]];
        }
        return ids;
    }

    private static long[] countPerId(int[] ids, int regions) {
        long[] c = new long[regions];
        for (int id : ids) {
            c[id]++;
        }
        return c;
    }

    /** Statistics of one side (both: all three parts). */
    private static SampleStatistics statistics(float[][] perSide, Hemisphere h) {
        float[] v;
        if (h == Hemisphere.LEFT) {
            v = perSide[0].clone();
        } else if (h == Hemisphere.RIGHT) {
            v = perSide[1].clone();
        } else {
            v = new float[perSide[0].length + perSide[1].length + perSide[2].length];
            System.arraycopy(perSide[0], 0, v, 0, perSide[0].length);
            System.arraycopy(perSide[1], 0, v, perSide[0].length, perSide[1].length);
            System.arraycopy(perSide[2], 0, v, perSide[0].length + perSide[1].length, perSide[2].length);
        }
        Arrays.sort(v);
        return SampleStatistics.ofSorted(v, 0, v.length);
    }

    /** The label values of nucleus {@code a} on side {@code h}: its sided labels there and its unsided ones. */
    private static String labelsOf(List<Region> regions, int[] nucleusOf, Hemisphere[] sideOf, int a, Hemisphere h) {
        TreeSet<Integer> values = new TreeSet<>();
        for (Region r : regions) {
            if (r != null && nucleusOf[r.id()] == a) {
                Hemisphere s = sideOf[r.id()];
                if (h == Hemisphere.BOTH || s == null || s == h) {
                    values.add(r.value());
                }
            }
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining("+"));
    }

    /** Why a nucleus has no region: not in any legend, or in a legend but on no voxel. */
    private static String absentWhy(Structure s, Input in) {
        List<String> listed = new ArrayList<>();
        for (LabelMap m : new LabelMap[] {in.labels(), in.nuclei()}) {
            if (m != null) {
                m.legend().entries().stream()
                        .filter(s::matches)
                        .forEach(e -> listed.add(e.value() + " of '" + m.port() + "'"));
            }
        }
        return listed.isEmpty()
                ? "not in the legend of " + ports(in)
                : "in the legend (label " + String.join(", ", listed) + ") but on no voxel of the map";
    }

    private static String ports(Input in) {
        return in.labels() != null && in.nuclei() != null
                ? "input 'labels' or input 'nuclei'"
                : "input '" + (in.labels() != null ? in.labels() : in.nuclei()).port() + "'";
    }

    private static List<Structure> structuresOf(Reference r, Params p) {
        return r == Reference.CSF ? p.csfStructures() : p.whiteMatterStructures();
    }

    private static String parameterOf(Reference r) {
        return r == Reference.CSF ? "csf_structures" : "white_matter_structures";
    }

    /**
     * The reference region after erosion, or null (with a warning) when it is absent or empty and not
     * {@code required}.
     */
    private static ReferenceRegion referenceRegion(
            Reference r,
            String parameter,
            Input in,
            Params p,
            List<Region> regions,
            int[] eroded,
            long[] before,
            boolean[] brain,
            long brainBefore,
            boolean required,
            List<String> warnings) {
        String what = "parameter '" + parameter + "' = " + r.word();
        if (r == Reference.WHOLE_BRAIN) {
            if (brain == null) {
                return refuse(
                        required, warnings, what + " needs input 'mask' (the brain mask), which is not connected");
            }
            Median chi = medianWhere(in.chi(), brain);
            if (chi.n() == 0) {
                return refuse(
                        required,
                        warnings,
                        what + ": the brain mask (input 'mask') has "
                                + (chi.nonFinite() > 0
                                        ? "no finite χ value"
                                        : "no voxel left after erosion by " + p.erode() + " voxel layer(s)")
                                + " (" + brainBefore + " voxels before erosion); lower parameter 'erode'");
            }
            return new ReferenceRegion(r.word(), chi.n(), chi.median(), r2Median(in, brain), brainBefore);
        }
        List<Structure> structures = structuresOf(r, p);
        boolean[] member = new boolean[regions.size()];
        List<String> matched = new ArrayList<>();
        long voxelsBefore = 0;
        for (Region g : regions) {
            if (g != null && g.entry() != null && structures.stream().anyMatch(s -> s.matches(g.entry()))) {
                member[g.id()] = true;
                matched.add(String.valueOf(g.value()));
                voxelsBefore += before[g.id()];
            }
        }
        if (matched.isEmpty()) {
            return refuse(
                    required,
                    warnings,
                    what + " needs " + Structure.format(structures) + " (parameter '" + parameterOf(r)
                            + "') but the legend of " + ports(in) + " has none of them; it has "
                            + legendStructures(in) + " — name the structure in '" + parameterOf(r)
                            + "' or choose another reference");
        }
        boolean[] where = new boolean[eroded.length];
        for (int n = 0; n < eroded.length; n++) {
            where[n] = member[eroded[n]];
        }
        Median chi = medianWhere(in.chi(), where);
        if (chi.n() == 0) {
            return refuse(
                    required,
                    warnings,
                    what + ": the region " + Structure.format(structures) + " (labels " + String.join("+", matched)
                            + ") has "
                            + (chi.nonFinite() > 0
                                    ? "no finite χ value"
                                    : "no voxel left after erosion by " + p.erode() + " voxel layer(s)")
                            + " (" + voxelsBefore + " voxels before erosion"
                            + (in.mask() != null ? ", inside the mask" : "")
                            + "); lower parameter 'erode' or choose another reference");
        }
        return new ReferenceRegion(r.word(), chi.n(), chi.median(), r2Median(in, where), voxelsBefore);
    }

    private static ReferenceRegion refuse(boolean required, List<String> warnings, String message) {
        if (required) {
            throw new IllegalArgumentException(message);
        }
        warnings.add(message + "; the alternative reference is left out (alt_reference = none)");
        return null;
    }

    /** White matter as the pattern baseline when it is neither reference; null if absent or empty. */
    private static ReferenceRegion whiteMatterIfAny(
            Input in, Params p, List<Region> regions, int[] eroded, long[] before) {
        List<String> ignored = new ArrayList<>();
        return referenceRegion(
                Reference.WHITE_MATTER,
                "white_matter_structures",
                in,
                p,
                regions,
                eroded,
                before,
                null,
                0,
                false,
                ignored);
    }

    private static Median medianWhere(float[] values, boolean[] where) {
        int c = 0;
        for (boolean w : where) {
            c += w ? 1 : 0;
        }
        float[] v = new float[c];
        int finite = 0;
        for (int n = 0, i = 0; n < values.length; n++) {
            if (where[n]) {
                v[i++] = values[n];
                finite += Float.isFinite(values[n]) ? 1 : 0;
            }
        }
        return new Median(finite, c - finite, SampleStatistics.medianInPlace(v, 0, c));
    }

    private static double r2Median(Input in, boolean[] where) {
        return in.r2star() == null
                ? Double.NaN
                : medianWhere(in.r2star(), where).median();
    }

    /** The structures of the legends, for messages (at most 30). */
    private static String legendStructures(Input in) {
        TreeSet<String> s = new TreeSet<>();
        for (LabelMap m : new LabelMap[] {in.labels(), in.nuclei()}) {
            if (m != null) {
                s.addAll(m.legend().structures());
            }
        }
        if (s.isEmpty()) {
            return "no entries";
        }
        List<String> list = new ArrayList<>(s);
        return list.size() > 30
                ? String.join(", ", list.subList(0, 30)) + " … (" + list.size() + " in all)"
                : String.join(", ", list);
    }
}
