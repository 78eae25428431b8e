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
package org.ferrum.core.acquisition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ferrum.core.Geometry;

/**
 * Acquisition parameters of a multi-echo gradient-echo (GRE) scan that the physics needs.
 *
 * <p>Contract: {@code fieldStrengthTesla} finite and &gt; 0 (typically 1.5, 3 or 7);
 * {@code b0DirectionLps} the unit vector of the main field in DICOM patient coordinates (LPS). For a
 * patient lying in the bore, head first or feet first, B0 runs along ±z; the sign does not matter for
 * the dipole kernel, which depends on cos²θ. The default is (0, 0, 1).
 *
 * @param echoTimes          echo times in s
 * @param fieldStrengthTesla main field B0 in T
 * @param b0DirectionLps     unit vector of B0 in LPS (normalised on construction)
 */
public record GreAcquisition(EchoTimes echoTimes, double fieldStrengthTesla, double[] b0DirectionLps) {

    /** B0 along the scanner's z axis, which is the patient's S–I axis for a supine patient. */
    public static final double[] DEFAULT_B0_DIRECTION = {0, 0, 1};

    public GreAcquisition {
        Objects.requireNonNull(echoTimes, "echoTimes");
        if (!(fieldStrengthTesla > 0) || !Double.isFinite(fieldStrengthTesla) || fieldStrengthTesla > 30) {
            throw new IllegalArgumentException(
                    "MagneticFieldStrength must be a positive number of tesla, got " + fieldStrengthTesla);
        }
        double[] b = b0DirectionLps == null ? DEFAULT_B0_DIRECTION : b0DirectionLps;
        if (b.length != 3) {
            throw new IllegalArgumentException("B0 direction needs 3 components, got " + b.length);
        }
        double n = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("B0 direction must be a finite non-zero vector: " + Arrays.toString(b));
        }
        b0DirectionLps = new double[] {b[0] / n, b[1] / n, b[2] / n};
    }

    /** Parameters with the default B0 direction (0, 0, 1). */
    public GreAcquisition(EchoTimes echoTimes, double fieldStrengthTesla) {
        this(echoTimes, fieldStrengthTesla, DEFAULT_B0_DIRECTION);
    }

    /** The B0 unit vector in LPS (a copy). */
    @Override
    public double[] b0DirectionLps() {
        return b0DirectionLps.clone();
    }

    /** The B0 unit vector along the index axes of a volume with this geometry. */
    public double[] b0DirectionInVoxelAxes(Geometry geometry) {
        return geometry.directionInVoxelAxes(b0DirectionLps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GreAcquisition g
                && echoTimes.equals(g.echoTimes)
                && fieldStrengthTesla == g.fieldStrengthTesla
                && Arrays.equals(b0DirectionLps, g.b0DirectionLps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(echoTimes, fieldStrengthTesla, Arrays.hashCode(b0DirectionLps));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "GRE[%s, B0 %.3g T along (%.3f, %.3f, %.3f) LPS]",
                echoTimes,
                fieldStrengthTesla,
                b0DirectionLps[0],
                b0DirectionLps[1],
                b0DirectionLps[2]);
    }
}
