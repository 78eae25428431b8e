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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Converts every dataset in {@code testdata/dicom} that has dcm2niix reference outputs ({@code Ref/}) with
 * {@link DicomConverter} and compares each output with its reference, one dynamic test per reference file:
 * <ol>
 * <li><b>Names.</b> The dataset is converted with the {@code -f} template its references were made with
 *     (see {@link #DATASETS}); every reference must have an output of the same name, except the renamings in
 *     {@link #RENAMED}, and there must be no output without a reference.</li>
 * <li><b>Geometry.</b> Every voxel centre of ours, mapped to patient mm by our affine and into the
 *     reference grid by its affine, must land within 10⁻³ mm of a reference voxel centre, inside the grid;
 *     both grids have the same number of voxels, so the map is one to one. (dcm2niix flips the row order and
 *     stores RAS; mapping through both affines makes the comparison independent of storage order.)</li>
 * <li><b>Voxel values.</b> At each mapped voxel, ours must equal the reference's scaled value
 *     ({@code scl_slope · stored + scl_inter}) to float precision (10⁻⁵ relative), after the value
 *     conversions in {@link #valueMap}.</li>
 * <li><b>Sidecar.</b> Every key we write that the reference also has must have the same value (numbers
 *     to 10⁻⁶ relative), except the differences in {@link #SIDECAR_DIFFERENCES}; and the keys Ferrum
 *     claims ({@link #CLAIMED}) must be present in ours when the reference has them.</li>
 * </ol>
 *
 * <h2>Deliberate differences (also in {@code testdata/dicom/README.md})</h2>
 * <ul>
 * <li><b>Phase values are radians.</b> dcm2niix writes Siemens phase as the scanner stores it
 *     (−4096…4094 after its scl_slope 2, scl_inter −4096); Ferrum writes radians, π·value/4096, because
 *     every Ferrum operator and the BIDS {@code Units: rad} convention expect radians. Compared after
 *     multiplying the reference by π/4096.</li>
 * <li><b>Data type.</b> dcm2niix keeps the stored integers with scl_slope/scl_inter; Ferrum writes the
 *     physical values, as int16/uint16 when they are integers that fit, else float32 (phase in radians,
 *     Philips floating-point magnitude). The values agree; file sizes can differ.</li>
 * <li><b>Philips field map echo number.</b> dcm2niix names the Philips B0 map {@code _e2_fieldmaphz} and
 *     the magnitude {@code _e1}, and writes EchoNumber 2 for the map; the file says EchoNumbers (0018,0086)
 *     = 1 for every frame of both, and the map's EffectiveEchoTime is 0 (it is not an echo). Ferrum follows
 *     the file: {@code Ph_801_WIP_B0_NS} and {@code Ph_801_WIP_B0_NS_fieldmaphz}, EchoNumber 1.</li>
 * <li><b>AcquisitionTime</b> of classic multi-slice series: Ferrum writes the earliest image's time (the
 *     acquisition start, where dcm2niix's own SliceTiming has its zero); dcm2niix writes the first file's.
 *     For enhanced objects both take Acquisition DateTime.</li>
 * <li><b>Philips B0 map scaling</b>: dcm2niix writes scl_slope 0.24420166 and scl_inter −499.99994 where the
 *     file says 0.2442 and −500; values differ by up to 0.006 Hz.</li>
 * <li><b>ImageType value ECHO_00</b> (dcm_qa_nih): dcm2niix splits it into ECHO and 00; Ferrum keeps the
 *     file's values.</li>
 * <li><b>ImageType</b>: dcm2niix since 2024 appends the image kind (MAGNITUDE, PHASE, FIELDMAPHZ) when it is
 *     not already a value; so does Ferrum. Older references (dcm_qa_ts, dcm_qa_ge, made in 2021) lack the
 *     appended word, so ours is compared with the kind word removed when the reference lacks it. For
 *     Philips enhanced magnitude, dcm2niix writes the file-level Image Type without MAGNITUDE while Ferrum
 *     appends it (the frame's Complex Image Component says MAGNITUDE).</li>
 * </ul>
 */
class DicomConverterReferenceTest {

    /** Values agree to this relative tolerance (float32 rounding of scaled integers). */
    static final double VALUE_TOLERANCE = 1e-5;
    /** Geometry tolerance in mm. */
    static final double GEOMETRY_TOLERANCE_MM = 1e-3;

    /**
     * A dataset: its folder under testdata/dicom, the input folder converted (relative to it), and the
     * dcm2niix {@code -f} template its references were made with (read off the reference names; the
     * folders' batch.sh files were not copied).
     */
    record Dataset(String name, String input, String template) {}

    static final List<Dataset> DATASETS = List.of(
            new Dataset("dcm_qa_fmap", "In", "%m_%s_%p"),
            new Dataset("dcm_qa_enh", "In/Siemens", "%f_%p_%s"),
            new Dataset("dcm_qa_ge", "In", "%d_%s"),
            new Dataset("dcm_qa_nih", "In", "%d_%s"),
            new Dataset("heudiconv", "MEGRE", "%s_%d_e%e_%p"));

    /** Reference name → our name, where Ferrum deliberately names differently (see the class comment). */
    static final Map<String, String> RENAMED = Map.of(
            "dcm_qa_fmap/Ph_801_WIP_B0_NS_e1", "Ph_801_WIP_B0_NS",
            "dcm_qa_fmap/Ph_801_WIP_B0_NS_e2_fieldmaphz", "Ph_801_WIP_B0_NS_fieldmaphz");

    private static final String FIRST_NOT_EARLIEST =
            "AcquisitionTime: ours is the earliest image's (the acquisition start,"
                    + " where dcm2niix's SliceTiming has its 0), dcm2niix's the first file's";

    /** (reference output, key) pairs whose values deliberately differ, with the reason. */
    static final Map<String, String> SIDECAR_DIFFERENCES = Map.of(
            "dcm_qa_fmap/Ph_801_WIP_B0_NS_e2_fieldmaphz EchoNumber",
            "the file says EchoNumbers 1 for the B0 map frames; dcm2niix counts the map as echo 2",
            "dcm_qa_nih/EPI_PE=AP_3 ImageType",
            "the file's Image Type has the value ECHO_00, which dcm2niix splits into ECHO and 00; ours keeps the file's values",
            "dcm_qa_fmap/Si_2_gre_field_magph_e1 AcquisitionTime",
            FIRST_NOT_EARLIEST,
            "dcm_qa_fmap/Si_2_gre_field_magph_e2 AcquisitionTime",
            FIRST_NOT_EARLIEST,
            "dcm_qa_fmap/Si_3_gre_field_magph_e2_ph AcquisitionTime",
            FIRST_NOT_EARLIEST);

    /**
     * Outputs whose values may differ by more than float precision, with the tolerance (relative to the
     * largest value) and the reason.
     */
    static final Map<String, Double> VALUE_TOLERANCES = Map.of(
            // dcm2niix stores this B0 map with scl_slope 0.24420166 (= 4001/2^14) and scl_inter -499.99994, where
            // the file's Rescale and Real World Value Mapping say 0.2442 and -500: up to 0.006 Hz (1.2e-5 of the range)
            "dcm_qa_fmap/Ph_801_WIP_B0_NS_e2_fieldmaphz", 2e-5);

    /** The sidecar keys Ferrum claims to write like dcm2niix whenever the data has them. */
    static final Set<String> CLAIMED = Set.of(
            "Modality",
            "MagneticFieldStrength",
            "Manufacturer",
            "ManufacturersModelName",
            "ImageType",
            "SeriesDescription",
            "ProtocolName",
            "SeriesNumber",
            "EchoNumber",
            "EchoTime",
            "RepetitionTime",
            "FlipAngle",
            "SliceThickness",
            "AcquisitionTime");

    /** Keys compared only by the special rules above, or meaningless to compare. */
    static final Set<String> NOT_COMPARED = Set.of("ImageType", "ConversionSoftware", "ConversionSoftwareVersion");

    private static final Map<String, Path> CONVERTED = new ConcurrentHashMap<>();
    private static final Map<String, ConversionReport> REPORTS = new ConcurrentHashMap<>();
    private static Path tmp;

    @AfterAll
    static void cleanUp() throws IOException {
        if (tmp != null) {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    static synchronized Path converted(Dataset d) throws IOException {
        Path out = CONVERTED.get(d.name());
        if (out != null) {
            return out;
        }
        if (tmp == null) {
            tmp = Files.createTempDirectory("ferrum-convert-ref");
        }
        out = tmp.resolve(d.name());
        DicomConverter c =
                new DicomConverter(DicomConverter.Options.defaults().withNaming(NameTemplate.parse(d.template())));
        ConversionReport r = c.convert(
                TestData.path("dicom/" + d.name() + "/" + d.input()), out, DicomConverter.SILENT, Cancellation.NEVER);
        REPORTS.put(d.name(), r);
        CONVERTED.put(d.name(), out);
        return out;
    }

    static List<String> stems(Path dir, String extension) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(extension))
                    .map(n -> n.substring(0, n.length() - extension.length()))
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicNode> everyReferenceOutputIsMatchedVoxelByVoxel() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Dataset d : DATASETS) {
            Path refDir = TestData.root().resolve("dicom").resolve(d.name()).resolve("Ref");
            List<String> refs;
            try {
                refs = stems(refDir, ".nii");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (refs.isEmpty()) {
                continue; // no reference in this checkout
            }
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("every series converts and every output has a reference", () -> {
                Path out = converted(d);
                ConversionReport r = REPORTS.get(d.name());
                assertTrue(r.skipped().isEmpty(), "skipped: " + r.skipped());
                Set<String> expected = refs.stream()
                        .map(n -> RENAMED.getOrDefault(d.name() + "/" + n, n))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(expected, new TreeSet<>(stems(out, ".nii")), "output names of " + d.name());
                assertEquals(expected, new TreeSet<>(stems(out, ".json")), "sidecar names of " + d.name());
            }));
            for (String ref : refs) {
                tests.add(DynamicTest.dynamicTest(ref, () -> compareOne(d, refDir, ref)));
            }
            nodes.add(DynamicContainer.dynamicContainer(d.name() + " (-f " + d.template() + ")", tests));
        }
        assertFalse(
                nodes.isEmpty(),
                "no dataset with dcm2niix references in " + TestData.root().resolve("dicom"));
        return nodes.stream();
    }

    static void compareOne(Dataset d, Path refDir, String ref) throws IOException {
        Path out = converted(d);
        String ours = RENAMED.getOrDefault(d.name() + "/" + ref, ref);
        Path ourImage = out.resolve(ours + ".nii");
        assertTrue(
                Files.isRegularFile(ourImage),
                "no output " + ourImage.getFileName() + " for reference " + ref + "; written: " + stems(out, ".nii"));
        BidsSidecar ourJson = BidsSidecar.read(out.resolve(ours + ".json"));
        BidsSidecar refJson = BidsSidecar.read(refDir.resolve(ref + ".json"));

        Volume<FloatType> mine = VolumeFiles.readFloat(ourImage);
        Volume<FloatType> theirs = VolumeFiles.readFloat(refDir.resolve(ref + ".nii"));
        String where = d.name() + "/" + ref;
        double tolerance = VALUE_TOLERANCES.getOrDefault(where, VALUE_TOLERANCE);
        Comparison c = compare(mine, theirs, valueMap(ourJson, refJson), tolerance);
        assertEquals(0, c.outside, where + ": voxels of ours outside the reference grid");
        assertEquals(c.voxels, voxels(theirs), where + ": voxel counts differ (ours " + c.voxels + ")");
        assertTrue(
                c.maxGeometryErrorMm <= GEOMETRY_TOLERANCE_MM,
                where + ": voxel centres differ by up to " + c.maxGeometryErrorMm + " mm");
        assertTrue(
                c.maxValueError <= tolerance,
                where + ": values differ by up to " + c.maxValueError + " (relative), first at " + c.firstBad);

        compareSidecars(where, ourJson, refJson);
    }

    /**
     * How a reference value becomes the value Ferrum writes: Siemens phase ×π/4096 (radians); everything
     * else unchanged.
     */
    static DoubleUnaryOperator valueMap(BidsSidecar ours, BidsSidecar ref) {
        boolean phase = ours.units().filter("rad"::equals).isPresent();
        if (phase && ref.manufacturer().filter("Siemens"::equals).isPresent()) {
            return v -> v * Math.PI / 4096;
        }
        if (phase) {
            fail("no rule to compare " + ref.manufacturer() + " phase with a dcm2niix reference");
        }
        return v -> v;
    }

    static void compareSidecars(String where, BidsSidecar ours, BidsSidecar ref) {
        List<String> problems = new ArrayList<>();
        for (String key : CLAIMED) {
            if (ref.get(key).isPresent()
                    && ours.get(key).isEmpty()
                    && !SIDECAR_DIFFERENCES.containsKey(where + " " + key)) {
                problems.add(key + " missing (reference: " + ref.get(key).get() + ")");
            }
        }
        for (String key : ours.keys()) {
            Optional<JsonNode> r = ref.get(key);
            if (r.isEmpty() || NOT_COMPARED.contains(key) || SIDECAR_DIFFERENCES.containsKey(where + " " + key)) {
                continue;
            }
            JsonNode o = ours.get(key).orElseThrow();
            if (!sameValue(o, r.get())) {
                problems.add(key + ": ours " + o + ", reference " + r.get());
            }
        }
        List<String> ourType = ours.imageType();
        List<String> refType = ref.imageType();
        if (!ourType.equals(refType) && !SIDECAR_DIFFERENCES.containsKey(where + " ImageType")) {
            List<String> trimmed = new ArrayList<>(ourType);
            if (!trimmed.isEmpty() && !refType.contains(trimmed.get(trimmed.size() - 1))) {
                trimmed.remove(trimmed.size() - 1); // the appended kind word an older (or Philips) reference lacks
            }
            if (!trimmed.equals(refType)) {
                problems.add("ImageType: ours " + ourType + ", reference " + refType);
            }
        }
        assertTrue(problems.isEmpty(), where + " sidecar: " + String.join("; ", problems));
    }

    /**
     * Equal strings or arrays; numbers equal at the reference's printed precision (dcm2niix prints six
     * significant digits in older versions: ImagingFrequency 123.253508 MHz is written 123.254).
     */
    static boolean sameValue(JsonNode ours, JsonNode ref) {
        if (ours.isNumber() && ref.isNumber()) {
            BigDecimal r = ref.decimalValue().stripTrailingZeros();
            BigDecimal o = ours.decimalValue();
            if (r.signum() == 0) {
                return o.abs().compareTo(new BigDecimal("1e-9")) <= 0;
            }
            BigDecimal rounded = o.round(new MathContext(Math.max(1, r.precision()), RoundingMode.HALF_EVEN));
            return rounded.compareTo(r) == 0
                    || Math.abs(ours.doubleValue() - ref.doubleValue()) <= 1e-9 * Math.abs(ref.doubleValue());
        }
        return ours.equals(ref);
    }

    static long voxels(Volume<?> v) {
        long n = 1;
        for (long d : v.dimensions()) {
            n *= d;
        }
        return n;
    }

    static final class Comparison {
        long voxels;
        long outside;
        double maxGeometryErrorMm;
        double maxValueError;
        String firstBad = "-";
    }

    /**
     * Maps every voxel of ours (all frames) into the reference: patient mm through our affine, reference
     * index through its inverse, rounded; records the distance between our centre and the reference centre
     * and the relative value difference.
     */
    static Comparison compare(
            Volume<FloatType> ours, Volume<FloatType> ref, DoubleUnaryOperator refToOurs, double tolerance) {
        Comparison c = new Comparison();
        Geometry go = ours.geometry(), gr = ref.geometry();
        long[] d = ours.dimensions();
        long[] rd = ref.dimensions();
        long frames = d.length > 3 ? d[3] : 1;
        long refFrames = rd.length > 3 ? rd[3] : 1;
        assertEquals(refFrames, frames, "frames (4th dimension)");
        RandomAccess<FloatType> oa = ours.image().randomAccess();
        RandomAccess<FloatType> ra = ref.image().randomAccess();
        long[] op = new long[d.length];
        long[] rp = new long[rd.length];
        double scale = 0;
        for (FloatType t : ref.image()) {
            scale = Math.max(scale, Math.abs(refToOurs.applyAsDouble(t.getRealDouble())));
        }
        scale = Math.max(scale, 1e-12);
        for (long k = 0; k < d[2]; k++) {
            for (long j = 0; j < d[1]; j++) {
                for (long i = 0; i < d[0]; i++) {
                    double[] mm = go.toPatient(i, j, k);
                    double[] v = gr.toVoxel(mm[0], mm[1], mm[2]);
                    boolean in = true;
                    for (int a = 0; a < 3; a++) {
                        rp[a] = Math.round(v[a]);
                        in &= rp[a] >= 0 && rp[a] < rd[a];
                    }
                    double[] back = gr.toPatient(rp[0], rp[1], rp[2]);
                    double dist = Math.sqrt(sq(back[0] - mm[0]) + sq(back[1] - mm[1]) + sq(back[2] - mm[2]));
                    c.maxGeometryErrorMm = Math.max(c.maxGeometryErrorMm, dist);
                    for (long t = 0; t < frames; t++) {
                        c.voxels++;
                        if (!in) {
                            c.outside++;
                            continue;
                        }
                        op[0] = i;
                        op[1] = j;
                        op[2] = k;
                        if (d.length > 3) {
                            op[3] = t;
                            rp[3] = t;
                        }
                        double mine = oa.setPositionAndGet(op).getRealDouble();
                        double expected =
                                refToOurs.applyAsDouble(ra.setPositionAndGet(rp).getRealDouble());
                        double err = Math.abs(mine - expected) / scale;
                        if (err > tolerance && c.maxValueError <= tolerance) {
                            c.firstBad = String.format(
                                    Locale.ROOT,
                                    "ours (%d,%d,%d,%d) = %g, reference %s = %g",
                                    i,
                                    j,
                                    k,
                                    t,
                                    mine,
                                    java.util.Arrays.toString(rp),
                                    expected);
                        }
                        c.maxValueError = Math.max(c.maxValueError, err);
                    }
                }
            }
        }
        return c;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** For messages: the sorted map of a sidecar. */
    static Map<String, String> asMap(BidsSidecar s) {
        Map<String, String> m = new TreeMap<>();
        s.keys().forEach(k -> m.put(k, s.get(k).map(JsonNode::toString).orElse("")));
        return m;
    }
}
