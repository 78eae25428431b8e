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
package org.ferrum.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.view.ResultPresenter;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;
import org.openide.util.lookup.ServiceProvider;

/**
 * Issue 15 item 7: the viewer's presenter of volume results, found through Lookup before the editor's table view. The
 * viewer does not depend on the editor, so a presenter registered like the editor's table view (position 200) stands in
 * for it here.
 */
class PipelineResultPresenterTest {

    /** Registered as the editor's {@code TableResultTopComponent.Presenter} is: position 200, takes tables. */
    @ServiceProvider(service = ResultPresenter.class, position = 200)
    public static final class TableViewStandIn implements ResultPresenter {

        @Override
        public boolean accepts(Object value) {
            return value instanceof Table;
        }

        @Override
        public void present(String title, Object value) {}
    }

    @Test
    void acceptsFloatVolumesOnlyAndComesBeforeTheTableView() {
        PipelineResultPresenter p = new PipelineResultPresenter();
        assertTrue(p.accepts(Volumes.createFloat(new long[] {4, 4, 4}, Geometry.identity(), PhysicalUnit.ARBITRARY)));
        assertFalse(p.accepts(null));
        assertFalse(p.accepts("a string"));
        assertFalse(p.accepts(Table.builder(Table.Column.text("label")).row("x").build()));

        List<? extends ResultPresenter> all = List.copyOf(Lookup.getDefault().lookupAll(ResultPresenter.class));
        assertEquals(
                PipelineResultPresenter.class,
                all.get(0).getClass(),
                "position 100 before the table view's 200: " + all);
        assertTrue(
                all.stream()
                        .anyMatch(r -> r.accepts(Table.builder(Table.Column.text("label"))
                                .row("x")
                                .build())),
                "the table view (stand-in) takes tables");
    }
}
