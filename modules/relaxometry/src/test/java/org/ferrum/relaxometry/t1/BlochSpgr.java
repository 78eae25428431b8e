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
package org.ferrum.relaxometry.t1;

/**
 * Steady-state SPGR signal by stepping the longitudinal magnetisation through pulses and relaxation until it no longer
 * changes (ideal spoiling): an independent discretisation of the experiment, not the closed form the fit uses.
 */
final class BlochSpgr {

    private BlochSpgr() {}

    /** Transverse signal after the pulse α (rad) in steady state, M0 = 1, T1 in s, TR in s. */
    static double signal(double alpha, double tr, double t1) {
        double mz = 1;
        double e1 = Math.exp(-tr / t1);
        double previous = Double.NaN;
        // Relaxation over TR split into 4 sub-steps (a different discretisation of the same recovery).
        double e1q = Math.exp(-tr / (4 * t1));
        for (int k = 0; k < 200000; k++) {
            double after = mz * Math.cos(alpha);
            double transverse = mz * Math.sin(alpha);
            for (int q = 0; q < 4; q++) {
                after = 1 + (after - 1) * e1q;
            }
            if (Math.abs(after - mz) < 1e-15 && Math.abs(transverse - previous) < 1e-15) {
                return transverse;
            }
            previous = transverse;
            mz = after;
        }
        return previous + 0 * e1;
    }
}
