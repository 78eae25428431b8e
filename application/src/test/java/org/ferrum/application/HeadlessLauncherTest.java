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
package org.ferrum.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the assembled application's launcher headless ({@code bin/ferrum --nogui}) as a user would:
 * every sample pipeline in {@code testdata/pipelines/} with its default inputs, and broken pipelines
 * that must be refused with exit status 2 and a message naming the problem.
 */
class HeadlessLauncherTest {

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {}

    static Path app() {
        return Path.of(System.getProperty("ferrum.app.dir", "target/ferrum"));
    }

    static Path testdata() {
        return Path.of(System.getProperty("ferrum.testdata", "../testdata"));
    }

    Result launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(app().resolve("bin/ferrum").toAbsolutePath().toString());
        cmd.add("--nogui");
        cmd.add("--userdir");
        cmd.add(tmp.resolve("userdir").toString());
        cmd.add("-J-Djava.awt.headless=true");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove("DISPLAY");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "launcher did not finish within 180 s: " + cmd);
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everySamplePipelineRunsHeadlessWithItsDefaultInputs() throws IOException {
        List<Path> samples;
        try (Stream<Path> s = Files.list(testdata().resolve("pipelines"))) {
            samples = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(samples.isEmpty(), "no sample pipelines in " + testdata().resolve("pipelines"));
        return samples.stream()
                .map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
                    Pipeline p = PipelineFormat.read(sample);
                    Path out = tmp.resolve("out-" + sample.getFileName());
                    Result r = launch("--run", sample.toAbsolutePath().toString(), "--out", out.toString());
                    assertEquals(
                            0,
                            r.status(),
                            "exit status of " + sample + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
                    for (String name : p.outputs().keySet()) {
                        boolean written = Files.exists(out.resolve(name + ".nii.gz"))
                                || Files.exists(out.resolve(name + ".csv"))
                                || Files.isDirectory(out.resolve(name));
                        assertTrue(written, "output '" + name + "' not written to " + out);
                    }
                    String provenance = Files.readString(out.resolve("provenance.json"));
                    assertTrue(provenance.contains("\"status\" : \"succeeded\""), provenance);
                    assertTrue(provenance.contains("\"sha256\""), "input file hashes missing from provenance");
                }));
    }

    @Test
    void listOperatorsShowsPortsAndParametersWithUnits() throws Exception {
        Result r = launch("--list-operators");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("roi.statistics 1.2"), r.out());
        assertTrue(r.out().contains("volume.threshold 1.0"), r.out());
        assertTrue(r.out().matches("(?s).*\\d+ operators\\s*"), r.out());
    }

    @Test
    void unknownOperatorIsRefusedWithStatus2NamingTheNode() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(
                bad,
                """
                { "format": "ferrum-pipeline", "formatVersion": 1, "name": "broken",
                  "nodes": [ { "id": "magic", "operator": "qsm.does-not-exist", "version": "1.0" } ] }
                """);
        Result r = launch("--run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("bad.json: node 'magic': unknown operator 'qsm.does-not-exist'"), r.err());
        assertFalse(
                Files.exists(tmp.resolve("o").resolve("provenance.json")),
                "nothing is written for a pipeline that cannot run");
    }

    @Test
    void cycleAndPortTypeMismatchAreRefusedWithStatus2() throws Exception {
        Path bad = tmp.resolve("cycle.json");
        Files.writeString(
                bad,
                """
                { "format": "ferrum-pipeline", "formatVersion": 1, "name": "cycle",
                  "nodes": [ { "id": "a", "operator": "volume.arithmetic", "version": "1.0" },
                             { "id": "b", "operator": "volume.arithmetic", "version": "1.0" },
                             { "id": "stats", "operator": "roi.statistics", "version": "1.0" },
                             { "id": "t", "operator": "volume.threshold", "version": "1.0" } ],
                  "edges": [ { "from": "a.result", "to": "b.a" }, { "from": "b.result", "to": "a.a" },
                             { "from": "stats.table", "to": "t.volume" } ] }
                """);
        Result r = launch("--run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("cycle:"), r.err());
        assertTrue(r.err().contains("carries table but input t.volume expects volume"), r.err());
    }

    @Test
    void convertWritesNiftiAndJsonPerImageAndAFolderWithoutDicomIsBadInput() throws Exception {
        Path megre = testdata().resolve("dicom/heudiconv/MEGRE").toAbsolutePath();
        Path out = tmp.resolve("nifti");
        Result r = launch("--convert", megre.toString(), "--out", out.toString());
        assertEquals(0, r.status(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        List<String> written;
        try (Stream<Path> s = Files.list(out)) {
            written = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // magnitude (series 2) and phase (series 3) of three echoes, NIfTI + JSON each, named %f_%p_%t_%s like dcm2niix
        assertEquals(12, written.size(), written.toString());
        assertTrue(written.contains("MEGRE_GRE_QSM_20220202161124_3_e1_ph.nii"), written.toString());
        assertTrue(Files.readString(out.resolve("MEGRE_GRE_QSM_20220202161124_3_e1_ph.json"))
                .contains("\"Units\" : \"rad\""));
        assertEquals(6, r.out().lines().filter(l -> l.startsWith("wrote ")).count(), r.out());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = launch("--convert", empty.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(empty + ": no DICOM image series found"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written for a folder without DICOM");
    }

    @Test
    void deidentifyWritesTheFolderAndItsAuditAndRefusesAnUnknownOption() throws Exception {
        Path ge = testdata().resolve("dicom/dcm_qa_ge/In").toAbsolutePath();
        Path key = tmp.resolve("project.key");
        Files.write(key, "thirty-two bytes of a test key!!".getBytes(StandardCharsets.US_ASCII));
        Path out = tmp.resolve("deid");
        Result r = launch(
                "--deidentify",
                ge.toString(),
                out.toString(),
                "--options",
                "retain-modified-dates,retain-safe-private",
                "--secret",
                key.toString());
        assertEquals(0, r.status(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        assertTrue(r.out().contains("de-identified 14 files in: 14 written"), r.out());
        // named by de-identified identifiers only: pseudonym/study/series/instance, never the input's names
        assertFalse(Files.exists(out.resolve("01_Ax_DWI_TENSOR_R2")));
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(
                    14,
                    s.filter(p -> out.relativize(p)
                                    .toString()
                                    .matches("FERRUM-[0-9A-F]{10}/[0-9a-f]{16}/\\d+_[0-9a-f]{16}/[0-9a-f]{16}\\.dcm"))
                            .count());
        }
        assertTrue(Files.isRegularFile(out.resolve("deidentification-audit.csv")));

        r = launch("--deidentify", ge.toString(), tmp.resolve("deid2").toString(), "--options", "nope");
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("unknown option 'nope'"), r.err());
        assertFalse(Files.exists(tmp.resolve("deid2")));
    }

    @Test
    void accuracyWritesTheJsonAndNamesBadCellsWithFileLineAndColumn() throws Exception {
        Path reads = Files.writeString(
                tmp.resolve("reads.csv"),
                "patient,side,level,node,call,score\nP1,L,II,1,1,0.9\nP1,L,II,2,0,0.2\nP2,R,III,1,0,0.4\n"
                        + "P2,R,III,2,1,0.7\nP3,L,IV,1,1,0.8\n");
        Path truth = Files.writeString(
                tmp.resolve("histology.csv"),
                "patient,side,level,node,metastasis\nP1,L,II,1,1\nP1,L,II,2,0\nP2,R,III,1,1\nP2,R,III,2,0\n"
                        + "P3,L,IV,1,1\nP3,L,IV,7,0\n");
        Path json = tmp.resolve("accuracy.json");
        Result r = launch("--accuracy", reads.toString(), "--truth", truth.toString(), "--json", json.toString());
        assertEquals(0, r.status(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        String text = Files.readString(json);
        // nodes: TP (P1/1), TN (P1/2), FN (P2/1), FP (P2/2), TP (P3/1); P3/L/IV/7 was never read
        assertTrue(text.contains("\"TP\" : 2") && text.contains("\"FN\" : 1"), text);
        assertTrue(text.contains("\"truth_not_read\""), text);
        assertTrue(r.out().contains("in histology but not read: patient P3, side L, level IV, node 7"), r.out());

        Path bad = Files.writeString(tmp.resolve("bad.csv"), "patient,side,level,node,call\nP1,L,II,1,yes\n");
        r = launch("--accuracy", bad.toString(), "--truth", truth.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(bad + ":2:5: call is 'yes', not 0 or 1"), r.err());
    }

    @Test
    void missingInputFileIsBadInputNamingTheFile() throws Exception {
        Path sample = testdata()
                .resolve("pipelines")
                .resolve("gre-roi-statistics.json")
                .toAbsolutePath();
        Pipeline p = PipelineFormat.read(sample);
        String input = p.inputs().keySet().iterator().next();
        Result r = launch(
                "--run",
                sample.toString(),
                "--input",
                input + "=no/such/file.nii",
                "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("file.nii"), r.err());
    }

    @Test
    void agreementComputesKappaIntoJsonAndRefusesASingleReader() throws Exception {
        // the SAS PROC FREQ printout's table [[0,4,1],[0,8,0],[0,1,5]] as 19 items; a file name the shell must not
        // read (the launcher keeps each argument one array element), given relative to the working folder
        int[][] cells = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
        StringBuilder csv = new StringBuilder("item,reader A,reader B\n");
        int item = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int c = 0; c < cells[i][j]; c++) {
                    csv.append(++item)
                            .append(',')
                            .append(i + 1)
                            .append(',')
                            .append(j + 1)
                            .append('\n');
                }
            }
        }
        Files.writeString(tmp.resolve("ratings $(x).csv"), csv.toString(), StandardCharsets.UTF_8);
        Result r = launch("--agreement", "ratings $(x).csv", "--weights", "linear", "--json", "kappa.json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("kappa          0.4701"), r.out());
        String json = Files.readString(tmp.resolve("kappa.json"));
        for (String key : List.of("\"kappa\"", "\"ase\"", "\"ci_low\"", "\"ci_high\"", "\"ase_h0\"", "\"n\" : 19")) {
            assertTrue(json.contains(key), key + " missing from " + json);
        }
        Files.writeString(tmp.resolve("one.csv"), "item,A\n1,2\n", StandardCharsets.UTF_8);
        r = launch("--agreement", "one.csv");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("one.csv:1: 1 reader column"), r.err());
    }
}
