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
package org.ferrum.brain.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.mask.Morphology;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The brain-iron phantom's truth: χ of each nucleus per visit is baseline + rate × years on the continuous anatomy
 * and, within 5 %, in the voxel-mean χ map after a 1-voxel erosion; the head's rigid motion moves the sampling points
 * (landmarks follow the analytic motion); the T1w lies on another grid; the legends carry the sides.
 *
 * <p>Two visits of a 96 × 112 × 80 mm GRE box around the deep grey matter at 2 mm (the nuclei inside; the head cut at
 * the faces, which changes no truth map), T1w at 3 mm, to stay within the test budget.
 */
class BrainIronPhantomTest {

    private static final Hemisphere[] SIDES = {Hemisphere.LEFT, Hemisphere.RIGHT};
    private static BrainIronVisit baseline, followUp;

    static BrainIronPhantom small(int visit) {
        return new BrainIronPhantom()
                .visit(visit)
                .seed(3)
                .greSize(48, 56, 40)
                .greVoxel(2)
                .echoTimesMs(4, 12, 20)
                .t1wVoxel(3);
    }

    @BeforeAll
    static void generate() {
        baseline = small(1).generate();
        followUp = small(2).generate();
    }

    @Test
    void nucleusChiIsBaselinePlusRateTimesYearsOnTheContinuousAnatomy() {
        HeadAnatomy atBaseline = HeadAnatomy.wholeHead();
        for (double years : new double[] {0, 2, 3.5}) {
            HeadAnatomy atRest = BrainIronPhantom.anatomyAtRest(years);
            RigidMotion motion = BrainIronPhantom.motionOf(7, 3);
            HeadAnatomy moved = BrainIronPhantom.moved(atRest, motion);
            int nuclei = 0;
            for (HeadAnatomy.Compartment c : atRest.compartments()) {
                BrainNucleus.Sided n = BrainNucleus.ofCompartment(c.name());
                HeadAnatomy.Compartment base = atBaseline.compartments().stream()
                        .filter(b -> b.name().equals(c.name()))
                        .findFirst()
                        .orElseThrow();
                if (n == null) {
                    assertEquals(base.susceptibilityPpm(), c.susceptibilityPpm(), 0, c.name() + " does not change");
                    continue;
                }
                HeadAnatomy.Ellipsoid e = (HeadAnatomy.Ellipsoid) c.solid();
                double[] inScanner = motion.apply(e.cx(), e.cy(), e.cz());
                double chiThere = moved.susceptibilityAt(inScanner[0], inScanner[1], inScanner[2]);
                nuclei++;
                double expected = base.susceptibilityPpm() + n.chiRatePpmPerYear() * years;
                assertEquals(expected, c.susceptibilityPpm(), 1e-12, c.name() + " at " + years + " y");
                assertEquals(expected, BrainIronPhantom.chiTruth(n.nucleus(), n.side(), years), 1e-12);
                assertEquals(expected, chiThere, 1e-12, c.name() + " at its moved centre");
                assertEquals(
                        base.r2StarAt3T() + BrainNucleus.R2STAR_PER_CHI * n.chiRatePpmPerYear() * years,
                        c.r2StarAt3T(),
                        1e-9);
            }
            assertEquals(14, nuclei, "7 nuclei × 2 sides");
            // the reference stays 0: CSF of both lateral ventricles
            double[] ventricle = motion.apply(10, 0, 24);
            assertEquals(0, moved.susceptibilityAt(ventricle[0], ventricle[1], ventricle[2]), 0);
        }
        assertEquals(0.070, BrainIronPhantom.chiTruth(BrainNucleus.PUTAMEN, Hemisphere.LEFT, 2), 1e-12);
        assertEquals(0.210, BrainIronPhantom.chiTruth(BrainNucleus.GLOBUS_PALLIDUS, Hemisphere.LEFT, 2), 1e-12);
        assertEquals(0.204, BrainIronPhantom.chiTruth(BrainNucleus.GLOBUS_PALLIDUS, Hemisphere.RIGHT, 2), 1e-12);
    }

    @Test
    void theMotionMovesTheSamplingPointsExactly() {
        HeadAnatomy atRest = BrainIronPhantom.anatomyAtRest(2);
        RigidMotion m = BrainIronPhantom.motionOf(3, 2);
        assertTrue(m.angleDegrees() > 1.5 && m.shiftMm() > 2, "a real motion: " + m);
        HeadAnatomy moved = BrainIronPhantom.moved(atRest, m);
        SplittableRandom r = new SplittableRandom(11);
        for (int q = 0; q < 20000; q++) {
            double x = -80 + 160 * r.nextDouble(), y = -95 + 190 * r.nextDouble(), z = -65 + 130 * r.nextDouble();
            double[] p = m.apply(x, y, z);
            assertEquals(atRest.compartmentAt(x, y, z), moved.compartmentAt(p[0], p[1], p[2]));
        }
        double[] back = m.inverse().apply(m.apply(1, 2, 3)[0], m.apply(1, 2, 3)[1], m.apply(1, 2, 3)[2]);
        assertEquals(1, back[0], 1e-12);
        assertEquals(2, back[1], 1e-12);
        assertEquals(3, back[2], 1e-12);
    }

    @Test
    void landmarksOfTheTwoVisitsDifferByTheAnalyticMotion() {
        assertEquals(RigidMotion.IDENTITY.shiftMm(), baseline.motion().shiftMm(), 0);
        RigidMotion m = followUp.motion();
        for (BrainNucleus n : new BrainNucleus[] {BrainNucleus.PUTAMEN, BrainNucleus.THALAMUS, BrainNucleus.CAUDATE}) {
            for (Hemisphere side : SIDES) {
                double[] c1 = centroid(baseline.labelsGre(), n.label(side));
                double[] c2 = centroid(followUp.labelsGre(), n.label(side));
                double[] expected = m.apply(c1[0], c1[1], c1[2]);
                double moved = distance(c1, c2), error = distance(expected, c2);
                assertTrue(moved > 2, n + " " + side + " moved " + moved + " mm");
                assertTrue(
                        error < 0.5,
                        String.format(Locale.ROOT, "%s %s: %.3f mm from the analytic motion", n, side, error));
            }
        }
        // the T1w's labels are the subject's, the same at every visit (its pose is visit 1's, moved within the session)
        assertTrue(Arrays.equals(Volumes.floats(baseline.labelsT1w()), Volumes.floats(followUp.labelsT1w())));
        double[] c = centroid(baseline.labelsT1w(), BrainNucleus.PUTAMEN.label(Hemisphere.LEFT));
        double[] atRest = centroid(baseline.labelsGre(), BrainNucleus.PUTAMEN.label(Hemisphere.LEFT));
        double[] expected = BrainIronPhantom.T1W_WITHIN_SESSION.apply(atRest[0], atRest[1], atRest[2]);
        assertTrue(distance(expected, c) < 0.75, "T1w putamen at the within-session pose: " + distance(expected, c));
    }

    @Test
    void theT1wLiesOnAnotherGridThanTheGre() {
        for (BrainIronVisit v : new BrainIronVisit[] {baseline, followUp}) {
            assertFalse(v.t1w().geometry().approximatelyEquals(v.chi().geometry(), 0.5));
            assertFalse(Arrays.equals(v.t1w().dimensions(), v.chi().dimensions()));
            assertNotEquals(
                    v.t1w().geometry().voxelSize()[0], v.chi().geometry().voxelSize()[0]);
            assertTrue(v.labelsT1w().geometry().approximatelyEquals(v.t1w().geometry(), 1e-9));
            assertTrue(v.labelsGre()
                    .geometry()
                    .approximatelyEquals(v.gre().magnitude().geometry(), 1e-9));
            double[] o1 = v.t1w()
                    .geometry()
                    .toPatient(
                            (v.t1w().dimension(0) - 1) / 2.0,
                            (v.t1w().dimension(1) - 1) / 2.0,
                            (v.t1w().dimension(2) - 1) / 2.0);
            double[] o2 = v.chi()
                    .geometry()
                    .toPatient(
                            (v.chi().dimension(0) - 1) / 2.0,
                            (v.chi().dimension(1) - 1) / 2.0,
                            (v.chi().dimension(2) - 1) / 2.0);
            assertTrue(distance(o1, o2) > 5, "field-of-view centres differ");
        }
    }

    @Test
    void t1wContrastIsMprageLike() {
        float[] t1 = Volumes.floats(baseline.t1w()), lab = Volumes.floats(baseline.labelsT1w());
        double wm = meanOf(t1, lab, AsegLabels.LEFT_WHITE_MATTER), gm = meanOf(t1, lab, AsegLabels.LEFT_CORTEX);
        double csf = meanOf(t1, lab, AsegLabels.LEFT_LATERAL_VENTRICLE);
        double putamen = meanOf(t1, lab, BrainNucleus.PUTAMEN.label(Hemisphere.LEFT));
        assertTrue(wm > putamen && putamen > gm && gm > csf, wm + " > " + putamen + " > " + gm + " > " + csf);
        assertEquals(1.0, wm, 0.12, "white matter ≈ 1 (bias ±8 %)");
    }

    @Test
    void legendsCarryLeftAndRightAndNameEveryLabel() {
        for (Volume<FloatType> labels : new Volume[] {baseline.labelsT1w(), followUp.labelsGre()}) {
            LabelTable legend = labels.labels();
            assertFalse(legend.isEmpty());
            for (BrainNucleus n : BrainNucleus.values()) {
                for (Hemisphere side : SIDES) {
                    LabelEntry e = legend.entry(n.label(side)).orElseThrow();
                    assertEquals(side, e.hemisphere(), e.name());
                    assertEquals(n.labelName(side), e.name());
                }
            }
            assertEquals("putamen", legend.entry(12).orElseThrow().structure());
            assertEquals("pallidum", legend.entry(52).orElseThrow().structure());
            assertEquals(
                    Hemisphere.LEFT,
                    legend.entry(AsegLabels.LEFT_WHITE_MATTER).orElseThrow().hemisphere());
            assertEquals(
                    Hemisphere.RIGHT,
                    legend.entry(AsegLabels.RIGHT_CORTEX).orElseThrow().hemisphere());
            TreeSet<Integer> present = new TreeSet<>();
            for (float f : Volumes.floats(labels)) {
                present.add((int) f);
            }
            present.remove(0);
            for (int v : present) {
                assertTrue(legend.entry(v).isPresent(), "label " + v + " has a legend entry");
            }
            assertTrue(present.contains(12) && present.contains(51), "both putamina present: " + present);
        }
        // left is +x (LPS): the left putamen's centroid lies at x > 0
        assertTrue(centroid(baseline.labelsGre(), 12)[0] > 15);
        assertTrue(centroid(baseline.labelsGre(), 51)[0] < -15);
    }

    @Test
    void nucleusMeansOfTheExactChiMapAreWithinFivePercentAfterErosion() {
        int checked = 0;
        StringBuilder report = new StringBuilder();
        for (BrainNucleus n : BrainNucleus.values()) {
            for (Hemisphere side : SIDES) {
                double[] means = new double[2];
                for (int q = 0; q < 2; q++) {
                    BrainIronVisit v = q == 0 ? baseline : followUp;
                    boolean[] core = eroded(v.labelsGre(), n.label(side));
                    int count = Morphology.count(core);
                    double truth = BrainIronPhantom.chiTruth(n, side, v.years());
                    double r2Truth = BrainIronPhantom.r2StarTruth(n, side, v.years(), 3);
                    if (count < 3) {
                        report.append(String.format(Locale.ROOT, "%s %s: %d voxels after erosion%n", n, side, count));
                        means[q] = Double.NaN;
                        continue;
                    }
                    means[q] = mean(Volumes.floats(v.chi()), core);
                    double r2 = mean(Volumes.floats(v.r2star()), core);
                    report.append(String.format(
                            Locale.ROOT,
                            "%s %s visit %d: n %d χ %.4f (truth %.4f) R2* %.2f (%.2f)%n",
                            n,
                            side,
                            v.visit(),
                            count,
                            means[q],
                            truth,
                            r2,
                            r2Truth));
                    assertEquals(truth, means[q], 0.05 * Math.abs(truth), n + " " + side + " visit " + v.visit());
                    assertEquals(r2Truth, r2, 0.05 * r2Truth, n + " R2* " + side + " visit " + v.visit());
                    checked++;
                }
                if (!Double.isNaN(means[0]) && !Double.isNaN(means[1])) {
                    double change = n.chiRatePpmPerYear(side) * followUp.years();
                    assertEquals(change, means[1] - means[0], 0.2 * change, n + " " + side + " change");
                }
            }
        }
        System.out.print(report);
        assertTrue(checked >= 24, "at least 12 nucleus sides per visit measured:\n" + report);
    }

    @Test
    void anotherFieldStrengthScalesR2StarAndIsRecorded() {
        BrainIronVisit v = new BrainIronPhantom()
                .visit(2)
                .greSize(24, 28, 20)
                .greVoxel(4)
                .t1wVoxel(6)
                .fieldStrength(7)
                .echoTimesMs(3, 6, 9)
                .generate();
        assertEquals(7, v.gre().acquisition().fieldStrengthTesla(), 0);
        assertEquals(7, v.fieldStrength(), 0);
        float[] r2 = Volumes.floats(v.r2star()), lab = Volumes.floats(v.labelsGre());
        int wm = 0, pure = 0;
        for (int n = 0; n < r2.length; n++) {
            if (lab[n] == AsegLabels.LEFT_WHITE_MATTER) {
                wm++;
                pure += Math.abs(r2[n] - 20 * 7 / 3.0) < 1e-3 ? 1 : 0;
            }
        }
        assertTrue(pure > wm / 2, "most white matter voxels at R2* 20/s (3 T) × 7/3: " + pure + " of " + wm);
        assertEquals(
                (45 + BrainNucleus.R2STAR_PER_CHI * 0.015 * 2) * 7 / 3,
                BrainIronPhantom.r2StarTruth(BrainNucleus.GLOBUS_PALLIDUS, Hemisphere.LEFT, 2, 7),
                1e-9);
    }

    @Test
    void theSameSettingsGiveTheSameDataAndVisitsHaveTheirOwnNoise() {
        assertNotNull(baseline.gre().phase().orElse(null));
        BrainIronPhantom tiny =
                new BrainIronPhantom().visit(2).greSize(20, 24, 16).greVoxel(5).t1wVoxel(6);
        BrainIronVisit once = tiny.generate(), again = tiny.generate();
        assertTrue(Arrays.equals(
                Volumes.floats(once.gre().magnitude()),
                Volumes.floats(again.gre().magnitude())));
        assertTrue(Arrays.equals(
                Volumes.floats(once.gre().phase().orElseThrow()),
                Volumes.floats(again.gre().phase().orElseThrow())));
        assertTrue(Arrays.equals(Volumes.floats(once.t1w()), Volumes.floats(again.t1w())));
        BrainIronVisit third = new BrainIronPhantom()
                .visit(3)
                .greSize(20, 24, 16)
                .greVoxel(5)
                .t1wVoxel(6)
                .generate();
        assertFalse(Arrays.equals(
                Volumes.floats(once.gre().phase().orElseThrow()),
                Volumes.floats(third.gre().phase().orElseThrow())));
        assertNotEquals(BrainIronPhantom.mix(3, 1, 0x475245L), BrainIronPhantom.mix(3, 2, 0x475245L));
        assertTrue(followUp.noiseSigma() > 0);
    }

    // ------------------------------------------------------------------ helpers

    static boolean[] eroded(Volume<FloatType> labels, int value) {
        float[] l = Volumes.floats(labels);
        boolean[] m = new boolean[l.length];
        for (int n = 0; n < l.length; n++) {
            m[n] = l[n] == value;
        }
        VoxelGrid g = VoxelGrid.of(labels);
        return Morphology.erode(m, g, g.dx(), Cancellation.NEVER);
    }

    static double mean(float[] v, boolean[] m) {
        double s = 0;
        int c = 0;
        for (int n = 0; n < v.length; n++) {
            if (m[n]) {
                s += v[n];
                c++;
            }
        }
        return s / c;
    }

    static double meanOf(float[] v, float[] labels, int value) {
        boolean[] m = new boolean[v.length];
        for (int n = 0; n < v.length; n++) {
            m[n] = labels[n] == value;
        }
        return mean(v, m);
    }

    /** Centroid (scanner LPS mm) of the voxels carrying {@code value}. */
    static double[] centroid(Volume<FloatType> labels, int value) {
        float[] l = Volumes.floats(labels);
        long[] d = labels.dimensions();
        double[] s = new double[3];
        long count = 0;
        for (int n = 0; n < l.length; n++) {
            if (l[n] == value) {
                int i = (int) (n % d[0]), j = (int) ((n / d[0]) % d[1]), k = (int) (n / (d[0] * d[1]));
                double[] p = labels.geometry().toPatient(i, j, k);
                for (int a = 0; a < 3; a++) {
                    s[a] += p[a];
                }
                count++;
            }
        }
        assertTrue(count > 0, "label " + value + " present");
        return new double[] {s[0] / count, s[1] / count, s[2] / count};
    }

    static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
