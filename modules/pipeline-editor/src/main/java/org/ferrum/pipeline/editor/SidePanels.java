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

import java.awt.Dimension;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import javax.swing.JComponent;
import javax.swing.JSplitPane;

/**
 * The editor window's three columns — palette | graph | parameter sheet and overview — in two split panes that give
 * the graph the room: when the window is docked small, the side panels shrink with it instead of squeezing the graph.
 *
 * <p>Contract ({@link #widths}): for a window {@code w} px wide, the palette gets min(its wanted width, 20 % of w) and
 * the right column min(its wanted width, 25 % of w); the graph gets the rest (so at least 55 % of w less the two
 * dividers). The wanted widths start at 260 and 340 px and become whatever the user drags a divider to (only user gestures count; 0 after a
 * one-touch collapse: a collapsed panel stays collapsed). Side panels may shrink to 40 px (minimum size), the graph to
 * 100 px.
 */
final class SidePanels {

    static final int PALETTE_WIDTH = 260;
    static final int SHEET_WIDTH = 340;
    static final double PALETTE_SHARE = 0.20;
    static final double SHEET_SHARE = 0.25;

    private final JSplitPane outer;
    private final JSplitPane inner;
    private int paletteWant = PALETTE_WIDTH;
    private int sheetWant = SHEET_WIDTH;

    SidePanels(JComponent palette, JComponent graph, JComponent right) {
        palette.setMinimumSize(new Dimension(40, 0));
        right.setMinimumSize(new Dimension(40, 0));
        graph.setMinimumSize(new Dimension(100, 0));
        inner = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, graph, right);
        inner.setName("pipelineGraphSplit");
        inner.setResizeWeight(1.0);
        inner.setOneTouchExpandable(true);
        inner.setBorder(null);
        outer = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, palette, inner);
        outer.setName("pipelinePaletteSplit");
        outer.setResizeWeight(0.0);
        outer.setOneTouchExpandable(true);
        outer.setBorder(null);
        ComponentAdapter resized = new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                apply();
            }
        };
        outer.addComponentListener(resized);
        inner.addComponentListener(resized);
        // only the user's own moves change the wanted widths: a drag of a divider or a click on its one-touch arrows
        // (the split panes' own layouts move the dividers too, e.g. while the window is first shown at a small size)
        watchUser(outer, () -> paletteWant = Math.max(0, outer.getDividerLocation()));
        watchUser(
                inner,
                () -> sheetWant = Math.max(0, inner.getWidth() - inner.getDividerLocation() - inner.getDividerSize()));
    }

    private static void watchUser(JSplitPane split, Runnable record) {
        if (split.getUI() instanceof javax.swing.plaf.basic.BasicSplitPaneUI ui && ui.getDivider() != null) {
            ui.getDivider().addMouseListener(new java.awt.event.MouseAdapter() {
                @Override
                public void mouseReleased(java.awt.event.MouseEvent e) {
                    javax.swing.SwingUtilities.invokeLater(record);
                }
            });
            for (java.awt.Component c : ui.getDivider().getComponents()) {
                if (c instanceof javax.swing.AbstractButton b) {
                    b.addActionListener(e -> javax.swing.SwingUtilities.invokeLater(record));
                }
            }
        }
    }

    JSplitPane root() {
        return outer;
    }

    JSplitPane inner() {
        return inner;
    }

    /** [palette, graph, right column] widths for a window {@code total} px wide (see the class contract). */
    static int[] widths(int total, int paletteWant, int sheetWant, int dividers) {
        int palette = Math.min(paletteWant, (int) (total * PALETTE_SHARE));
        int sheet = Math.min(sheetWant, (int) (total * SHEET_SHARE));
        return new int[] {palette, Math.max(0, total - palette - sheet - dividers), sheet};
    }

    /** Places both dividers for the current width (called on every resize). */
    void apply() {
        int total = outer.getWidth();
        if (total <= 0) {
            return;
        }
        int[] w = widths(total, paletteWant, sheetWant, outer.getDividerSize() + inner.getDividerSize());
        outer.setDividerLocation(w[0]);
        outer.doLayout();
        // the right column's width from the inner pane's actual width after the outer layout (not from a width set
        // beforehand, which the outer layout may change again: the sheet was left 40 px wide when the editor opened
        // while the main window was still being sized)
        int innerWidth = inner.getWidth() > 0 ? inner.getWidth() : Math.max(0, total - w[0] - outer.getDividerSize());
        inner.setDividerLocation(Math.max(0, innerWidth - w[2] - inner.getDividerSize()));
        inner.doLayout();
    }
}
