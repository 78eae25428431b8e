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
package org.ferrum.qsm.mask;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.Test;

/**
 * The reliability mask on the head phantom: a brain mask grown 4 mm into CSF, bone and air loses most of what was added
 * and keeps ≥ 95 % of the brain; a wrap left in one echo in a region is flagged there.
 */
public class ReliabilityMaskTest {

    /** Unwrapped phase per echo: the wrapped phase moved by whole turns to within π of 2π γ̄ B0 δ TE (δ the true total field). */
    public static float[][] unwrappedPhase(HeadPhantom p) {
        float[] field = Volumes.floats(p.totalField());
        double[] te = p.acquisition().echoTimes().toSeconds();
        double hzPerPpm =
                FieldUnits.PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * p.acquisition().fieldStrengthTesla() * 1e-6;
        float[][] out = new float[te.length][];
        for (int e = 0; e < te.length; e++) {
            float[] wrapped = VolumeArrays.frame(p.gre().phase().orElseThrow(), e);
            out[e] = new float[wrapped.length];
            for (int v = 0; v < wrapped.length; v++) {
                double model = 2 * Math.PI * hzPerPpm * field[v] * te[e];
                out[e][v] = (float) (wrapped[v] + 2 * Math.PI * Math.rint((model - wrapped[v]) / (2 * Math.PI)));
            }
        }
        return out;
    }

    static float[][] magnitudes(HeadPhantom p) {
        int ne = p.gre().magnitude().frames();
        float[][] m = new float[ne][];
        for (int e = 0; e < ne; e++) {
            m[e] = VolumeArrays.frame(p.gre().magnitude(), e);
        }
        return m;
    }

    public static HeadPhantom phantom(double voxel, double oblique, double snr, double tesla, long seed) {
        int nx = (int) Math.ceil(176 / voxel);
        int ny = (int) Math.ceil(208 / voxel);
        int nz = (int) Math.ceil(150 / voxel);
        return HeadPhantom.builder()
                .size(nx, ny, nz)
                .voxelSize(voxel, voxel, voxel)
                .obliqueDegrees(oblique)
                .snr(snr)
                .fieldStrength(tesla)
                .seed(seed)
                .alignedGridRefinement(1)
                .generate();
    }

    /** {kept fraction of the brain, dropped fraction of the added voxels}. */
    static double[] dilatedMaskCase(HeadPhantom p, ReliabilityMask.Params settings, boolean print) {
        VoxelGrid g = p.grid();
        boolean[] brain = p.brainMaskArray();
        float[] labels = Volumes.floats(p.labels());
        boolean[] brainAndCsf = brain.clone();
        for (int v = 0; v < brain.length; v++) {
            brainAndCsf[v] |= labels[v] == PhantomLabel.EXTRACEREBRAL_CSF.value();
        }
        // 4 mm beyond the brain and the CSF around it: into bone (and air, soft tissue where the bone is thin)
        boolean[] grown = Morphology.dilate(brainAndCsf, g, 4, Cancellation.NEVER);
        ReliabilityMask.Result r = ReliabilityMask.compute(
                unwrappedPhase(p),
                magnitudes(p),
                p.acquisition().echoTimes().toSeconds(),
                grown,
                g,
                settings,
                Cancellation.NEVER);
        int brainCount = 0, keptBrain = 0, added = 0, keptAdded = 0;
        int[] addedFlags = new int[16];
        int[] brainFlags = new int[16];
        for (int v = 0; v < brain.length; v++) {
            if (brain[v]) {
                brainCount++;
                keptBrain += r.mask()[v] ? 1 : 0;
                brainFlags[r.flags()[v]]++;
            } else if (grown[v] && labels[v] != PhantomLabel.EXTRACEREBRAL_CSF.value()) {
                added++;
                keptAdded += r.mask()[v] ? 1 : 0;
                addedFlags[r.flags()[v]]++;
            }
        }
        double kept = (double) keptBrain / brainCount;
        double dropped = 1 - (double) keptAdded / added;
        if (print) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: brain kept %.4f (flagged %d of %d: by flag %s); added voxels dropped %.4f"
                            + " (%d bone/air/soft tissue; by flag %s)%n",
                    p,
                    kept,
                    brainCount - brainFlags[0],
                    brainCount,
                    Arrays.toString(brainFlags),
                    dropped,
                    added,
                    Arrays.toString(addedFlags));
            System.out.printf(
                    Locale.ROOT,
                    "  σ %.4g (phantom's %.4g); z brain p50/p99/p99.9 %s, added p10/p50 %s; quality brain p0.1/p1/p50 %s,"
                            + " added p50/p90 %s%n",
                    r.noiseSigma(),
                    p.noiseSigma(),
                    pct(r.normalisedResidual(), brain, null, 50, 99, 99.9),
                    pct(r.normalisedResidual(), grown, brainAndCsf, 10, 50),
                    pct(r.quality(), brain, null, 0.1, 1, 50),
                    pct(r.quality(), grown, brainAndCsf, 50, 90));
        }
        return new double[] {kept, dropped, r.noiseSigma() / p.noiseSigma()};
    }

    private static String pct(float[] x, boolean[] in, boolean[] notIn, double... ps) {
        float[] vals = new float[x.length];
        int c = 0;
        for (int v = 0; v < x.length; v++) {
            if (in[v] && (notIn == null || !notIn[v])) {
                vals[c++] = x[v];
            }
        }
        float[] s = Arrays.copyOf(vals, c);
        Arrays.sort(s);
        StringBuilder sb = new StringBuilder();
        for (double q : ps) {
            sb.append(String.format(Locale.ROOT, "%.3f ", s[Math.min(c - 1, (int) (q / 100 * c))]));
        }
        return sb.toString().trim();
    }

    @Test
    void dropsAMaskGrownIntoBoneAndAirButKeepsTheBrain() {
        for (HeadPhantom p : new HeadPhantom[] {phantom(2.5, 15, 50, 3, 21), phantom(3, 0, 20, 1.5, 22)}) {
            double[] r = dilatedMaskCase(p, ReliabilityMask.Params.DEFAULTS, true);
            assertTrue(r[0] >= 0.95, p + ": brain kept " + r[0]);
            assertTrue(r[1] >= 0.6, p + ": added voxels dropped " + r[1]);
            assertTrue(Math.abs(r[2] - 1) < 0.15, p + ": σ from the fit residuals / true σ = " + r[2]);
        }
    }
}
