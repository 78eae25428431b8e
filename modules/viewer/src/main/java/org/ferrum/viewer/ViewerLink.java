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

import java.awt.geom.Point2D;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.table.LabelTable;

/**
 * What linked views share: the crosshair in patient millimetres (which also fixes each view's slice),
 * the zoom, the pan of each plane and the 4-D frame. Linking in patient space rather than in voxels is
 * what lets maps of different grids (after {@link GridResampling}) or the three planes of one map follow
 * one cursor. Changed on the event thread; every change notifies all views.
 *
 * <p>The link also holds the ROI being drawn: one label map on the views' common grid (the first map's,
 * which every linked map is resampled onto), the drawing tool and the sphere radius. An ROI change
 * notifies the ROI listeners (statistics, scatter) and, so that every view repaints its overlay, the
 * change listeners too.
 *
 * <p>ROI editing (issue 15): the label map may hold several labels, named and coloured by the link's
 * {@link #labelTable()}; drawing, painting and erasing act on the {@link #activeLabel()}, and the ROI statistics
 * and charts follow it. Every change made through {@link #apply} or {@link #replaceLabel} is a {@link LabelEdit} on
 * an undo stack ({@link #undo()}, {@link #redo()}); {@link #setRoi} (a loaded or cleared label map) starts a new
 * history.
 */
public final class ViewerLink {

    private double[] cursorMm = {0, 0, 0};
    private double zoom = 1;
    private int frame;
    private final Map<Plane, Point2D.Double> pan = new EnumMap<>(Plane.class);
    private final CopyOnWriteArrayList<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ChangeListener> roiListeners = new CopyOnWriteArrayList<>();
    private Volume<FloatType> roi;
    private RoiTool roiTool = RoiTool.NONE;
    private double sphereRadiusMm = 10;
    private LabelTable labelTable =
            new LabelTable(List.of(new LabelTable.Label(1, "label 1", LabelOverlay.DEFAULT_COLOURS[0])));
    private int activeLabel = 1;
    private Brush brush = new Brush(Brush.Shape.DISC, 5);
    private final Deque<LabelEdit> undo = new ArrayDeque<>();
    private final Deque<LabelEdit> redo = new ArrayDeque<>();
    /** Edits kept for undo; the oldest are dropped beyond this. */
    static final int UNDO_DEPTH = 100;

    private FusionOverlay fusion;

    /** The image fused over the maps for registration checking, or null for none. */
    public FusionOverlay fusion() {
        return fusion;
    }

    /**
     * Fuses {@code overlay}'s image over every view whose map lies on its grid (null removes it) and repaints them;
     * {@link FusionOverlay#onto} puts a moving image on the fixed image's grid first.
     */
    public void setFusion(FusionOverlay overlay) {
        fusion = overlay;
        fire();
    }

    /**
     * Shows {@code labels} — a label map with its legend ({@link Volume#labels()}: FreeSurfer, FIRST, dseg.tsv, a
     * pipeline's label output) — as the shared label overlay: a copy becomes the ROI label map (so edits do not touch
     * the original) and the legend becomes the label table (names in the cursor readout and the ROI statistics,
     * colours from the legend's rgb); labels the legend lacks are added as "label N". The undo history starts anew.
     */
    public void setLabelMap(Volume<FloatType> labels) {
        Volume<FloatType> copy = org.ferrum.core.Volumes.copyFloat(labels.frame(0));
        setRoi(null);
        setLabelTable(org.ferrum.io.labels.LabelLegends.toTable(labels.labels()));
        setRoi(copy);
    }

    /**
     * The label under {@code voxel} of the shared label map with its name from the label table, e.g.
     * {@code "12 Left-Putamen"}; empty when there is no label map, the voxel is outside it or holds 0.
     */
    public String labelAt(long[] voxel) {
        if (roi == null) {
            return "";
        }
        for (int d = 0; d < 3; d++) {
            if (voxel[d] < 0 || voxel[d] >= roi.dimension(d)) {
                return "";
            }
        }
        float v = roi.image()
                .randomAccess()
                .setPositionAndGet(voxel[0], voxel[1], voxel[2])
                .get();
        if (!(v > 0)) {
            return "";
        }
        int label = Math.round(v);
        return label + " " + labelTable.label(label).map(LabelTable.Label::name).orElse("label " + label);
    }

    /** The shared ROI label map (label 1 inside), or null before one is set. */
    public Volume<FloatType> roi() {
        return roi;
    }

    /** Replaces the shared label map (null = none) and notifies; the undo history starts anew. */
    public void setRoi(Volume<FloatType> labels) {
        roi = labels;
        undo.clear();
        redo.clear();
        if (labels != null) {
            addMissingLabels();
        }
        roiChanged();
    }

    /** The label map, made (empty, on {@code grid}'s grid) if there is none yet. */
    Volume<FloatType> roiOn(Volume<?> grid) {
        if (roi == null) {
            roi = RoiDrawing.emptyLabels(grid);
        }
        return roi;
    }

    // --- labels

    /** The names and colours of the labels (label 0 is the background and is never listed). */
    public LabelTable labelTable() {
        return labelTable;
    }

    /** Replaces the label table; indices present in the label map but not in the table are added as "label N". */
    public void setLabelTable(LabelTable table) {
        List<LabelTable.Label> kept = new ArrayList<>();
        for (LabelTable.Label l : table.labels()) {
            if (l.index() != 0) {
                kept.add(l);
            }
        }
        labelTable = new LabelTable(kept);
        addMissingLabels();
        if (labelTable.label(activeLabel).isEmpty() && !labelTable.labels().isEmpty()) {
            activeLabel = labelTable.labels().get(0).index();
        }
        roiChanged();
    }

    private void addMissingLabels() {
        if (roi == null) {
            return;
        }
        TreeSet<Integer> present = new TreeSet<>();
        for (float v : Volumes.floats(roi)) {
            if (v != 0 && !Float.isNaN(v)) {
                present.add(Math.round(v));
            }
        }
        List<LabelTable.Label> all = new ArrayList<>(labelTable.labels());
        for (int i : present) {
            if (i > 0 && labelTable.label(i).isEmpty()) {
                all.add(new LabelTable.Label(i, "label " + i, defaultColour(i)));
            }
        }
        labelTable = new LabelTable(all);
    }

    /** The colour label {@code index} gets when nobody chose one. */
    static int defaultColour(int index) {
        return LabelOverlay.DEFAULT_COLOURS[Math.floorMod(index - 1, LabelOverlay.DEFAULT_COLOURS.length)];
    }

    /** Label index → RGB, for the overlay (labels without a colour take the overlay's default). */
    public Map<Integer, Integer> labelColours() {
        Map<Integer, Integer> m = new HashMap<>();
        for (LabelTable.Label l : labelTable.labels()) {
            if (l.hasColour()) {
                m.put(l.index(), l.rgb());
            }
        }
        return m;
    }

    /** The label that drawing, painting and erasing act on, and that the ROI statistics describe. */
    public int activeLabel() {
        return activeLabel;
    }

    public void setActiveLabel(int index) {
        if (index < 1) {
            throw new IllegalArgumentException("the active label must be 1 or more, got " + index);
        }
        activeLabel = index;
        roiChanged();
    }

    /** The paint/erase brush. */
    public Brush brush() {
        return brush;
    }

    public void setBrush(Brush brush) {
        this.brush = java.util.Objects.requireNonNull(brush, "brush");
        fire();
    }

    // --- undoable edits

    /** Records an edit already written into the label map (undo stack), drops the redo stack and notifies. */
    public void apply(LabelEdit edit) {
        if (edit.size() > 0) {
            undo.push(edit);
            while (undo.size() > UNDO_DEPTH) {
                undo.removeLast();
            }
            redo.clear();
        }
        roiChanged();
    }

    /**
     * Makes {@code shape}'s voxels labelled {@code label} the whole of that label: voxels of the label outside the
     * shape become 0, the shape's voxels take the label (over other labels). With one label this is "a new shape
     * replaces the ROI". One undoable edit.
     */
    public void replaceLabel(Volume<FloatType> shape, int label, String what) {
        Volume<FloatType> labels = roiOn(shape);
        if (!GridResampling.sameGrid(labels, shape)) {
            throw new IllegalArgumentException("the shape is not on the label map's grid");
        }
        float[] s = Volumes.floats(shape);
        LabelEdit.Recorder rec = new LabelEdit.Recorder(labels);
        float[] a = rec.array();
        for (int n = 0; n < s.length; n++) {
            if (Math.round(s[n]) == label) {
                rec.set(n, label);
            } else if (Math.round(a[n]) == label && a[n] != 0) {
                rec.set(n, 0f);
            }
        }
        if (labelTable.label(label).isEmpty()) {
            addMissingLabels();
        }
        apply(rec.finish(what));
    }

    public boolean canUndo() {
        return !undo.isEmpty() && roi != null;
    }

    public boolean canRedo() {
        return !redo.isEmpty() && roi != null;
    }

    /** What {@link #undo()} would undo, e.g. "paint 'liver'", or empty. */
    public String undoDescription() {
        return undo.isEmpty() ? "" : undo.peek().what();
    }

    /** Undoes the last edit (restoring the label array exactly); false if there is none. */
    public boolean undo() {
        if (!canUndo()) {
            return false;
        }
        LabelEdit e = undo.pop();
        e.undo(roi);
        redo.push(e);
        roiChanged();
        return true;
    }

    /** Redoes the last undone edit; false if there is none. */
    public boolean redo() {
        if (!canRedo()) {
            return false;
        }
        LabelEdit e = redo.pop();
        e.redo(roi);
        undo.push(e);
        roiChanged();
        return true;
    }

    /** Repaints the views after voxels were written during a stroke (statistics wait for {@link #apply}). */
    void roiPainted() {
        fire();
    }

    /** Call after writing into {@link #roi()} in place: views repaint, statistics recompute. */
    public void roiChanged() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : roiListeners) {
            l.stateChanged(e);
        }
        fire();
    }

    public RoiTool roiTool() {
        return roiTool;
    }

    /** Sets the drawing tool; views drop any half-drawn shape. */
    public void setRoiTool(RoiTool tool) {
        roiTool = tool == null ? RoiTool.NONE : tool;
        fire();
    }

    /** Radius of a sphere ROI in patient millimetres. */
    public double sphereRadiusMm() {
        return sphereRadiusMm;
    }

    public void setSphereRadiusMm(double radiusMm) {
        if (!(radiusMm > 0)) {
            throw new IllegalArgumentException("the sphere radius must be positive, got " + radiusMm + " mm");
        }
        sphereRadiusMm = radiusMm;
    }

    /** Notified when the ROI changes (not on cursor, zoom or pan changes). */
    public void addRoiListener(ChangeListener l) {
        roiListeners.add(l);
    }

    public void removeRoiListener(ChangeListener l) {
        roiListeners.remove(l);
    }

    /** The crosshair in LPS mm (a copy). */
    public double[] cursorMm() {
        return cursorMm.clone();
    }

    public void setCursorMm(double[] mm) {
        cursorMm = mm.clone();
        fire();
    }

    /** Magnification relative to "whole slice fits the view" (1). */
    public double zoom() {
        return zoom;
    }

    public void setZoom(double zoom) {
        this.zoom = Math.max(0.25, Math.min(64, zoom));
        fire();
    }

    /** The 4-D frame (echo or time point) shown; views of 3-D maps ignore it. */
    public int frame() {
        return frame;
    }

    public void setFrame(int frame) {
        this.frame = Math.max(0, frame);
        fire();
    }

    /** Screen offset in pixels of {@code plane}'s image from the centred position. */
    public Point2D.Double pan(Plane plane) {
        Point2D.Double p = pan.get(plane);
        return p == null ? new Point2D.Double() : (Point2D.Double) p.clone();
    }

    public void setPan(Plane plane, double dx, double dy) {
        pan.put(plane, new Point2D.Double(dx, dy));
        fire();
    }

    /** Back to fit: zoom 1, no pan. */
    public void resetZoom() {
        pan.clear();
        setZoom(1);
    }

    public void addChangeListener(ChangeListener l) {
        listeners.add(l);
    }

    public void removeChangeListener(ChangeListener l) {
        listeners.remove(l);
    }

    private void fire() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : listeners) {
            l.stateChanged(e);
        }
    }
}
