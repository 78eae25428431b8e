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
package org.ferrum.pipeline.view;

import java.util.Map;

/**
 * Something that can show a node's results, found through Lookup ({@code @ServiceProvider(service = OutputViewer.class)}):
 * the image viewer registers one, so "Show outputs" in the pipeline editor works without the editor depending on it,
 * and the viewer implements it without depending on the editor (the editor asks the viewers it finds in
 * {@code org.ferrum.pipeline.editor.ResultViews}).
 */
public interface OutputViewer {

    /**
     * Shows the outputs of one node.
     *
     * @param title   e.g. "dipole (qsm.dipole.tfi)"
     * @param outputs the node's outputs by port name (volumes, tables, …), in declaration order
     * @return false if this viewer can show none of them (the editor then tries the next one or says so)
     */
    boolean show(String title, Map<String, Object> outputs);

    /**
     * Shows the outputs of one node, knowing where they come from (pipeline, node, run), so that a viewer can refresh
     * the window already showing this node after a re-run instead of opening another. By default: {@link #show(String,
     * Map)} with {@link OutputSource#title()}.
     */
    default boolean show(OutputSource source, Map<String, Object> outputs) {
        return show(source.title(), outputs);
    }

    /**
     * After a run: if this viewer has a window open on {@code source}'s node (same pipeline and node) that shows other
     * results (another cache key), that window shows {@code outputs} instead, in place, with the new run time in its
     * title — nothing is opened or brought to the front. Windows of other nodes, and windows already showing these
     * results, are left alone. Called on the event thread.
     *
     * @return true if a window was refreshed. By default no window is ever open, so false.
     */
    default boolean refreshIfShowing(OutputSource source, Map<String, Object> outputs) {
        return false;
    }
}
