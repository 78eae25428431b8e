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
package org.ferrum.application.journeys;

import java.awt.Point;
import java.awt.Rectangle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import org.openide.windows.TopComponent;

/**
 * What the journeys read from a pipeline editor window that is not a Swing component: the graph is a NetBeans Visual
 * Library scene, whose nodes and state lines are widgets. Read by reflection through the editor's public accessors
 * ({@code scene()}, {@code document()}), so the journeys do not compile against the editor module; when those accessors
 * change, only this class changes.
 */
final class EditorProbe {

    private EditorProbe() {}

    /** The ids of the edited pipeline's nodes. */
    static List<String> nodeIds(TopComponent editor) {
        return Gui.onEdt(() -> {
            Object pipeline = call(call(editor, "document"), "pipeline");
            List<String> ids = new ArrayList<>();
            for (Object node : (List<?>) call(pipeline, "nodes")) {
                ids.add((String) call(node, "id"));
            }
            return ids;
        });
    }

    /** The text of a node's state line on the graph ("● cached", "● stale — parameter 'x' changed", …). */
    static String stateLine(TopComponent editor, String nodeId) {
        return Gui.onEdt(() -> {
            Object line = call(call(editor, "scene"), "stateLine", nodeId);
            return line == null ? "" : (String) call(line, "getLabel");
        });
    }

    /** The tooltip of a node's state line (the reason of its last run, its time, its log). */
    static String stateTooltip(TopComponent editor, String nodeId) {
        return Gui.onEdt(() -> {
            Object line = call(call(editor, "scene"), "stateLine", nodeId);
            Object tip = line == null ? null : call(line, "getToolTipText");
            return tip == null ? "" : tip.toString();
        });
    }

    /** True if the node's state line shows one of {@code words} (as a whole word). */
    static boolean stateIs(TopComponent editor, String nodeId, List<String> words) {
        String line = stateLine(editor, nodeId);
        return words.stream().anyMatch(w -> line.matches(".*\\b" + java.util.regex.Pattern.quote(w) + "\\b.*"));
    }

    /** The scene's view (the Swing component the graph is drawn on). */
    static JComponent view(TopComponent editor) {
        return Gui.onEdt(() -> (JComponent) call(call(editor, "scene"), "getView"));
    }

    /**
     * A point on the node's title bar in the view's coordinates, after scrolling the node into sight: where a user
     * clicks to select it.
     */
    static Point nodeTitle(TopComponent editor, String nodeId) {
        return Gui.onEdt(() -> {
            Object scene = call(editor, "scene");
            Object widget = call(scene, "findWidget", nodeId);
            if (widget == null) {
                throw new IllegalStateException("no widget for node " + nodeId);
            }
            Rectangle local = (Rectangle) call(widget, "getBounds");
            Rectangle inScene = (Rectangle) call(widget, "convertLocalToScene", local);
            Rectangle inView = (Rectangle) call(scene, "convertSceneToView", inScene);
            JComponent view = (JComponent) call(scene, "getView");
            view.scrollRectToVisible(inView);
            return new Point(inView.x + Math.min(40, inView.width / 2), inView.y + Math.min(8, inView.height / 4));
        });
    }

    /** Calls a public (or accessible) method by name with these arguments. */
    static Object call(Object target, String name, Object... args) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length && accepts(m, args)) {
                    try {
                        m.setAccessible(true);
                        return m.invoke(target, args);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(target.getClass().getSimpleName() + "." + name + ": " + e, e);
                    }
                }
            }
        }
        throw new IllegalStateException(target.getClass().getName() + " has no method " + name + " for " + args.length
                + " arguments (did the editor change? adapt EditorProbe)");
    }

    private static boolean accepts(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null && !types[i].isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
