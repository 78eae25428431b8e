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
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.ExecutionListener;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineValidationException;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.qsm.evaluation.QsmMetrics;
import org.ferrum.qsm.phantom.PhantomLabel;

/**
 * Runs every QSM chain on the physical whole-head phantom through the pipeline engine and scores each χ map with
 * {@link QsmMetrics}: the table a methods developer reads to see where a chain loses accuracy.
 *
 * <p>Contract: {@link #pipeline} builds ONE pipeline (the same JSON a user can run headless) whose first node is
 * {@code qsm.phantom.head} with the case's settings ({@code anatomy whole-head}, {@code signal_model subvoxel-complex}),
 * followed by the chains of {@link #chains()}: from the phantom's noisy wrapped phase, magnitude mask → ROMEO → echo
 * combination → {V-SHARP, PDF, LBV, RESHARP} → {TKD, TV, MEDI, iLSQR}; TFI and single-step QSM from the total field
 * (single-step also from the true brain mask, and from the true total field and mask); "oracle" rows (the
 * exact local field and brain mask → TV, TKD); and the stage swaps that locate the loss (one stage replaced by the
 * truth at a time: the true brain mask instead of the magnitude mask; the true total field instead of unwrapping and
 * echo combination; both; the true local field inside the chain's own mask). Each chain's χ is scored over its final
 * mask ∩ the true brain mask ("brain %" = its size over the true brain's; "beyond %" = the chain mask's voxels outside
 * the brain, over the brain's; "local field NRMSE %" = the background removal's local field against the phantom's
 * true local field, by the NRMSE definition of {@link QsmMetrics}, over the same region: the background removal's own
 * error); its time is the sum of the wall times of
 * its nodes (shared nodes counted in every chain that uses them; nodes run one at a time).
 */
public final class ChainEvaluation {

    /** One phantom: grid, field strength, echoes, tilt, noise. */
    public record Case(
            int nx,
            int ny,
            int nz,
            double voxelMm,
            double fieldStrengthT,
            double[] echoTimesMs,
            double obliqueDegrees,
            double snr,
            long seed,
            double padding) {
        public String name() {
            return String.format(
                    Locale.ROOT,
                    "%.1f mm, %.1f T, %d echoes, %.0f°, SNR %.0f, seed %d",
                    voxelMm,
                    fieldStrengthT,
                    echoTimesMs.length,
                    obliqueDegrees,
                    snr,
                    seed);
        }

        /** The whole head (192 × 216 × 168 mm) at {@code voxelMm}, with an even number of voxels per axis. */
        public static Case wholeHead(
                double voxelMm,
                double fieldStrengthT,
                double[] echoTimesMs,
                double obliqueDegrees,
                double snr,
                long seed) {
            return new Case(
                    even(192 / voxelMm),
                    even(216 / voxelMm),
                    even(168 / voxelMm),
                    voxelMm,
                    fieldStrengthT,
                    echoTimesMs,
                    obliqueDegrees,
                    snr,
                    seed,
                    1.25);
        }

        private static int even(double n) {
            return 2 * (int) Math.ceil(n / 2);
        }
    }

    /**
     * A chain: its row name, the node whose {@code chi} it scores, the node whose {@code mask} is its final mask
     * ("truth" for the phantom's brain mask), and every node it runs (for its time).
     */
    public record Chain(String name, String chiNode, String maskNode, List<String> nodes) {}

    /** One row of the table. */
    public record Row(
            String phantom,
            String chain,
            QsmMetrics.Result metrics,
            double brainFraction,
            double maskExcess,
            double localFieldNrmse,
            double seconds,
            String failure) {}

    /** Nuclei reported (ROI errors in ppb). */
    public static final List<PhantomLabel> NUCLEI = List.of(
            PhantomLabel.CAUDATE,
            PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS,
            PhantomLabel.THALAMUS,
            PhantomLabel.SUBSTANTIA_NIGRA,
            PhantomLabel.RED_NUCLEUS,
            PhantomLabel.DENTATE);

    private static final String[] BACKGROUND = {"vsharp", "pdf", "lbv", "resharp"};
    private static final String[] BACKGROUND_NAME = {"V-SHARP", "PDF", "LBV", "RESHARP"};
    private static final String[] INVERSION = {"tkd", "tv", "medi", "ilsqr"};
    private static final String[] INVERSION_NAME = {"TKD", "TV", "MEDI", "iLSQR"};
    /** Background removals used for the stage swaps (V-SHARP, brain-qsm.json's default before issue 13 moved it to RESHARP, and PDF). */
    private static final String[] SWAP_BACKGROUND = {"vsharp", "pdf"};

    private final boolean includeTfi;
    private final List<String> inversions;

    /** Every inversion after every background removal; {@code includeTfi}: also TFI (slow on a whole head). */
    public ChainEvaluation(boolean includeTfi) {
        this(includeTfi, List.of(INVERSION));
    }

    /**
     * @param includeTfi whether to run TFI
     * @param inversions the inversions run after every background removal, among "tkd", "tv", "medi", "ilsqr" (the
     *                   stage swaps and oracles always use TV and TKD)
     */
    public ChainEvaluation(boolean includeTfi, List<String> inversions) {
        for (String i : inversions) {
            if (!List.of(INVERSION).contains(i)) {
                throw new IllegalArgumentException("unknown inversion '" + i + "'; choose among " + List.of(INVERSION));
            }
        }
        this.includeTfi = includeTfi;
        this.inversions = List.copyOf(inversions);
    }

    /** The chains scored, in table order. */
    public List<Chain> chains() {
        List<Chain> out = new ArrayList<>();
        List<String> front = List.of("phantom", "mask", "unwrap", "combine");
        for (int b = 0; b < BACKGROUND.length; b++) {
            for (int i = 0; i < INVERSION.length; i++) {
                if (!inversions.contains(INVERSION[i])) {
                    continue;
                }
                out.add(new Chain(
                        BACKGROUND_NAME[b] + " → " + INVERSION_NAME[i],
                        BACKGROUND[b] + "_" + INVERSION[i],
                        "bg_" + BACKGROUND[b],
                        concat(front, "bg_" + BACKGROUND[b], BACKGROUND[b] + "_" + INVERSION[i])));
            }
        }
        if (includeTfi) {
            out.add(new Chain("TFI (total field)", "tfi", "mask", concat(front, "tfi")));
        }
        out.add(new Chain("single-step (total field)", "singlestep", "mask", concat(front, "singlestep")));
        out.add(new Chain(
                "swap: true mask, single-step",
                "tmask_singlestep",
                "truth",
                List.of("phantom", "tmask_unwrap", "tmask_combine", "tmask_singlestep")));
        out.add(new Chain(
                "swap: true total field + mask, single-step",
                "tboth_singlestep",
                "truth",
                List.of("phantom", "tboth_singlestep")));
        for (String b : SWAP_BACKGROUND) {
            String name = BACKGROUND_NAME[List.of(BACKGROUND).indexOf(b)];
            out.add(new Chain(
                    "swap: true mask, " + name + " → TV",
                    "tmask_" + b + "_tv",
                    "tmask_bg_" + b,
                    List.of("phantom", "tmask_unwrap", "tmask_combine", "tmask_bg_" + b, "tmask_" + b + "_tv")));
            out.add(new Chain(
                    "swap: true total field, " + name + " → TV",
                    "tfield_" + b + "_tv",
                    "tfield_bg_" + b,
                    List.of("phantom", "mask", "tfield_bg_" + b, "tfield_" + b + "_tv")));
            out.add(new Chain(
                    "swap: true total field + mask, " + name + " → TV",
                    "tboth_" + b + "_tv",
                    "tboth_bg_" + b,
                    List.of("phantom", "tboth_bg_" + b, "tboth_" + b + "_tv")));
            out.add(new Chain(
                    "swap: true local field in " + name + "'s mask → TV",
                    "tlocal_" + b + "_tv",
                    "bg_" + b,
                    concat(front, "bg_" + b, "tlocal_" + b + "_tv")));
        }
        out.add(new Chain(
                "oracle: true local field + mask → TV", "oracle_tv", "truth", List.of("phantom", "oracle_tv")));
        out.add(new Chain(
                "oracle: true local field + mask → TKD", "oracle_tkd", "truth", List.of("phantom", "oracle_tkd")));
        return out;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    /** The pipeline of every chain on the phantom {@code c}. */
    public Pipeline pipeline(Case c) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, PortRef> outputs = new LinkedHashMap<>();
        Map<String, Object> phantom = new LinkedHashMap<>();
        phantom.put("size", c.nx() + "x" + c.ny() + "x" + c.nz());
        phantom.put("voxel", c.voxelMm());
        phantom.put("field_strength", c.fieldStrengthT());
        StringBuilder te = new StringBuilder();
        for (double t : c.echoTimesMs()) {
            te.append(te.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%g", t));
        }
        phantom.put("echo_times", te.toString());
        phantom.put("snr", c.snr());
        phantom.put("oblique", c.obliqueDegrees());
        phantom.put("seed", c.seed());
        phantom.put("anatomy", "whole-head");
        phantom.put("signal_model", "subvoxel-complex");
        phantom.put("padding", c.padding());
        nodes.add(node("phantom", "qsm.phantom.head", phantom));
        nodes.add(node("mask", "qsm.mask.magnitude", Map.of("method", "auto")));
        edges.add(Edge.of("phantom.gre", "mask.gre"));
        front(nodes, edges, "", "mask.mask");
        for (String b : BACKGROUND) {
            background(nodes, edges, "bg_" + b, b, "combine.field", "mask.mask");
            for (String i : inversions) {
                inversion(nodes, edges, b + "_" + i, i, "bg_" + b + ".local_field", "bg_" + b + ".mask");
            }
        }
        if (includeTfi) {
            nodes.add(node("tfi", "qsm.dipole.tfi", Map.of()));
            edges.add(Edge.of("combine.field", "tfi.field"));
            edges.add(Edge.of("mask.mask", "tfi.mask"));
            edges.add(Edge.of("phantom.gre", "tfi.gre"));
        }
        front(nodes, edges, "tmask_", "phantom.mask");
        totalFieldInversion(nodes, edges, "singlestep", "combine.field", "mask.mask");
        totalFieldInversion(nodes, edges, "tmask_singlestep", "tmask_combine.field", "phantom.mask");
        totalFieldInversion(nodes, edges, "tboth_singlestep", "phantom.field", "phantom.mask");
        for (String b : SWAP_BACKGROUND) {
            background(nodes, edges, "tmask_bg_" + b, b, "tmask_combine.field", "phantom.mask");
            inversion(
                    nodes,
                    edges,
                    "tmask_" + b + "_tv",
                    "tv",
                    "tmask_bg_" + b + ".local_field",
                    "tmask_bg_" + b + ".mask");
            background(nodes, edges, "tfield_bg_" + b, b, "phantom.field", "mask.mask");
            inversion(
                    nodes,
                    edges,
                    "tfield_" + b + "_tv",
                    "tv",
                    "tfield_bg_" + b + ".local_field",
                    "tfield_bg_" + b + ".mask");
            background(nodes, edges, "tboth_bg_" + b, b, "phantom.field", "phantom.mask");
            inversion(
                    nodes,
                    edges,
                    "tboth_" + b + "_tv",
                    "tv",
                    "tboth_bg_" + b + ".local_field",
                    "tboth_bg_" + b + ".mask");
            inversion(nodes, edges, "tlocal_" + b + "_tv", "tv", "phantom.local_field", "bg_" + b + ".mask");
        }
        inversion(nodes, edges, "oracle_tv", "tv", "phantom.local_field", "phantom.mask");
        inversion(nodes, edges, "oracle_tkd", "tkd", "phantom.local_field", "phantom.mask");
        outputs.put("truth", PortRef.parse("phantom.chi"));
        outputs.put("brain", PortRef.parse("phantom.mask"));
        outputs.put("labels", PortRef.parse("phantom.labels"));
        outputs.put("local_field", PortRef.parse("phantom.local_field"));
        for (Chain chain : chains()) {
            outputs.put(chain.chiNode() + "_chi", PortRef.parse(chain.chiNode() + ".chi"));
            if (!chain.maskNode().equals("truth")) {
                outputs.putIfAbsent(chain.maskNode() + "_mask", PortRef.parse(chain.maskNode() + ".mask"));
                if (!chain.maskNode().equals("mask")) { // a background removal: its local field is scored too
                    outputs.putIfAbsent(chain.maskNode() + "_local", PortRef.parse(chain.maskNode() + ".local_field"));
                }
            }
        }
        return new Pipeline(
                "QSM whole-chain evaluation: " + c.name(),
                "Every QSM chain on the physical whole-head phantom"
                        + " (org.ferrum.bench.ChainEvaluation); score the chi outputs against 'truth' over each chain's"
                        + " mask ∩ 'brain' with qsm.evaluate.",
                nodes,
                edges,
                Map.of(),
                outputs);
    }

    private static void front(List<Node> nodes, List<Edge> edges, String prefix, String mask) {
        nodes.add(node(prefix + "unwrap", "qsm.unwrap.romeo", Map.of()));
        edges.add(Edge.of("phantom.gre", prefix + "unwrap.gre"));
        edges.add(Edge.of(mask, prefix + "unwrap.mask"));
        nodes.add(node(prefix + "combine", "qsm.echo.combine", Map.of()));
        edges.add(Edge.of(prefix + "unwrap.gre", prefix + "combine.gre"));
        edges.add(Edge.of(mask, prefix + "combine.mask"));
    }

    private static void background(
            List<Node> nodes, List<Edge> edges, String id, String method, String field, String mask) {
        nodes.add(node(id, "qsm.background." + method, Map.of()));
        edges.add(Edge.of(field, id + ".field"));
        edges.add(Edge.of(mask, id + ".mask"));
        edges.add(Edge.of("phantom.gre", id + ".gre"));
    }

    private static void totalFieldInversion(List<Node> nodes, List<Edge> edges, String id, String field, String mask) {
        nodes.add(node(id, "qsm.dipole.singlestep", Map.of()));
        edges.add(Edge.of(field, id + ".field"));
        edges.add(Edge.of(mask, id + ".mask"));
        edges.add(Edge.of("phantom.gre", id + ".gre"));
    }

    private static void inversion(
            List<Node> nodes, List<Edge> edges, String id, String method, String local, String mask) {
        nodes.add(node(id, "qsm.dipole." + method, Map.of()));
        edges.add(Edge.of(local, id + ".local_field"));
        edges.add(Edge.of(mask, id + ".mask"));
        edges.add(Edge.of("phantom.gre", id + ".gre"));
    }

    private static Node node(String id, String operator, Map<String, Object> parameters) {
        return new Node(id, operator, "1.0", new LinkedHashMap<>(parameters), null);
    }

    /**
     * Runs every chain on {@code c} (nodes one at a time) and scores them.
     *
     * @throws PipelineValidationException if the pipeline does not validate (an operator missing from the class path)
     */
    public List<Row> run(Case c) throws PipelineValidationException {
        return run(c, null);
    }

    /** As {@link #run(Case)}, reporting each node's start and end to {@code listener} (may be null). */
    @SuppressWarnings("unchecked")
    public List<Row> run(Case c, ExecutionListener listener) throws PipelineValidationException {
        Pipeline p = pipeline(c);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 1)
                .run(p, RunOptions.defaults(null), listener, null);
        Map<String, NodeRun> runs = new LinkedHashMap<>();
        for (NodeRun r : run.nodeRuns()) {
            runs.put(r.nodeId(), r);
        }
        NodeRun phantomRun = runs.get("phantom");
        if (phantomRun == null || !phantomRun.succeeded()) {
            throw new IllegalStateException("the phantom failed: " + (phantomRun == null ? "?" : phantomRun.error()));
        }
        Volume<FloatType> truth = (Volume<FloatType>) run.outputs().get("truth");
        float[] t = VolumeArrays.frame(truth, 0);
        float[] brain = VolumeArrays.frame((Volume<FloatType>) run.outputs().get("brain"), 0);
        float[] labels = VolumeArrays.frame((Volume<FloatType>) run.outputs().get("labels"), 0);
        float[] trueLocal = VolumeArrays.frame((Volume<FloatType>) run.outputs().get("local_field"), 0);
        long brainVoxels = 0;
        for (float b : brain) {
            brainVoxels += b != 0 ? 1 : 0;
        }
        VoxelGrid grid = VoxelGrid.of(truth);
        List<Row> rows = new ArrayList<>();
        for (Chain chain : chains()) {
            double seconds = 0;
            String failure = null;
            for (String n : chain.nodes()) {
                NodeRun r = runs.get(n);
                if (r == null || !r.succeeded()) {
                    failure = failure != null
                            ? failure
                            : (r == null
                                    ? n + " did not run"
                                    : n + " " + r.status().name().toLowerCase(Locale.ROOT)
                                            + (r.error() == null ? "" : ": " + r.error()));
                } else if (!n.equals("phantom")) {
                    seconds += r.nanos() / 1e9;
                }
            }
            if (failure != null) {
                rows.add(new Row(c.name(), chain.name(), null, 0, 0, Double.NaN, seconds, failure));
                continue;
            }
            float[] chi = VolumeArrays.frame((Volume<FloatType>) run.outputs().get(chain.chiNode() + "_chi"), 0);
            float[] mask = chain.maskNode().equals("truth")
                    ? brain
                    : VolumeArrays.frame((Volume<FloatType>) run.outputs().get(chain.maskNode() + "_mask"), 0);
            boolean[] evaluation = new boolean[t.length];
            long inside = 0, outside = 0;
            for (int n = 0; n < t.length; n++) {
                evaluation[n] = mask[n] != 0 && brain[n] != 0 && Float.isFinite(chi[n]);
                inside += evaluation[n] ? 1 : 0;
                outside += mask[n] != 0 && brain[n] == 0 ? 1 : 0;
            }
            if (inside == 0) {
                rows.add(new Row(c.name(), chain.name(), null, 0, 0, Double.NaN, seconds, "its mask misses the brain"));
                continue;
            }
            QsmMetrics metrics = new QsmMetrics(grid, evaluation);
            QsmMetrics.Result m = metrics.evaluate(chi, t, labels, QsmMetrics.SsimConstants.DEFAULTS);
            double localError = Double.NaN;
            // chains whose χ comes from a background removal's local field (not the swaps that feed the true local
            // field)
            String localNode = chain.maskNode().equals("truth")
                            || chain.maskNode().equals("mask")
                            || chain.chiNode().startsWith("tlocal_")
                    ? null
                    : chain.maskNode();
            if (localNode != null && run.outputs().get(localNode + "_local") != null) {
                localError = metrics.nrmse(
                        VolumeArrays.frame((Volume<FloatType>) run.outputs().get(localNode + "_local"), 0), trueLocal);
            }
            rows.add(new Row(
                    c.name(),
                    chain.name(),
                    m,
                    (double) inside / brainVoxels,
                    (double) outside / brainVoxels,
                    localError,
                    seconds,
                    null));
        }
        return rows;
    }

    /** The rows as a Markdown table (NRMSE, HFEN in %; nucleus errors in ppb; time in s). */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "| phantom | chain | NRMSE % | HFEN % | SSIM | r | brain % | beyond % | local field NRMSE % |");
        for (PhantomLabel l : NUCLEI) {
            sb.append(' ').append(l.displayName()).append(" ppb |");
        }
        sb.append(" time s |\n|---|---|---|---|---|---|---|---|---|");
        sb.append("---|".repeat(NUCLEI.size())).append("---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.phantom()).append(" | ").append(r.chain()).append(" | ");
            if (r.metrics() == null) {
                sb.append("failed: ")
                        .append(r.failure().replace('|', '/').replace('\n', ' '))
                        .append(" |");
                sb.append(" |".repeat(7 + NUCLEI.size()));
                sb.append(String.format(Locale.ROOT, " %.1f |%n", r.seconds()));
                continue;
            }
            QsmMetrics.Result m = r.metrics();
            sb.append(String.format(
                    Locale.ROOT,
                    "%.1f | %.1f | %.3f | %.3f | %.0f | %.0f |",
                    m.nrmsePercent(),
                    m.hfenPercent(),
                    m.ssim(),
                    m.correlation(),
                    100 * r.brainFraction(),
                    100 * r.maskExcess()));
            sb.append(
                    Double.isNaN(r.localFieldNrmse())
                            ? " – |"
                            : String.format(Locale.ROOT, " %.1f |", r.localFieldNrmse()));
            for (PhantomLabel l : NUCLEI) {
                QsmMetrics.RoiError e = m.roi(l.value());
                sb.append(e == null ? " – |" : String.format(Locale.ROOT, " %+.0f |", e.errorPpb()));
            }
            sb.append(String.format(Locale.ROOT, " %.1f |%n", r.seconds()));
        }
        return sb.toString();
    }
}
