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

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.ferrum.viewer.Colormap;
import org.ferrum.viewer.SliceView;
import org.ferrum.viewer.WindowLevel;

/**
 * One tile of the comparison: a thin header (map name and unit, colormap, "Auto" and unit-preset window), the map's
 * {@link SliceView} taking the space, and its {@link ColourBar}. Window or colormap changes, by the header or by a
 * right-drag on the image, repaint the bar.
 */
public final class MapTile extends JPanel {

    private final SliceView view;
    private final ColourBar bar;

    public MapTile(SliceView view, String origin) {
        super(new BorderLayout());
        this.view = view;
        this.bar = new ColourBar(view);
        setBackground(Color.BLACK);
        setBorder(BorderFactory.createLineBorder(new Color(70, 70, 70)));
        JPanel head = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        JLabel name = new JLabel(org.ferrum.charts.AxisLabel.of(
                view.title(), view.renderer().volume().unit().symbol()));
        name.setToolTipText(origin);
        name.setFont(name.getFont().deriveFont(java.awt.Font.BOLD));
        head.add(name);
        JComboBox<Colormap> colormaps = new JComboBox<>(Colormap.ALL.toArray(Colormap[]::new));
        colormaps.setSelectedItem(view.colormap());
        colormaps.setToolTipText("Colormap");
        colormaps.addActionListener(e -> {
            view.setColormap((Colormap) colormaps.getSelectedItem());
            bar.repaint();
        });
        head.add(colormaps);
        JButton auto = small("Auto", "Window from the 2nd to the 98th percentile of the values");
        auto.addActionListener(e -> setWindow(view.renderer().autoWindow()));
        head.add(auto);
        WindowLevel.presetFor(view.renderer().volume().unit()).ifPresent(preset -> {
            JButton p = small(
                    "Preset",
                    preset.lower() + " … " + preset.upper() + " "
                            + view.renderer().volume().unit().symbol());
            p.addActionListener(e -> setWindow(preset));
            head.add(p);
        });
        head.setPreferredSize(new Dimension(100, 26));
        add(head, BorderLayout.NORTH);
        add(view, BorderLayout.CENTER);
        add(bar, BorderLayout.EAST);
        view.setPreferredSize(new Dimension(200, 200));
        view.setMinimumSize(new Dimension(120, 120));
        // a right-drag changes the window inside the view: keep the bar in step
        view.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseReleased(MouseEvent e) {
                bar.repaint();
            }
        });
        view.addMouseMotionListener(new MouseAdapter() {
            @Override
            public void mouseDragged(MouseEvent e) {
                bar.repaint();
            }
        });
    }

    private static JButton small(String text, String tip) {
        JButton b = new JButton(text);
        b.setToolTipText(tip);
        b.setMargin(new java.awt.Insets(1, 4, 1, 4));
        return b;
    }

    /** Sets the view's window and repaints the bar. */
    public void setWindow(WindowLevel w) {
        view.setWindow(w);
        bar.repaint();
    }

    public SliceView view() {
        return view;
    }

    public ColourBar colourBar() {
        return bar;
    }
}
