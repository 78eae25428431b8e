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
package org.ferrum.perfusion.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped simulated spine case is what {@link SimulatedSpineCase} makes (so anyone can regenerate it and a change
 * of the phantom that would silently change the sample fails here), and its files are consistent: sidecars against
 * images, the VFA signal against the SPGR equation written out here independently, the aorta's DCE signal against the
 * blood curve. Regenerate with {@code mvn -o test -pl modules/perfusion -Dtest=SimulatedSpineCaseTest
 * -Dferrum.regenerate=true}.
 */
class SimulatedSpineCaseTest {

    private static final Path CASE = TestData.path("spine", "simulated-spine");

    private static SpinePhantom phantom;

    @BeforeAll
    static void make() throws Exception {
        if (Boolean.getBoolean("ferrum.regenerate")) {
            SimulatedSpineCase.main(new String[] {CASE.toString()});
        }
        phantom = SpinePhantom.of(SpinePhantom.Params.DEFAULTS);
    }

    /** Shipped = generated up to the int16 rounding (half a step). */
    private static void assertSame(Volume<FloatType> generated, Volume<FloatType> shipped, double slope, String what) {
        assertEquals(generated.frames(), shipped.frames(), what + ": frames");
        for (int t = 0; t < generated.frames(); t++) {
            float[] g = VolumeArrays.frame(generated, t);
            float[] s = VolumeArrays.frame(shipped, t);
            assertEquals(g.length, s.length, what);
            for (int i = 0; i < g.length; i++) {
                if (Math.abs(g[i] - s[i]) > 0.51 * slope + 1e-6 * Math.abs(g[i])) {
                    throw new AssertionError(what + " frame " + t + " voxel " + i + ": generated " + g[i] + ", shipped "
                            + s[i] + " (step " + slope + ")");
                }
            }
        }
    }

    @Test
    void shippedCaseIsThePhantomsOutput() throws Exception {
        Volume<FloatType> vfa = phantom.vfa();
        double vfaStep = phantom.vfaSigma() / SpineCaseFiles.STEPS_PER_SIGMA;
        for (int a = 0; a < SpinePhantom.VFA_FLIP_DEG.length; a++) {
            assertSame(vfa.frame(a), VolumeFiles.readFloat(CASE.resolve(SpineCaseFiles.vfa(a))), vfaStep, "VFA " + a);
        }
        assertSame(
                phantom.dce(),
                VolumeFiles.readFloat(CASE.resolve(SpineCaseFiles.DCE)),
                phantom.dceSigma() / SpineCaseFiles.STEPS_PER_SIGMA,
                "DCE");
        assertSame(
                phantom.dwi(),
                VolumeFiles.readFloat(CASE.resolve(SpineCaseFiles.DWI)),
                phantom.dwiSigma() / SpineCaseFiles.STEPS_PER_SIGMA,
                "DWI");
        assertSame(phantom.b1(), VolumeFiles.readFloat(CASE.resolve(SpineCaseFiles.B1)), SpineCaseFiles.B1_STEP, "B1");
        MultiEchoGre gre = phantom.gre();
        MultiEchoGre shipped = BidsMultiEcho.read(CASE.resolve("gre"));
        assertEquals(gre.acquisition(), shipped.acquisition(), "echo times and field strength");
        assertSame(
                gre.magnitude(),
                shipped.magnitude(),
                phantom.greSigma() / SpineCaseFiles.STEPS_PER_SIGMA,
                "GRE magnitude");
        assertArrayEquals(
                VolumeArrays.frame(phantom.labels(), 0),
                VolumeArrays.frame(VolumeFiles.readFloat(CASE.resolve(SpineCaseFiles.LABELS)), 0),
                0f,
                "labels");
        assertArrayEquals(
                VolumeArrays.frame(phantom.ktrans(), 0),
                VolumeArrays.frame(VolumeFiles.readFloat(CASE.resolve("truth/ktrans.nii.gz")), 0),
                0f,
                "true Ktrans");
        assertArrayEquals(
                VolumeArrays.frame(phantom.t1Apparent(), 0),
                VolumeArrays.frame(VolumeFiles.readFloat(CASE.resolve("truth/t1_apparent.nii.gz")), 0),
                0f,
                "true apparent T1");
    }

    @Test
    void sidecarsDescribeTheImages() throws Exception {
        BidsSidecar dce = BidsSidecar.read(BidsSidecar.pathFor(CASE.resolve(SpineCaseFiles.DCE)));
        JsonNode times = dce.get("FrameTimesStart").orElseThrow();
        Volume<FloatType> series = VolumeFiles.readFloat(CASE.resolve(SpineCaseFiles.DCE));
        assertEquals(series.frames(), times.size(), "one FrameTimesStart per DCE volume");
        assertEquals(SpinePhantom.FRAMES, times.size());
        for (int k = 1; k < times.size(); k++) {
            assertEquals(
                    SpinePhantom.FRAME_SECONDS,
                    times.get(k).asDouble() - times.get(k - 1).asDouble(),
                    1e-9);
        }
        assertEquals(SpinePhantom.TR, dce.number("RepetitionTime").orElseThrow(), 0);
        assertEquals(SpinePhantom.DCE_FLIP_DEG, dce.number("FlipAngle").orElseThrow(), 0);
        assertEquals(1.5, dce.magneticFieldStrength().orElseThrow(), 0);
        for (int a = 0; a < SpinePhantom.VFA_FLIP_DEG.length; a++) {
            BidsSidecar s = BidsSidecar.read(BidsSidecar.pathFor(CASE.resolve(SpineCaseFiles.vfa(a))));
            assertEquals(SpinePhantom.VFA_FLIP_DEG[a], s.number("FlipAngle").orElseThrow(), 0);
            assertEquals(SpinePhantom.TR, s.number("RepetitionTimeExcitation").orElseThrow(), 0);
            assertEquals(1.5, s.magneticFieldStrength().orElseThrow(), 0);
        }
        DiffusionDataset dwi = DiffusionDataset.read(CASE.resolve(SpineCaseFiles.DWI));
        assertArrayEquals(SpinePhantom.B_VALUES, dwi.bValues(), 0);
        assertEquals(SpinePhantom.B_VALUES.length, dwi.volume().frames());
        List<String> names = Files.readAllLines(CASE.resolve("sub-sim_dseg.tsv"));
        assertEquals("1\ttumour", names.get(1));
        assertEquals(SpineTissue.values().length, names.size(), "header + one line per label");
    }

    /** SPGR written out here, not through the code under test. */
    private static double spgr(double m0, double alphaRad, double tr, double t1) {
        double e1 = Math.exp(-tr / t1);
        return m0 * Math.sin(alphaRad) * (1 - e1) / (1 - Math.cos(alphaRad) * e1);
    }

    /** The first voxel entirely made of {@code t}. */
    private static int pureVoxel(SpineTissue t) {
        int n = phantom.grid().size();
        for (int v = 0; v < n; v++) {
            if (phantom.fraction(t, v) == 1) {
                return v;
            }
        }
        throw new AssertionError("no voxel entirely of " + t);
    }

    @Test
    void vfaSignalIsTheTwoCompartmentSpgrEquation() {
        SpinePhantom clean = SpinePhantom.of(SpinePhantom.Params.DEFAULTS.noiseless());
        Volume<FloatType> vfa = clean.vfa();
        for (SpineTissue t : List.of(SpineTissue.TUMOUR, SpineTissue.MARROW, SpineTissue.CORD, SpineTissue.MUSCLE)) {
            int v = pureVoxel(t);
            for (int a = 0; a < SpinePhantom.VFA_FLIP_DEG.length; a++) {
                double alpha = Math.toRadians(SpinePhantom.VFA_FLIP_DEG[a]) * clean.b1At(v);
                double m0 = 1000 * t.protonDensity();
                double expected =
                        spgr(m0 * (1 - t.pdff()), alpha, 0.004, t.t1Water()) + spgr(m0 * t.pdff(), alpha, 0.004, 0.343);
                assertEquals(expected, VolumeArrays.frame(vfa, a)[v], 1e-4 * expected, t + " at angle " + a);
            }
        }
        // the B1 map really is applied: a voxel far from the centre differs from the nominal-angle signal
        int corner = 0;
        assertTrue(Math.abs(clean.b1At(corner) - 1) > 0.1, "B1 varies over the field of view");
    }

    @Test
    void aortaCarriesTheBloodCurveAndTissuesTheirToftsCurve() {
        SpinePhantom clean = SpinePhantom.of(SpinePhantom.Params.DEFAULTS.noiseless());
        Volume<FloatType> dce = clean.dce();
        double hct = 0.42, r1 = 3.80;
        // brute force: Cb from the Parker formula written out here, frame means on a 0.005 s rectangle grid
        double[] cb = new double[SpinePhantom.FRAMES];
        int sub = 800;
        for (int k = 0; k < cb.length; k++) {
            double sum = 0;
            for (int i = 0; i < sub; i++) {
                double tMin = (k * 4 + (i + 0.5) * 4.0 / sub - 20) / 60;
                sum += parker(tMin);
            }
            cb[k] = sum / sub;
        }
        assertArrayEquals(cb, clean.aifBlood(), 2e-3, "frame-mean Cb");
        // the aorta's signal, inverted with the SPGR equation, gives Cb
        int v = pureVoxel(SpineTissue.AORTA);
        double alpha = Math.toRadians(15) * clean.b1At(v);
        double m0 = 1000 * SpineTissue.AORTA.protonDensity();
        for (int k = 0; k < SpinePhantom.FRAMES; k++) {
            double s = VolumeArrays.frame(dce, k)[v];
            double q = s / (m0 * Math.sin(alpha));
            double e1 = (1 - q) / (1 - q * Math.cos(alpha));
            double r1Blood = -Math.log(e1) / 0.004;
            assertEquals(cb[k], (r1Blood - 1 / 1.58) / r1, 0.01 + 0.01 * cb[k], "aorta Cb in frame " + k);
        }
        // normal marrow (50 % fat): only the water's R1 changes; inverting the two-compartment SPGR for the water
        // (independently written out here) gives back the marrow's water-compartment concentration
        SpineTissue marrow = SpineTissue.MARROW;
        int m = pureVoxel(marrow);
        double am = Math.toRadians(15) * clean.b1At(m);
        double gFat = spgr(1, am, 0.004, 0.343);
        double[] marrowTruth = clean.concentration(marrow);
        for (int k = 0; k < SpinePhantom.FRAMES; k++) {
            double s = VolumeArrays.frame(dce, k)[m] / (1000 * marrow.protonDensity());
            double gWater = (s - marrow.pdff() * gFat) / (1 - marrow.pdff());
            double q = gWater / Math.sin(am);
            double e1 = (1 - q) / (1 - q * Math.cos(am));
            double c = (-Math.log(e1) / 0.004 - 1 / marrow.t1Water()) / r1;
            assertEquals(marrowTruth[k], c, 1e-3 + 1e-3 * marrowTruth[k], "marrow water concentration, frame " + k);
        }
        // the tumour's curve: extended Tofts by a brute-force convolution on a 0.01 s grid
        SpineTissue t = SpineTissue.TUMOUR;
        double kep = t.ktrans() / t.ve();
        double h = 0.01 / 60;
        int steps = (int) Math.round(SpinePhantom.FRAMES * 4 / 0.01);
        double[] ct = new double[steps + 1];
        double conv = 0;
        for (int i = 1; i <= steps; i++) {
            double tm = i * h;
            double cpMid = parker(tm - h / 2 - 20.0 / 60) / (1 - hct);
            conv = conv * Math.exp(-kep * h) + cpMid * h * Math.exp(-kep * h / 2);
            ct[i] = t.vp() * parker(tm - 20.0 / 60) / (1 - hct) + t.ktrans() * conv;
        }
        double[] expected = new double[SpinePhantom.FRAMES];
        for (int k = 0; k < expected.length; k++) {
            double sum = 0;
            for (int i = k * 400; i < (k + 1) * 400; i++) {
                sum += 0.5 * (ct[i] + ct[i + 1]);
            }
            expected[k] = sum / 400;
        }
        assertArrayEquals(expected, clean.concentration(t), 2e-3, "tumour concentration");
        // the cord (intact barrier) shows little more than its 2 % blood plasma, CSF nothing
        double[] cord = clean.concentration(SpineTissue.CORD);
        double[] tumour = clean.concentration(SpineTissue.TUMOUR);
        double late = cord[SpinePhantom.FRAMES - 1];
        assertTrue(late < 0.05, "late cord concentration " + late);
        assertTrue(tumour[SpinePhantom.FRAMES - 1] > 10 * late, "late tumour " + tumour[SpinePhantom.FRAMES - 1]);
        assertEquals(0, clean.concentration(SpineTissue.CSF)[40], 0);
    }

    /** Parker 2006 population AIF, mM, t in minutes from the injection (written out independently). */
    private static double parker(double t) {
        if (t < 0) {
            return 0;
        }
        double g1 =
                0.809 / (0.0563 * Math.sqrt(2 * Math.PI)) * Math.exp(-Math.pow(t - 0.17046, 2) / (2 * 0.0563 * 0.0563));
        double g2 = 0.330 / (0.132 * Math.sqrt(2 * Math.PI)) * Math.exp(-Math.pow(t - 0.365, 2) / (2 * 0.132 * 0.132));
        return g1 + g2 + 1.050 * Math.exp(-0.1685 * t) / (1 + Math.exp(-38.078 * (t - 0.483)));
    }

    @Test
    void parkerAifMatchesTheOsipiReference() throws Exception {
        List<String> lines = Files.readAllLines(TestData.path("osipi", "dce", "ParkerAIF_ref.csv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[0].equals("original_AIF") && Double.parseDouble(c[3]) == 0) {
                double t = Double.parseDouble(c[1]);
                double cb = Double.parseDouble(c[2]);
                assertEquals(cb, ParkerAif.blood(t), 1e-6 * Math.max(1, cb), "Cb at " + t + " min");
                checked++;
            }
        }
        assertTrue(checked > 10, "reference samples checked: " + checked);
    }

    @Test
    void truthExposesTheSingleCompartmentBias() {
        // marrow: 50 % fat with T1 0.343 s pulls the fat-unaware T1 far below the water's 1.0 s
        double marrow = SpinePhantom.apparentT1(SpineTissue.MARROW, 1);
        assertTrue(marrow < 0.7 && marrow > 0.4, "apparent marrow T1 " + marrow);
        // even the tumour's 5 % fat shortens its apparent T1 by about a tenth
        double tumour = SpinePhantom.apparentT1(SpineTissue.TUMOUR, 1);
        assertTrue(
                tumour < 0.95 * SpineTissue.TUMOUR.t1Water() && tumour > 0.85 * SpineTissue.TUMOUR.t1Water(),
                "apparent tumour T1 " + tumour);
        // a fat-free tissue's apparent T1 is its T1
        assertEquals(0.8, SpinePhantom.apparentT1(SpineTissue.CORD, 0.9), 1e-6);
        // ADC lies between D and D + f D*
        for (SpineTissue t : List.of(SpineTissue.TUMOUR, SpineTissue.MARROW, SpineTissue.CORD)) {
            double adc = SpinePhantom.adcOf(t);
            assertTrue(adc > t.d() && adc < t.d() + t.f() * t.dStar(), t + " ADC " + adc);
        }
    }
}
