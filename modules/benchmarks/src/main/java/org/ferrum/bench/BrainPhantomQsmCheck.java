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
package org.ferrum.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.brain.phantom.AsegLabels;
import org.ferrum.brain.phantom.BrainIronPhantom;
import org.ferrum.brain.phantom.BrainNucleus;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.mask.Morphology;

/**
 * Does today's brain-qsm chain ({@code testdata/pipelines/brain-qsm.json}) recover the brain-iron sample's known
 * nucleus χ and its change between the two visits? Runs the chain on each visit of {@code testdata/brain}, measures each
 * nucleus side on the truth labels of that visit's GRE grid (no registration: this checks the data and the QSM, not
 * the label propagation), as the median over the label eroded by one voxel (uneroded where erosion leaves fewer than
 * 10 voxels), referenced to the median of the eroded lateral ventricles, and prints truth, measured and the change.
 *
 * <pre>
 * java -cp … org.ferrum.bench.BrainPhantomQsmCheck [testdata folder]
 * </pre>
 */
public final class BrainPhantomQsmCheck {

    private BrainPhantomQsmCheck() {}

    public static void main(String[] args) throws Exception {
        Path testdata = Path.of(args.length > 0 ? args[0] : "testdata");
        Pipeline p = PipelineFormat.read(testdata.resolve("pipelines/brain-qsm.json"));
        double[][] measured = new double[2][];
        for (int v = 1; v <= 2; v++) {
            String ses = String.format(Locale.ROOT, "ses-%02d", v);
            MultiEchoGre gre = BidsMultiEcho.read(
                    testdata.resolve("brain/sub-01").resolve(ses).resolve("anat"));
            long t0 = System.nanoTime();
            Volume<FloatType> chi = qsm(p, gre);
            System.out.printf(Locale.ROOT, "%s: brain-qsm chain %.1f s%n", ses, (System.nanoTime() - t0) / 1e9);
            Volume<FloatType> labels = new NiftiReader()
                    .read(testdata.resolve("brain/derivatives/truth/sub-01")
                            .resolve(ses)
                            .resolve("anat/sub-01_" + ses + "_desc-truth_dseg.nii.gz"))
                    .toFloat();
            measured[v - 1] = measure(VolumeArrays.frame(chi, 0), labels);
        }
        System.out.println(
                "| label | truth v1 | measured v1 | truth v2 | measured v2 | true change | measured change | error |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        int q = 0;
        for (BrainNucleus n : BrainNucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                double t1 = BrainIronPhantom.chiTruth(n, side, 0), t2 = BrainIronPhantom.chiTruth(n, side, 2);
                double m1 = measured[0][q], m2 = measured[1][q];
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %.4f | %.4f | %.4f | %.4f | %+.4f | %+.4f | %+.0f %% |%n",
                        n.labelName(side),
                        t1,
                        m1,
                        t2,
                        m2,
                        t2 - t1,
                        m2 - m1,
                        100 * ((m2 - m1) / (t2 - t1) - 1));
                q++;
            }
        }
    }

    private static Volume<FloatType> qsm(Pipeline p, MultiEchoGre gre) throws Exception {
        var mask = node(p, "mask").input("gre", gre).run().output("mask", PortTypes.MASK);
        var unwrapped =
                node(p, "unwrap").input("gre", gre).input("mask", mask).run().output("gre", PortTypes.MULTI_ECHO_GRE);
        OperatorHarness combine =
                node(p, "combine").input("gre", unwrapped).input("mask", mask).run();
        return node(p, "dipole")
                .input("field", combine.output("field", PortTypes.VOLUME))
                .input("mask", mask)
                .input("gre", gre)
                .input("field_sd", combine.output("field_sd", PortTypes.VOLUME))
                .run()
                .output("chi", PortTypes.VOLUME);
    }

    private static OperatorHarness node(Pipeline p, String id) {
        var node = p.node(id).orElseThrow();
        OperatorHarness c = OperatorHarness.of(
                OperatorRegistry.installed().find(node.operatorId()).orElseThrow());
        node.parameters().forEach(c::set);
        return c;
    }

    /** Referenced medians per nucleus side, in BrainNucleus order, left then right. */
    private static double[] measure(float[] chi, Volume<FloatType> labels) throws Exception {
        float[] l = VolumeArrays.frame(labels, 0);
        VoxelGrid g = VoxelGrid.of(labels);
        double csf = median(chi, eroded(l, g, AsegLabels.LEFT_LATERAL_VENTRICLE, AsegLabels.RIGHT_LATERAL_VENTRICLE));
        List<Double> out = new ArrayList<>();
        for (BrainNucleus n : BrainNucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                boolean[] m = eroded(l, g, n.label(side));
                if (Morphology.count(m) < 10) {
                    m = eroded(l, null, n.label(side));
                }
                out.add(median(chi, m) - csf);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Voxels carrying any of the values, eroded by one voxel (g null: not eroded). */
    private static boolean[] eroded(float[] labels, VoxelGrid g, int... values) {
        boolean[] m = new boolean[labels.length];
        for (int n = 0; n < labels.length; n++) {
            for (int v : values) {
                m[n] |= labels[n] == v;
            }
        }
        return g == null ? m : Morphology.erode(m, g, g.dx(), Cancellation.NEVER);
    }

    private static double median(float[] v, boolean[] m) {
        double[] x = new double[Morphology.count(m)];
        int c = 0;
        for (int n = 0; n < v.length; n++) {
            if (m[n]) {
                x[c++] = v[n];
            }
        }
        Arrays.sort(x);
        return c % 2 == 1 ? x[c / 2] : 0.5 * (x[c / 2 - 1] + x[c / 2]);
    }
}
