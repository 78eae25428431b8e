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
package org.ferrum.pipeline.editor.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ferrum.pipeline.editor.CohortResultsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's side of a cohort run, against a stand-in launcher that writes the batch's events as
 * {@code modules/batch} documents them (the GUI journey runs the real distribution): events followed as they are
 * appended (half-written lines waited for), each finished task saved once, exit 2 problems handed back, and Cancel
 * ending the whole process tree.
 */
class CohortRunTest {

    @TempDir
    Path dir;

    private Path launcher;
    private final List<String> saves = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void launcher() throws IOException {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "the stand-in launcher is a bash script");
        launcher = dir.resolve("ferrum-batch");
        try (InputStream in = getClass().getResourceAsStream("fake-ferrum-batch")) {
            Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(launcher.toFile().setExecutable(true));
    }

    private CohortRun run(String mode) throws IOException {
        Path manifest = dir.resolve("manifest.csv");
        Files.writeString(manifest, mode + "\n");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        CohortResultsStore store = new CohortResultsStore() {
            @Override
            public String saveTask(String subject, String visit, LocalDate date, Path taskFolder) {
                saves.add(subject + "|" + visit + "|" + date + "|" + out.relativize(taskFolder));
                return "saved 3 rows to " + subject;
            }

            @Override
            public void showSaved() {}
        };
        CohortRun run = new CohortRun(
                new CohortRun.Request(launcher, dir.resolve("p.json"), manifest, out, 2, Map.of("gre", "{subject}")),
                store);
        run.start();
        return run;
    }

    @Test
    void followsTheEventsAndSavesEachFinishedTaskOnce() throws Exception {
        CohortRun run = run("subject,visit,date\n01,01,2024-03-01\n02,01,2024-03-02\n03,,2025-05-05");
        assertEquals(3, run.plan().get(20, TimeUnit.SECONDS));
        assertEquals(1, run.finished().get(20, TimeUnit.SECONDS));

        List<CohortRun.Task> tasks = run.tasks();
        assertEquals(
                List.of("sub-01_ses-01", "sub-02_ses-01", "sub-03"),
                tasks.stream().map(CohortRun.Task::id).toList());
        assertEquals(CohortRun.Status.DONE, tasks.get(0).status());
        assertEquals(CohortRun.Status.FAILED, tasks.get(1).status());
        assertEquals(2, tasks.get(1).attempt());
        assertEquals("io.read.gre: folder /x/sub-02 has no echo 2", tasks.get(1).reason());
        assertEquals(CohortRun.Status.REUSED, tasks.get(2).status());
        // the duplicate "done" of sub-01 is not saved again; the folder of a task without one follows the layout; the
        // dates are the events' (the batch reports the manifest's)
        String sep = dir.getFileSystem().getSeparator();
        assertEquals(
                List.of(
                        "01|01|2024-03-01|derivatives" + sep + "ferrum" + sep + "sub-01" + sep + "ses-01",
                        "03||2025-05-05|derivatives" + sep + "ferrum" + sep + "sub-03"),
                saves);
        assertEquals("saved 3 rows to 01", tasks.get(0).saved());
        assertEquals(3, run.finishedTasks());
        assertTrue(run.remaining().isEmpty(), "no estimate once the run has ended");
    }

    @Test
    void aRefusedManifestHandsBackEveryProblem() throws Exception {
        CohortRun run = run("refuse");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> run.plan().get(20, TimeUnit.SECONDS));
        CohortRun.BatchRefused refused = assertInstanceOf(CohortRun.BatchRefused.class, e.getCause());
        assertEquals(2, refused.exit());
        assertEquals(2, refused.problems().size());
        assertTrue(refused.problems().get(0).endsWith("row 3, column gre: /nowhere/sub-02 does not exist"));
        assertEquals(2, run.finished().get(5, TimeUnit.SECONDS));
        assertTrue(saves.isEmpty());
    }

    @Test
    void cancelEndsTheWholeProcessTree() throws Exception {
        CohortRun run = run("slow");
        assertEquals(3, run.plan().get(20, TimeUnit.SECONDS));
        Path childPid = dir.resolve("out").resolve("child.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(childPid) && !Files.readString(childPid).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ProcessHandle child = ProcessHandle.of(
                        Long.parseLong(Files.readString(childPid).trim()))
                .orElseThrow();
        ProcessHandle root = run.processHandle().orElseThrow();
        assertTrue(child.isAlive());

        run.cancel();
        run.finished().get(20, TimeUnit.SECONDS);
        child.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(root.isAlive(), "the launcher is gone");
        assertFalse(child.isAlive(), "its child is gone too");
        assertTrue(run.cancelled());
        CohortRun.Task t = run.tasks().get(0);
        assertEquals(CohortRun.Status.NOT_RUN, t.status());
        assertEquals("cancelled", t.reason());
        assertTrue(saves.isEmpty());
    }
}
