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
package org.ferrum.pipeline.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.swing.SwingUtilities;
import javax.swing.undo.UndoManager;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.NodeRun.Status;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineValidationException;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Scalar;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * The editor's runs, headless: the sample GRE pipeline (read → first echo → threshold → ROI statistics, on the small
 * multi-echo GRE of testdata/gre) run, changed, re-run and undone; a failing reader; a cancelled slow operator.
 * Document edits and run starts happen on the event thread, as in the editor; completion is awaited on the run's future.
 */
class PipelineRunControllerTest {

    static final Path GRE = TestData.pipeline("gre-roi-statistics.json");
    private static final OperatorRegistry INSTALLED = OperatorRegistry.installed();
    private static final long TIMEOUT_S = 120;

    static PipelineDocument greDocument() throws Exception {
        return new PipelineDocument(PipelineFormat.read(GRE), INSTALLED, GRE);
    }

    static <T> T edt(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    static void edt(Runnable work) throws Exception {
        edt(() -> {
            work.run();
            return null;
        });
    }

    static Execution await(CompletableFuture<Execution> run) throws Exception {
        return run.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static Map<String, Status> statuses(Execution ex) {
        return ex.nodeRuns().stream().collect(Collectors.toMap(NodeRun::nodeId, NodeRun::status));
    }

    @Test
    void aChangedParameterMakesItsNodeAndDownstreamStaleAndRerunsOnlyThem() throws Exception {
        PipelineDocument doc = greDocument();
        UndoManager undo = new UndoManager();
        doc.addUndoableEditListener(undo);
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 30), 2);
        List<String> all = List.of("read", "echo1", "threshold", "stats");
        for (String id : all) {
            assertEquals(NodeRunState.NEVER_RUN, runs.state(id));
        }

        Execution first = await(edt(runs::runAll));
        assertTrue(first.succeeded(), () -> first.firstFailure().toString());
        assertEquals(
                Map.of("read", Status.RAN, "echo1", Status.RAN, "threshold", Status.RAN, "stats", Status.RAN),
                statuses(first));
        assertTrue(first.outputs().containsKey("stats"), "runAll keeps the named outputs");
        for (String id : all) {
            assertEquals(NodeRunState.UP_TO_DATE, runs.state(id), id);
            assertEquals(1.0, runs.progress(id));
        }
        assertFalse(runs.isRunning());
        assertEquals(first, runs.lastExecution().orElseThrow());

        // moving a node changes nothing it computes
        edt(() -> doc.moveNodes(Map.of("threshold", new Position(600, 60))));
        assertEquals(NodeRunState.UP_TO_DATE, runs.state("threshold"));

        edt(() -> doc.setParameter("threshold", "upper", "0.01"));
        assertEquals(NodeRunState.STALE, runs.state("threshold"));
        assertEquals("parameter 'upper' changed", runs.message("threshold"));
        assertEquals(NodeRunState.STALE, runs.state("stats"));
        assertEquals("upstream node 'threshold' changed", runs.message("stats"));
        assertEquals(NodeRunState.UP_TO_DATE, runs.state("read"));
        assertEquals(NodeRunState.UP_TO_DATE, runs.state("echo1"));

        edt(undo::undo);
        for (String id : all) {
            assertEquals(NodeRunState.UP_TO_DATE, runs.state(id), "undo back to what ran: " + id);
        }
        edt(undo::redo);
        assertEquals(NodeRunState.STALE, runs.state("threshold"));

        Execution second = await(edt(runs::runAll));
        assertEquals(
                Map.of("read", Status.REUSED, "echo1", Status.REUSED, "threshold", Status.RAN, "stats", Status.RAN),
                statuses(second),
                "only the changed node and what depends on it run again");
        assertTrue(
                second.nodeRun("threshold").orElseThrow().reason().contains("upper"),
                "the engine says why: "
                        + second.nodeRun("threshold").orElseThrow().reason());
        for (String id : all) {
            assertEquals(NodeRunState.UP_TO_DATE, runs.state(id), id);
        }
        runs.dispose();
    }

    @Test
    void runUpToRunsOnlyTheNodesUpstream() throws Exception {
        PipelineDocument doc = greDocument();
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 30), 2);
        Execution part = await(edt(() -> runs.runUpTo("echo1")));
        assertEquals(Map.of("read", Status.RAN, "echo1", Status.RAN), statuses(part));
        assertTrue(part.outputs().isEmpty(), "a partial run has no named outputs");
        assertEquals(NodeRunState.UP_TO_DATE, runs.state("read"));
        assertEquals(NodeRunState.UP_TO_DATE, runs.state("echo1"));
        assertEquals(NodeRunState.NEVER_RUN, runs.state("threshold"));
        assertEquals(NodeRunState.NEVER_RUN, runs.state("stats"));

        Execution rest = await(edt(runs::runAll));
        assertEquals(
                Map.of("read", Status.REUSED, "echo1", Status.REUSED, "threshold", Status.RAN, "stats", Status.RAN),
                statuses(rest));
        assertThrows(IllegalArgumentException.class, () -> runs.runUpTo("nope"));

        // A node brought up to date alone leaves what depends on it stale: its result is not the one they ran with.
        edt(() -> doc.setParameter("threshold", "upper", "0.01"));
        Execution upToThreshold = await(edt(() -> runs.runUpTo("threshold")));
        assertEquals(Status.RAN, statuses(upToThreshold).get("threshold"));
        assertFalse(statuses(upToThreshold).containsKey("stats"));
        assertEquals(NodeRunState.UP_TO_DATE, runs.state("threshold"));
        assertEquals(NodeRunState.STALE, runs.state("stats"));
        assertEquals("upstream node 'threshold' changed", runs.message("stats"));
    }

    @Test
    void nodesLeftOutByAnEmptyOptionalInputSaySo() throws Exception {
        org.ferrum.pipeline.Pipeline gre = PipelineFormat.read(GRE);
        Map<String, org.ferrum.pipeline.InputBinding> inputs = new java.util.LinkedHashMap<>(gre.inputs());
        org.ferrum.pipeline.InputBinding magnitude = inputs.get("magnitude");
        inputs.put(
                "magnitude",
                new org.ferrum.pipeline.InputBinding(
                        magnitude.node(), magnitude.parameter(), null, magnitude.description(), true));
        org.ferrum.pipeline.Pipeline optional = new org.ferrum.pipeline.Pipeline(
                gre.name(), gre.description(), gre.nodes(), gre.edges(), inputs, gre.outputs());
        PipelineDocument doc = edt(() -> new PipelineDocument(optional, INSTALLED, GRE));
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 20), 2);
        Execution ex = await(edt(runs::runAll));
        assertTrue(ex.succeeded());
        assertEquals(
                java.util.Set.of("read", "echo1", "threshold", "stats"),
                ex.omitted().keySet());
        for (String node : ex.omitted().keySet()) {
            assertEquals(NodeRunState.SKIPPED, edt(() -> runs.state(node)), node);
            assertEquals("left out: optional input 'magnitude' not given", edt(() -> runs.message(node)), node);
        }
    }

    @Test
    void aFailingNodeIsFailedWithItsMessageAndDownstreamSkipped() throws Exception {
        PipelineDocument doc = PipelineDocument.empty(INSTALLED);
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger offEventThread = new AtomicInteger();
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 20), 2);
        runs.addChangeListener(e -> {
            changes.incrementAndGet();
            if (!SwingUtilities.isEventDispatchThread()) {
                offEventThread.incrementAndGet();
            }
        });
        edt(() -> {
            String read = doc.addNode("io.read.volume", new Position(0, 0));
            String threshold = doc.addNode("volume.threshold", new Position(200, 0));
            doc.setParameter(read, "path", "no-such-file.nii");
            doc.connect(new PortRef(read, "volume"), new PortRef(threshold, "volume"));
        });
        Execution ex = await(edt(runs::runAll));
        assertEquals(NodeRunState.FAILED, runs.state("volume"));
        assertTrue(runs.message("volume").contains("no-such-file.nii"), runs.message("volume"));
        assertEquals(ex.nodeRun("volume").orElseThrow().error(), runs.message("volume"));
        assertEquals(NodeRunState.SKIPPED, runs.state("threshold"));
        assertTrue(runs.message("threshold").contains("'volume'"), runs.message("threshold"));
        assertTrue(changes.get() > 0);
        assertEquals(0, offEventThread.get(), "listeners are called on the event thread");

        // a change to the failed node makes the failure out of date
        edt(() -> doc.setParameter("volume", "path", "other.nii"));
        assertEquals(NodeRunState.STALE, runs.state("volume"));
        assertEquals(NodeRunState.STALE, runs.state("threshold"));
    }

    @Test
    void aPipelineThatCannotRunRunsNothingAndSaysWhy() throws Exception {
        PipelineDocument doc = PipelineDocument.empty(INSTALLED);
        edt(() -> doc.addNode("volume.threshold", new Position(0, 0))); // its required input is not connected
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 20), 1);
        CountDownLatch told = new CountDownLatch(1);
        runs.addChangeListener(e -> {
            if (!runs.isRunning() && runs.lastError().isPresent()) {
                told.countDown();
            }
        });
        CompletableFuture<Execution> run = edt(runs::runAll);
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertInstanceOf(PipelineValidationException.class, e.getCause());
        assertTrue(told.await(TIMEOUT_S, TimeUnit.SECONDS), "listeners hear of the refusal");
        assertTrue(
                runs.lastError().orElseThrow().contains("volume"),
                runs.lastError().orElseThrow());
        assertFalse(runs.lastProblems().isEmpty());
        assertTrue(runs.lastExecution().isEmpty());
        assertEquals(NodeRunState.NEVER_RUN, runs.state("threshold"));
    }

    @Test
    void cancellingASlowRunMarksUnfinishedNodesCancelled() throws Exception {
        OperatorRegistry registry = OperatorRegistry.of(List.of(new SlowSteps()));
        PipelineDocument doc = PipelineDocument.empty(registry);
        edt(() -> {
            String a = doc.addNode(SlowSteps.ID, new Position(0, 0));
            String b = doc.addNode(SlowSteps.ID, new Position(200, 0));
            doc.connect(new PortRef(a, "out"), new PortRef(b, "in"));
        });
        assertEquals(
                Set.of("steps", "steps2"),
                doc.pipeline().nodes().stream().map(n -> n.id()).collect(Collectors.toSet()));
        PipelineRunController runs = new PipelineRunController(doc, new ResultCache(1L << 20), 2);
        CountDownLatch progressing = new CountDownLatch(1);
        runs.addChangeListener(e -> {
            if (runs.state("steps") == NodeRunState.RUNNING && runs.progress("steps") > 0) {
                progressing.countDown();
            }
        });
        CompletableFuture<Execution> run = edt(runs::runAll);
        assertTrue(runs.isRunning());
        assertThrows(IllegalStateException.class, runs::runAll, "one run at a time");
        assertTrue(progressing.await(TIMEOUT_S, TimeUnit.SECONDS), "the slow node reports progress");
        assertTrue(runs.message("steps").startsWith("step "), runs.message("steps"));
        assertEquals(NodeRunState.QUEUED, runs.state("steps2"));
        runs.cancel();
        Execution ex = await(run);
        assertTrue(ex.cancelled());
        assertEquals(NodeRunState.CANCELLED, runs.state("steps"));
        assertEquals(NodeRunState.CANCELLED, runs.state("steps2"));
        assertFalse(runs.isRunning());
    }

    /** Counts to {@code steps} in 20 ms steps, reporting progress and checking for cancellation at each. */
    static final class SlowSteps implements Operator {
        static final String ID = "test.slow.steps";
        private static final Parameter<Long> STEPS = Parameter.integer("steps", 1000, 1L, null, "how many 20 ms steps");
        private static final Port<Scalar> OUT = Port.output("out", PortTypes.SCALAR, "the number of steps");
        private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
                .displayName("Slow steps")
                .category("Test")
                .description("Sleeps in steps; for cancellation tests.")
                .input(Port.optional("in", PortTypes.SCALAR, "ignored"))
                .parameter(STEPS)
                .output(OUT)
                .build();

        @Override
        public OperatorDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public void run(OperatorContext context) {
            long steps = context.get(STEPS);
            for (long i = 0; i < steps; i++) {
                context.checkCancelled();
                context.progress((double) (i + 1) / steps, "step " + (i + 1));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            context.output(OUT, new Scalar(steps, PhysicalUnit.DIMENSIONLESS));
        }
    }
}
