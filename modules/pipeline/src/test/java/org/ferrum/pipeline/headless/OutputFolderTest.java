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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ferrum.pipeline.FakeOperators;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.Provenance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out}: refused when it cannot be written or already holds something, checked before any node runs
 * (issue 14, items 3 and 11); replaced as a whole with {@code --overwrite}; never mixed with a failed run.
 */
@Timeout(60)
class OutputFolderTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private FakeOperators fake;
    private HeadlessRunner runner;

    @BeforeEach
    void setUp() {
        fake = new FakeOperators();
        runner = new HeadlessRunner(
                fake.registry(),
                dir,
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Every file below {@code d} (relative path → content), hidden ones included. */
    private static Map<String, String> tree(Path d) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(d.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Constant outputs a (and b unless {@code onlyA}), value {@code v}. */
    private void savePipeline(double v, boolean onlyA) throws IOException {
        FakeOperators.PipelineBuilder b = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", v)
                .output("a", "a.value");
        if (!onlyA) {
            b.node("b", FakeOperators.CONST, "value", v).output("b", "b.value");
        }
        PipelineFormat.write(b.build(), dir.resolve("p.json"));
    }

    private int run(boolean overwrite) {
        return runner.run(Path.of("p.json"), new LinkedHashMap<>(), Path.of("out"), overwrite);
    }

    @Test
    void nonEmptyOutIsRefusedWithOneMessageBeforeAnyNodeRuns() throws Exception {
        savePipeline(1, false);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(HeadlessRunner.BAD_INPUT, run(false));
        assertEquals(1, errLines().size(), errLines().toString());
        String line = errLines().get(0);
        assertTrue(
                line.startsWith(out + ": ")
                        && line.contains("already holds 1 entry (notes.txt)")
                        && line.contains("--overwrite"),
                line);
        assertEquals(0, fake.runs("a"), "nothing runs when --out is refused");
        assertEquals(Map.of("notes.txt", "mine"), tree(out));
        assertEquals(List.of("out", "p.json"), names(dir), "no staging or failed folder is left");
    }

    @Test
    void secondRunIntoTheSameOutNeedsOverwriteWhichReplacesTheFolderAsAWhole() throws Exception {
        savePipeline(1, false);
        assertEquals(HeadlessRunner.OK, run(false), errLines().toString());
        Path out = dir.resolve("out");
        assertEquals(List.of("a.csv", "b.csv", Provenance.FILE_NAME), names(out));

        savePipeline(2, true);
        assertEquals(HeadlessRunner.BAD_INPUT, run(false));
        assertEquals(List.of("a.csv", "b.csv", Provenance.FILE_NAME), names(out));

        errBytes.reset();
        assertEquals(HeadlessRunner.OK, run(true), errLines().toString());
        assertEquals(
                List.of("a.csv", Provenance.FILE_NAME),
                names(out),
                "b.csv of the earlier run does not survive beside the new run");
        assertTrue(Files.readString(out.resolve("a.csv")).contains("2"), Files.readString(out.resolve("a.csv")));
        assertEquals(List.of("out", "p.json"), names(dir), "no hidden folder is left beside it");
    }

    @Test
    void emptyExistingOutIsUsedWithoutOverwrite() throws Exception {
        savePipeline(1, true);
        Files.createDirectories(dir.resolve("out"));
        assertEquals(HeadlessRunner.OK, run(false), errLines().toString());
        assertEquals(List.of("a.csv", Provenance.FILE_NAME), names(dir.resolve("out")));
    }

    @Test
    void failedRunLeavesTheEarlierOutputUntouchedAndKeepsItsOwnFilesBesideIt() throws Exception {
        savePipeline(1, false);
        assertEquals(HeadlessRunner.OK, run(false), errLines().toString());
        Path out = dir.resolve("out");
        Map<String, String> before = tree(out);

        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("a", FakeOperators.CONST, "value", 5.0)
                        .node("f", FakeOperators.FAIL)
                        .output("a", "a.value")
                        .output("f", "f.value")
                        .build(),
                dir.resolve("p.json"));
        assertEquals(HeadlessRunner.FAILURE, run(true));
        assertEquals(before, tree(out), "the earlier run's folder is exactly as it was");
        List<String> all = names(dir);
        assertEquals(3, all.size(), all.toString());
        String failed = all.stream()
                .filter(n -> n.startsWith("out.failed-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(all));
        assertTrue(failed.matches("out\\.failed-\\d{8}T\\d{6}Z"), failed);
        Path kept = dir.resolve(failed);
        assertEquals(List.of("a.csv", Provenance.FILE_NAME), names(kept));
        assertEquals(
                "failed",
                new ObjectMapper()
                        .readTree(kept.resolve(Provenance.FILE_NAME).toFile())
                        .get("status")
                        .asText());
        assertTrue(
                outBytes.toString(StandardCharsets.UTF_8).contains(kept.toString()),
                "the output stream says where they are");
    }

    @Test
    void overwriteFailingMidWriteLeavesTheOldFolderIntactAndNoPartFile() throws Exception {
        savePipeline(1, false);
        assertEquals(HeadlessRunner.OK, run(false), errLines().toString());
        Path out = dir.resolve("out");
        Map<String, String> before = tree(out);

        // While the run works, put a non-empty folder where its output b.csv will go: the CSV is written to a
        // .part file and then cannot be moved into place, the way a full disk or an I/O error fails a write.
        savePipeline(2, false);
        fake.hook("b", c -> {
            try (Stream<Path> s = Files.list(dir)) {
                Path staging = s.filter(p -> p.getFileName().toString().startsWith(".out.ferrum-partial-"))
                        .findFirst()
                        .orElseThrow();
                Files.createDirectories(staging.resolve("b.csv").resolve("blocker"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(HeadlessRunner.FAILURE, run(true));
        assertTrue(
                errLines().stream().anyMatch(l -> l.startsWith(out + ": cannot write outputs")),
                errLines().toString());
        assertEquals(before, tree(out), "the earlier run's folder is exactly as it was");
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> part =
                    s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertEquals(List.of(), part);
        }
        assertTrue(
                names(dir).stream().noneMatch(n -> n.startsWith(".")),
                names(dir).toString());
    }

    @Test
    void openedButUnpublishedFolderDisappearsAndTheOldOneStays() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(Provenance.FILE_NAME), "{}");
        Files.writeString(out.resolve("chi.nii.gz"), "old");
        try (OutputFolder f = OutputFolder.open(out, true, List.of())) {
            Files.writeString(f.staging().resolve("chi.nii.gz"), "new, half written");
            Files.writeString(f.staging().resolve(".chi.nii.gz123.part"), "half");
            // the run fails here: neither publish nor keepFailed
        }
        assertEquals(Map.of(Provenance.FILE_NAME, "{}", "chi.nii.gz", "old"), tree(out));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void overwriteRefusesAFolderThatIsNotAnEarlierRunsOutput() throws Exception {
        savePipeline(1, true);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        assertEquals(HeadlessRunner.BAD_INPUT, run(true));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).contains("holds no provenance.json"),
                errLines().get(0));
        assertEquals(Map.of("thesis.tex", "years of work"), tree(out));
    }

    @Test
    void overwriteRefusesAFolderHoldingAnInputOfTheRun() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(Provenance.FILE_NAME), "{}");
        Files.writeString(out.resolve("v.txt"), "3");
        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("r", FakeOperators.READ)
                        .input("data", "r", "path", null)
                        .output("v", "r.value")
                        .build(),
                dir.resolve("p.json"));
        assertEquals(
                HeadlessRunner.BAD_INPUT,
                runner.run(Path.of("p.json"), Map.of("data", "out/v.txt"), Path.of("out"), true));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).contains("--overwrite would delete " + out.resolve("v.txt")),
                errLines().get(0));
        assertEquals(0, fake.runs("r"));
    }

    @Test
    void outThatIsAFileIsRefusedBeforeAnyNodeRuns() throws Exception {
        savePipeline(1, true);
        Files.writeString(dir.resolve("out"), "a file");
        assertEquals(HeadlessRunner.BAD_INPUT, run(false));
        assertEquals(List.of(dir.resolve("out") + ": --out is a regular file, not a folder"), errLines());
        assertEquals(0, fake.runs("a"));
    }

    @Test
    void outBelowAFileIsRefusedBeforeAnyNodeRuns() throws Exception {
        savePipeline(1, true);
        Files.writeString(dir.resolve("f"), "a file");
        assertEquals(HeadlessRunner.BAD_INPUT, runner.run(Path.of("p.json"), Map.of(), Path.of("f/sub/out"), false));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).contains("because " + dir.resolve("f") + " is a regular file, not a folder"),
                errLines().get(0));
        assertEquals(0, fake.runs("a"));
    }

    @Test
    void outUnderProcIsRefusedBeforeAnyNodeRuns() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        savePipeline(1, true);
        assertEquals(
                HeadlessRunner.BAD_INPUT, runner.run(Path.of("p.json"), Map.of(), Path.of("/proc/ferrum-out"), false));
        assertEquals(
                List.of(
                        "/proc/ferrum-out: --out is on the kernel's 'proc' file system, which holds system information, not files;"
                                + " choose a folder on a disk"),
                errLines());
        assertEquals(0, fake.runs("a"));
    }

    @Test
    void unwritableParentIsRefusedBeforeAnyNodeRuns() throws Exception {
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "permissions are not enforced for this user (root)");
            savePipeline(1, true);
            assertEquals(
                    HeadlessRunner.BAD_INPUT, runner.run(Path.of("p.json"), Map.of(), Path.of("locked/out"), false));
            assertEquals(
                    List.of(locked.resolve("out") + ": --out cannot be written: " + locked
                            + " is not writable by this user"),
                    errLines());
            assertEquals(0, fake.runs("a"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void pipelineAndOutProblemsAreReportedTogether() throws Exception {
        PipelineFormat.write(FakeOperators.pipeline().node("u", "fake.nope").build(), dir.resolve("p.json"));
        Files.writeString(dir.resolve("out"), "a file");
        assertEquals(HeadlessRunner.BAD_INPUT, run(false));
        assertEquals(2, errLines().size(), errLines().toString());
        assertTrue(
                errLines().get(0).startsWith("p.json: ") && errLines().get(0).contains("'fake.nope'"),
                errLines().get(0));
        assertTrue(
                errLines().get(1).contains("--out is a regular file"),
                errLines().get(1));
    }

    @Test
    void killMinus9DuringAnOverwriteLeavesTheEarlierRunIntactAndTheNextRunCleansUp() throws Exception {
        savePipeline(1, false);
        assertEquals(HeadlessRunner.OK, run(false), errLines().toString());
        Path out = dir.resolve("out");
        Map<String, String> before = tree(out);

        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("a", FakeOperators.CONST, "value", 2.0)
                        .node("s", FakeOperators.SLEEP)
                        .output("a", "a.value")
                        .output("b", "s.value")
                        .build(),
                dir.resolve("p.json"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledRunChild.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            long end = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(dir.resolve("ready")) && child.isAlive() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(
                    Files.exists(dir.resolve("ready")), () -> "child did not get to its sleeping node: " + readLog());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            child.waitFor();
        }
        assertEquals(before, tree(out), "the earlier run's folder is exactly as it was");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(
                    1,
                    s.filter(p -> p.getFileName().toString().startsWith(".out.ferrum-partial-"))
                            .count(),
                    "only the killed run's hidden staging folder is left");
        }

        Files.delete(dir.resolve("ready"));
        Files.delete(dir.resolve("child.log"));
        savePipeline(3, true);
        assertEquals(HeadlessRunner.OK, run(true), errLines().toString());
        assertEquals(List.of("a.csv", Provenance.FILE_NAME), names(out));
        assertEquals(List.of("out", "p.json"), names(dir), "the next run removed the killed run's staging folder");
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(
                    List.of(),
                    s.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        }
    }

    private String readLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void twoRunsRacingForOneNewOutDoNotMix() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder first = OutputFolder.open(out, false, List.of());
                OutputFolder second = OutputFolder.open(out, false, List.of())) {
            Files.writeString(first.staging().resolve("a.csv"), "first");
            Files.writeString(first.staging().resolve(Provenance.FILE_NAME), "{}");
            Files.writeString(second.staging().resolve("b.csv"), "second");
            Files.writeString(second.staging().resolve(Provenance.FILE_NAME), "{}");
            first.publish();
            IOException e = assertThrows(IOException.class, second::publish);
            assertTrue(e.getMessage().startsWith(out + ": --out cannot be put in place"), e.getMessage());
            Path kept = second.keepFailed();
            assertEquals(List.of("b.csv", Provenance.FILE_NAME), names(kept));
        }
        assertEquals(List.of("a.csv", Provenance.FILE_NAME), names(out));
    }

    /** A pid no process has now: that of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aKilledRunsHiddenStagingFolderIsRemovedByTheNextRun() throws Exception {
        String host = OutputFolder.Owner.current().host();
        Path stale = Files.createDirectories(dir.resolve(".out.ferrum-partial-" + deadPid() + "-12345-abc@" + host));
        Files.writeString(stale.resolve("chi.nii.gz"), "half");
        Files.writeString(stale.resolve(".chi.nii.gz99.part"), "half");
        Path otherHost = Files.createDirectories(
                dir.resolve(".out.ferrum-partial-" + deadPid() + "-12345-abc@elsewhere" + host));
        Path alive = Files.createDirectories(dir.resolve(".out.ferrum-partial-"
                + ProcessHandle.current().pid() + "-"
                + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() + "-abc@" + host));
        savePipeline(1, true);
        assertEquals(HeadlessRunner.OK, run(false), errLines().toString());
        assertFalse(Files.exists(stale), "left by a process that is gone");
        assertTrue(Files.exists(otherHost), "another machine's run may still be working on a shared disk");
        assertTrue(Files.exists(alive), "a running process's folder is its own");
    }

    @Test
    void anEarlierOutputMovedAsideByAKilledOverwriteIsPutBack() throws Exception {
        String host = OutputFolder.Owner.current().host();
        Path aside = Files.createDirectories(dir.resolve(".out.ferrum-replaced-" + deadPid() + "-1-abc@" + host));
        Files.writeString(aside.resolve(Provenance.FILE_NAME), "{}");
        savePipeline(1, true);
        assertEquals(HeadlessRunner.BAD_INPUT, run(false), "the restored folder is not empty");
        assertEquals(List.of(Provenance.FILE_NAME), names(dir.resolve("out")));
        assertFalse(Files.exists(aside));
    }

    @Test
    void kernelFileSystemsAndFilesAreNoPlaceToWrite() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertTrue(OutputFolder.locationProblem(Path.of("/proc/self/x")).contains("'proc' file system"));
        assertEquals(null, OutputFolder.locationProblem(dir.resolve("new/deeper")));
        IOException e = assertThrows(IOException.class, () -> OutputFolder.open(Path.of("/proc/x"), false, List.of()));
        assertTrue(e.getMessage().startsWith("/proc/x: "), e.getMessage());
    }

    @Test
    void studyResultsReplaceTheirFolderAsAWhole() throws Exception {
        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("a", FakeOperators.CONST, "value", 1.0)
                        .output("a", "a.value")
                        .node("b", FakeOperators.CONST)
                        .output("b", "b.value")
                        .build(),
                dir.resolve("p.json"));
        org.ferrum.pipeline.PipelineExecutor ex = new org.ferrum.pipeline.PipelineExecutor(
                fake.registry(), org.ferrum.pipeline.ResultCache.disabled(), 1);
        var run1 = ex.run(
                PipelineFormat.read(dir.resolve("p.json")), org.ferrum.pipeline.RunOptions.defaults(dir), null, null);
        Path target = dir.resolve("runs/x");
        HeadlessRunner.writeResults(run1, dir.resolve("p.json"), target);
        assertEquals(List.of("a.csv", "b.csv", Provenance.FILE_NAME), names(target));
        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("a", FakeOperators.CONST, "value", 2.0)
                        .output("a", "a.value")
                        .build(),
                dir.resolve("p.json"));
        var run2 = ex.run(
                PipelineFormat.read(dir.resolve("p.json")), org.ferrum.pipeline.RunOptions.defaults(dir), null, null);
        String old = Files.readString(target.resolve("a.csv"));
        HeadlessRunner.writeResults(run2, dir.resolve("p.json"), target);
        assertEquals(List.of("a.csv", Provenance.FILE_NAME), names(target));
        assertNotEquals(old, Files.readString(target.resolve("a.csv")));
    }
}
