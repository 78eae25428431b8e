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
package org.ferrum.core;

/**
 * Conversions between a relative field shift (ppm) and a frequency offset (Hz), which depend on the
 * main field strength: Δf = γ̄ · B0 · δ, with γ̄ the proton gyromagnetic ratio over 2π.
 */
public final class FieldUnits {

    /**
     * Proton gyromagnetic ratio γ/2π in Hz/T (CODATA 2018 recommended value, 42.577 478 518 MHz/T).
     */
    public static final double PROTON_GYROMAGNETIC_RATIO_HZ_PER_T = 42.577478518e6;

    private FieldUnits() {}

    /** Frequency offset in Hz for a relative shift in ppm at field strength {@code b0Tesla}. */
    public static double ppmToHertz(double ppm, double b0Tesla) {
        return ppm * 1e-6 * PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * requirePositive(b0Tesla);
    }

    /** Relative shift in ppm for a frequency offset in Hz at field strength {@code b0Tesla}. */
    public static double hertzToPpm(double hertz, double b0Tesla) {
        return hertz / (1e-6 * PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * requirePositive(b0Tesla));
    }

    private static double requirePositive(double b0Tesla) {
        if (!(b0Tesla > 0) || Double.isInfinite(b0Tesla)) {
            throw new IllegalArgumentException("field strength must be a positive number of tesla, got " + b0Tesla);
        }
        return b0Tesla;
    }
}
