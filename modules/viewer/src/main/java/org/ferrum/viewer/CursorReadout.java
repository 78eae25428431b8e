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

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;

/**
 * What the crosshair points at: the voxel, its centre in patient millimetres (LPS) and the value there.
 *
 * @param voxel     index (i, j, k)
 * @param patientMm centre of the voxel in LPS mm
 * @param frame     the 4-D frame read (0 for 3-D volumes)
 * @param value     the map's value (NaN where undefined)
 * @param unit      the map's unit
 * @param label     the label under the crosshair with its legend's name, e.g. {@code "12 Left-Putamen"}, when the
 *                  map is a label map with a legend or a label map lies over it; empty otherwise
 */
public record CursorReadout(
        long[] voxel, double[] patientMm, int frame, double value, PhysicalUnit unit, String label) {

    public CursorReadout {
        label = label == null ? "" : label;
    }

    /** A readout without a label. */
    public CursorReadout(long[] voxel, double[] patientMm, int frame, double value, PhysicalUnit unit) {
        this(voxel, patientMm, frame, value, unit, "");
    }

    /** The same readout naming {@code label} (e.g. {@code "12 Left-Putamen"}). */
    public CursorReadout withLabel(String label) {
        return new CursorReadout(voxel, patientMm, frame, value, unit, label);
    }

    /**
     * One line for the view's status text, e.g. {@code "voxel (3, 4, 5)  (−2.0, 7.5, 10.0) mm LPS  0.125 ppm"}, with
     * {@code "  12 Left-Putamen"} appended when there is a label.
     */
    public String text() {
        return place() + (label.isEmpty() ? "" : "  " + label);
    }

    private String place() {
        String v = Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.4g", value);
        return String.format(
                Locale.ROOT,
                "voxel (%d, %d, %d)  (%.1f, %.1f, %.1f) mm LPS  %s %s",
                voxel[0],
                voxel[1],
                voxel[2],
                patientMm[0],
                patientMm[1],
                patientMm[2],
                v,
                unit.symbol());
    }
}
