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
package org.ferrum.viewer.compare;

import java.util.List;
import java.util.Map;
import javax.swing.SwingUtilities;
import org.ferrum.viewer.NamedVolume;

/**
 * How other modules open the comparison workspace (the study browser with a visit's maps, the demo, the viewer's
 * "Show outputs" of a pipeline run) and feed maps to its pickers. Call from any thread: windows are made on the event
 * thread.
 */
public final class CompareMaps {

    /** Title of the window opened from the menu. */
    public static final String TITLE = "Compare maps";

    private CompareMaps() {}

    /**
     * Adds {@code maps} to the session's {@link MapCatalogue} (origin {@code title}) and opens a comparison of them: one
     * map in its three planes, two 1 × 2, three 1 × 3, four or more 2 × 2 (the first four; the rest stay in the pickers).
     *
     * @param title the window title and the maps' origin, e.g. "visit 2024-03-01" or "liver-hqsm run 14:02"
     * @param maps  named maps, each with its unit in its volume; the first is the reference grid
     */
    public static void open(String title, List<NamedVolume> maps) {
        List<MapCatalogue.Entry> entries = MapCatalogue.global().addAll(List.copyOf(maps), title);
        openWindow(TITLE + ": " + title, entries, CompareLayout.forMaps(entries.size()));
    }

    /**
     * A pipeline node's outputs as the editor's "Show outputs" hands them to viewers (port → value): the float volumes
     * become comparable maps named "node.port" ({@link MapCatalogue#addRunOutputs}), without opening a window.
     *
     * @return how many maps were added
     */
    public static int offerRunOutputs(String title, Map<String, Object> outputs) {
        return MapCatalogue.global().addRunOutputs(title, outputs).size();
    }

    /** Opens the workspace on the newest two maps of the session (or none: the pickers and "Add file…" are there). */
    public static void openWorkspace() {
        List<MapCatalogue.Entry> all = MapCatalogue.global().entries();
        openWindow(TITLE, all.subList(0, Math.min(2, all.size())), CompareLayout.ONE_BY_TWO);
    }

    private static void openWindow(String title, List<MapCatalogue.Entry> picked, CompareLayout layout) {
        Runnable r = () -> {
            CompareTopComponent tc = new CompareTopComponent(title, MapCatalogue.global(), picked, layout);
            tc.open();
            tc.requestActive();
        };
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }
}
