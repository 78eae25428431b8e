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
 * Which way the patient faces on screen. In both conventions anterior is at the top of axial slices,
 * superior at the top of coronal and sagittal slices, and sagittal slices show anterior on the left.
 */
public enum DisplayConvention {
    /**
     * Radiological (the clinical default, and the viewer's): axial and coronal slices are seen as if
     * facing the patient, so the patient's right is on the screen's left.
     */
    RADIOLOGICAL,
    /** Neurological: axial and coronal slices seen from behind, the patient's right on the screen's right. */
    NEUROLOGICAL;

    /**
     * The LPS direction (a signed unit axis, as {axis, sign}) that points to the screen's right in
     * {@code plane}.
     */
    int[] screenRight(Plane plane) {
        return switch (plane) {
            case AXIAL, CORONAL -> new int[] {0, this == RADIOLOGICAL ? +1 : -1}; // +x = L, -x = R
            case SAGITTAL -> new int[] {1, +1}; // +y = P: anterior on the left
        };
    }

    /** The LPS direction that points down the screen in {@code plane}. */
    int[] screenDown(Plane plane) {
        return switch (plane) {
            case AXIAL -> new int[] {1, +1}; // posterior at the bottom
            case CORONAL, SAGITTAL -> new int[] {2, -1}; // inferior at the bottom
        };
    }
}
