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
package org.ferrum.brain.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.brain.measure.NucleusMeasurements;
import org.ferrum.brain.measure.NucleusTables;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

/**
 * {@code brain.nuclei.measure} on a small FreeSurfer-style brain made of boxes with constant χ and R2* per label, so
 * that every expected figure is counted by hand: a box of a×b×c voxels keeps (a−2)(b−2)(c−2) after one erosion step and
 * its statistics are its constant value.
 */
class NucleusMeasurementsOperatorTest {

    // 24×16×10 voxels of 1 mm, centred on the patient origin: voxel i lies at x = i − 11.5 mm (i ≥ 12: patient left)
    static final VoxelGrid GRID = new VoxelGrid(24, 16, 10, 1, 1, 1);
    static final Geometry GEOMETRY = Geometry.ofAffine(1, 0, 0, -11.5, 0, 1, 0, -7.5, 0, 0, 1, -4.5);

    static final double WM_CHI = -0.03, WM_R2 = 20;
    static final double LEFT_PUTAMEN_CHI = 0.07, RIGHT_PUTAMEN_CHI = 0.04;
    static final double LEFT_PUTAMEN_R2 = 35, RIGHT_PUTAMEN_R2 = 30;
    static final double VENTRICLE_CHI = 0.005, VENTRICLE_R2 = 2;
    static final double CALCIFICATION_CHI = -0.2, CALCIFICATION_R2 = 60;

    /** FreeSurfer's spellings and values; 'Left-Putamen' (12) deliberately on the patient's right. */
    static final LabelTable FREESURFER = LabelTable.of(List.of(
            LabelEntry.named(2, "Left-Cerebral-White-Matter", 0xF5F5F5),
            LabelEntry.named(41, "Right-Cerebral-White-Matter", 0xF5F5F5),
            LabelEntry.named(4, "Left-Lateral-Ventricle", 0x781286),
            LabelEntry.named(43, "Right-Lateral-Ventricle", 0x781286),
            LabelEntry.named(12, "Left-Putamen", 0xEC0DB0),
            LabelEntry.named(51, "Right-Putamen", 0xEC0DB0),
            LabelEntry.named(99, "Calcification", 0xFFFFFF)));

    /** The brain: white matter everywhere, sided by x; boxes of ventricles, putamina and a calcification. */
    static final class Brain {
        final float[] labels = new float[GRID.size()];
        final float[] chi = new float[GRID.size()];
        final float[] r2 = new float[GRID.size()];

        Brain() {
            for (int k = 0, n = 0; k < GRID.nz(); k++) {
                for (int j = 0; j < GRID.ny(); j++) {
                    for (int i = 0; i < GRID.nx(); i++, n++) {
                        set(n, i >= 12 ? 2 : 41, WM_CHI, WM_R2);
                    }
                }
            }
            box(13, 16, 2, 5, 2, 7, 4, VENTRICLE_CHI, VENTRICLE_R2); // left ventricle, 4×4×6
            box(7, 10, 2, 5, 2, 7, 43, VENTRICLE_CHI, VENTRICLE_R2);
            box(2, 6, 8, 13, 2, 7, 12, LEFT_PUTAMEN_CHI, LEFT_PUTAMEN_R2); // 'Left-Putamen' at x < 0, 5×6×6
            box(17, 21, 8, 13, 2, 7, 51, RIGHT_PUTAMEN_CHI, RIGHT_PUTAMEN_R2); // 'Right-Putamen' at x > 0
            box(10, 13, 10, 13, 4, 7, 99, CALCIFICATION_CHI, CALCIFICATION_R2); // 4×4×4 across the midline
        }

        void box(int i0, int i1, int j0, int j1, int k0, int k1, int label, double chiValue, double r2Value) {
            for (int k = k0; k <= k1; k++) {
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        set(GRID.index(i, j, k), label, chiValue, r2Value);
                    }
                }
            }
        }

        void set(int n, int label, double chiValue, double r2Value) {
            labels[n] = label;
            chi[n] = (float) chiValue;
            r2[n] = (float) r2Value;
        }

        Volume<FloatType> labelVolume(LabelTable legend) {
            return VolumeArrays.volume(labels.clone(), GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS)
                    .withLabels(legend);
        }

        Volume<FloatType> chiVolume(PhysicalUnit unit) {
            float[] v = chi.clone();
            float f = (float) PhysicalUnit.PPM.convert(1, unit);
            for (int n = 0; n < v.length; n++) {
                v[n] *= f;
            }
            return VolumeArrays.volume(v, GRID, GEOMETRY, unit);
        }

        Volume<FloatType> r2Volume() {
            return VolumeArrays.volume(r2.clone(), GRID, GEOMETRY, PhysicalUnit.PER_SECOND);
        }
    }

    static OperatorHarness harness(Brain brain) {
        return OperatorHarness.of(new NucleusMeasurementsOperator())
                .input(NucleusMeasurementsOperator.CHI, brain.chiVolume(PhysicalUnit.PPM))
                .input(NucleusMeasurementsOperator.R2STAR, brain.r2Volume())
                .input(NucleusMeasurementsOperator.LABELS, brain.labelVolume(FREESURFER))
                .set(NucleusMeasurementsOperator.NUCLEUS_LIST, "putamen, calcification")
                .set(NucleusMeasurementsOperator.ERODE, 1L);
    }

    /** The row of (nucleus, hemisphere, map). */
    static int row(Table t, String nucleus, String hemisphere, String map) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.text(r, "nucleus").equals(nucleus)
                    && t.text(r, "hemisphere").equals(hemisphere)
                    && (map == null || t.text(r, "map").equals(map))) {
                return r;
            }
        }
        throw new AssertionError("no row " + nucleus + " " + hemisphere + " " + map + " in " + t);
    }

    @Test
    void aFreeSurferLegendGivesLeftAndRightRowsWithoutAMidlineSplit() throws Exception {
        OperatorHarness h = harness(new Brain()).run();
        Table t = h.output(NucleusMeasurementsOperator.MEASUREMENTS);
        List<String> columns = new ArrayList<>();
        t.columns().forEach(c -> columns.add(c.name()));
        assertEquals(NucleusTables.MEASUREMENT_COLUMNS, columns, "the fixed columns, in order");

        // 'Left-Putamen' lies at x < 0 but its legend says left: the legend decides, no plane is used for it
        int left = row(t, "putamen", "left", "chi");
        assertEquals("12", t.text(left, "labels"));
        assertEquals(3 * 4 * 4, t.number(left, "n"), "5×6×6 box eroded once");
        assertEquals(LEFT_PUTAMEN_CHI, t.number(left, "median"), 1e-7);
        assertEquals(LEFT_PUTAMEN_CHI, t.number(left, "mean"), 1e-7);
        assertEquals(0, t.number(left, "iqr"), 1e-7);
        int right = row(t, "putamen", "right", "chi");
        assertEquals("51", t.text(right, "labels"));
        assertEquals(RIGHT_PUTAMEN_CHI, t.number(right, "median"), 1e-7);
        int both = row(t, "putamen", "both", "chi");
        assertEquals("12+51", t.text(both, "labels"));
        assertEquals(96, t.number(both, "n"));
        assertEquals((LEFT_PUTAMEN_CHI + RIGHT_PUTAMEN_CHI) / 2, t.number(both, "mean"), 1e-7);

        // references: the ventricles (4×4×6 boxes → 2×2×4 each) and white matter, side by side
        assertEquals("csf", t.text(left, "reference"));
        assertEquals(VENTRICLE_CHI, t.number(left, "reference_median"), 1e-7);
        assertEquals(LEFT_PUTAMEN_CHI - VENTRICLE_CHI, t.number(left, "median_referenced"), 1e-7);
        assertEquals(LEFT_PUTAMEN_CHI - VENTRICLE_CHI, t.number(left, "mean_referenced"), 1e-7);
        assertEquals("white_matter", t.text(left, "alt_reference"));
        assertEquals(WM_CHI, t.number(left, "alt_reference_median"), 1e-7);
        assertEquals(LEFT_PUTAMEN_CHI - WM_CHI, t.number(left, "median_alt_referenced"), 1e-7);

        int r2 = row(t, "putamen", "left", "r2star");
        assertEquals("1/s", t.text(r2, "unit"));
        assertEquals(LEFT_PUTAMEN_R2, t.number(r2, "median"), 1e-5);
        assertEquals("none", t.text(r2, "reference"));
        assertTrue(Double.isNaN(t.number(r2, "median_referenced")));

        // only the calcification (no side in its name) needed the plane: with no mask, x = 0; it straddles it 2 | 2
        int calcLeft = row(t, "calcification", "left", "chi");
        assertEquals(4, t.number(calcLeft, "n"), "4×4×4 box eroded once: 2×2×2 at x = ±0.5 mm, half of it at x > 0");
        assertEquals(4, t.number(row(t, "calcification", "right", "chi"), "n"));
        assertEquals(8, t.number(row(t, "calcification", "both", "chi"), "n"));
        assertEquals("99", t.text(calcLeft, "labels"));
        assertTrue(
                h.logLines().stream().anyMatch(l -> l.contains("patient origin")),
                h.logLines().toString());
        assertEquals(2 * 3 * 2, t.rowCount(), "2 nuclei × 3 hemispheres × 2 maps");
    }

    @Test
    void withSidedLabelsOnlyThePlaneIsNeverComputed() {
        Brain b = new Brain();
        int[] values = new int[GRID.size()];
        for (int n = 0; n < values.length; n++) {
            values[n] = (int) b.labels[n];
        }
        NucleusMeasurements.Params p = new NucleusMeasurements.Params(
                org.ferrum.brain.measure.Structure.parseList("nuclei", "putamen"),
                NucleusMeasurements.Reference.CSF,
                NucleusMeasurements.AUTO,
                NucleusMeasurements.Params.DEFAULTS.csfStructures(),
                NucleusMeasurements.Params.DEFAULTS.whiteMatterStructures(),
                1,
                PhysicalUnit.PPM,
                0.01,
                2);
        NucleusMeasurements.Result r = NucleusMeasurements.measure(
                new NucleusMeasurements.Input(
                        GRID,
                        GEOMETRY,
                        b.chi,
                        b.r2,
                        new NucleusMeasurements.LabelMap("labels", values, FREESURFER),
                        null,
                        null),
                p,
                Cancellation.NEVER);
        assertNull(r.plane(), "Left-/Right- labels carry their side: no mid-sagittal split");
        assertEquals(Hemisphere.LEFT, r.measurements().get(0).hemisphere());
        assertEquals(LEFT_PUTAMEN_CHI, r.measurements().get(0).statistics().median(), 1e-7);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void pairsReadIronAndCalcium() throws Exception {
        Table pairs = harness(new Brain()).run().output(NucleusMeasurementsOperator.PAIRS);
        int putamen = row(pairs, "putamen", "left", null);
        assertEquals("iron", pairs.text(putamen, "pattern"));
        assertEquals(LEFT_PUTAMEN_CHI - WM_CHI, pairs.number(putamen, "delta_chi"), 1e-7);
        assertEquals(LEFT_PUTAMEN_R2 - WM_R2, pairs.number(putamen, "delta_r2star"), 1e-5);
        assertEquals(LEFT_PUTAMEN_CHI - VENTRICLE_CHI, pairs.number(putamen, "chi_median_referenced"), 1e-7);
        assertEquals(LEFT_PUTAMEN_R2, pairs.number(putamen, "r2star_median"), 1e-5);
        assertEquals(0.01, pairs.number(putamen, "chi_threshold"), 1e-12);
        assertEquals("calcium", pairs.text(row(pairs, "calcification", "both", null), "pattern"));
        assertEquals(2 * 3, pairs.rowCount());
    }

    @Test
    void aWeakContrastReadsNeither() throws Exception {
        // the right putamen is 0.07 ppm above white matter; a threshold of 0.1 ppm no longer calls that raised
        Table pairs = harness(new Brain())
                .set(NucleusMeasurementsOperator.PATTERN_CHI_THRESHOLD, 0.1)
                .run()
                .output(NucleusMeasurementsOperator.PAIRS);
        assertEquals("neither", pairs.text(row(pairs, "putamen", "right", null), "pattern"));
        assertEquals("calcium", pairs.text(row(pairs, "calcification", "both", null), "pattern"));
    }

    @Test
    void ppbIsAThousandTimesPpmWhicheverUnitChiComesIn() throws Exception {
        Brain b = new Brain();
        Table ppm = harness(b).run().output(NucleusMeasurementsOperator.MEASUREMENTS);
        OperatorHarness inPpb = harness(b)
                .input(NucleusMeasurementsOperator.CHI, b.chiVolume(PhysicalUnit.PPB))
                .set(NucleusMeasurementsOperator.CHI_UNIT, "ppb");
        Table ppb = inPpb.run().output(NucleusMeasurementsOperator.MEASUREMENTS);
        Table ppbToPpm = harness(b)
                .input(NucleusMeasurementsOperator.CHI, b.chiVolume(PhysicalUnit.PPB))
                .run()
                .output(NucleusMeasurementsOperator.MEASUREMENTS);
        for (int r = 0; r < ppm.rowCount(); r++) {
            boolean chi = ppm.text(r, "map").equals("chi");
            assertEquals(chi ? "ppb" : "1/s", ppb.text(r, "unit"));
            for (String c : List.of("mean", "median", "q1", "q3", "reference_median", "median_referenced")) {
                double a = ppm.number(r, c);
                if (Double.isNaN(a)) {
                    assertTrue(Double.isNaN(ppb.number(r, c)), c);
                    continue;
                }
                assertEquals((chi ? 1000 : 1) * a, ppb.number(r, c), 1e-4 * Math.max(1, Math.abs(a) * 1000), c);
                assertEquals(a, ppbToPpm.number(r, c), 1e-6, c);
            }
        }
    }

    @Test
    void wholeBrainReferenceIsTheMedianOverTheErodedMask() throws Exception {
        Brain b = new Brain();
        float[] m = new float[GRID.size()];
        java.util.Arrays.fill(m, 1);
        Table t = harness(b)
                .input(
                        NucleusMeasurementsOperator.MASK,
                        VolumeArrays.volume(m, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS))
                .set(NucleusMeasurementsOperator.REFERENCE, "whole_brain")
                .run()
                .output(NucleusMeasurementsOperator.MEASUREMENTS);
        int left = row(t, "putamen", "left", "chi");
        assertEquals("whole_brain", t.text(left, "reference"));
        assertEquals(WM_CHI, t.number(left, "reference_median"), 1e-7, "white matter fills most of the brain");
        assertEquals("csf", t.text(left, "alt_reference"), "auto: csf beside whole_brain");
    }

    @Test
    void nonFiniteVoxelsAreLeftOutAndCounted() throws Exception {
        Brain b = new Brain();
        float[] chi = b.chi.clone();
        chi[GRID.index(4, 10, 4)] = Float.NaN; // inside the eroded 'Left-Putamen' (i 3..5, j 9..12, k 3..6)
        chi[GRID.index(4, 11, 4)] = Float.POSITIVE_INFINITY;
        Table t = harness(b)
                .input(NucleusMeasurementsOperator.CHI, VolumeArrays.volume(chi, GRID, GEOMETRY, PhysicalUnit.PPM))
                .run()
                .output(NucleusMeasurementsOperator.MEASUREMENTS);
        int left = row(t, "putamen", "left", "chi");
        assertEquals(48 - 2, t.number(left, "n"));
        assertEquals(2, t.number(left, "n_excluded"));
        assertEquals(LEFT_PUTAMEN_CHI, t.number(left, "mean"), 1e-7);
        assertEquals(0, t.number(row(t, "putamen", "left", "r2star"), "n_excluded"), "R2* is finite there");
    }

    // ---- bad input ----

    @Test
    void labelsOnAnotherGridAreRefusedNamingBothGridsAndRegistration() {
        Brain b = new Brain();
        Volume<FloatType> shifted = b.labelVolume(FREESURFER).withGeometry(GEOMETRY.translatedBy(2, 0, 0));
        String message =
                harness(b).input(NucleusMeasurementsOperator.LABELS, shifted).runExpectingBadInput();
        assertTrue(message.contains("'labels'") && message.contains("'chi'"), message);
        assertTrue(message.contains("origin (-9.5") && message.contains("origin (-11.5"), message);
        assertTrue(message.contains("registration.apply"), message);
    }

    @Test
    void aReferenceAbsentFromTheLegendIsRefusedNamingIt() {
        Brain b = new Brain();
        List<LabelEntry> entries = new ArrayList<>(FREESURFER.entries());
        entries.removeIf(e -> e.structure().equals("lateral ventricle"));
        String message = harness(b)
                .input(NucleusMeasurementsOperator.LABELS, b.labelVolume(LabelTable.of(entries)))
                .runExpectingBadInput();
        assertTrue(message.contains("'reference' = csf") && message.contains("csf_structures"), message);
        assertTrue(message.contains("lateral ventricle") && message.contains("cerebral white matter"), message);
    }

    @Test
    void aReferenceErodedAwayIsRefusedWithItsSizeBeforeErosion() {
        // the ventricles are 4×4×6: two erosion steps leave nothing
        String message =
                harness(new Brain()).set(NucleusMeasurementsOperator.ERODE, 2L).runExpectingBadInput();
        assertTrue(message.contains("csf") && message.contains("4+43"), message);
        assertTrue(message.contains("erosion by 2") && message.contains("192 voxels before erosion"), message);
    }

    @Test
    void anAbsentNucleusIsAWarningAndItsRowsAreLeftOut() throws Exception {
        OperatorHarness h = harness(new Brain())
                .set(NucleusMeasurementsOperator.NUCLEUS_LIST, "putamen, red nucleus")
                .run();
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("'red nucleus'") && w.contains("left out")),
                h.warnings().toString());
        Table t = h.output(NucleusMeasurementsOperator.MEASUREMENTS);
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals("putamen", t.text(r, "nucleus"));
        }
    }

    @Test
    void chiInAnUnknownUnitIsRefused() {
        Brain b = new Brain();
        String message = harness(b)
                .input(
                        NucleusMeasurementsOperator.CHI,
                        VolumeArrays.volume(b.chi.clone(), GRID, GEOMETRY, PhysicalUnit.ARBITRARY))
                .runExpectingBadInput();
        assertTrue(message.contains("'chi'") && message.contains("ppm or ppb"), message);
    }

    @Test
    void noLabelMapOrNoLegendIsRefused() {
        Brain b = new Brain();
        String none = OperatorHarness.of(new NucleusMeasurementsOperator())
                .input(NucleusMeasurementsOperator.CHI, b.chiVolume(PhysicalUnit.PPM))
                .runExpectingBadInput();
        assertTrue(none.contains("'labels'") && none.contains("'nuclei'"), none);
        String unnamed = harness(b)
                .input(NucleusMeasurementsOperator.LABELS, b.labelVolume(LabelTable.EMPTY))
                .runExpectingBadInput();
        assertTrue(unnamed.contains("'labels'") && unnamed.contains("no legend"), unnamed);
    }

    @Test
    void nucleiAreDrawnOverLabels() throws Exception {
        // a grown 'Left red nucleus' (value 1 of its own map) over the white matter of aseg
        Brain b = new Brain();
        float[] nuclei = new float[GRID.size()];
        float[] chi = b.chi.clone();
        for (int k = 3; k <= 6; k++) {
            for (int j = 1; j <= 4; j++) {
                for (int i = 18; i <= 21; i++) {
                    nuclei[GRID.index(i, j, k)] = 1;
                    chi[GRID.index(i, j, k)] = 0.12f;
                }
            }
        }
        Volume<FloatType> nucleiVolume = VolumeArrays.volume(nuclei, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS)
                .withLabels(LabelTable.of(List.of(LabelEntry.named(1, "Left red nucleus", 0xFF0000))));
        OperatorHarness h = harness(b)
                .input(NucleusMeasurementsOperator.CHI, VolumeArrays.volume(chi, GRID, GEOMETRY, PhysicalUnit.PPM))
                .input(NucleusMeasurementsOperator.NUCLEI, nucleiVolume)
                .set(NucleusMeasurementsOperator.NUCLEUS_LIST, "red nucleus")
                .run();
        Table t = h.output(NucleusMeasurementsOperator.MEASUREMENTS);
        int left = row(t, "red nucleus", "left", "chi");
        assertEquals(2 * 2 * 2, t.number(left, "n"));
        assertEquals(0.12, t.number(left, "median"), 1e-7);
        assertEquals(0, t.number(row(t, "red nucleus", "right", "chi"), "n"));
        assertNotNull(h.output(NucleusMeasurementsOperator.PAIRS));
    }
}
