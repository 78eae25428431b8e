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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.pipeline.FakeOperators;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.Provenance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Command-line parsing of the plain-JVM entry point. */
@Timeout(60)
class HeadlessMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemErr;
    private HeadlessRunner runner;
    private FakeOperators fake;

    @BeforeEach
    void setUp() throws Exception {
        systemErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        fake = new FakeOperators();
        runner = new HeadlessRunner(
                fake.registry(),
                dir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("data.txt"), "1.25", StandardCharsets.UTF_8);
        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("r", FakeOperators.READ)
                        .input("data", "r", "path", null)
                        .output("v", "r.value")
                        .build(),
                dir.resolve("p.json"));
    }

    @AfterEach
    void restore() {
        System.setErr(systemErr);
    }

    private int run(String... args) {
        return HeadlessMain.run(args, runner);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void fullCommandLineRuns() {
        String p = dir.resolve("p.json").toString();
        assertEquals(
                HeadlessRunner.OK,
                run(
                        "--run",
                        p,
                        "--input",
                        "data=" + dir.resolve("data.txt"),
                        "--out",
                        dir.resolve("o").toString()),
                errLines().toString());
        assertTrue(Files.exists(dir.resolve("o/v.csv")));
        assertTrue(Files.exists(dir.resolve("o").resolve(Provenance.FILE_NAME)));
    }

    @Test
    void overwriteReplacesAnEarlierRunsOut() throws Exception {
        String p = dir.resolve("p.json").toString();
        String o = dir.resolve("o").toString();
        assertEquals(
                HeadlessRunner.OK,
                run("--run", p, "--input", "data=data.txt", "--out", o),
                errLines().toString());
        assertEquals(HeadlessRunner.BAD_INPUT, run("--run", p, "--input", "data=data.txt", "--out", o));
        assertTrue(errLines().get(0).contains("--overwrite"), errLines().toString());
        err.reset();
        assertEquals(
                HeadlessRunner.OK,
                run("--run", p, "--input", "data=data.txt", "--out", o, "--overwrite"),
                errLines().toString());
        assertEquals(2, fake.runs("r"));
    }

    @Test
    void overwriteWithoutRunIsAUsageError() {
        assertEquals(HeadlessRunner.BAD_INPUT, run("--convert", "dicom", "--out", "o", "--overwrite"));
        assertTrue(
                errLines().get(0).startsWith("--overwrite applies only to --run"),
                errLines().toString());
    }

    @Test
    void missingOutIsAUsageError() {
        assertEquals(HeadlessRunner.BAD_INPUT, run("--run", "p.json", "--input", "data=data.txt"));
        assertTrue(errLines().get(0).startsWith("usage:"), errLines().toString());
        assertEquals(0, fake.runs("r"));
    }

    @Test
    void missingRunIsAUsageError() {
        assertEquals(HeadlessRunner.BAD_INPUT, run("--out", "o"));
        assertTrue(errLines().get(0).startsWith("usage:"), errLines().toString());
    }

    @Test
    void inputWithoutEqualsIsAUsageError() {
        for (String bad : new String[] {"data", "=data.txt"}) {
            err.reset();
            assertEquals(HeadlessRunner.BAD_INPUT, run("--run", "p.json", "--input", bad, "--out", "o"), bad);
            assertEquals(List.of("--input expects NAME=VALUE, got '" + bad + "'"), errLines());
        }
        assertEquals(0, fake.runs("r"));
    }

    @Test
    void repeatedInputNameIsAUsageError() {
        assertEquals(
                HeadlessRunner.BAD_INPUT,
                run("--run", "p.json", "--input", "data=a.txt", "--input", "data=b.txt", "--out", "o"));
        assertEquals(List.of("--input data is given twice"), errLines());
        assertEquals(0, fake.runs("r"));
    }

    @Test
    void optionWithoutValueIsAUsageError() {
        assertEquals(HeadlessRunner.BAD_INPUT, run("--run", "p.json", "--out"));
        assertEquals(List.of("--out needs a value"), errLines());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(HeadlessRunner.BAD_INPUT, run("--run", "p.json", "--out", "o", "--fast"));
        assertTrue(
                errLines().get(0).startsWith("unknown option '--fast'"),
                errLines().toString());
    }

    @Test
    void listOperators() {
        assertEquals(HeadlessRunner.OK, run("--list-operators"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("fake.read 1.0"));
    }

    @Test
    void inputValueMayContainEquals() {
        // only the first '=' separates name and value
        assertEquals(HeadlessRunner.BAD_INPUT, run("--run", "p.json", "--input", "data=a=b.txt", "--out", "o"));
        assertTrue(
                errLines().stream().anyMatch(l -> l.contains("a=b.txt")),
                errLines().toString());
    }

    @Test
    void oneInputOptionMayCarrySeveralPairsUpToTheNextOption() {
        // as on the application's command line: --input a=x b=y; the second pair is read as a pair, not a stray
        // argument
        assertEquals(
                HeadlessRunner.BAD_INPUT, run("--run", "p.json", "--input", "data=a.txt", "data=b.txt", "--out", "o"));
        assertEquals(List.of("--input data is given twice"), errLines());
        err.reset();
        String p = dir.resolve("p.json").toString();
        assertEquals(
                HeadlessRunner.OK,
                run(
                        "--input",
                        "data=" + dir.resolve("data.txt"),
                        "--run",
                        p,
                        "--out",
                        dir.resolve("o").toString()),
                errLines().toString());
        assertEquals(1, fake.runs("r"));
    }

    @Test
    void strayArgumentIsAUsageErrorNamingIt() {
        assertEquals(HeadlessRunner.BAD_INPUT, run("--run", "p.json", "extra", "--out", "o"));
        assertTrue(
                errLines()
                        .get(0)
                        .startsWith("unexpected argument 'extra' (named inputs are given as --input NAME=VALUE)"),
                errLines().toString());
        assertEquals(0, fake.runs("r"));
    }
}
