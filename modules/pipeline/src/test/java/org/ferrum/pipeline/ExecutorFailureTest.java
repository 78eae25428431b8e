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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ferrum.pipeline.NodeRun.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failure isolation, operator contract violations and cancellation. */
@Timeout(60)
class ExecutorFailureTest {

    @TempDir
    Path dir;

    private Execution run(FakeOperators fake, Pipeline p) throws PipelineValidationException {
        return new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null);
    }

    private static NodeRun node(Execution run, String id) {
        return run.nodeRun(id).orElseThrow(() -> new AssertionError("no run of " + id));
    }

    @Test
    void failingNodeSkipsItsDownstreamOnlyAndIndependentBranchesFinish() throws Exception {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("f", FakeOperators.FAIL)
                .node("d", FakeOperators.ADD)
                .node("e", FakeOperators.ADD)
                .node("x", FakeOperators.CONST)
                .node("y", FakeOperators.ADD)
                .edge("f.value", "d.a")
                .edge("d.sum", "e.a")
                .edge("x.value", "y.a")
                .output("e", "e.sum")
                .output("y", "y.sum")
                .build();
        Execution run = run(fake, p);
        assertFalse(run.succeeded());
        assertFalse(run.cancelled());
        assertEquals(5, run.nodeRuns().size());
        NodeRun f = node(run, "f");
        assertEquals(Status.FAILED, f.status());
        assertEquals("deliberate failure", f.error());
        assertFalse(f.badInput());
        assertNull(f.cacheKey());
        for (String id : new String[] {"d", "e"}) {
            assertEquals(Status.SKIPPED, node(run, id).status(), id);
            assertEquals("upstream node 'f' failed", node(run, id).reason(), id);
            assertEquals(0, fake.runs(id), id);
        }
        assertEquals(Status.RAN, node(run, "x").status());
        assertEquals(Status.RAN, node(run, "y").status());
        assertEquals("f", run.firstFailure().orElseThrow().nodeId());
        assertEquals(List.of("y"), List.copyOf(run.outputs().keySet()));
    }

    @Test
    void nodeWithOneFailedAndOneGoodUpstreamIsSkipped() throws Exception {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("good", FakeOperators.CONST)
                .node("bad", FakeOperators.FAIL)
                .node("sum", FakeOperators.ADD)
                .edge("good.value", "sum.a")
                .edge("bad.value", "sum.b")
                .build();
        Execution run = run(fake, p);
        assertEquals(Status.RAN, node(run, "good").status());
        assertEquals(Status.SKIPPED, node(run, "sum").status());
        assertEquals("upstream node 'bad' failed", node(run, "sum").reason());
    }

    @Test
    void badInputFlagPropagatesToTheNodeRun() throws Exception {
        FakeOperators fake = new FakeOperators();
        Execution run = run(
                fake,
                FakeOperators.pipeline()
                        .node("b", FakeOperators.BAD_INPUT)
                        .node("n", FakeOperators.ADD)
                        .edge("b.value", "n.a")
                        .build());
        NodeRun b = node(run, "b");
        assertEquals(Status.FAILED, b.status());
        assertTrue(b.badInput());
        assertEquals("the mask is empty", b.error());
        assertEquals(b, run.firstFailure().orElseThrow());
        assertEquals(Status.SKIPPED, node(run, "n").status());
    }

    /** Issue 16: a value whose unit the input does not take never reaches the operator; one message names both ends. */
    @Test
    void inputInAUnitThePortDoesNotTakeFailsTheNodeAsBadInputNamingBothEnds() throws Exception {
        FakeOperators fake = new FakeOperators();
        Execution run = run(
                fake,
                FakeOperators.pipeline()
                        .node("combine", FakeOperators.VOLUME, "value", 2.0)
                        .node("tkd", FakeOperators.HZ_FIELD)
                        .edge("combine.volume", "tkd.field")
                        .build());
        NodeRun tkd = run.nodeRun("tkd").orElseThrow();
        assertEquals(Status.FAILED, tkd.status());
        assertTrue(tkd.badInput());
        assertEquals(
                "node 'tkd' input 'field' takes field in Hz; node 'combine' output 'volume' gave ppm", tkd.error());
        assertEquals(0, fake.runs("tkd"), "the operator must not see the value");
    }

    /** Issue 16: an operator that sets an output in a unit it does not declare is a bug, not bad input. */
    @Test
    void outputInAnUndeclaredUnitIsAnOperatorBug() throws Exception {
        FakeOperators fake = new FakeOperators();
        Execution run = run(
                fake,
                FakeOperators.pipeline().node("w", FakeOperators.WRONG_UNIT).build());
        NodeRun w = run.nodeRun("w").orElseThrow();
        assertEquals(Status.FAILED, w.status());
        assertFalse(w.badInput());
        assertEquals(
                "operator fake.wrong-unit (node 'w') set output 'field' in ppm, but declares it field in Hz (a bug in the"
                        + " operator)",
                w.error());
    }

    /** Issue 16: warnings are their own channel, kept with the node's result apart from its log. */
    @Test
    void warningsAreKeptWithTheNodeRunApartFromTheLog() throws Exception {
        Execution run = run(
                new FakeOperators(),
                FakeOperators.pipeline().node("w", FakeOperators.WARN).build());
        NodeRun w = run.nodeRun("w").orElseThrow();
        assertEquals(List.of("suspect value"), w.warnings());
        assertEquals(List.of("ordinary line"), w.log());
    }

    @Test
    void forgottenOutputFailsTheNodeNamingTheOutput() throws Exception {
        FakeOperators fake = new FakeOperators();
        Execution run = run(
                fake, FakeOperators.pipeline().node("g", FakeOperators.FORGET).build());
        NodeRun g = node(run, "g");
        assertEquals(Status.FAILED, g.status());
        assertTrue(g.error().contains("'other'"), g.error());
        assertTrue(g.error().contains(FakeOperators.FORGET), g.error());
        assertFalse(g.badInput());
    }

    @Test
    void runtimeExceptionIsAnInternalError() throws Exception {
        FakeOperators fake = new FakeOperators();
        Execution run = run(
                fake,
                FakeOperators.pipeline()
                        .node("c", FakeOperators.CRASH)
                        .node("x", FakeOperators.CONST)
                        .build());
        NodeRun c = node(run, "c");
        assertEquals(Status.FAILED, c.status());
        assertTrue(c.error().startsWith("internal error"), c.error());
        assertTrue(c.error().contains("boom"), c.error());
        assertFalse(c.badInput());
        assertEquals(Status.RAN, node(run, "x").status());
    }

    @Test
    void errorThrownByAnOperatorFailsTheNodeInsteadOfHangingTheRun() throws Exception {
        for (String throwable : new String[] {"AssertionError", "StackOverflowError"}) {
            FakeOperators fake = new FakeOperators();
            Execution run = run(
                    fake,
                    FakeOperators.pipeline()
                            .node("c", FakeOperators.CRASH, "throwable", throwable)
                            .node("d", FakeOperators.ADD)
                            .edge("c.value", "d.a")
                            .build());
            NodeRun c = node(run, "c");
            assertEquals(Status.FAILED, c.status(), throwable);
            assertTrue(c.error().contains(throwable), c.error());
            assertEquals(Status.SKIPPED, node(run, "d").status());
        }
    }

    @Test
    void cancelStopsTheRunningNodeStartsNothingNewAndReturnsPromptly() throws Exception {
        FakeOperators fake = new FakeOperators();
        // Two workers: the sleeper and the gate run at once. Once cancelled, the gate is let through; its
        // successor must then not start.
        Pipeline p = FakeOperators.pipeline()
                .node("sleep", FakeOperators.SLEEP)
                .node("afterSleep", FakeOperators.ADD)
                .node("gate", FakeOperators.CONST)
                .node("afterGate", FakeOperators.ADD)
                .node("last", FakeOperators.ADD)
                .edge("sleep.value", "afterSleep.a")
                .edge("gate.value", "afterGate.a")
                .edge("afterGate.sum", "last.a")
                .build();
        CountDownLatch gateEntered = new CountDownLatch(1);
        CountDownLatch gateRelease = new CountDownLatch(1);
        fake.hook("gate", c -> {
            gateEntered.countDown();
            try {
                gateRelease.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicBoolean cancelled = new AtomicBoolean();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Execution> future =
                    caller.submit(() -> new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                            .run(p, RunOptions.defaults(dir), null, cancelled::get));
            assertTrue(fake.awaitSleeper(10_000), "sleeper never started");
            assertTrue(gateEntered.await(10, TimeUnit.SECONDS), "gate never started");
            long t0 = System.nanoTime();
            cancelled.set(true);
            gateRelease.countDown();
            Execution run = future.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis < 5000, "run took " + millis + " ms to return after cancel");
            assertTrue(run.cancelled());
            assertFalse(run.succeeded());
            assertEquals(Status.CANCELLED, node(run, "sleep").status());
            assertEquals(Status.CANCELLED, node(run, "afterSleep").status());
            // The gate ignores cancellation and finishes; nothing after it starts.
            assertEquals(Status.RAN, node(run, "gate").status());
            assertEquals(Status.CANCELLED, node(run, "afterGate").status());
            assertEquals(Status.CANCELLED, node(run, "last").status());
            assertEquals(0, fake.runs("afterSleep"));
            assertEquals(0, fake.runs("afterGate"));
            assertEquals(0, fake.runs("last"));
            assertTrue(run.firstFailure().isEmpty());
            assertEquals(5, run.nodeRuns().size());
        } finally {
            fake.releaseSleepers();
            gateRelease.countDown();
            caller.shutdownNow();
        }
    }

    @Test
    void cancelledBeforeTheRunStartsRunsNothing() throws Exception {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST)
                .node("b", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .build();
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, () -> true);
        assertTrue(run.cancelled());
        run.nodeRuns().forEach(r -> assertEquals(Status.CANCELLED, r.status(), r.nodeId()));
        assertEquals(0, fake.runs("a"));
        assertEquals(0, fake.runs("b"));
        assertTrue(run.outputs().isEmpty());
    }
}
