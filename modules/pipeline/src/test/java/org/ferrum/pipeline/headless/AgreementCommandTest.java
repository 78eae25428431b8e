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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --agreement} end to end through {@link HeadlessMain} in-process: the published reference values (SAS PROC
 * FREQ's 3 × 3 agreement example; Fleiss' 1971 diagnoses, κ = 0.4302445 as R irr prints it) from CSV files, the JSON
 * keys, exclusions and every bad-input message with its exit status.
 */
@Timeout(60)
class AgreementCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeEach
    void capture() {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    private int run(String... args) {
        return HeadlessMain.run(args, HeadlessRunner.standard());
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The SAS table [[0,4,1],[0,8,0],[0,1,5]] as 19 items read by A (rows) and B (columns), plus unrated items. */
    private Path sasRatings(boolean withMissing) throws Exception {
        int[][] cells = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
        StringBuilder b = new StringBuilder("item,A,B\n");
        int item = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int c = 0; c < cells[i][j]; c++) {
                    b.append("node-")
                            .append(++item)
                            .append(',')
                            .append(i + 1)
                            .append(',')
                            .append(j + 1)
                            .append('\n');
                }
            }
        }
        if (withMissing) {
            b.append("node-x,2,\n").append("node-y,,3\n");
        }
        Path p = dir.resolve("sas.csv");
        Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private static JsonNode read(Path json) throws Exception {
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void cohenKappaOfTheSasExampleWithJson() throws Exception {
        Path json = dir.resolve("out/kappa.json");
        assertEquals(
                0, run("--agreement", sasRatings(true).toString(), "--json", json.toString()), errLines()::toString);
        JsonNode j = read(json);
        assertEquals(0.4842, j.get("kappa").asDouble(), 5e-5);
        assertEquals(0.1380, j.get("ase").asDouble(), 5e-5);
        assertEquals(0.2137, j.get("ci_low").asDouble(), 5e-5);
        assertEquals(0.7547, j.get("ci_high").asDouble(), 5e-5);
        assertEquals(0.1484, j.get("ase_h0").asDouble(), 5e-5);
        assertEquals(19, j.get("n").asInt());
        assertEquals("cohen", j.get("method").asText());
        assertEquals("none", j.get("weights").asText());
        assertEquals(21, j.get("items").asInt());
        assertEquals(2, j.get("items_excluded").asInt());
        assertEquals("node-x", j.get("excluded_items").get(0).asText());
        assertEquals("node-y", j.get("excluded_items").get(1).asText());
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("kappa          0.4842"), summary);
        assertTrue(summary.contains("95% CI         0.2137 to 0.7547"), summary);
        assertTrue(
                summary.contains("excluded       2 of 21 items (not rated by every reader): node-x, node-y"), summary);
    }

    @Test
    void linearAndQuadraticWeights() throws Exception {
        Path ratings = sasRatings(false);
        Path json = dir.resolve("linear.json");
        assertEquals(0, run("--agreement", ratings.toString(), "--weights", "linear", "--json", json.toString()));
        assertEquals(0.4701, read(json).get("kappa").asDouble(), 5e-5);
        assertEquals(0.1457, read(json).get("ase").asDouble(), 5e-5);
        assertEquals("linear", read(json).get("weights").asText());
        assertEquals(0, run("--agreement", ratings.toString(), "--weights", "quadratic", "--json", json.toString()));
        // statsmodels 0.15.0 cohens_kappa(table, wt='quadratic')
        assertEquals(0.4501607717, read(json).get("kappa").asDouble(), 1e-10);
        assertEquals(0.1922326634, read(json).get("ase").asDouble(), 1e-10);
    }

    private Path diagnoses() throws Exception {
        StringBuilder b = new StringBuilder("item,r1,r2,r3,r4,r5,r6\n");
        int[][] d = DIAGNOSES;
        for (int i = 0; i < d.length; i++) {
            b.append("patient ").append(i + 1);
            for (int v : d[i]) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        Path p = dir.resolve("diagnoses.csv");
        Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
        return p;
    }

    /** Fleiss (1971), Psychol Bull 76:378, as R irr's {@code diagnoses} data. */
    static final int[][] DIAGNOSES = {
        {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5}, {2, 2, 2, 4, 4, 4},
        {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4}, {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5},
        {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5},
        {3, 3, 3, 3, 3, 5}, {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
        {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4}, {1, 4, 4, 4, 4, 5},
        {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}
    };

    @Test
    void fleissKappaOfTheDiagnoses() throws Exception {
        Path json = dir.resolve("fleiss.json");
        assertEquals(0, run("--agreement", diagnoses().toString(), "--json", json.toString()), errLines()::toString);
        JsonNode j = read(json);
        assertEquals(0.4302445, j.get("kappa").asDouble(), 5e-8);
        assertEquals("fleiss", j.get("method").asText());
        assertEquals(30, j.get("n").asInt());
        assertEquals(6, j.get("readers").size());
        // z = κ / ase_h0 = 17.65183 (irr)
        assertEquals(17.65183, j.get("kappa").asDouble() / j.get("ase_h0").asDouble(), 5e-6);
        assertTrue(j.get("ci_low").asDouble() < 0.4302445
                && 0.4302445 < j.get("ci_high").asDouble());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Fleiss' kappa of 6 readers"));
    }

    @Test
    void weightsWithMoreThanTwoReadersAreRefused() throws Exception {
        assertEquals(2, run("--agreement", diagnoses().toString(), "--weights", "linear"));
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).contains("two readers only"), errLines()::toString);
    }

    @Test
    void aSingleCategoryGivesNullKappaAndANote() throws Exception {
        Path p = dir.resolve("one.csv");
        Files.writeString(p, "item,A,B\n1,3,3\n2,3,3\n", StandardCharsets.UTF_8);
        Path json = dir.resolve("one.json");
        assertEquals(0, run("--agreement", p.toString(), "--json", json.toString()));
        JsonNode j = read(json);
        assertTrue(j.get("kappa").isNull());
        assertTrue(j.get("ci_low").isNull());
        assertTrue(j.get("note").asText().contains("single category"));
    }

    private int runOn(String csv) throws Exception {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        return run(
                "--agreement", p.toString(), "--json", dir.resolve("bad.json").toString());
    }

    @Test
    void badInputIsOneLineEachWithExitTwoAndNoJson() throws Exception {
        String bad = dir.resolve("bad.csv").toString();
        assertEquals(2, runOn("node,A,B\n1,1,2\n"));
        assertEquals(List.of(bad + ":1: no column 'item' (the header has [node, A, B])"), errLines());
        err.reset();
        assertEquals(2, runOn("item,A\n1,1\n"));
        assertTrue(errLines().get(0).startsWith(bad + ":1: 1 reader column besides 'item'"), errLines()::toString);
        err.reset();
        assertEquals(2, runOn("item,A,B\n1,1,2\n2,x,2\n3,2,2.5\n"));
        assertEquals(
                List.of(
                        bad + ":3:2: reader 'A': 'x' is not an integer category",
                        bad + ":4:3: reader 'B': '2.5' is not an integer category"),
                errLines());
        err.reset();
        assertEquals(2, runOn("item,A,B\nn1,1,2\nn2,2,2\nn1,1,1\n"));
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).startsWith(bad + ":4:1: item 'n1' already on line 2"), errLines()::toString);
        err.reset();
        assertEquals(2, runOn("item,A,A\n1,1,2\n"));
        assertTrue(errLines().get(0).contains("column 'A' is named twice"), errLines()::toString);
        err.reset();
        assertEquals(2, runOn("item,A,B\n1,,2\n2,1,\n"));
        assertTrue(errLines().get(0).contains("no item was rated by every reader"), errLines()::toString);
        err.reset();
        assertEquals(2, run("--agreement", dir.resolve("absent.csv").toString()));
        assertEquals(List.of(dir.resolve("absent.csv") + ": no such file"), errLines());
        err.reset();
        assertEquals(2, run("--agreement", bad, "--weights", "cubic"));
        assertEquals(List.of("--weights must be none, linear or quadratic, got 'cubic'"), errLines());
        err.reset();
        assertEquals(2, run("--weights", "linear"));
        assertEquals(2, run("--agreement", bad, "--out", dir.toString()));
        assertFalse(Files.exists(dir.resolve("bad.json")), "a refused run writes no JSON");
    }

    @Test
    void theJsonCannotBeWrittenIsAFailure() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertEquals(
                1,
                run(
                        "--agreement",
                        sasRatings(false).toString(),
                        "--json",
                        blocker.resolve("k.json").toString()));
        assertTrue(errLines().get(0).startsWith("--json "), errLines()::toString);
    }
}
