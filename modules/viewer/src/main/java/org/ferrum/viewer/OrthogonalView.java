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

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.util.List;
import javax.swing.JPanel;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * One map in three orthogonal planes (axial, coronal, sagittal) sharing one crosshair: a click in any
 * plane moves the other two to the slices through that point. ROIs are drawn, painted and erased in any plane with the
 * ROI panel at the right ({@link RoiEditorPanel}).
 */
public final class OrthogonalView extends JPanel {

    private final List<SliceView> views;
    private final ViewerLink link;
    private final RoiEditorPanel roiEditor;
    private final FusionControls fusionControls;
    private final NamedVolume map;

    /** Starts with the crosshair at the volume's centre voxel. */
    public OrthogonalView(NamedVolume map, DisplayConvention convention) {
        super(new BorderLayout());
        this.link = new ViewerLink();
        this.map = map;
        SliceRenderer renderer = new SliceRenderer(map.volume(), convention);
        link.setCursorMm(renderer.patientOf(new long[] {
            map.volume().dimension(0) / 2,
            map.volume().dimension(1) / 2,
            map.volume().dimension(2) / 2
        }));
        views = List.of(
                new SliceView(map.name(), renderer, Plane.AXIAL, link),
                new SliceView(map.name(), renderer, Plane.CORONAL, link),
                new SliceView(map.name(), renderer, Plane.SAGITTAL, link));
        JPanel grid = new JPanel(new GridLayout(1, 3, 2, 2));
        views.forEach(grid::add);
        add(grid, BorderLayout.CENTER);
        MapControls controls = new MapControls(map.name(), views);
        fusionControls = new FusionControls(link, () -> map);
        JPanel north = new JPanel(new GridLayout(0, 1));
        north.add(controls);
        north.add(fusionControls);
        add(north, BorderLayout.NORTH);
        roiEditor = new RoiEditorPanel(link, map.volume());
        add(roiEditor, BorderLayout.EAST);
        controls.add(RoiEditorPanel.toggle(roiEditor));
    }

    /**
     * Fuses {@code moving} over this view's map for registration checking (blend, half opacity, hot colours; put on
     * the map's grid by nearest neighbour if it lies elsewhere); the fusion row above the views changes or removes it.
     *
     * @throws GridResampling.GeometryMismatchException if it does not overlap the map in the patient
     */
    public void fuse(NamedVolume moving) {
        link.setFusion(FusionOverlay.onto(map, moving));
    }

    /** Shows {@code labels} (a label map with its legend, on this map's grid) as the label overlay. */
    public void showLabels(Volume<FloatType> labels) {
        if (!GridResampling.sameGrid(labels, map.volume())) {
            throw new GridResampling.GeometryMismatchException("the label map is not on the grid of '" + map.name()
                    + "' (" + labels.geometry() + " vs " + map.volume().geometry() + "); register it first");
        }
        link.setLabelMap(labels);
    }

    /** The ROI editing panel (tools, brush, label table) at the right. */
    public RoiEditorPanel roiEditor() {
        return roiEditor;
    }

    /** The axial, coronal and sagittal views, in that order. */
    public List<SliceView> views() {
        return views;
    }

    public ViewerLink link() {
        return link;
    }
}
