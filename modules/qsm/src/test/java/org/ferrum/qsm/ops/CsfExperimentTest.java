package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.spi.VolumeArrays;
import org.ferrum.qsm.mask.BrainExtraction;
import org.ferrum.qsm.mask.CsfExclusion;
import org.ferrum.qsm.mask.MagnitudeMask;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("validation")
class CsfExperimentTest {
    @Test
    void experiment() {
        BrainMaskDiceValidationTest.Case[] cases = {
            new BrainMaskDiceValidationTest.Case(3, 20, 20, 1.5, 12),
            new BrainMaskDiceValidationTest.Case(2.5, 25, 20, 1.5, 14),
            new BrainMaskDiceValidationTest.Case(2, 15, 20, 1.5, 3)};
        for (BrainMaskDiceValidationTest.Case k : cases) {
            long t0 = System.nanoTime();
            HeadPhantom p = k.phantom();
            long t1 = System.nanoTime();
            VoxelGrid g = p.grid();
            int ne = p.gre().magnitude().frames();
            float[][] e = new float[ne][];
            for (int i = 0; i < ne; i++) {
                e[i] = VolumeArrays.frame(p.gre().magnitude(), i);
            }
            float[] rss = MagnitudeMask.rootSumOfSquares(e);
            boolean[] s = BrainExtraction.compute(rss, g, BrainExtraction.Settings.defaults(), Cancellation.NEVER);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s: phantom %.1f s, surface %.1f s%n", k, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            boolean[] truth = p.brainMaskArray();
            float[] labels = Volumes.floats(p.labels());
            double[] te = p.acquisition().echoTimes().toSeconds();
            for (double sm : new double[]{1, 2}) {
                for (double cl : new double[]{2, 4, 6}) {
                    CsfExclusion.Result r = CsfExclusion.apply(s, e, te, rss, g, sm, cl, Cancellation.NEVER);
                    System.out.printf(Locale.ROOT, "  smooth %.0f close %.0f: Dice %.4f %s%n", sm, cl,
                            BrainMaskDiceValidationTest.dice(r.mask(), truth), BrainMaskDiceValidationTest.errors(r.mask(), truth, labels));
                }
            }
        }
    }
}
