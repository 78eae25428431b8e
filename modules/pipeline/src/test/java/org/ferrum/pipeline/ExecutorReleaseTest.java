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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ferrum.pipeline.api.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Intermediate results are released as soon as their consumers have finished; named outputs are kept. */
@Timeout(60)
class ExecutorReleaseTest {

    @TempDir
    Path dir;

    /**
     * Polls the garbage collector until {@code ref} is cleared or a few seconds have passed: a value
     * only the executor could still hold must become collectable once nothing needs it.
     */
    private static String awaitCleared(WeakReference<Object> ref) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref.get() != null) {
            if (System.nanoTime() > end) {
                return "still referenced";
            }
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "cleared";
    }

    @Test
    void valueConsumedOnlyByBIsReleasedOnceBFinished() throws Exception {
        // a → b → c; while c runs (after b finished), a's value must no longer be held by anyone.
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", 2.0)
                .node("b", FakeOperators.ADD)
                .node("c", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .edge("b.sum", "c.a")
                .output("result", "c.sum")
                .build();
        AtomicReference<String> aWhileCRuns = new AtomicReference<>("c never ran");
        AtomicReference<Boolean> bHeldWhileCRuns = new AtomicReference<>();
        fake.hook("c", ctx -> {
            aWhileCRuns.set(awaitCleared(fake.produced("a", "value")));
            // c's own input is of course still alive
            bHeldWhileCRuns.set(fake.produced("b", "sum").get() != null);
        });
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null);
        assertTrue(run.succeeded(), run.nodeRuns().toString());
        assertEquals("cleared", aWhileCRuns.get());
        assertTrue(bHeldWhileCRuns.get());
        Object result = run.outputs().get("result");
        assertNotNull(result);
        assertSame(result, fake.produced("c", "sum").get());
        assertEquals(2.0, ((Scalar) result).value(), 0);
    }

    @Test
    void namedOutputsAreKeptEvenWhenTheirConsumersFinished() throws Exception {
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", 3.0)
                .node("b", FakeOperators.ADD)
                .node("c", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .edge("b.sum", "c.a")
                .output("first", "a.value")
                .output("last", "c.sum")
                .build();
        AtomicReference<Boolean> aHeldWhileCRuns = new AtomicReference<>();
        fake.hook("c", ctx -> {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            aHeldWhileCRuns.set(fake.produced("a", "value").get() != null);
        });
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null);
        assertTrue(aHeldWhileCRuns.get());
        assertSame(fake.produced("a", "value").get(), run.outputs().get("first"));
        assertEquals(3.0, ((Scalar) run.outputs().get("first")).value(), 0);
        assertEquals(3.0, ((Scalar) run.outputs().get("last")).value(), 0);
    }

    @Test
    void valueWithSeveralConsumersLivesUntilTheLastOneFinished() throws Exception {
        // a → b, a → c (c waits for d, which runs after b): a is still needed by c after b finished.
        FakeOperators fake = new FakeOperators();
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST)
                .node("b", FakeOperators.ADD)
                .node("d", FakeOperators.ADD)
                .node("c", FakeOperators.ADD)
                .node("z", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .edge("b.sum", "d.a")
                .edge("a.value", "c.a")
                .edge("d.sum", "c.b")
                .edge("c.sum", "z.a")
                .output("z", "z.sum")
                .build();
        AtomicReference<String> aWhileZRuns = new AtomicReference<>("z never ran");
        fake.hook("z", ctx -> aWhileZRuns.set(awaitCleared(fake.produced("a", "value"))));
        Execution run = new PipelineExecutor(fake.registry(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(dir), null, null);
        assertTrue(run.succeeded(), run.nodeRuns().toString());
        assertEquals(2.0, ((Scalar) run.outputs().get("z")).value(), 0);
        assertEquals("cleared", aWhileZRuns.get());
    }
}
