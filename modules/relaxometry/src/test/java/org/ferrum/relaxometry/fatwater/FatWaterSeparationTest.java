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
    record Scores(double pdffMedian, double pdffP95, double pdffMax, int pdffOver20, double fieldMaxError, int swapped,
            int voxels, double r2Median) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "PDFF |error| (R2* ≤ 500) median %.2f, p95 %.2f, max %.2f points; voxels with"
                    + " PDFF error > 20: %d; max |field error| %.1f Hz; field-swapped voxels %d of %d; R2* |error| median %.1f /s",
                    pdffMedian, pdffP95, pdffMax, pdffOver20, fieldMaxError, swapped, voxels, r2Median);
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
            if (pe > 20) {
                over20++;
            }
            if (slab.r2[v] <= 500) {
                err[m++] = pe;
                r2err[k++] = Math.abs(r.r2star()[v] - slab.r2[v]);
            }
        }
        double[] e = Arrays.copyOf(err, m);
        Arrays.sort(e);
        double[] q = Arrays.copyOf(r2err, k);
        Arrays.sort(q);
        return new Scores(e[m / 2], e[(int) (0.95 * m)], e[m - 1], over20, fieldMax, swapped, voxels, q[k / 2]);
    }

    private static FatWaterSeparation.Result run(AbdomenSlab slab, double b0, FatSpectrum spectrum,
            FatWaterSeparation.Options options) {
        return FatWaterSeparation.separate(slab.re, slab.im, slab.body, slab.grid, slab.te, spectrum, b0, options,
                Cancellation.NEVER);
    }

    @Test
    void abdomenAt1p5Tesla() {
        AbdomenSlab slab = new AbdomenSlab(AbdomenSlab.echoes(6, 1.2, 1.6), 1.5, LIVER, AbdomenSlab::smoothField, 50, 11);
        FatWaterSeparation.Result r = run(slab, 1.5, LIVER, FatWaterSeparation.Options.defaults());
        Scores s = score(slab, r, 217, 625);
        System.out.println("1.5 T: " + s);
        assertTrue(s.pdffP95() <= 2, s.toString());
        assertEquals(0, s.swapped(), s.toString());
    }

    @Test
    void abdomenAt3Tesla() {
        AbdomenSlab slab = new AbdomenSlab(AbdomenSlab.echoes(6, 1.1, 0.8), 3, LIVER, AbdomenSlab::smoothField, 50, 12);
        FatWaterSeparation.Result r = run(slab, 3, LIVER, FatWaterSeparation.Options.defaults());
        Scores s = score(slab, r, 434, 1250);
        System.out.println("3 T: " + s);
        assertTrue(s.pdffP95() <= 2, s.toString());
        assertEquals(0, s.swapped(), s.toString());
    }

    @Test
    void steepRampSwapsTheNaiveMinimumButNotRegionGrowing() {
        FatSpectrum single = FatSpectrum.byId("single-peak");
        AbdomenSlab slab = new AbdomenSlab(AbdomenSlab.echoes(6, 1.2, 1.6), 1.5, single,
                (x, y, z) -> 380 * (x - 31.5) / 32, 50, 13);
        FatWaterSeparation.Result naive = run(slab, 1.5, single,
                FatWaterSeparation.Options.defaults().withMethod(FatWaterSeparation.Method.PER_VOXEL_MINIMUM));
        FatWaterSeparation.Result robust = run(slab, 1.5, single, FatWaterSeparation.Options.defaults());
        Scores sn = score(slab, naive, 217, 625);
        Scores sr = score(slab, robust, 217, 625);
        System.out.println("ramp ±380 Hz, naive: " + sn);
        System.out.println("ramp ±380 Hz, region growing: " + sr);
        assertTrue(sn.swapped() > sn.voxels() / 20, sn.toString());
        assertEquals(0, sr.swapped(), sr.toString());
    }
}
