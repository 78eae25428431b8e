package org.ferrum.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.editor.ResultPresenter;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/** Issue 15 item 7: the viewer's presenter of volume results, found through Lookup before the editor's table view. */
class PipelineResultPresenterTest {

    @Test
    void acceptsFloatVolumesOnlyAndComesBeforeTheTableView() {
        PipelineResultPresenter p = new PipelineResultPresenter();
        assertTrue(p.accepts(Volumes.createFloat(new long[] {4, 4, 4}, Geometry.identity(), PhysicalUnit.ARBITRARY)));
        assertFalse(p.accepts(null));
        assertFalse(p.accepts("a string"));
        assertFalse(p.accepts(Table.builder(Table.Column.text("label")).row("x").build()));

        List<? extends ResultPresenter> all = List.copyOf(Lookup.getDefault().lookupAll(ResultPresenter.class));
        assertEquals(PipelineResultPresenter.class, all.get(0).getClass(), "position 100 before the table view's 200: " + all);
        assertTrue(all.stream().anyMatch(r -> r.accepts(Table.builder(Table.Column.text("label")).row("x").build())),
                "the editor's table view takes tables");
    }
}
