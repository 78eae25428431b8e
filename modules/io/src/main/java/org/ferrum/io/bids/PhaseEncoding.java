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
package org.ferrum.io.bids;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.io.VolumeFormatException;

/**
 * How a phase image's values map to radians. BIDS asks for phase in radians or says
 * {@code "Units": "arbitrary"} (BIDS specification, "Magnetic Resonance Imaging", entity {@code part}
 * and the {@code Units} key), and real files come in three flavours that {@link #detect} tells apart,
 * in this order, from the header-scaled values v = slope·s + intercept and the stored values s of all
 * echoes together:
 * <ol>
 * <li>{@code "Units": "rad"} in the sidecar, or v within [−π, π] and spanning more than π:
 *     v is radians ({@link #RADIANS}).</li>
 * <li>v outside that, but s within [−π, π] spanning more than π: radians whose header scaling is
 *     meaningless and ignored ({@link #RADIANS_IGNORING_SCALING}). Seen in MriResearchTools' test data,
 *     whose phase is radians but carries the magnitude's scl_slope of 1/855; applying it would squeeze
 *     the phase into ±0.004 rad.</li>
 * <li>v whole numbers in 0..4095: Siemens' 12-bit phase, φ = π·(v − 2048)/2048
 *     ({@link #TWELVE_BIT_UNSIGNED}).</li>
 * <li>v whole numbers in −4096..4095 (dcm2niix's rescale of Siemens phase with slope 2, intercept
 *     −4096): φ = π·v/4096 ({@link #TWELVE_BIT_SIGNED}).</li>
 * </ol>
 * Anything else is rejected with the range found, so nobody unwraps a phase in unknown units.
 * The tolerance on ±π is 10⁻⁵ rad, which covers π rounded to float.
 */
enum PhaseEncoding {
    RADIANS,
    RADIANS_IGNORING_SCALING,
    TWELVE_BIT_UNSIGNED,
    TWELVE_BIT_SIGNED;

    private static final double PI_TOLERANCE = Math.PI + 1e-5;

    /** Radians of one voxel with stored value {@code s} under header scaling {@code (slope, intercept)}. */
    double toRadians(double s, double slope, double intercept) {
        return switch (this) {
            case RADIANS -> slope * s + intercept;
            case RADIANS_IGNORING_SCALING -> s;
            case TWELVE_BIT_UNSIGNED -> Math.PI * (slope * s + intercept - 2048) / 2048;
            case TWELVE_BIT_SIGNED -> Math.PI * (slope * s + intercept) / 4096;
        };
    }

    /**
     * @param scaledMin   minimum of v over all echoes
     * @param scaledMax   maximum of v
     * @param storedMin   minimum of s
     * @param storedMax   maximum of s
     * @param allIntegers whether every v is a whole number
     * @param units       the sidecar's {@code Units}, if any
     * @param file        the (first) phase file, for the message
     */
    static PhaseEncoding detect(
            double scaledMin,
            double scaledMax,
            double storedMin,
            double storedMax,
            boolean allIntegers,
            Optional<String> units,
            Path file)
            throws VolumeFormatException {
        if (units.filter(
                        u -> u.equalsIgnoreCase("rad") || u.equalsIgnoreCase("radian") || u.equalsIgnoreCase("radians"))
                .isPresent()) {
            return RADIANS;
        }
        if (withinPi(scaledMin, scaledMax)) {
            return RADIANS;
        }
        if (withinPi(storedMin, storedMax)) {
            return RADIANS_IGNORING_SCALING;
        }
        if (allIntegers && scaledMin >= 0 && scaledMax <= 4095) {
            return TWELVE_BIT_UNSIGNED;
        }
        if (allIntegers && scaledMin >= -4096 && scaledMax <= 4095) {
            return TWELVE_BIT_SIGNED;
        }
        throw new VolumeFormatException(
                file,
                String.format(
                        Locale.ROOT,
                        "phase values span [%g, %g]: neither radians in [-π, π] nor 12-bit integers (0..4095 or -4096..4095); "
                                + "convert the phase to radians, or set \"Units\": \"rad\" in the sidecar if it already is",
                        scaledMin,
                        scaledMax));
    }

    private static boolean withinPi(double min, double max) {
        return min >= -PI_TOLERANCE && max <= PI_TOLERANCE && max - min > Math.PI;
    }
}
