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
package org.ferrum.pipeline.headless;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ferrum.core.statistics.ClusteredProportion;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.DiagnosticAccuracy;
import org.ferrum.core.statistics.DiagnosticAccuracy.Bootstrap;
import org.ferrum.core.statistics.DiagnosticAccuracy.Measure;
import org.ferrum.core.statistics.EmpiricalRoc;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.table.TableCsv;
import org.ferrum.io.table.TableFormatException;

/**
 * {@code --accuracy READS.csv --truth HISTOLOGY.csv [--json FILE]} (issue 20, "Headless statistics"): the diagnostic
 * accuracy of node reads against histopathology per node, per neck level and per patient.
 *
 * <h2>Input</h2>
 * READS.csv has the columns {@code patient}, {@code side}, {@code level}, {@code node}, {@code call} (0/1) and
 * optionally {@code score} (a finite number, higher = more suspicious); HISTOLOGY.csv has {@code patient}, {@code side},
 * {@code level}, {@code node}, {@code metastasis} (0/1); other columns are ignored, header names are matched without
 * regard to case. A node is the four identifiers together (trimmed text, compared exactly). Every problem (missing
 * column, empty identifier, a call that is not 0/1, a duplicate node) is one line {@code FILE:LINE:COLUMN: what}, and
 * the exit status is 2.
 *
 * <h2>Units of analysis</h2>
 * <ul>
 * <li><b>node</b>: the nodes in both files; a node read but absent from histology, or in histology but never read, is
 *     listed in the ledger and left out.</li>
 * <li><b>level</b>: patient × side × neck level, for the levels in both files: positive by truth when any histology node
 *     in it has metastasis, by call when any read node in it is called positive; its score is the highest node score.
 *     All nodes of the level count (level-to-level matching does not need node-to-node matching); levels in one file
 *     only are listed.</li>
 * <li><b>patient</b>: the same with all the patient's nodes.</li>
 * </ul>
 * Intervals ({@link ClusteredProportion}): the Rao–Scott ratio-estimator interval with patients as clusters, normal
 * approximation truncated to [0, 1] (at patient level one unit per cluster: the binomial variance); beside it the
 * Wilson interval and the patient bootstrap percentile interval ({@value #RESAMPLES} resamples, seed {@value #SEED}).
 * AUC ({@link EmpiricalRoc}) with Obuchowski's clustered variance (DeLong's at patient level, where it is the same).
 */
public final class AccuracyCommand {

    /** The patient bootstrap's resamples and seed: fixed, so that a run is reproducible. */
    static final int RESAMPLES = DiagnosticAccuracy.DEFAULT_RESAMPLES;

    static final long SEED = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;

    public AccuracyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A node: patient, side, neck level and node id. */
    record NodeKey(String patient, String side, String level, String node) implements Comparable<NodeKey> {

        private static final Comparator<NodeKey> ORDER = Comparator.comparing(NodeKey::patient)
                .thenComparing(NodeKey::side)
                .thenComparing(NodeKey::level)
                .thenComparing(NodeKey::node);

        @Override
        public int compareTo(NodeKey o) {
            return ORDER.compare(this, o);
        }

        /** The unit this node belongs to at level of analysis {@code unit}: node, level or patient. */
        String unit(String unit) {
            return switch (unit) {
                case "node" -> patient + "|" + side + "|" + level + "|" + node;
                case "level" -> patient + "|" + side + "|" + level;
                default -> patient;
            };
        }

        @Override
        public String toString() {
            return "patient " + patient + ", side " + side + ", level " + level + ", node " + node;
        }
    }

    /** One row of either file: the node, its 0/1 value (call or metastasis), its score (NaN when none), its line. */
    record Row(NodeKey key, boolean positive, double score, int line) {}

    /** A parsed file: its rows by node, and whether it had a score column. */
    record Parsed(Map<NodeKey, Row> rows, boolean scored) {}

    /** Runs the command; returns 0, 2 for bad input, 1 when the JSON cannot be written. */
    public int run(Path reads, Path truth, Path json) {
        List<String> problems = new ArrayList<>();
        Parsed read = parse(reads, "call", true, problems);
        Parsed histology = parse(truth, "metastasis", false, problems);
        if (problems.isEmpty() && read.rows().keySet().stream().noneMatch(histology.rows()::containsKey)) {
            problems.add(reads + ": no node matches a node of " + truth
                    + " (a node is patient, side, level and node id, compared as text)");
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return HeadlessRunner.BAD_INPUT;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("reads", reads.getFileName().toString());
        root.put("truth", truth.getFileName().toString());
        root.put("confidence", 0.95);
        root.put(
                "interval",
                "Rao-Scott ratio estimator, patients as clusters, normal approximation truncated to [0, 1]");
        ObjectNode boot = root.putObject("bootstrap");
        boot.put("resamples", RESAMPLES);
        boot.put("seed", SEED);
        boot.put("method", "patient-level cluster bootstrap, percentile interval");
        ObjectNode ledger = JSON.createObjectNode();
        StringBuilder summary = new StringBuilder();
        for (String unit : List.of("node", "level", "patient")) {
            root.set(unit, analyse(unit, read, histology, ledger, summary));
        }
        root.set("unmatched", ledger);
        out.print(summary);
        if (json != null) {
            try {
                AtomicFiles.writeString(json, JSON.writeValueAsString(root) + "\n");
            } catch (IOException e) {
                err.println(json + ": cannot write the JSON: " + e.getMessage());
                return HeadlessRunner.FAILURE;
            }
            out.println("JSON: " + json);
        }
        return HeadlessRunner.OK;
    }

    /** One unit of analysis: truth (any positive), call (any positive), score (the highest), patient. */
    private record Unit(String patient, boolean truth, boolean call, double score) {}

    private ObjectNode analyse(String unit, Parsed read, Parsed histology, ObjectNode ledger, StringBuilder summary) {
        Map<String, List<Row>> byRead = group(read.rows(), k -> k.unit(unit));
        Map<String, List<Row>> byTruth = group(histology.rows(), k -> k.unit(unit));
        List<Unit> units = new ArrayList<>();
        ArrayNode readOnly = JSON.createArrayNode();
        ArrayNode truthOnly = JSON.createArrayNode();
        for (Map.Entry<String, List<Row>> e : byRead.entrySet()) {
            List<Row> h = byTruth.get(e.getKey());
            if (h == null) {
                readOnly.add(describe(unit, e.getValue().get(0)));
                continue;
            }
            boolean call = e.getValue().stream().anyMatch(Row::positive);
            boolean positive = h.stream().anyMatch(Row::positive);
            double score = e.getValue().stream().mapToDouble(Row::score).max().orElse(Double.NaN);
            units.add(new Unit(e.getValue().get(0).key().patient(), positive, call, score));
        }
        for (Map.Entry<String, List<Row>> e : byTruth.entrySet()) {
            if (!byRead.containsKey(e.getKey())) {
                truthOnly.add(describe(unit, e.getValue().get(0)));
            }
        }
        ObjectNode unmatched = ledger.putObject(unit);
        unmatched.set("read_not_in_truth", readOnly);
        unmatched.set("truth_not_read", truthOnly);

        Map<String, Integer> clusterOf = new TreeMap<>();
        units.forEach(u -> clusterOf.putIfAbsent(u.patient(), 0));
        int next = 0;
        for (Map.Entry<String, Integer> e : clusterOf.entrySet()) {
            e.setValue(next++);
        }
        int n = units.size();
        int[] cluster = new int[n];
        boolean[] truth = new boolean[n];
        boolean[] call = new boolean[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            cluster[i] = clusterOf.get(u.patient());
            truth[i] = u.truth();
            call[i] = u.call();
            score[i] = u.score();
        }
        DiagnosticAccuracy table = DiagnosticAccuracy.of(cluster, truth, call);
        Map<Measure, Bootstrap> bootstrap = table.bootstrap(RESAMPLES, SEED);
        ObjectNode node = JSON.createObjectNode();
        DiagnosticAccuracy.Counts c = table.counts();
        ObjectNode counts = node.putObject("counts");
        counts.put("TP", c.truePositives());
        counts.put("FP", c.falsePositives());
        counts.put("TN", c.trueNegatives());
        counts.put("FN", c.falseNegatives());
        counts.put("n", c.total());
        counts.put("clusters", table.clusters());
        ObjectNode excluded = node.putObject("excluded");
        excluded.put("read_not_in_truth", readOnly.size());
        excluded.put("truth_not_read", truthOnly.size());
        summary.append(String.format(
                Locale.ROOT,
                "per %s: %d %ss in both files, %d patients (left out: %d read but not in histology, %d in histology"
                        + " but not read)%n  TP %d  FP %d  TN %d  FN %d%n",
                unit,
                n,
                unit,
                table.clusters(),
                readOnly.size(),
                truthOnly.size(),
                c.truePositives(),
                c.falsePositives(),
                c.trueNegatives(),
                c.falseNegatives()));
        for (Measure m : Measure.values()) {
            ClusteredProportion p = table.estimate(m);
            ObjectNode o = node.putObject(m.key());
            put(o, "estimate", p.estimate());
            put(o, "ci_low", p.interval().lower());
            put(o, "ci_high", p.interval().upper());
            put(o, "se", p.standardError());
            o.put("numerator", p.successes());
            o.put("denominator", p.units());
            put(o, "design_effect", p.designEffect());
            put(o, "wilson_low", p.wilson().lower());
            put(o, "wilson_high", p.wilson().upper());
            Bootstrap b = bootstrap.get(m);
            put(o, "bootstrap_low", b.interval().lower());
            put(o, "bootstrap_high", b.interval().upper());
            summary.append(String.format(
                    Locale.ROOT,
                    "  %-12s %s  95 %% CI %s (Rao-Scott), %s (bootstrap)  %d/%d%n",
                    m.key(),
                    number(p.estimate()),
                    range(p.interval()),
                    range(b.interval()),
                    p.successes(),
                    p.units()));
        }
        if (read.scored()) {
            EmpiricalRoc roc = EmpiricalRoc.clustered(score, truth, cluster);
            ObjectNode auc = node.putObject("auc");
            put(auc, "estimate", roc.auc());
            put(auc, "ci_low", roc.interval().lower());
            put(auc, "ci_high", roc.interval().upper());
            put(auc, "se", roc.standardError());
            auc.put(
                    "method",
                    unit.equals("patient")
                            ? "DeLong 1988 (one unit per patient)"
                            : "Obuchowski 1997, nonparametric, clustered by patient");
            auc.put("positives", roc.diseased());
            auc.put("negatives", roc.healthy());
            ArrayNode curve = auc.putArray("curve");
            for (EmpiricalRoc.Point pt : roc.curve()) {
                ObjectNode q = curve.addObject();
                if (Double.isFinite(pt.threshold())) {
                    q.put("threshold", pt.threshold());
                } else {
                    q.putNull("threshold");
                }
                put(q, "fpf", pt.falsePositiveFraction());
                put(q, "tpf", pt.truePositiveFraction());
            }
            summary.append(String.format(
                    Locale.ROOT,
                    "  %-12s %s  95 %% CI %s (%s)%n",
                    "AUC",
                    number(roc.auc()),
                    range(roc.interval()),
                    unit.equals("patient") ? "DeLong" : "Obuchowski, clustered"));
        }
        for (int i = 0; i < readOnly.size(); i++) {
            summary.append("  read but not in histology: ")
                    .append(readOnly.get(i).get("unit").asText())
                    .append('\n');
        }
        for (int i = 0; i < truthOnly.size(); i++) {
            summary.append("  in histology but not read: ")
                    .append(truthOnly.get(i).get("unit").asText())
                    .append('\n');
        }
        return node;
    }

    private static Map<String, List<Row>> group(Map<NodeKey, Row> rows, Function<NodeKey, String> unit) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (Row r : rows.values()) {
            out.computeIfAbsent(unit.apply(r.key()), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static ObjectNode describe(String unit, Row row) {
        ObjectNode o = JSON.createObjectNode();
        NodeKey k = row.key();
        o.put("patient", k.patient());
        if (!unit.equals("patient")) {
            o.put("side", k.side());
            o.put("level", k.level());
        }
        if (unit.equals("node")) {
            o.put("node", k.node());
        }
        o.put("line", row.line());
        o.put(
                "unit",
                switch (unit) {
                            case "node" -> k.toString();
                            case "level" -> "patient " + k.patient() + ", side " + k.side() + ", level " + k.level();
                            default -> "patient " + k.patient();
                        } + " (line " + row.line() + ")");
        return o;
    }

    private static void put(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    private static String range(ConfidenceInterval ci) {
        return ci.defined() ? number(ci.lower()) + "–" + number(ci.upper()) : "–";
    }

    private static final List<String> KEY = List.of("patient", "side", "level", "node");

    /** Reads one file; adds one line per problem to {@code problems}. */
    static Parsed parse(Path file, String valueColumn, boolean scoreAllowed, List<String> problems) {
        Map<NodeKey, Row> rows = new TreeMap<>();
        List<TableCsv.Record> records;
        try {
            byte[] bytes = Files.readAllBytes(file);
            records = TableCsv.records(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8 text");
            return new Parsed(rows, false);
        } catch (TableFormatException e) {
            String m = e.getMessage();
            problems.add(file + (m.startsWith("line ") ? ":" + m.substring(5) : ": " + m));
            return new Parsed(rows, false);
        } catch (IOException e) {
            problems.add(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return new Parsed(rows, false);
        }
        records = records.stream().filter(r -> !r.blank()).toList();
        if (records.isEmpty()) {
            problems.add(
                    file + ":1: empty; the header needs the columns " + String.join(", ", KEY) + ", " + valueColumn);
            return new Parsed(rows, false);
        }
        List<String> header = records.get(0).cells();
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).trim().toLowerCase(Locale.ROOT);
            if (column.putIfAbsent(name, c) != null && !name.isEmpty()) {
                problems.add(file + ":" + records.get(0).line() + ":" + (c + 1) + ": column '" + name
                        + "' appears twice in the header");
            }
        }
        List<String> required = new ArrayList<>(KEY);
        required.add(valueColumn);
        boolean missing = false;
        for (String name : required) {
            if (!column.containsKey(name)) {
                problems.add(file + ":" + records.get(0).line() + ": no column '" + name + "' (the header needs "
                        + String.join(", ", required) + (scoreAllowed ? ", and may have score" : "") + ")");
                missing = true;
            }
        }
        if (missing) {
            return new Parsed(rows, false);
        }
        Integer scoreColumn = scoreAllowed ? column.get("score") : null;
        Map<NodeKey, Integer> firstLine = new TreeMap<>();
        for (TableCsv.Record r : records.subList(1, records.size())) {
            List<String> cells = r.cells();
            String at = file + ":" + r.line();
            if (cells.size() != header.size()) {
                problems.add(at + ": " + cells.size() + " cells, but the header has " + header.size() + " columns");
                continue;
            }
            String[] id = new String[KEY.size()];
            boolean ok = true;
            for (int k = 0; k < id.length; k++) {
                int c = column.get(KEY.get(k));
                id[k] = cells.get(c).trim();
                if (id[k].isEmpty()) {
                    problems.add(at + ":" + (c + 1) + ": no " + KEY.get(k) + " (every row needs patient, side, level"
                            + " and node)");
                    ok = false;
                }
            }
            int vc = column.get(valueColumn);
            String value = cells.get(vc).trim();
            boolean positive = value.equals("1");
            if (!value.equals("0") && !value.equals("1")) {
                problems.add(at + ":" + (vc + 1) + ": " + valueColumn + " is '" + value + "', not 0 or 1");
                ok = false;
            }
            double score = Double.NaN;
            if (scoreColumn != null) {
                String s = cells.get(scoreColumn).trim();
                try {
                    score = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    score = Double.NaN;
                }
                if (!Double.isFinite(score) || s.isEmpty()) {
                    problems.add(at + ":" + (scoreColumn + 1) + ": score is '" + s + "', not a finite number (a score"
                            + " column needs a score on every row)");
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            NodeKey key = new NodeKey(id[0], id[1], id[2], id[3]);
            Integer earlier = firstLine.putIfAbsent(key, r.line());
            if (earlier != null) {
                problems.add(at + ":" + (column.get("node") + 1) + ": " + key + " appears twice (first on line "
                        + earlier + ")");
                continue;
            }
            rows.put(key, new Row(key, positive, score, r.line()));
        }
        return new Parsed(rows, scoreColumn != null);
    }
}
