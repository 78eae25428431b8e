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
package org.ferrum.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.NodeRun.Status;
import org.ferrum.pipeline.api.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Order, parallelism and progress reporting of {@link PipelineExecutor}. */
@Timeout(60)
class ExecutorSchedulingTest {

    @TempDir
    Path dir;

    /** a → b, a → c, (b, c) → d, d → e, plus an independent x → y. */
    private static Pipeline diamond() {
        return FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", 1.0)
                .node("b", FakeOperators.ADD, "offset", 1.0)
                .node("c", FakeOperators.ADD, "offset", 2.0)
                .node("d", FakeOperators.ADD)
                .node("e", FakeOperators.ADD)
                .node("x", FakeOperators.CONST, "value", 5.0)
                .node("y", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .edge("a.value", "c.a")
                .edge("b.sum", "d.a")
                .edge("c.sum", "d.b")
                .edge("d.sum", "e.a")
                .edge("x.value", "y.a")
                .output("e", "e.sum")
                .output("y", "y.sum")
                .build();
    }

    @Test
    void everyNodeStartsOnlyAfterAllItsUpstreamNodesEnded() throws Exception {
        Pipeline p = diamond();
        for (int threads : new int[] {1, 2, 4}) {
            for (int repeat = 0; repeat < 10; repeat++) {
                FakeOperators fake = new FakeOperators();
                Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), threads)
                        .run(p, RunOptions.defaults(dir), null, null);
                assertTrue(run.succeeded(), run.nodeRuns().toString());
                List<String> events = fake.events();
                for (Edge e : p.edges()) {
                    int end = events.indexOf("end:" + e.from().node());
                    int start = events.indexOf("start:" + e.to().node());
                    assertTrue(end >= 0 && start > end, e + " in " + events + " with " + threads + " threads");
                }
                for (Node n : p.nodes()) {
                    assertEquals(1, fake.runs(n.id()), n.id());
                }
                // (1 + 1) + (1 + 2) = 5; e passes it on; y = 5
                assertEquals(5.0, ((Scalar) run.outputs().get("e")).value(), 0);
                assertEquals(5.0, ((Scalar) run.outputs().get("y")).value(), 0);
            }
        }
    }

    @Test
    void independentBranchesRunAtTheSameTime() throws Exception {
        // Each rendezvous node can only finish once the other has arrived: both RAN ⇒ they overlapped.
        Pipeline p = FakeOperators.pipeline()
                .node("r1", FakeOperators.RENDEZVOUS)
                .node("r2", FakeOperators.RENDEZVOUS)
                .node("join", FakeOperators.ADD)
                .edge("r1.value", "join.a")
                .edge("r2.value", "join.b")
                .output("sum", "join.sum")
                .build();
        FakeOperators fake = new FakeOperators();
        fake.rendezvous(2, 20_000);
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null);
        assertTrue(run.succeeded(), run.nodeRuns().toString());
        assertEquals(2.0, ((Scalar) run.outputs().get("sum")).value(), 0);
    }

    @Test
    void rendezvousFailsWhenBranchesRunOneAfterTheOther() throws Exception {
        // The control for the test above: with one worker the branches cannot overlap.
        Pipeline p = FakeOperators.pipeline()
                .node("r1", FakeOperators.RENDEZVOUS)
                .node("r2", FakeOperators.RENDEZVOUS)
                .build();
        FakeOperators fake = new FakeOperators();
        fake.rendezvous(2, 200);
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 1)
                .run(p, RunOptions.defaults(dir), null, null);
        assertTrue(run.firstFailure().isPresent(), run.nodeRuns().toString());
        assertTrue(run.firstFailure().get().error().contains("ran alone"));
    }

    @Test
    void listenerHearsEveryNodeStartAndFinishAndProgressReachesOne() throws Exception {
        Pipeline p = diamond();
        Set<String> started = Collections.synchronizedSet(new HashSet<>());
        List<NodeRun> finished = new CopyOnWriteArrayList<>();
        List<Double> progress = new CopyOnWriteArrayList<>();
        List<String> nodeProgress = new CopyOnWriteArrayList<>();
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void nodeStarted(String nodeId, String reason) {
                assertEquals("first run", reason);
                started.add(nodeId);
            }

            @Override
            public void nodeProgress(String nodeId, double fraction, String message) {
                nodeProgress.add(nodeId + " " + fraction + " " + message);
            }

            @Override
            public void nodeFinished(NodeRun run) {
                finished.add(run);
            }

            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }
        };
        FakeOperators fake = new FakeOperators();
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), listener, Cancellation.NEVER);
        Set<String> all = new HashSet<>();
        p.nodes().forEach(n -> all.add(n.id()));
        assertEquals(all, started);
        assertEquals(p.nodes().size(), finished.size());
        Set<String> finishedIds = new HashSet<>();
        finished.forEach(r -> finishedIds.add(r.nodeId()));
        assertEquals(all, finishedIds);
        assertEquals(run.nodeRuns().size(), finished.size());
        assertTrue(nodeProgress.contains("b 0.5 adding"), nodeProgress.toString());
        assertTrue(progress.stream().allMatch(f -> f >= 0 && f <= 1), progress.toString());
        assertEquals(1.0, Collections.max(progress), 1e-12);
    }

    @Test
    void reusedSkippedAndCancelledNodesAreReportedFinishedToo() throws Exception {
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST)
                .node("f", FakeOperators.FAIL)
                .node("s", FakeOperators.ADD)
                .edge("f.value", "s.a")
                .build();
        ResultCache cache = new ResultCache(1 << 20);
        FakeOperators fake = new FakeOperators();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), cache, 2);
        ex.run(p, RunOptions.defaults(dir), null, null);
        List<NodeRun> finished = new CopyOnWriteArrayList<>();
        List<Double> progress = new CopyOnWriteArrayList<>();
        ex.run(
                p,
                RunOptions.defaults(dir),
                new ExecutionListener() {
                    @Override
                    public void nodeFinished(NodeRun run) {
                        finished.add(run);
                    }

                    @Override
                    public void progress(double fraction) {
                        progress.add(fraction);
                    }
                },
                null);
        List<Status> statuses = new ArrayList<>();
        for (String id : List.of("a", "f", "s")) {
            statuses.add(finished.stream()
                    .filter(r -> r.nodeId().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .status());
        }
        assertEquals(List.of(Status.REUSED, Status.FAILED, Status.SKIPPED), statuses);
        assertEquals(1.0, Collections.max(progress), 1e-12);
    }
}
