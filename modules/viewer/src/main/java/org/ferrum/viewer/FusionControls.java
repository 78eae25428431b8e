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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingWorker;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;

/**
 * The fusion row of a viewer (registration checking): "Fuse image…" reads a second image (any volume format Ferrum
 * reads) and fuses it over the map ({@link FusionOverlay#onto}); then its colours, opacity, blend or checkerboard and
 * checkerboard square apply at once to every view of the link; "Remove" takes it away. Code sets the fusion with
 * {@link ViewerLink#setFusion} and these controls follow ({@link #sync()}).
 */
final class FusionControls extends JPanel {

    /** Component names, for GUI tests. */
    static final String NAME_OPEN = "fusion.open",
            NAME_OPACITY = "fusion.opacity",
            NAME_MODE = "fusion.mode",
            NAME_REMOVE = "fusion.remove";

    private final ViewerLink link;
    private final Supplier<NamedVolume> fixed;
    private final JLabel caption = new JLabel("no fusion image");
    private final JComboBox<Colormap> colours = new JComboBox<>(Colormap.ALL.toArray(Colormap[]::new));
    private final JComboBox<FusionOverlay.Mode> mode = new JComboBox<>(FusionOverlay.Mode.values());
    private final JSlider opacity = new JSlider(0, 100, (int) Math.round(FusionOverlay.DEFAULT_OPACITY * 100));
    private final JSpinner tile = new JSpinner(new SpinnerNumberModel(FusionOverlay.DEFAULT_TILE, 1, 512, 1));
    private final JButton remove = new JButton("Remove");
    private boolean syncing;

    /** @param fixed the map the fused image is put on (its grid) */
    FusionControls(ViewerLink link, Supplier<NamedVolume> fixed) {
        super(new FlowLayout(FlowLayout.LEFT, 4, 1));
        this.link = link;
        this.fixed = fixed;
        JButton open = new JButton("Fuse image…");
        open.setName(NAME_OPEN);
        open.setToolTipText(
                "Show a second image over this one (e.g. the registered moving image over the fixed image)");
        open.addActionListener(e -> chooseAndFuse());
        add(open);
        add(caption);
        colours.setSelectedItem(Colormap.HOT);
        colours.setToolTipText("Colours of the fused image");
        colours.addActionListener(e -> update(f -> f.withColormap((Colormap) colours.getSelectedItem())));
        add(colours);
        mode.setName(NAME_MODE);
        mode.setToolTipText("Blend: both images mixed by the opacity; checkerboard: squares of one and the other");
        mode.addActionListener(e -> update(f -> f.withMode((FusionOverlay.Mode) mode.getSelectedItem())));
        add(mode);
        add(new JLabel("opacity"));
        opacity.setName(NAME_OPACITY);
        opacity.addChangeListener(e -> update(f -> f.withOpacity(opacity.getValue() / 100.0)));
        add(opacity);
        add(new JLabel("square (px)"));
        tile.addChangeListener(e -> update(f -> f.withTile((Integer) tile.getValue())));
        add(tile);
        remove.setName(NAME_REMOVE);
        remove.addActionListener(e -> link.setFusion(null));
        add(remove);
        link.addChangeListener(e -> sync());
        sync();
    }

    private void update(java.util.function.UnaryOperator<FusionOverlay> change) {
        FusionOverlay f = link.fusion();
        if (!syncing && f != null) {
            link.setFusion(change.apply(f));
        }
    }

    /** The controls show the link's fusion (or are disabled when there is none). */
    void sync() {
        FusionOverlay f = link.fusion();
        syncing = true;
        try {
            boolean on = f != null;
            caption.setText(on ? f.caption() : "no fusion image");
            for (java.awt.Component c : List.of(colours, mode, opacity, tile, remove)) {
                c.setEnabled(on);
            }
            if (on) {
                colours.setSelectedItem(f.colormap());
                mode.setSelectedItem(f.mode());
                opacity.setValue((int) Math.round(f.opacity() * 100));
                tile.setValue(f.tile());
            }
        } finally {
            syncing = false;
        }
    }

    /** Fuses {@code moving} over the fixed map (resampled onto its grid if needed). */
    void fuse(NamedVolume moving) {
        link.setFusion(FusionOverlay.onto(fixed.get(), moving));
    }

    private void chooseAndFuse() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Fuse image (e.g. the registered moving image)");
        if (chooser.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path path = chooser.getSelectedFile().toPath();
        new SwingWorker<Volume<FloatType>, Void>() {
            @Override
            protected Volume<FloatType> doInBackground() throws IOException {
                return VolumeFiles.readFloat(path);
            }

            @Override
            protected void done() {
                try {
                    fuse(new NamedVolume(ViewerTopComponent.displayName(path), get()));
                } catch (Exception e) {
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    JOptionPane.showMessageDialog(
                            FusionControls.this,
                            "Cannot fuse " + path + ":\n" + why.getMessage(),
                            "Fuse image",
                            JOptionPane.ERROR_MESSAGE);
                }
            }
        }.execute();
    }
}
