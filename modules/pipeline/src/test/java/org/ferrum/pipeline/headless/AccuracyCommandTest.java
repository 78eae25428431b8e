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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path reads, Path truth, Path json) {
        return new AccuracyCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(reads, truth, json);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    // Reads of three patients; node P1/R/III/9 was never sent to histology, histology has P2/L/IV/2 (not read) and all
    // of patient P4 (not read).
    private static final String READS =
            """
            patient,side,level,node,call,score
            P1,L,II,1,1,0.9
            P1,L,II,2,0,0.2
            P1,R,III,1,1,0.7
            P1,R,III,9,0,0.1
            P2,L,II,1,0,0.4
            P2,L,IV,1,0,0.3
            P3,R,II,1,1,0.8
            P3,R,II,2,1,0.6
            """;

    private static final String HISTOLOGY =
            """
            Patient,Side,Level,Node,Metastasis,largest deposit mm
            P1,L,II,1,1,4
            P1,L,II,2,0,
            P1,R,III,1,0,
            P2,L,II,1,1,2.5
            P2,L,IV,1,0,
            P2,L,IV,2,0,
            P3,R,II,1,1,6
            P3,R,II,2,1,3
            P4,L,II,1,1,8
            """;

    @Test
    void endToEndWithTheLedger() throws IOException {
        Path json = dir.resolve("out/accuracy.json");
        assertEquals(0, run(write("reads.csv", READS), write("histology.csv", HISTOLOGY), json), err.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());

        // Node level: 7 matched nodes. P1: TP (II/1), TN (II/2), FP (III/1); P2: FN (II/1), TN (IV/1); P3: TP, TP.
        JsonNode node = root.get("node");
        assertCounts(node, 3, 1, 2, 1, 7, 3);
        // Sensitivity 3/4; per patient y = 1, 0, 2 of m = 1, 1, 2; residuals ¼, −¾, ½; Σ r² = 7/8;
        // var = 3/2 · 7/8 / 4² = 21/256, SE 0.2864; CI 0.75 ± 1.959964 · 0.2864 = 0.18864 … 1.3114 → 1.
        assertMeasure(node.get("sensitivity"), 0.75, 0.75 - 1.959963984540054 * Math.sqrt(21.0 / 256), 1);
        // Specificity 2/3: P1 1 of 2, P2 1 of 1 (K = 2); residuals 1 − 4/3, 1 − 2/3 = ∓⅓; var = 2 · 2/9 / 9 = 4/81,
        // SE 2/9; CI 2/3 ± 0.43555 = 0.23111 … 1.1022 → 1.
        assertMeasure(node.get("specificity"), 2.0 / 3, 2.0 / 3 - 1.959963984540054 * 2 / 9, 1);
        // Accuracy 5/7: y = 2, 1, 2 of 3, 2, 2; residuals −1/7, −3/7, 4/7; Σ r² = 26/49; var = 3/2 · 26/49 / 49,
        // SE = √39/49 = 0.127449; CI 0.714286 ± 0.249796.
        double se = Math.sqrt(39) / 49;
        assertMeasure(
                node.get("accuracy"), 5.0 / 7, 5.0 / 7 - 1.959963984540054 * se, 5.0 / 7 + 1.959963984540054 * se);
        assertEquals(5.0 / 7, node.get("accuracy").get("estimate").asDouble(), 1e-15);
        // PPV 3/4 (TP 3, FP 1), NPV 2/3 (TN 2, FN 1).
        assertEquals(0.75, node.get("ppv").get("estimate").asDouble(), 1e-15);
        assertEquals(2.0 / 3, node.get("npv").get("estimate").asDouble(), 1e-15);
        // AUC: metastatic scores 0.9 (P1), 0.4 (P2), 0.8 and 0.6 (P3); benign 0.2, 0.7 (P1), 0.3 (P2).
        // Wins 3 + 2 + 3 + 2 = 10 of 12: A = 5/6. Per patient V10 = 1, 2/3, 5/3 (m = 1, 1, 2),
        // V01 = 1 + ½ = 3/2, 1, 0 (n = 2, 1, 0); residuals V10 − mA = 1/6, −1/6, 0, V01 − nA = −1/6, 1/6, 0.
        // S10 = 3/(2·4) · 2/36 = 1/48; S01 = 2/(1·3) · 2/36 = 1/27; S11 = 3/2 · (−1/36 − 1/36) = −1/12;
        // var = S10/4 + S01/3 + 2 S11/12 = 19/5184, SE 0.0605403.
        JsonNode auc = node.get("auc");
        assertEquals(5.0 / 6, auc.get("estimate").asDouble(), 1e-15);
        assertEquals(Math.sqrt(19.0 / 5184), auc.get("se").asDouble(), 1e-15);
        assertEquals(
                5.0 / 6 - 1.959963984540054 * Math.sqrt(19.0 / 5184),
                auc.get("ci_low").asDouble(),
                1e-12);
        assertEquals(8, auc.get("curve").size(), "(0, 0) and one point per distinct score");

        // The ledger: nothing dropped silently.
        JsonNode ledger = root.get("unmatched");
        assertEquals(1, ledger.get("node").get("read_not_in_truth").size());
        assertEquals(
                "9",
                ledger.get("node").get("read_not_in_truth").get(0).get("node").asText());
        assertEquals(
                5,
                ledger.get("node").get("read_not_in_truth").get(0).get("line").asInt());
        assertEquals(2, ledger.get("node").get("truth_not_read").size());
        assertEquals(1, node.get("excluded").get("read_not_in_truth").asInt());
        assertEquals(2, node.get("excluded").get("truth_not_read").asInt());

        // Level level: P1/L/II TP, P1/R/III FP (node 9 read negative, node 1 read positive; histology node 1 benign),
        // P2/L/II FN, P2/L/IV TN (both histology nodes benign), P3/R/II TP; P4/L/II only in histology.
        assertCounts(root.get("level"), 2, 1, 1, 1, 5, 3);
        assertEquals(0, ledger.get("level").get("read_not_in_truth").size());
        assertEquals(
                "P4",
                ledger.get("level").get("truth_not_read").get(0).get("patient").asText());
        // level score = highest node score: P1/R/III max(0.7, 0.1) = 0.7. Metastatic levels 0.9, 0.4, 0.8 against
        // benign 0.7, 0.3: wins 2 + 1 + 2 = 5 of 6.
        assertEquals(5.0 / 6, root.get("level").get("auc").get("estimate").asDouble(), 1e-15);

        // Patient level: P1 TP, P2 FN, P3 TP; no patient without metastasis, so specificity is not defined.
        JsonNode patient = root.get("patient");
        assertCounts(patient, 2, 0, 0, 1, 3, 3);
        // One unit per patient: var = p(1 − p)/(n − 1) = (2/9)/2 = 1/9, SE ⅓.
        assertEquals(1.0 / 3, patient.get("sensitivity").get("se").asDouble(), 1e-15);
        assertTrue(patient.get("specificity").get("estimate").isNull());
        assertTrue(patient.get("auc").get("estimate").isNull());

        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                summary.contains("read but not in histology: patient P1, side R, level III, node 9 (line 5)"), summary);
        assertTrue(summary.contains("in histology but not read: patient P4 (line 10)"), summary);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInputIsOneLinePerProblemWithFileLineAndColumn() throws IOException {
        Path reads = write(
                "reads.csv",
                """
                patient,side,level,node,call
                P1,L,II,1,2
                P1,L,,2,0
                P1,L,II,1,1
                P1,L,II,3
                """);
        Path truth = write("truth.csv", "patient,side,level,node\nP1,L,II,1\n");
        Path json = dir.resolve("accuracy.json");
        assertEquals(2, run(reads, truth, json));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                List.of(
                        reads + ":2:5: call is '2', not 0 or 1",
                        reads + ":3:3: no level (every row needs patient, side, level and node)",
                        reads + ":5: 4 cells, but the header has 5 columns",
                        truth + ":1: no column 'metastasis' (the header needs patient, side, level, node, metastasis)"),
                lines);
        assertFalse(Files.exists(json), "no output that looks complete");
    }

    @Test
    void duplicatesScoresAndNoMatch() throws IOException {
        Path reads = write(
                "reads.csv",
                "patient,side,level,node,call,score\nP1,L,II,1,1,0.5\nP1,L,II,1,0,x\n"
                        + "P1,L,II,2,0,0.1\nP1,L,II,2,1,0.3\n");
        Path truth = write("truth.csv", "patient,side,level,node,metastasis\nP9,L,II,1,1\n");
        assertEquals(2, run(reads, truth, null));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                List.of(
                        reads + ":3:6: score is 'x', not a finite number (a score column needs a score on every row)",
                        reads + ":5:4: patient P1, side L, level II, node 2 appears twice (first on line 4)"),
                lines);
        err.reset();
        Path clean = write("clean.csv", "patient,side,level,node,call\nP1,L,II,1,1\n");
        assertEquals(2, run(clean, truth, null));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no node matches"));
        err.reset();
        assertEquals(2, run(dir.resolve("missing.csv"), truth, null));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(dir.resolve("missing.csv") + ": cannot be read"));
    }

    @Test
    void headlessMainRoutesTheOption() throws IOException {
        Path reads = write("reads.csv", READS);
        Path truth = write("histology.csv", HISTOLOGY);
        assertEquals(HeadlessRunner.BAD_INPUT, HeadlessMain.run(new String[] {"--accuracy", reads.toString()}, null));
        assertEquals(
                HeadlessRunner.BAD_INPUT,
                HeadlessMain.run(new String[] {"--truth", truth.toString(), "--list-operators"}, null));
        Path json = dir.resolve("a.json");
        assertEquals(
                HeadlessRunner.OK,
                HeadlessMain.run(
                        new String[] {
                            "--accuracy", reads.toString(), "--truth", truth.toString(), "--json", json.toString()
                        },
                        null));
        assertTrue(Files.exists(json));
    }

    private static void assertCounts(JsonNode level, int tp, int fp, int tn, int fn, int n, int clusters) {
        JsonNode c = level.get("counts");
        assertEquals(
                List.of(tp, fp, tn, fn, n, clusters),
                List.of(
                        c.get("TP").asInt(),
                        c.get("FP").asInt(),
                        c.get("TN").asInt(),
                        c.get("FN").asInt(),
                        c.get("n").asInt(),
                        c.get("clusters").asInt()));
    }

    private static void assertMeasure(JsonNode m, double estimate, double low, double high) {
        assertEquals(estimate, m.get("estimate").asDouble(), 1e-15);
        assertEquals(low, m.get("ci_low").asDouble(), 1e-12);
        assertEquals(high, m.get("ci_high").asDouble(), 1e-12);
    }
}
