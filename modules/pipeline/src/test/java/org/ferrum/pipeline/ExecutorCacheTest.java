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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.ferrum.pipeline.NodeRun.Status;
import org.ferrum.pipeline.api.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Result caching and the reasons the executor gives for re-running a node. */
@Timeout(60)
class ExecutorCacheTest {

    @TempDir
    Path dir;

    /** a → b → c and a sibling branch s → t. */
    private static FakeOperators.PipelineBuilder twoBranches(double aValue) {
        return FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", aValue)
                .node("b", FakeOperators.ADD, "offset", 1.0)
                .node("c", FakeOperators.ADD)
                .node("s", FakeOperators.CONST, "value", 7.0)
                .node("t", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .edge("b.sum", "c.a")
                .edge("s.value", "t.a")
                .output("c", "c.sum")
                .output("t", "t.sum");
    }

    private Execution run(PipelineExecutor ex, Pipeline p) throws PipelineValidationException {
        return ex.run(p, RunOptions.defaults(dir), null, null);
    }

    private static NodeRun node(Execution run, String id) {
        return run.nodeRun(id).orElseThrow(() -> new AssertionError("no run of " + id));
    }

    @Test
    void secondIdenticalRunReusesEveryNodeWithoutCallingOperators() throws Exception {
        FakeOperators fake = new FakeOperators();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), new ResultCache(1 << 20), 2);
        Pipeline p = twoBranches(1).build();
        Execution first = run(ex, p);
        for (NodeRun r : first.nodeRuns()) {
            assertEquals(Status.RAN, r.status(), r.nodeId());
            assertEquals("first run", r.reason());
        }
        Execution second = run(ex, p);
        assertTrue(second.succeeded());
        for (NodeRun r : second.nodeRuns()) {
            assertEquals(Status.REUSED, r.status(), r.nodeId());
            assertTrue(r.reason().startsWith("reused"), r.reason());
            assertEquals(node(first, r.nodeId()).cacheKey(), r.cacheKey());
            assertEquals(0, r.nanos());
            assertEquals(1, fake.runs(r.nodeId()), r.nodeId());
        }
        assertEquals(first.outputs(), second.outputs());
        assertEquals(2.0, ((Scalar) second.outputs().get("c")).value(), 0);
    }

    @Test
    void changedParameterRerunsThatNodeAndItsDownstreamOnlyAndSaysWhy() throws Exception {
        FakeOperators fake = new FakeOperators();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), new ResultCache(1 << 20), 2);
        run(ex, twoBranches(1).build());
        Execution second = run(ex, twoBranches(2.5).build());
        assertEquals(Status.RAN, node(second, "a").status());
        assertEquals("parameter 'value' changed: 1.0 → 2.5", node(second, "a").reason());
        assertEquals(Status.RAN, node(second, "b").status());
        assertTrue(
                node(second, "b").reason().contains("upstream node 'a'"),
                node(second, "b").reason());
        assertTrue(
                node(second, "b").reason().contains("input 'a' changed"),
                node(second, "b").reason());
        assertEquals(Status.RAN, node(second, "c").status());
        assertTrue(
                node(second, "c").reason().contains("upstream node 'b'"),
                node(second, "c").reason());
        assertEquals(Status.REUSED, node(second, "s").status());
        assertEquals(Status.REUSED, node(second, "t").status());
        assertEquals(2, fake.runs("a"));
        assertEquals(2, fake.runs("c"));
        assertEquals(1, fake.runs("s"));
        assertEquals(1, fake.runs("t"));
        assertEquals(3.5, ((Scalar) second.outputs().get("c")).value(), 0);

        // back to the first value: both results are still cached
        Execution third = run(ex, twoBranches(1).build());
        third.nodeRuns().forEach(r -> assertEquals(Status.REUSED, r.status(), r.nodeId()));
        assertEquals(2.0, ((Scalar) third.outputs().get("c")).value(), 0);
    }

    @Test
    void aDefaultWrittenOutIsTheSameParameterValue() throws Exception {
        FakeOperators fake = new FakeOperators();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), new ResultCache(1 << 20), 2);
        Pipeline implicit =
                FakeOperators.pipeline().node("a", FakeOperators.CONST).build();
        Pipeline explicit = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", 1L, "tag", "")
                .build();
        Execution first = run(ex, implicit);
        Execution second = run(ex, explicit);
        assertEquals(Status.REUSED, node(second, "a").status());
        assertEquals(node(first, "a").cacheKey(), node(second, "a").cacheKey());
    }

    @Test
    void operatorVersionChangeRerunsAndSaysSo() throws Exception {
        FakeOperators fake = new FakeOperators();
        ResultCache cache = new ResultCache(1 << 20);
        Pipeline p = twoBranches(1).build();
        run(new PipelineExecutor(fake.registry(), cache, 2), p);
        Execution second = run(new PipelineExecutor(fake.registry(Map.of(FakeOperators.ADD, "1.1")), cache, 2), p);
        assertTrue(second.succeeded(), second.nodeRuns().toString());
        assertEquals(Status.REUSED, node(second, "a").status());
        assertEquals(Status.REUSED, node(second, "s").status());
        for (String id : new String[] {"b", "c", "t"}) {
            assertEquals(Status.RAN, node(second, id).status(), id);
            assertTrue(
                    node(second, id).reason().contains("operator version changed: 1.0 → 1.1"),
                    node(second, id).reason());
            assertEquals("1.1", node(second, id).version());
        }
        // the pipeline was saved with 1.0: a compatible difference, reported as a warning
        assertTrue(
                second.warnings().stream().anyMatch(w -> w.message().contains("1.1")),
                second.warnings().toString());
    }

    @Test
    void writersAlwaysRun() throws Exception {
        FakeOperators fake = new FakeOperators();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), new ResultCache(1 << 20), 2);
        Path target = dir.resolve("written.txt");
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST, "value", 4.0)
                .node("w", FakeOperators.WRITER, "path", "written.txt")
                .edge("a.value", "w.value")
                .build();
        run(ex, p);
        assertEquals("4.0", Files.readString(target));
        Files.delete(target);
        Execution second = run(ex, p);
        assertEquals(Status.REUSED, node(second, "a").status());
        assertEquals(Status.RAN, node(second, "w").status());
        assertTrue(
                node(second, "w").reason().contains("always runs"),
                node(second, "w").reason());
        assertEquals(2, fake.runs("w"));
        assertEquals("4.0", Files.readString(target));
    }

    @Test
    void changedInputFileRerunsTheReaderAndItsDownstream() throws Exception {
        FakeOperators fake = new FakeOperators();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), new ResultCache(1 << 20), 2);
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "1.5", StandardCharsets.UTF_8);
        FileTime written = Files.getLastModifiedTime(data);
        Pipeline p = FakeOperators.pipeline()
                .node("r", FakeOperators.READ, "path", "data.txt")
                .node("b", FakeOperators.ADD)
                .node("s", FakeOperators.CONST)
                .edge("r.value", "b.a")
                .output("b", "b.sum")
                .build();
        Execution first = run(ex, p);
        assertEquals(1.5, ((Scalar) first.outputs().get("b")).value(), 0);
        assertEquals(Status.REUSED, node(run(ex, p), "r").status());

        // Same size, and the same modification time as a coarse file system (or a quick editor) would give.
        Files.writeString(data, "2.5", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(data, written);
        Execution second = run(ex, p);
        assertEquals(Status.RAN, node(second, "r").status());
        assertEquals("file named by 'path' changed on disk", node(second, "r").reason());
        assertNotEquals(node(first, "r").cacheKey(), node(second, "r").cacheKey());
        assertEquals(Status.RAN, node(second, "b").status());
        assertTrue(
                node(second, "b").reason().contains("upstream node 'r'"),
                node(second, "b").reason());
        assertEquals(Status.REUSED, node(second, "s").status());
        assertEquals(2.5, ((Scalar) second.outputs().get("b")).value(), 0);
        assertEquals(data.toString(), node(second, "r").parameters().get("path"));
    }

    @Test
    void disabledCacheKeepsNothingAndEverythingRunsEveryTime() throws Exception {
        FakeOperators fake = new FakeOperators();
        ResultCache cache = ResultCache.disabled();
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), cache, 2);
        Pipeline p = twoBranches(1)
                .node("w", FakeOperators.WRITER, "path", "out.txt")
                .edge("c.sum", "w.value")
                .build();
        run(ex, p);
        Execution second = run(ex, p);
        for (NodeRun r : second.nodeRuns()) {
            assertEquals(Status.RAN, r.status(), r.nodeId());
            assertEquals(2, fake.runs(r.nodeId()), r.nodeId());
        }
        assertEquals(
                "same inputs as last time, but the earlier result is no longer cached",
                node(second, "a").reason());
        assertEquals(0, cache.size());
        assertEquals(0, cache.usedBytes());
        assertEquals(2.0, ((Scalar) second.outputs().get("c")).value(), 0);
    }

    @Test
    void resultEvictedFromASmallCacheIsRecomputed() throws Exception {
        FakeOperators fake = new FakeOperators();
        // A scalar result is estimated at 64 bytes: this cache holds one.
        ResultCache cache = new ResultCache(64);
        PipelineExecutor ex = new PipelineExecutor(fake.registry(), cache, 1);
        Pipeline p = FakeOperators.pipeline()
                .node("a", FakeOperators.CONST)
                .node("b", FakeOperators.ADD)
                .edge("a.value", "b.a")
                .build();
        Execution first = run(ex, p);
        assertEquals(1, cache.size());
        assertEquals(64, cache.usedBytes());
        Execution second = run(ex, p);
        for (String id : new String[] {"a", "b"}) {
            assertEquals(Status.RAN, node(second, id).status(), id);
            assertEquals(
                    "same inputs as last time, but the earlier result is no longer cached",
                    node(second, id).reason());
            assertEquals(node(first, id).cacheKey(), node(second, id).cacheKey(), id);
        }
        assertEquals(1, cache.size());
        assertEquals(64, cache.usedBytes());
    }
}
