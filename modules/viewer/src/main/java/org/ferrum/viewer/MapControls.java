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

import java.awt.FlowLayout;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;

/**
 * The controls of one or more views of the same map: colormap, window presets (the unit's preset and
 * auto 2–98 %), and the 4-D frame slider when the map has several frames. Changes apply to every view
 * given.
 */
final class MapControls extends JPanel {

    MapControls(String name, List<SliceView> views) {
        super(new FlowLayout(FlowLayout.LEFT, 4, 1));
        SliceView first = views.get(0);
        add(new JLabel(name + ":"));
        JComboBox<Colormap> colormaps = new JComboBox<>(Colormap.ALL.toArray(Colormap[]::new));
        colormaps.setSelectedItem(first.colormap());
        colormaps.addActionListener(e -> views.forEach(v -> v.setColormap((Colormap) colormaps.getSelectedItem())));
        add(colormaps);
        WindowLevel.presetFor(first.renderer().volume().unit()).ifPresent(preset -> {
            JButton b = new JButton("Preset " + first.renderer().volume().unit().symbol());
            b.setToolTipText(preset.lower() + " … " + preset.upper() + " "
                    + first.renderer().volume().unit().symbol());
            b.addActionListener(e -> views.forEach(v -> v.setWindow(preset)));
            add(b);
        });
        JButton auto = new JButton("Auto");
        auto.setToolTipText("Window from the 2nd to the 98th percentile of the values");
        auto.addActionListener(e -> {
            WindowLevel w = first.renderer().autoWindow();
            views.forEach(v -> v.setWindow(w));
        });
        add(auto);
        int frames = first.renderer().volume().frames();
        if (frames > 1) {
            add(new JLabel("frame"));
            JSlider slider = new JSlider(1, frames, first.link().frame() + 1);
            slider.setToolTipText("Echo or time point (4-D data)");
            slider.addChangeListener(e -> first.link().setFrame(slider.getValue() - 1));
            add(slider);
        }
    }
}
