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
 * The three display planes, named by the patient axis they are perpendicular to (LPS: x = left,
 * y = posterior, z = superior).
 */
public enum Plane {
    /** Perpendicular to z (superior): a slice seen from the feet. */
    AXIAL(2),
    /** Perpendicular to y (posterior): a slice seen from the front. */
    CORONAL(1),
    /** Perpendicular to x (left): a slice seen from the side. */
    SAGITTAL(0);

    private final int normalPatientAxis;

    Plane(int normalPatientAxis) {
        this.normalPatientAxis = normalPatientAxis;
    }

    /** 0, 1 or 2: the LPS axis (x, y, z) this plane is perpendicular to. */
    public int normalPatientAxis() {
        return normalPatientAxis;
    }
}
