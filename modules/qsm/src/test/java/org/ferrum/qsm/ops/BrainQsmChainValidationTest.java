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
package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.pipeline.testkit.TestData;
import org.ferrum.qsm.evaluation.QsmMetrics;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chain of {@code testdata/pipelines/brain-qsm.json} (its mask, unwrapping, echo fit and single-step inversion of the
 * total field, nodes with the parameters written in the file) on the physical whole-head phantom (fields on a grid twice as fine,
 * complex signal averaged into each voxel, B0 tilted 20°, 5 echoes): χ NRMSE (means removed) over the chain's final mask ∩
 * the brain, the share of the brain that mask keeps, and the deep-grey nucleus errors (region mean minus mask mean). The
 * chain's parameters were chosen on seeds 1 and 2 at SNR 100 and 50 (3 T); the validation cases here use other seeds and
 * SNRs, and 1.5 T. The bounds assert what the chain reaches today (README "Whole-chain evaluation"), not issue 13's target
 * (25 %), which it does not reach.
 */
class BrainQsmChainValidationTest {

    private static final Path FILE = TestData.pipeline("brain-qsm.json");
    private static final int[] NUCLEI = {
        PhantomLabel.CAUDATE.value(),
        PhantomLabel.PUTAMEN.value(),
        PhantomLabel.GLOBUS_PALLIDUS.value(),
        PhantomLabel.THALAMUS.value(),
        PhantomLabel.SUBSTANTIA_NIGRA.value(),
        PhantomLabel.RED_NUCLEUS.value(),
        PhantomLabel.DENTATE.value()
    };

    /** One case's scores. */
    record Score(
            String name,
            double nrmsePercent,
            double brainFraction,
            double[] nucleusErrorPpb,
            double[] nucleusErrorPercent,
            double seconds) {
        String row() {
            StringBuilder s = new StringBuilder(
                    String.format(Locale.ROOT, "| %s | %.1f | %.0f |", name, nrmsePercent, 100 * brainFraction));
            for (int k = 0; k < nucleusErrorPpb.length; k++) {
                s.append(String.format(Locale.ROOT, " %+.0f (%+.0f %%) |", nucleusErrorPpb[k], nucleusErrorPercent[k]));
            }
            return s.append(String.format(Locale.ROOT, " %.0f |", seconds)).toString();
        }
    }

    static HeadPhantom wholeHead(int nx, int ny, int nz, double voxelMm, double tesla, double snr, long seed) {
        return HeadPhantom.builder()
                .size(nx, ny, nz)
                .voxelSize(voxelMm, voxelMm, voxelMm)
                .fieldStrength(tesla)
                .echoTimesMs(4, 10, 16, 22, 28)
                .obliqueDegrees(20)
                .snr(snr)
                .seed(seed)
                .paddingFactor(1.25)
                .anatomy(HeadAnatomy.wholeHead())
                .signalModel(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX)
                .generate();
    }

    /** brain-qsm.json's node {@code id}, ready to run with the file's parameters. */
    private static OperatorHarness node(Pipeline p, String id) {
        var node = p.node(id).orElseThrow(() -> new AssertionError("brain-qsm.json has no node " + id));
        OperatorHarness c = OperatorHarness.of(
                OperatorRegistry.installed().find(node.operatorId()).orElseThrow());
        node.parameters().forEach(c::set);
        return c;
    }

    static Score run(String name, HeadPhantom h) throws Exception {
        Pipeline p = PipelineFormat.read(FILE);
        long t0 = System.nanoTime();
        var mask = node(p, "mask").input("gre", h.gre()).run().output("mask", PortTypes.MASK);
        var gre = node(p, "unwrap")
                .input("gre", h.gre())
                .input("mask", mask)
                .run()
                .output("gre", PortTypes.MULTI_ECHO_GRE);
        OperatorHarness combine =
                node(p, "combine").input("gre", gre).input("mask", mask).run();
        var field = combine.output("field", PortTypes.VOLUME);
        OperatorHarness dipole = node(p, "dipole")
                .input("field", field)
                .input("mask", mask)
                .input("gre", h.gre())
                .input("field_sd", combine.output("field_sd", PortTypes.VOLUME))
                .run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean[] out = VolumeInputs.mask(mask, "mask");
        boolean[] brain = h.brainMaskArray();
        boolean[] scored = new boolean[out.length];
        int kept = 0, inBrain = 0;
        for (int v = 0; v < out.length; v++) {
            scored[v] = out[v] && brain[v];
            kept += scored[v] ? 1 : 0;
            inBrain += brain[v] ? 1 : 0;
        }
        QsmMetrics.Result r = new QsmMetrics(h.grid(), scored)
                .evaluate(
                        VolumeArrays.frame(dipole.output("chi", PortTypes.VOLUME), 0),
                        VolumeArrays.frame(h.chi(), 0),
                        VolumeArrays.frame(h.labels(), 0),
                        QsmMetrics.SsimConstants.DEFAULTS);
        double[] ppb = new double[NUCLEI.length], percent = new double[NUCLEI.length];
        for (int k = 0; k < NUCLEI.length; k++) {
            QsmMetrics.RoiError e = r.roi(NUCLEI[k]);
            ppb[k] = e == null ? Double.NaN : e.errorPpb();
            percent[k] = e == null ? Double.NaN : e.errorPercent();
        }
        return new Score(name, r.nrmsePercent(), kept / (double) inBrain, ppb, percent, seconds);
    }

    /**
     * CI-sized regression check: the whole head at 3 mm (64×72×56), one case. A chain that breaks (a wrong sign, a
     * background removal that leaves the air-cavity field, a mask that keeps the skull) lands far above the bound.
     */
    @Test
    void brainQsmChainOnACoarseWholeHead() throws Exception {
        Score s = run("3 mm, 3 T, SNR 100, seed 3", wholeHead(64, 72, 56, 3, 3, 100, 3));
        System.out.println(s.row());
        // measured with single-step (spheres raised to 12 / 6 mm at 3 mm, field_sd weight) 113.9 % over 99 % of the
        // brain,
        // globus pallidus −28 ppb (RESHARP → TV before it: 115.9 % over 93 %, −8 ppb): the brain is 50 voxels across at
        // 3 mm, so this size
        // says nothing about accuracy (see the validation below and the README); it catches a broken chain (a flipped
        // sign
        // makes the pallidus about −360 ppb, a diverged solve or a mask with the skull NRMSE in the hundreds)
        assertTrue(s.nrmsePercent() < 150, s.row());
        assertTrue(s.brainFraction() > 0.85, s.row());
        assertTrue(Math.abs(s.nucleusErrorPpb()[2]) < 60, "globus pallidus: " + s.row());
    }

    /** Cases not tuned on: seeds 3 and 4, SNR 80 and 40, 3 T and 1.5 T, at 2 mm (96×108×84). */
    @Test
    @Tag("validation")
    void brainQsmChainOnCasesItWasNotTunedOn() throws Exception {
        List<Score> scores = new ArrayList<>();
        for (double[] c : new double[][] {{3, 80, 3}, {3, 40, 4}, {1.5, 80, 3}, {1.5, 40, 4}}) {
            String name = String.format(Locale.ROOT, "%.1f T, SNR %.0f, seed %.0f", c[0], c[1], c[2]);
            Score s = run(name, wholeHead(96, 108, 84, 2, c[0], c[1], (long) c[2]));
            System.out.println(s.row());
            scores.add(s);
        }
        StringBuilder table = new StringBuilder(
                "| case | χ NRMSE % | brain % | caudate | putamen | globus pallidus | thalamus |"
                        + " substantia nigra | red nucleus | dentate | time s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        scores.forEach(s -> table.append(s.row()).append('\n'));
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "brain-qsm-chain-validation.md"), table);
        // measured with single-step weighted by field_sd 48.2 / 55.2 % at 3 T and 56.0 / 80.6 % at 1.5 T (half the
        // phase per
        // ppm, so twice the relative noise), 99 % of the brain each; RESHARP → TV before: 54.0 / 58.4 and 63.8 / 72.6 %
        // over 86 %
        for (Score s : scores) {
            assertTrue(s.nrmsePercent() < (s.name().startsWith("3.0") ? 66 : 90), s.row());
            assertTrue(s.brainFraction() > 0.95, s.row());
        }
    }
}
