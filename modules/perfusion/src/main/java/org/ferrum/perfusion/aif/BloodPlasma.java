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
package org.ferrum.perfusion.aif;

/**
 * Whole blood to plasma: the agent stays out of red cells, so C_p = C_b / (1 − Hct) (e.g. Sourbron SP, Buckley DL.
 * Classic models for dynamic contrast-enhanced MRI. NMR Biomed 2013;26:1004–1027).
 */
public final class BloodPlasma {

    /**
     * A typical adult large-vessel haematocrit (normal ranges roughly 0.40–0.50 in men and 0.36–0.46 in women), the
     * value most DCE tools assume when none is measured. Set the subject's own value where it is known.
     */
    public static final double DEFAULT_HAEMATOCRIT = 0.42;

    private BloodPlasma() {}

    /** C_p from C_b. */
    public static double plasma(double blood, double haematocrit) {
        requireHaematocrit(haematocrit);
        return blood / (1 - haematocrit);
    }

    /** Refuses a haematocrit outside [0, 1). */
    public static void requireHaematocrit(double haematocrit) {
        if (!(haematocrit >= 0 && haematocrit < 1)) {
            throw new IllegalArgumentException("haematocrit must be in [0, 1), got " + haematocrit);
        }
    }
}
