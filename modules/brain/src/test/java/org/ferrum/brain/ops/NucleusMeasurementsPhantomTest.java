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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.HeadPhantomBuilder;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.Test;

/**
 * {@code brain.nuclei.measure} on the whole head phantom ({@link HeadAnatomy#wholeHead()}, with a left putamen and a
 * left caudate richer in iron than the right ones, so that a swapped side shows), against the anatomy's own χ and
 * R2* at 3 T. The χ map is the phantom's exact one: each voxel the mean of 2×2×2 sub-samples of the continuous
 * anatomy (a grid twice as fine, averaged: partial volume is real); the R2* map is sampled the same way here from the
 * compartments' R2*; the labels are the phantom's (majority of sub-samples), one bilateral label per nucleus, so left
 * and right come from the mid-sagittal split. Grid 96×112×72 voxels of 1.5 mm (the red nucleus, 6 mm across, keeps
 * a core after one erosion step), straight and tilted 20° about L–R.
 */
class NucleusMeasurementsPhantomTest {

    static final double LEFT_PUTAMEN_CHI = 0.08, LEFT_PUTAMEN_R2 = 37;
    static final double LEFT_CAUDATE_CHI = 0.075, LEFT_CAUDATE_R2 = 33;

    /** The seven nuclei's names in the tables and in the anatomy (as "left …"/"right …"). */
    static final Map<String, String> NUCLEI = Map.of(
            "caudate", "caudate",
            "putamen", "putamen",
            "globus pallidus", "globus pallidus",
            "thalamus", "thalamus",
            "substantia nigra", "substantia nigra",
            "red nucleus", "red nucleus",
            "dentate", "dentate nucleus");

    static HeadAnatomy anatomy() {
        HeadAnatomy whole = HeadAnatomy.wholeHead();
        List<HeadAnatomy.Compartment> c = new ArrayList<>();
        for (HeadAnatomy.Compartment k : whole.compartments()) {
            if (k.name().equals("left putamen")) {
                k = new HeadAnatomy.Compartment(
                        k.name(), k.label(), LEFT_PUTAMEN_CHI, k.protonDensity(), LEFT_PUTAMEN_R2, k.solid());
            } else if (k.name().equals("left caudate")) {
                k = new HeadAnatomy.Compartment(
                        k.name(), k.label(), LEFT_CAUDATE_CHI, k.protonDensity(), LEFT_CAUDATE_R2, k.solid());
            }
            c.add(k);
        }
        return HeadAnatomy.of(c, whole.head(), whole.brain());
    }

    /** The phantom's labels named as the phantom names them: one entry per class, no side. */
    static LabelTable legend() {
        List<LabelEntry> e = new ArrayList<>();
        for (PhantomLabel l : PhantomLabel.values()) {
            if (l != PhantomLabel.BACKGROUND) {
                e.add(LabelEntry.named(l.value(), l.displayName(), 0x808080));
            }
        }
        return LabelTable.of(e);
    }

    /**
     * R2* at 3 T, each voxel of the brain mask the mean over 2×2×2 sub-samples of the anatomy (0 outside the mask,
     * where nothing is measured).
     */
    static Volume<FloatType> r2star(HeadPhantom phantom, HeadAnatomy anatomy) {
        VoxelGrid g = phantom.grid();
        Geometry geometry = phantom.geometry();
        boolean[] mask = phantom.brainMaskArray();
        float[] out = new float[g.size()];
        List<HeadAnatomy.Compartment> c = anatomy.compartments();
        for (int k = 0, n = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, n++) {
                    if (!mask[n]) {
                        continue;
                    }
                    double sum = 0;
                    for (int s = 0; s < 8; s++) {
                        double[] p = geometry.toPatient(
                                i - 0.25 + 0.5 * (s & 1), j - 0.25 + 0.5 * ((s >> 1) & 1), k - 0.25 + 0.5 * (s >> 2));
                        int at = anatomy.compartmentAt(p[0], p[1], p[2]);
                        sum += at < 0 ? 0 : c.get(at).r2StarAt3T();
                    }
                    out[n] = (float) (sum / 8);
                }
            }
        }
        return VolumeArrays.volume(out, g, geometry, PhysicalUnit.PER_SECOND);
    }

    /** Truth (χ ppm, R2* 1/s) of "left X" / "right X". */
    static double[] truth(HeadAnatomy anatomy, String compartment) {
        for (HeadAnatomy.Compartment c : anatomy.compartments()) {
            if (c.name().equals(compartment)) {
                return new double[] {c.susceptibilityPpm(), c.r2StarAt3T()};
            }
        }
        throw new AssertionError("no compartment " + compartment);
    }

    static int row(Table t, String nucleus, String hemisphere, String map) {
        return NucleusMeasurementsOperatorTest.row(t, nucleus, hemisphere, map);
    }

    record Run(Table measurements, Table pairs, OperatorHarness harness) {}

    static Run measure(HeadPhantom phantom, Volume<FloatType> r2, String reference, long erode) throws Exception {
        Volume<FloatType> labels = phantom.labels().withLabels(legend());
        OperatorHarness h = OperatorHarness.of(new NucleusMeasurementsOperator())
                .input(NucleusMeasurementsOperator.CHI, phantom.chi())
                .input(NucleusMeasurementsOperator.R2STAR, r2)
                .input(NucleusMeasurementsOperator.LABELS, labels)
                .input(NucleusMeasurementsOperator.MASK, phantom.brainMask())
                .set(NucleusMeasurementsOperator.REFERENCE, reference)
                .set(NucleusMeasurementsOperator.ERODE, erode)
                .run();
        return new Run(
                h.output(NucleusMeasurementsOperator.MEASUREMENTS), h.output(NucleusMeasurementsOperator.PAIRS), h);
    }

    static HeadPhantomBuilder builder(HeadAnatomy anatomy) {
        return HeadPhantom.builder()
                .anatomy(anatomy)
                .size(96, 112, 72)
                .voxelSize(1.5, 1.5, 1.5)
                .echoTimesMs(4, 12)
                .snr(0)
                // the fields do not matter here; on the acquisition grid they cost one FFT pair, not 8
                .fieldGrid(HeadPhantom.FieldGrid.ACQUISITION);
    }

    /**
     * Every nucleus, side and map within 5 % of the anatomy's value; medians referenced = analytic differences, with
     * the anatomy's χ of the reference and of the alternative reference (ppm).
     */
    static void checkAgainstTruth(Run run, HeadAnatomy anatomy, String label, double reference, double alt) {
        Table t = run.measurements();
        StringBuilder report = new StringBuilder(label + "\n");
        for (var e : new TreeMap<>(NUCLEI).entrySet()) {
            double[] left = truth(anatomy, "left " + e.getValue());
            double[] right = truth(anatomy, "right " + e.getValue());
            for (String side : List.of("left", "right", "both")) {
                int chiRow = row(t, e.getKey(), side, "chi");
                int r2Row = row(t, e.getKey(), side, "r2star");
                double nLeft = t.number(row(t, e.getKey(), "left", "chi"), "n");
                double nRight = t.number(row(t, e.getKey(), "right", "chi"), "n");
                double[] expected = side.equals("left")
                        ? left
                        : side.equals("right")
                                ? right
                                : new double[] {
                                    (nLeft * left[0] + nRight * right[0]) / (nLeft + nRight),
                                    (nLeft * left[1] + nRight * right[1]) / (nLeft + nRight)
                                };
                double chiMean = t.number(chiRow, "mean");
                double r2Mean = t.number(r2Row, "mean");
                report.append(String.format(
                        Locale.ROOT,
                        "  %-17s %-5s n %4.0f  χ mean %.4f (truth %.4f, %+.2f %%)  R2* mean %.2f (truth %.2f, %+.2f %%)%n",
                        e.getKey(),
                        side,
                        t.number(chiRow, "n"),
                        chiMean,
                        expected[0],
                        100 * (chiMean / expected[0] - 1),
                        r2Mean,
                        expected[1],
                        100 * (r2Mean / expected[1] - 1)));
                assertTrue(t.number(chiRow, "n") >= 5, label + " " + e.getKey() + " " + side + ": too few voxels");
                assertEquals(expected[0], chiMean, 0.05 * expected[0], label + " χ " + e.getKey() + " " + side);
                assertEquals(expected[1], r2Mean, 0.05 * expected[1], label + " R2* " + e.getKey() + " " + side);
                if (!side.equals("both")) {
                    // the eroded core is pure tissue: the median is the anatomy's value, referenced the analytic
                    // difference
                    assertEquals(expected[0] - reference, t.number(chiRow, "median_referenced"), 1e-4, label);
                    assertEquals(expected[0] - alt, t.number(chiRow, "median_alt_referenced"), 1e-4, label);
                }
            }
        }
        System.out.print(report);
    }

    @Test
    void nucleiOfTheStraightPhantomMatchTheAnatomy() throws Exception {
        HeadAnatomy anatomy = anatomy();
        HeadPhantom phantom = builder(anatomy).generate();
        Volume<FloatType> r2 = r2star(phantom, anatomy);
        Run run = measure(phantom, r2, "csf", 1);
        Table t = run.measurements();
        int any = row(t, "putamen", "left", "chi");
        assertEquals("csf", t.text(any, "reference"));
        assertEquals(0, t.number(any, "reference_median"), 1e-6, "the ventricles' χ");
        assertEquals("white_matter", t.text(any, "alt_reference"));
        assertEquals(-0.03, t.number(any, "alt_reference_median"), 1e-6, "white matter's χ");
        assertEquals(String.valueOf(PhantomLabel.PUTAMEN.value()), t.text(any, "labels"));
        // χ of the anatomy is relative to CSF (0); white matter −0.03 ppm
        checkAgainstTruth(run, anatomy, "straight 1.5 mm", 0, truth(anatomy, "white matter")[0]);
        assertTrue(
                run.harness().logLines().stream().anyMatch(l -> l.contains("brain mask's centroid (0.00,")),
                run.harness().logLines().toString());
        Table pairs = run.pairs();
        for (int r = 0; r < pairs.rowCount(); r++) {
            assertEquals("iron", pairs.text(r, "pattern"), "every nucleus is above white matter in χ and R2*");
        }
        assertTrue(run.harness().warnings().isEmpty(), run.harness().warnings().toString());

        // the whole brain as reference: white matter fills most of the mask, so its median is white matter's χ
        Table wholeBrain = measure(phantom, r2, "whole_brain", 1).measurements();
        int p = row(wholeBrain, "putamen", "right", "chi");
        assertEquals(-0.03, wholeBrain.number(p, "reference_median"), 1e-6);
        assertEquals("csf", wholeBrain.text(p, "alt_reference"));
        assertEquals(0.05 + 0.03, wholeBrain.number(p, "median_referenced"), 1e-4);

        // without erosion the partial-volume rim pulls the small nuclei's means towards white matter: the χ map is
        // not piecewise constant, and erosion is what brings the means to the truth
        Table raw = measure(phantom, r2, "csf", 0).measurements();
        StringBuilder report = new StringBuilder("straight 1.5 mm, no erosion\n");
        for (String n : List.of("red nucleus", "substantia nigra", "globus pallidus", "putamen")) {
            int at = row(raw, n, "right", "chi");
            double truth = truth(anatomy, "right " + NUCLEI.get(n))[0];
            double error = raw.number(at, "mean") / truth - 1;
            report.append(String.format(
                    Locale.ROOT,
                    "  %-17s right n %4.0f  χ mean %.4f (truth %.4f, %+.1f %%)%n",
                    n,
                    raw.number(at, "n"),
                    raw.number(at, "mean"),
                    truth,
                    100 * error));
            assertTrue(error < -0.01, n + ": no erosion, mean " + raw.number(at, "mean") + " vs truth " + truth);
        }
        System.out.print(report);
    }

    @Test
    void nucleiOfATiltedPhantomMatchTheAnatomy() throws Exception {
        HeadAnatomy anatomy = anatomy();
        HeadPhantom phantom = builder(anatomy).obliqueDegrees(20).generate();
        assertTrue(phantom.geometry().obliquity() > 0.3, "the grid is tilted");
        Run run = measure(phantom, r2star(phantom, anatomy), "white_matter", 1);
        checkAgainstTruth(run, anatomy, "tilted 20° about L–R, 1.5 mm", truth(anatomy, "white matter")[0], 0);
        Table t = run.measurements();
        int left = row(t, "putamen", "left", "chi");
        assertEquals("white_matter", t.text(left, "reference"));
        assertEquals("csf", t.text(left, "alt_reference"));
        // with reference = white_matter the columns swap: check the analytic differences directly
        assertEquals(LEFT_PUTAMEN_CHI + 0.03, t.number(left, "median_referenced"), 1e-4);
        assertEquals(LEFT_PUTAMEN_CHI, t.number(left, "median_alt_referenced"), 1e-4);
        int right = row(t, "putamen", "right", "chi");
        assertEquals(0.05 + 0.03, t.number(right, "median_referenced"), 1e-4);
        for (String n : List.of("putamen", "caudate")) {
            double l = t.number(row(t, n, "left", "chi"), "mean");
            double r = t.number(row(t, n, "right", "chi"), "mean");
            assertTrue(l > r + 0.015, n + ": the iron-rich side is the left (" + l + " vs " + r + ")");
        }
        assertEquals(LEFT_CAUDATE_CHI, t.number(row(t, "caudate", "left", "chi"), "mean"), 0.05 * LEFT_CAUDATE_CHI);
        assertEquals(LEFT_PUTAMEN_R2, t.number(row(t, "putamen", "left", "r2star"), "mean"), 0.05 * LEFT_PUTAMEN_R2);
        assertTrue(
                run.harness().logLines().stream()
                        .anyMatch(l -> l.contains("normal to grid axis i (1.000, 0.000, 0.000")),
                run.harness().logLines().toString());
    }
}
