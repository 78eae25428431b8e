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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.Table;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.view.OutputSource;
import org.ferrum.pipeline.view.OutputViewer;
import org.junit.jupiter.api.Test;

/** "Show outputs": a node's cached results go to the first installed viewer that takes them. */
class OutputViewerTest {

    @Test
    void handsTheLastRunsCachedOutputsToAViewer() throws Exception {
        PipelineDocument doc = PipelineRunControllerTest.greDocument();
        ResultCache cache = new ResultCache(1L << 30);
        PipelineRunController runs = new PipelineRunController(doc, cache, 2);
        List<String> shown = new ArrayList<>();
        OutputViewer refusing = (title, outputs) -> false;
        OutputViewer tables = (title, outputs) -> {
            boolean any = outputs.values().stream().anyMatch(Table.class::isInstance);
            if (any) {
                shown.add(title + " " + outputs.keySet());
            }
            return any;
        };
        assertTrue(ResultViews.showNodeOutputs(runs, cache, "stats", List.of(tables))
                .contains("run it first"));
        PipelineRunControllerTest.await(PipelineRunControllerTest.edt(runs::runAll));
        String said = ResultViews.showNodeOutputs(runs, cache, "stats", List.of(refusing, tables));
        assertEquals("showing the outputs of stats", said);
        // the title names the pipeline, the node and the run's start time
        assertEquals(1, shown.size());
        assertTrue(
                shown.get(0)
                        .matches(
                                "gre-roi-statistics · stats \\(roi\\.statistics\\) · run \\d\\d:\\d\\d:\\d\\d \\[table\\]"),
                shown.get(0));
        // a viewer that knows sources gets the node, the results' cache key and the run time
        List<OutputSource> sources = new ArrayList<>();
        OutputViewer sourceAware = new OutputViewer() {
            @Override
            public boolean show(String title, java.util.Map<String, Object> outputs) {
                throw new AssertionError("the source-aware method is called");
            }

            @Override
            public boolean show(OutputSource source, java.util.Map<String, Object> outputs) {
                return sources.add(source);
            }
        };
        ResultViews.showNodeOutputs(runs, cache, "stats", List.of(sourceAware));
        assertEquals("stats", sources.get(0).nodeId());
        assertEquals(
                runs.lastRun("stats").orElseThrow().cacheKey(), sources.get(0).cacheKey());
        assertEquals(
                runs.lastExecution().orElseThrow().started(), sources.get(0).runTime());
        assertTrue(ResultViews.showNodeOutputs(runs, cache, "threshold", List.of(tables))
                .contains("no installed viewer"));
        cache.clear();
        assertTrue(ResultViews.showNodeOutputs(runs, cache, "stats", List.of(tables))
                .contains("no longer in the cache"));
        runs.dispose();
    }

    /** Issue 15 item 10: after a re-run, open windows of the nodes whose results changed are refreshed, no others. */
    @Test
    void aReRunRefreshesTheOpenWindowsOfTheNodesWhoseResultsChanged() throws Exception {
        PipelineDocument doc = PipelineRunControllerTest.greDocument();
        ResultCache cache = new ResultCache(1L << 30);
        PipelineRunController runs = new PipelineRunController(doc, cache, 2);
        java.util.Map<String, String> showing = new java.util.HashMap<>(); // node → cache key on screen
        List<String> refreshed = new ArrayList<>();
        OutputViewer viewer = new OutputViewer() {
            @Override
            public boolean show(String title, java.util.Map<String, Object> outputs) {
                return false;
            }

            @Override
            public boolean show(OutputSource source, java.util.Map<String, Object> outputs) {
                showing.put(source.nodeId(), source.cacheKey());
                return true;
            }

            @Override
            public boolean refreshIfShowing(OutputSource source, java.util.Map<String, Object> outputs) {
                String key = showing.get(source.nodeId());
                if (key == null || key.equals(source.cacheKey())) {
                    return false;
                }
                showing.put(source.nodeId(), source.cacheKey());
                return refreshed.add(source.nodeId());
            }
        };
        PipelineRunControllerTest.await(PipelineRunControllerTest.edt(runs::runAll));
        ResultViews.showNodeOutputs(runs, cache, "threshold", List.of(viewer));
        ResultViews.showNodeOutputs(runs, cache, "read", List.of(viewer));
        String readKey = showing.get("read");
        // nothing changed: a second run reuses every node, no window needs a refresh
        PipelineRunControllerTest.await(PipelineRunControllerTest.edt(runs::runAll));
        assertEquals(0, ResultViews.refreshOpenViews(runs, cache, List.of(viewer)));
        // the threshold's bound changes (inclusive → exclusive): threshold (open) and stats (not open) re-run; read
        // (open) is reused
        PipelineRunControllerTest.edt(() -> {
            doc.setParameter("threshold", "inclusive", false);
            return null;
        });
        PipelineRunControllerTest.await(PipelineRunControllerTest.edt(runs::runAll));
        assertEquals(1, ResultViews.refreshOpenViews(runs, cache, List.of(viewer)));
        assertEquals(List.of("threshold"), refreshed);
        assertEquals(runs.lastRun("threshold").orElseThrow().cacheKey(), showing.get("threshold"));
        assertEquals(readKey, showing.get("read"));
        runs.dispose();
    }
}
