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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.qsm.evaluation.QsmMetrics;
import org.ferrum.qsm.mask.Morphology;
import org.ferrum.qsm.phantom.PhantomLabel;

/**
 * Parameter sweep on the physical whole-head phantom: one phantom (wrapped noisy phase → the chain's {@code auto} mask →
 * ROMEO → echo fit, run once), then any number of variants of the last step, each scored like {@link ChainEvaluation}
 * (χ NRMSE and HFEN over the variant's mask ∩ the brain, brain share, nucleus errors in ppb) plus where the error lies:
 * its share of the squared error and of the voxels by depth below the brain's surface (0–3, 3–6, 6–10, 10–20, &gt; 20 mm),
 * and the solver's convergence line. This is how the single-step defaults of issue 13 were chosen.
 *
 * <pre>
 * java -Xmx14g -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.QsmParameterSweep VOXEL_MM SNR SEED OBLIQUE_DEG  *      'SOURCE:OPERATOR:key=value;key=value|…' [FIELD_T]
 * </pre>
 * SOURCE is {@code m} (the measured total field and the chain's mask), {@code w} (as m, with the echo fit's
 * {@code field_sd} connected as the data weight), {@code t} (the phantom's true total field and
 * brain mask) or {@code f} (true total field, the chain's mask). OPERATOR is a dipole inversion from the total field
 * ({@code qsm.dipole.singlestep}, {@code qsm.dipole.tfi}; the parameters go to it) or a background removal
 * ({@code qsm.background.*}, run with its defaults, followed by {@code qsm.dipole.tv} with the parameters). Example:
 * {@code 1.5 100 1 20 'm:qsm.dipole.singlestep:radius=8;min_radius=4;lambda=2e-4|m:qsm.background.resharp:lambda=6e-4' 3}.
 */
public final class QsmParameterSweep {
    /** Depth bins below the brain's surface, mm. */
    private static final double[] DEPTH_BINS_MM = {0, 3, 6, 10, 20, Double.POSITIVE_INFINITY};

    private QsmParameterSweep() {}

    /**
     * Per depth bin: the % of the squared error (means over {@code region} removed from χ and truth, as the NRMSE) and the
     * % of the region's voxels, interleaved.
     */
    static double[] depthShares(float[] chi, float[] truth, boolean[] region, float[] depthMm) {
        double meanChi = 0, meanTruth = 0;
        long count = 0;
        for (int n = 0; n < chi.length; n++) {
            if (region[n]) {
                meanChi += chi[n];
                meanTruth += truth[n];
                count++;
            }
        }
        meanChi /= count;
        meanTruth /= count;
        int bins = DEPTH_BINS_MM.length - 1;
        double[] error = new double[bins];
        long[] voxels = new long[bins];
        double total = 0;
        for (int n = 0; n < chi.length; n++) {
            if (!region[n]) {
                continue;
            }
            int b = 0;
            while (depthMm[n] >= DEPTH_BINS_MM[b + 1]) {
                b++;
            }
            double e = (chi[n] - meanChi) - (truth[n] - meanTruth);
            error[b] += e * e;
            voxels[b]++;
            total += e * e;
        }
        double[] out = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            out[2 * b] = 100 * error[b] / total;
            out[2 * b + 1] = 100.0 * voxels[b] / count;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println(
                    "usage: QsmParameterSweep VOXEL_MM SNR SEED OBLIQUE_DEG 'SOURCE:OPERATOR:k=v;k=v|…' [FIELD_T]");
            System.exit(2);
        }
        double voxel = Double.parseDouble(args[0]);
        double snr = Double.parseDouble(args[1]);
        long seed = Long.parseLong(args[2]);
        double oblique = Double.parseDouble(args[3]);
        String[] variants = args[4].split("\\|");
        double tesla = args.length > 5 ? Double.parseDouble(args[5]) : 3;
        ChainEvaluation.Case c =
                ChainEvaluation.Case.wholeHead(voxel, tesla, new double[] {4, 10, 16, 22, 28}, oblique, snr, seed);
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, PortRef> outputs = new LinkedHashMap<>();
        Map<String, Object> ph = new LinkedHashMap<>();
        ph.put("size", c.nx() + "x" + c.ny() + "x" + c.nz());
        ph.put("voxel", voxel);
        ph.put("field_strength", tesla);
        ph.put("echo_times", "4,10,16,22,28");
        ph.put("snr", snr);
        ph.put("oblique", oblique);
        ph.put("seed", seed);
        ph.put("anatomy", "whole-head");
        ph.put("signal_model", "subvoxel-complex");
        ph.put("padding", 1.25);
        nodes.add(new Node("phantom", "qsm.phantom.head", "1.0", ph, null));
        nodes.add(new Node("mask", "qsm.mask.magnitude", "1.0", new LinkedHashMap<>(Map.of("method", "auto")), null));
        edges.add(Edge.of("phantom.gre", "mask.gre"));
        nodes.add(new Node("unwrap", "qsm.unwrap.romeo", "1.0", new LinkedHashMap<>(), null));
        edges.add(Edge.of("phantom.gre", "unwrap.gre"));
        edges.add(Edge.of("mask.mask", "unwrap.mask"));
        nodes.add(new Node("combine", "qsm.echo.combine", "1.0", new LinkedHashMap<>(), null));
        edges.add(Edge.of("unwrap.gre", "combine.gre"));
        edges.add(Edge.of("mask.mask", "combine.mask"));
        List<String> ids = new ArrayList<>();
        int i = 0;
        for (String v : variants) {
            // form: source:operator:k=v;k=v   source = m (measured field+mask) | t (true field+mask) | f (true field,
            // our mask)
            String[] p = v.split(":", 3);
            String id = "v" + (i++);
            Map<String, Object> params = new LinkedHashMap<>();
            if (p.length > 2 && !p[2].isEmpty()) {
                for (String kv : p[2].split(";")) {
                    String[] x = kv.split("=");
                    params.put(x[0], Double.parseDouble(x[1]));
                }
            }
            boolean weighted = p[0].equals("w");
            String field = p[0].equals("m") || weighted ? "combine.field" : "phantom.field";
            String mask = p[0].equals("t") ? "phantom.mask" : "mask.mask";
            String op = p[1];
            if (op.startsWith("qsm.background.")) {
                nodes.add(new Node(id + "bg", op, "1.0", new LinkedHashMap<>(), null));
                edges.add(Edge.of(field, id + "bg.field"));
                edges.add(Edge.of(mask, id + "bg.mask"));
                edges.add(Edge.of("phantom.gre", id + "bg.gre"));
                nodes.add(new Node(id, "qsm.dipole.tv", "1.0", params, null));
                edges.add(Edge.of(id + "bg.local_field", id + ".local_field"));
                edges.add(Edge.of(id + "bg.mask", id + ".mask"));
                edges.add(Edge.of("phantom.gre", id + ".gre"));
                outputs.put(id + "_mask", PortRef.parse(id + "bg.mask"));
            } else {
                nodes.add(new Node(id, op, "1.0", params, null));
                edges.add(Edge.of(field, id + ".field"));
                if (weighted) {
                    edges.add(Edge.of("combine.field_sd", id + ".field_sd"));
                }
                edges.add(Edge.of(mask, id + ".mask"));
                edges.add(Edge.of("phantom.gre", id + ".gre"));
                outputs.put(id + "_mask", PortRef.parse(mask));
            }
            outputs.put(id + "_chi", PortRef.parse(id + ".chi"));
            ids.add(id);
        }
        outputs.put("truth", PortRef.parse("phantom.chi"));
        outputs.put("brain", PortRef.parse("phantom.mask"));
        outputs.put("labels", PortRef.parse("phantom.labels"));
        Pipeline pipeline = new Pipeline("QSM parameter sweep", c.name(), nodes, edges, Map.of(), outputs);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 1)
                .run(pipeline, RunOptions.defaults(null), null, null);
        Map<String, NodeRun> runs = new LinkedHashMap<>();
        for (NodeRun r : run.nodeRuns()) {
            runs.put(r.nodeId(), r);
            if (!r.succeeded()) {
                System.out.println(r.nodeId() + " " + r.status() + " " + r.error());
            }
        }
        float[] t = VolumeArrays.frame((Volume<FloatType>) run.outputs().get("truth"), 0);
        float[] brain = VolumeArrays.frame((Volume<FloatType>) run.outputs().get("brain"), 0);
        float[] labels = VolumeArrays.frame((Volume<FloatType>) run.outputs().get("labels"), 0);
        long brainVoxels = 0;
        for (float b : brain) {
            brainVoxels += b != 0 ? 1 : 0;
        }
        VoxelGrid grid = VoxelGrid.of((Volume<FloatType>) run.outputs().get("truth"));
        boolean[] brainMask = new boolean[t.length];
        for (int n = 0; n < t.length; n++) {
            brainMask[n] = brain[n] != 0;
        }
        float[] depth = Morphology.squaredDistanceTo(brainMask, false, grid, Cancellation.NEVER);
        for (int n = 0; n < depth.length; n++) {
            depth[n] = (float) Math.sqrt(depth[n]);
        }
        System.out.println(c.name());
        for (int k = 0; k < ids.size(); k++) {
            String id = ids.get(k);
            if (run.outputs().get(id + "_chi") == null) {
                System.out.println(variants[k] + " failed");
                continue;
            }
            float[] chi = VolumeArrays.frame((Volume<FloatType>) run.outputs().get(id + "_chi"), 0);
            float[] mask = VolumeArrays.frame((Volume<FloatType>) run.outputs().get(id + "_mask"), 0);
            boolean[] ev = new boolean[t.length];
            long in = 0;
            for (int n = 0; n < t.length; n++) {
                ev[n] = mask[n] != 0 && brain[n] != 0;
                in += ev[n] ? 1 : 0;
            }
            QsmMetrics.Result m = new QsmMetrics(grid, ev).evaluate(chi, t, labels, QsmMetrics.SsimConstants.DEFAULTS);
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-60s NRMSE %6.1f HFEN %5.1f brain %3.0f%% |",
                    variants[k],
                    m.nrmsePercent(),
                    m.hfenPercent(),
                    100.0 * in / brainVoxels));
            for (PhantomLabel l : ChainEvaluation.NUCLEI) {
                QsmMetrics.RoiError e = m.roi(l.value());
                sb.append(e == null ? "  -" : String.format(Locale.ROOT, " %+4.0f", e.errorPpb()));
            }
            sb.append(" || by depth 0-3, 3-6, 6-10, 10-20, >20 mm, % of error² / % of voxels:");
            double[] share = depthShares(chi, t, ev, depth);
            for (int b = 0; b < DEPTH_BINS_MM.length - 1; b++) {
                sb.append(String.format(Locale.ROOT, " %.0f/%.0f", share[2 * b], share[2 * b + 1]));
            }
            NodeRun r = runs.get(id);
            sb.append(String.format(Locale.ROOT, " | %.1f s", r.nanos() / 1e9));
            System.out.println(sb);
            for (String line : r.log()) {
                if (line.contains("iteration(s)") || line.contains("converge")) {
                    System.out.println("    " + line);
                }
            }
        }
        System.exit(0);
    }
}
