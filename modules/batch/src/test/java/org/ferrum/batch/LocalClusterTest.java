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
package org.ferrum.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrum.batch.manifest.CohortTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cohort on Spark's {@code local-cluster}: two executor JVMs besides the driver, as on a real cluster (classes
 * shipped by class path, tasks serialised); the maps and tables must be byte-identical to {@code local[1]} and
 * {@code local[2]} runs, and the broken subject must fail there too without stopping the others.
 */
class LocalClusterTest {

    @TempDir
    Path tmp;

    @Test
    void localClusterGivesTheSameBytesAsLocalRuns() throws Exception {
        List<CohortTask> tasks = TestCohort.greCohort(tmp.resolve("data"));
        TestCohort.Result cluster = TestCohort.run(
                TestCohort.GRE_ROI_STATISTICS,
                tasks,
                tmp.resolve("cluster"),
                StudySink.NONE,
                "--master",
                "local-cluster[2,1,1024]");
        assertEquals(1, cluster.status(), cluster.toString());
        assertTrue(cluster.out().contains("4 tasks: 3 done, 0 reused, 1 failed"), cluster.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("cluster/derivatives/ferrum/.failed/sub-04_ses-1/failure.txt")));

        TestCohort.Result one = TestCohort.run(
                TestCohort.GRE_ROI_STATISTICS, tasks, tmp.resolve("one"), StudySink.NONE, "--master", "local[1]");
        TestCohort.Result two = TestCohort.run(
                TestCohort.GRE_ROI_STATISTICS, tasks, tmp.resolve("two"), StudySink.NONE, "--master", "local[2]");
        assertEquals(1, one.status(), one.toString());
        assertEquals(1, two.status(), two.toString());

        Map<String, byte[]> a = TestCohort.mapsAndTables(tmp.resolve("one/derivatives/ferrum/"));
        Map<String, byte[]> b = TestCohort.mapsAndTables(tmp.resolve("two/derivatives/ferrum/"));
        Map<String, byte[]> c = TestCohort.mapsAndTables(tmp.resolve("cluster/derivatives/ferrum/"));
        // 3 subjects × (mask volume, its stats table); the failed subject has no maps
        assertEquals(
                6,
                a.keySet().stream().filter(k -> !k.startsWith(".failed")).count(),
                a.keySet().toString());
        assertEquals(a.keySet(), b.keySet());
        assertEquals(a.keySet(), c.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), "local[1] vs local[2]: " + k);
            assertArrayEquals(a.get(k), c.get(k), "local[1] vs local-cluster: " + k);
        }
    }
}
