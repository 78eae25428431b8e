package org.ferrum.pipeline.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.Table;
import org.ferrum.pipeline.ResultCache;
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
        assertTrue(OutputViewer.showNodeOutputs(runs, cache, "stats", List.of(tables)).contains("run it first"));
        PipelineRunControllerTest.await(PipelineRunControllerTest.edt(runs::runAll));
        String said = OutputViewer.showNodeOutputs(runs, cache, "stats", List.of(refusing, tables));
        assertEquals("showing the outputs of stats", said);
        assertEquals(List.of("stats (roi.statistics) [table]"), shown);
        assertTrue(OutputViewer.showNodeOutputs(runs, cache, "threshold", List.of(tables)).contains("no installed viewer"));
        cache.clear();
        assertTrue(OutputViewer.showNodeOutputs(runs, cache, "stats", List.of(tables)).contains("no longer in the cache"));
        runs.dispose();
    }
}
