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
package org.ferrum.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 2: a commit that returned survives kill -9. A child JVM ({@link CommitLoopWriter}) commits
 * subject + 3 visits + 6 ROI rows per transaction into an embedded study database and prints each subject's code
 * after {@code commit()} returned; it is killed with {@link Process#destroyForcibly()} (SIGKILL on Linux/macOS) at
 * a random moment; the database is reopened and every printed code must be there, each with all its visits and
 * measurements (a transaction is all or nothing). The next round writes on into the same, recovered, database.
 *
 * <p>Before {@code WRITE_DELAY=0} every round lost committed subjects (H2's default 500 ms write delay).
 */
class KillDuringCommitsTest {

    @TempDir
    Path dir;

    @Test
    void noCommittedSubjectIsLostInFiveKills() throws Exception {
        killLoop(5, 14);
    }

    /** The acceptance: 20 random kills ({@code mvn verify -Pvalidation}). */
    @Test
    @Tag("validation")
    void noCommittedSubjectIsLostInTwentyKills() throws Exception {
        killLoop(20, System.nanoTime());
    }

    private void killLoop(int rounds, long seed) throws Exception {
        Random random = new Random(seed);
        int totalPrinted = 0;
        for (int round = 0; round < rounds; round++) {
            String prefix = "K" + round + "-";
            long killAfterMs = 50 + random.nextInt(1200);
            List<String> printed = runAndKill(prefix, killAfterMs);
            totalPrinted += printed.size();
            try (StudyDatabase db = StudyDatabase.embedded(dir)) {
                Set<String> stored = new HashSet<>();
                for (Subject s : db.findAll(Subject.class)) {
                    if (s.code().startsWith(prefix)) {
                        stored.add(s.code());
                        List<Visit> visits = db.inTransaction(r -> r.visitsOf(s.id()));
                        assertEquals(3, visits.size(), s.code() + ": a transaction is all or nothing (visits)");
                        for (Visit v : visits) {
                            assertEquals(
                                    2,
                                    db.inTransaction(r -> r.findBy(RoiMeasurement.class, "visit_id", v.id()))
                                            .size(),
                                    s.code() + ": a transaction is all or nothing (ROI rows)");
                        }
                    }
                }
                List<String> lost = new ArrayList<>(printed);
                lost.removeAll(stored);
                String where = "round " + round + " of " + rounds + " (seed " + seed + ", killed " + killAfterMs
                        + " ms after the first commit, " + printed.size() + " commits returned, " + stored.size()
                        + " stored)";
                assertTrue(
                        lost.isEmpty(),
                        () -> lost.size() + " committed subjects lost by kill -9 (" + lost.get(0) + " … "
                                + lost.get(lost.size() - 1) + ") in " + where);
                assertTrue(
                        stored.size() <= printed.size() + 1,
                        "at most the transaction being printed is extra; " + where);
            }
        }
        assertTrue(
                totalPrinted >= rounds, "each round committed something before its kill (" + totalPrinted + " in all)");
        System.out.println(rounds + " kills (seed " + seed + "): " + totalPrinted
                + " commits had returned, all of them are in the database");
    }

    /**
     * Starts the writer, kills it {@code killAfterMs} after its first commit returned, returns the codes it printed.
     * The writer's standard output goes to a file, not a pipe: what it wrote before the kill is all in the file,
     * with no reader thread racing the kill.
     */
    private List<String> runAndKill(String prefix, long killAfterMs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-cp",
                classPath,
                CommitLoopWriter.class.getName(),
                dir.toString(),
                prefix);
        Path out = dir.resolve("writer-" + prefix + "stdout.txt");
        Path err = dir.resolve("writer-" + prefix + "stderr.txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (committed(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(
                    !committed(out).isEmpty(),
                    () -> "the writer committed nothing within 60 s (alive: " + p.isAlive() + "; see " + err + ")");
            Thread.sleep(killAfterMs);
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed writer is gone");
        }
        return committed(out);
    }

    /** The codes after "committed " in the writer's output (a last line cut by the kill is not a whole code). */
    private static List<String> committed(Path out) throws IOException {
        List<String> codes = new ArrayList<>();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (line.startsWith("committed ")) {
                codes.add(line.substring("committed ".length()));
            }
        }
        return codes;
    }
}
