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
package org.ferrum.core.fit;

/**
 * How a least-squares fit ended, per voxel. The codes are what status maps store (dimensionless float voxels), so they
 * never change meaning: 0 converged, 1 stopped at the iteration limit, 2 no descent direction left (damping limit:
 * usually a flat or degenerate cost), 3 failed (non-finite model or data, or too few samples), 4 not fitted (masked
 * out or skipped by the caller).
 */
public enum FitStatus {
    CONVERGED(0, "converged"),
    MAX_ITERATIONS(1, "iteration limit reached"),
    STALLED(2, "no descent left (flat or degenerate cost)"),
    FAILED(3, "failed (non-finite values or too few samples)"),
    NOT_FITTED(4, "not fitted");

    private final int code;
    private final String meaning;

    FitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The value a status map stores. */
    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the parameters may be reported as a result (converged, or stalled at a minimum). */
    public boolean usable() {
        return this == CONVERGED || this == STALLED;
    }

    /** The status with the given code. */
    public static FitStatus ofCode(int code) {
        for (FitStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no fit status has code " + code);
    }

    /** "0 = converged, 1 = …" for port descriptions and legends. */
    public static String legend() {
        StringBuilder b = new StringBuilder();
        for (FitStatus s : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.code).append(" = ").append(s.meaning);
        }
        return b.toString();
    }
}
