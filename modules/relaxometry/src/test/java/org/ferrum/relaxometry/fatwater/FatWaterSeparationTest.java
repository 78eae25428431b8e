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
package org.ferrum.relaxometry.fatwater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.relaxometry.FatSpectrum;
import org.junit.jupiter.api.Test;

/**
 * Fat–water separation on the simulated abdomen slab ({@link AbdomenSlab}, 64×64×8, 6 echoes), at 1.5 T (TE1 1.2 ms,
 * ΔTE 1.6 ms) and 3 T (TE1 1.1 ms, ΔTE 0.8 ms), SNR 50 (total proton density over σ per channel), with the 6-peak
 * liver spectrum for simulation and fit.
 */
class FatWaterSeparationTest {

    private static final FatSpectrum LIVER = FatSpectrum.byId("liver-6peak");

    /** Figures of one run against the truth. */
    record Scores(
            double pdffMedian,
            double pdffP95,
            double pdffMax,
            int pdffOver20,
            double fieldMaxError,
            int swapped,
            int voxels,
            double r2Median,
            double patchMax,
            int patches) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "PDFF |error| (R2* ≤ 500) median %.2f, p95 %.2f, max %.2f points; voxels with"
                            + " PDFF error > 20 (R2* ≤ 500): %d; max |field error| %.1f Hz; field-swapped voxels %d of %d;"
                            + " R2* |error| median %.1f /s; liver 4×4×2 ROI means (R2* ≤ 500): max |PDFF error| %.2f points over %d ROIs",
                    pdffMedian,
                    pdffP95,
                    pdffMax,
                    pdffOver20,
                    fieldMaxError,
                    swapped,
                    voxels,
                    r2Median,
                    patchMax,
                    patches);
        }
    }

    static Scores score(AbdomenSlab slab, FatWaterSeparation.Result r, double fatShift, double period) {
        int n = slab.grid.size();
        double[] err = new double[n];
        double[] r2err = new double[n];
        int m = 0;
        int k = 0;
        int over20 = 0;
        int swapped = 0;
        int voxels = 0;
        double fieldMax = 0;
        for (int v = 0; v < n; v++) {
            if (!slab.body[v]) {
                continue;
            }
            voxels++;
            double fe = Math.abs(r.fieldHz()[v] - slab.field[v]);
            fieldMax = Math.max(fieldMax, fe);
            if (fe > fatShift / 3) {
                swapped++;
            }
            double pe = Math.abs(r.pdff()[v] - slab.pdff[v]);
            if (slab.r2[v] <= 500) {
                if (pe > 20) {
                    over20++;
                }
                err[m++] = pe;
                r2err[k++] = Math.abs(r.r2star()[v] - slab.r2[v]);
            }
        }
        double[] e = Arrays.copyOf(err, m);
        Arrays.sort(e);
        double[] q = Arrays.copyOf(r2err, k);
        Arrays.sort(q);
        // ROI means over 4×4×2 liver patches whose voxels all have R2* ≤ 500 /s (how PDFF is read clinically)
        double patchMax = 0;
        int patches = 0;
        for (int z = 0; z + 2 <= AbdomenSlab.NZ; z += 2) {
            for (int y = 0; y + 4 <= AbdomenSlab.NY; y += 4) {
                for (int x = 0; x + 4 <= AbdomenSlab.NX; x += 4) {
                    double sum = 0;
                    int cnt = 0;
                    boolean ok = true;
                    for (int dz = 0; dz < 2; dz++) {
                        for (int dy = 0; dy < 4; dy++) {
                            for (int dx = 0; dx < 4; dx++) {
                                int v = slab.grid.index(x + dx, y + dy, z + dz);
                                ok &= slab.liver[v] && slab.r2[v] <= 500;
                                sum += r.pdff()[v] - slab.pdff[v];
                                cnt++;
                            }
                        }
                    }
                    if (ok) {
                        patches++;
                        patchMax = Math.max(patchMax, Math.abs(sum / cnt));
                    }
                }
            }
        }
        return new Scores(
                e[m / 2],
                e[(int) (0.95 * m)],
                e[m - 1],
                over20,
                fieldMax,
                swapped,
                voxels,
                q[k / 2],
                patchMax,
                patches);
    }

    private static FatWaterSeparation.Result run(
            AbdomenSlab slab, double b0, FatSpectrum spectrum, FatWaterSeparation.Options options) {
        return FatWaterSeparation.separate(
                slab.re, slab.im, slab.body, slab.grid, slab.te, spectrum, b0, options, Cancellation.NEVER);
    }

    @Test
    void abdomenAt1p5Tesla() {
        AbdomenSlab slab =
                new AbdomenSlab(AbdomenSlab.echoes(6, 1.2, 1.6), 1.5, LIVER, AbdomenSlab::smoothField, 50, 11);
        FatWaterSeparation.Result r = run(slab, 1.5, LIVER, FatWaterSeparation.Options.DEFAULTS);
        Scores s = score(slab, r, 217, 625);
        System.out.println("1.5 T: " + s);
        // measured: median 0.95, p95 3.95 points per voxel (noise: at R2* 500 /s the 6th echo at 9.2 ms keeps 1 % of
        // the signal), ROI means within 1.26 points, no swapped voxel, 4 noisy voxels > 20 points at R2* near 500 /s
        assertAccurate(s, 10);
    }

    @Test
    void abdomenAt3Tesla() {
        AbdomenSlab slab = new AbdomenSlab(AbdomenSlab.echoes(6, 1.1, 0.8), 3, LIVER, AbdomenSlab::smoothField, 50, 12);
        FatWaterSeparation.Result r = run(slab, 3, LIVER, FatWaterSeparation.Options.DEFAULTS);
        Scores s = score(slab, r, 434, 1250);
        System.out.println("3 T: " + s);
        // measured: median 0.84, p95 2.87 points per voxel, ROI means within 1.17 points, no swapped voxel
        assertAccurate(s, 0);
    }

    @Test
    void unevenEchoesAt3Tesla() {
        // interleaved-like sampling (ΔTE 0.8 and 1.0 ms alternating): no 1/ΔTE period, the search covers ±field_range
        double[] te = {1.1e-3, 1.9e-3, 2.9e-3, 3.7e-3, 4.7e-3, 5.5e-3};
        AbdomenSlab slab = new AbdomenSlab(te, 3, LIVER, AbdomenSlab::smoothField, 50, 14);
        FatWaterSeparation.Options o = FatWaterSeparation.Options.DEFAULTS;
        FatWaterSeparation.Options options = new FatWaterSeparation.Options(
                o.method(), 400, 96, o.r2Min(), o.r2Max(), o.r2Steps(), o.coarseFactor(), o.seeds(), o.iterations());
        Scores s = score(slab, run(slab, 3, LIVER, options), 434, Double.NaN);
        System.out.println("3 T uneven echoes: " + s);
        assertAccurate(s, 0);
    }

    @Test
    void steepRampSwapsTheNaiveMinimumButNotRegionGrowing() {
        FatSpectrum single = FatSpectrum.byId("single-peak");
        AbdomenSlab slab = new AbdomenSlab(
                AbdomenSlab.echoes(6, 1.2, 1.6), 1.5, single, (x, y, z) -> 380 * (x - 31.5) / 32, 50, 13);
        FatWaterSeparation.Result naive = run(
                slab,
                1.5,
                single,
                FatWaterSeparation.Options.DEFAULTS.withMethod(FatWaterSeparation.Method.PER_VOXEL_MINIMUM));
        FatWaterSeparation.Result robust = run(slab, 1.5, single, FatWaterSeparation.Options.DEFAULTS);
        Scores sn = score(slab, naive, 217, 625);
        Scores sr = score(slab, robust, 217, 625);
        System.out.println("ramp ±380 Hz, naive: " + sn);
        System.out.println("ramp ±380 Hz, region growing: " + sr);
        // measured: the naive minimum swaps or aliases 7014 of 17504 body voxels (ROI errors up to 55 points);
        // region growing none (max field error 67.5 Hz < 217/3 Hz, ROI means within 0.84 points)
        assertTrue(sn.swapped() > sn.voxels() / 20, sn.toString());
        assertTrue(sn.patchMax() > 20, sn.toString());
        assertAccurate(sr, 0);
    }

    /** No swap anywhere in the body; PDFF within 2 points in liver ROIs with R2* ≤ 500 /s; per-voxel noise bounded. */
    private static void assertAccurate(Scores s, int noisyVoxelsAllowed) {
        assertEquals(0, s.swapped(), "field error ≥ a third of the fat shift: " + s);
        assertTrue(s.patchMax() <= 2, s.toString());
        assertTrue(s.pdffMedian() <= 1.5, s.toString());
        assertTrue(s.pdffP95() <= 5, s.toString());
        assertTrue(s.pdffOver20() <= noisyVoxelsAllowed, s.toString());
        assertTrue(s.patches() >= 40, s.toString());
    }
}
