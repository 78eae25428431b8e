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

/**
 * What a left-button gesture in a {@link SliceView} does. {@link #NONE} keeps the viewing gestures (click
 * = crosshair, drag = pan); the others draw the shared ROI ({@link ViewerLink#roi()}).
 */
public enum RoiTool {
    /** No drawing: click moves the crosshair, drag pans. */
    NONE("none"),
    /** Drag a box from one corner to the opposite one; the ellipse inscribed in it is the ROI. */
    ELLIPSE("ellipse"),
    /** Click the vertices; a double-click adds the last one and closes the polygon. */
    POLYGON("polygon"),
    /** Drag along the outline; releasing the button closes it (the polygon of the traced points). */
    FREEHAND("freehand"),
    /** Click the centre; the radius in mm is {@link ViewerLink#sphereRadiusMm()} (3-D, round in the patient). */
    SPHERE("sphere"),
    /** Press and drag: the {@link ViewerLink#brush()} paints the active label (2-D disc or 3-D sphere, radius in mm). */
    PAINT("paint brush"),
    /** Press and drag: the brush erases the active label (other labels stay). */
    ERASE("erase brush"),
    /**
     * Click a nucleus (seed) or drag a box around it: {@link NucleusGrowTool} grows the structure and side chosen in
     * the ROI editor on the displayed map and writes it as its own label (undoable; correct it with the brushes).
     */
    GROW_NUCLEUS("grow nucleus");

    private final String label;

    RoiTool(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
