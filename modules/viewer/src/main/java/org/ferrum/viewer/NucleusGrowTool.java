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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.RegionGrower;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.table.LabelTable;
import org.openide.util.Lookup;

/**
 * The "grow nucleus" tool ({@link RoiTool#GROW_NUCLEUS}): a click (seed) or a dragged box on the displayed map asks a
 * {@link RegionGrower} found through Lookup (the brain module's nuclei grower on χ) to grow the structure and side
 * chosen in the ROI editor's controls, and writes it into the label map being edited as one undoable edit: the label
 * is the grower's value for that structure and side (so re-growing replaces it), named as its legend names it
 * ({@code Left-Substantia-Nigra}), with its colour, and becomes the active label so the brushes can correct it at once.
 * Voxels of other labels are locked: growing never overwrites what the user drew.
 */
public final class NucleusGrowTool {

    public static final String NAME_STRUCTURE = "viewer.roi.grow.structure",
            NAME_SIDE = "viewer.roi.grow.side",
            NAME_STATUS = "viewer.roi.grow.status";

    /** What the user chose, per viewer: structure and side; and the last result or failure, in words. */
    private static final class State {
        String structure;
        Hemisphere side = Hemisphere.LEFT;
        String status = "click a nucleus (seed) or drag a box around it";
    }

    private static final Map<ViewerLink, State> STATES = new WeakHashMap<>();

    private NucleusGrowTool() {}

    private static synchronized State state(ViewerLink link) {
        return STATES.computeIfAbsent(link, l -> new State());
    }

    /** The installed growers (none when no module provides one). */
    public static List<RegionGrower> growers() {
        return new ArrayList<>(Lookup.getDefault().lookupAll(RegionGrower.class));
    }

    /** The structures every installed grower offers, in order. */
    public static List<String> structures() {
        Set<String> all = new LinkedHashSet<>();
        growers().forEach(g -> all.addAll(g.structures()));
        return List.copyOf(all);
    }

    /** Chooses what the next click or box grows. */
    public static void choose(ViewerLink link, String structure, Hemisphere side) {
        State s = state(link);
        s.structure = structure;
        s.side = side;
    }

    /** The last result or failure, in words. */
    public static String status(ViewerLink link) {
        return state(link).status;
    }

    /**
     * The controls of the ROI editor: structure, side and the last result. Without an installed grower it says so
     * (and the tool refuses).
     */
    public static JComponent controls(ViewerLink link) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        List<String> structures = structures();
        JLabel status = new JLabel();
        status.setName(NAME_STATUS);
        if (structures.isEmpty()) {
            status.setText("no grower installed");
            p.add(status);
            return p;
        }
        JComboBox<String> structure = new JComboBox<>(structures.toArray(String[]::new));
        structure.setName(NAME_STRUCTURE);
        JComboBox<String> side = new JComboBox<>(new String[] {Hemisphere.LEFT.word(), Hemisphere.RIGHT.word()});
        side.setName(NAME_SIDE);
        State s = state(link);
        if (s.structure == null) {
            s.structure = structures.get(0);
        }
        structure.setSelectedItem(s.structure);
        side.setSelectedItem(s.side.word());
        Runnable chosen = () ->
                choose(link, (String) structure.getSelectedItem(), Hemisphere.parse((String) side.getSelectedItem()));
        structure.addActionListener(e -> chosen.run());
        side.addActionListener(e -> chosen.run());
        status.setText(s.status);
        status.setToolTipText(s.status);
        link.addRoiListener(e -> {
            status.setText(status(link));
            status.setToolTipText(status(link));
        });
        p.add(structure);
        p.add(side);
        p.add(status);
        return p;
    }

    /**
     * Grows the chosen structure and side on {@code map} from {@code a} to {@code b} (mm LPS; equal for a click) with
     * the first installed grower offering it (class comment). The outcome, success or failure, becomes {@link
     * #status}.
     *
     * @return the grower's summary
     * @throws IllegalArgumentException with a message for the user (no grower, another grid, no contrast, …)
     */
    public static String grow(ViewerLink link, Volume<FloatType> map, double[] a, double[] b) {
        State s = state(link);
        try {
            String structure = s.structure != null
                    ? s.structure
                    : structures().stream()
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no grower is installed"));
            RegionGrower grower = growers().stream()
                    .filter(g -> g.structures().contains(structure))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no installed grower grows the " + structure));
            s.status = grow(link, map, grower, structure, s.side, a, b);
        } catch (IllegalArgumentException e) {
            s.status = "not grown: " + e.getMessage();
            link.roiChanged();
            throw e;
        }
        return s.status;
    }

    /** {@link #grow(ViewerLink, Volume, double[], double[])} with a given grower, structure and side. */
    static String grow(
            ViewerLink link,
            Volume<FloatType> map,
            RegionGrower grower,
            String structure,
            Hemisphere side,
            double[] a,
            double[] b) {
        Volume<FloatType> labels = link.roiOn(map);
        if (!GridResampling.sameGrid(labels, map)) {
            throw new IllegalArgumentException("the label map being edited is not on the displayed map's grid");
        }
        float[] current = Volumes.floats(labels);
        boolean[] locked = new boolean[current.length];
        for (int n = 0; n < current.length; n++) {
            int v = Math.round(current[n]);
            locked[n] = v != 0 && !Float.isNaN(current[n]) && !sameStructure(link, v, structure, side);
        }
        RegionGrower.Grown grown = grower.grow(map, locked, structure, side, a, b, Cancellation.NEVER);
        LabelEntry e = grown.entry();
        List<LabelTable.Label> table = new ArrayList<>();
        for (LabelTable.Label l : link.labelTable().labels()) {
            if (l.index() != e.value()) {
                table.add(l);
            }
        }
        table.add(new LabelTable.Label(e.value(), e.name(), e.rgb()));
        link.setLabelTable(new LabelTable(table));
        Volume<FloatType> shape = RoiDrawing.emptyLabels(map);
        float[] out = Volumes.floats(shape);
        for (int n = 0; n < out.length; n++) {
            if (grown.voxels()[n]) {
                out[n] = e.value();
            }
        }
        link.replaceLabel(shape, e.value(), "grow '" + e.name() + "'");
        link.setActiveLabel(e.value());
        return grown.summary();
    }

    /** True if label {@code value}'s name in the viewer's table is {@code structure} on {@code side}. */
    private static boolean sameStructure(ViewerLink link, int value, String structure, Hemisphere side) {
        return link.labelTable()
                .label(value)
                .map(l -> LabelEntry.named(value, l.name(), 0))
                .map(e -> e.structure().equals(structure) && e.hemisphere() == side)
                .orElse(false);
    }
}
