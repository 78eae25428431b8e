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
package org.ferrum.relaxometry.t2;

/**
 * An isochromat Bloch simulation of a CPMG multi-echo spin-echo train, written independently of the extended phase
 * graph so that {@link CpmgEchoTrain} can be checked against it: {@code isochromats} spins at the midpoints of equal
 * bins across a voxel, each with its own magnetisation vector; the crusher/readout gradient between pulses winds
 * their phase by one full cycle across the voxel per half echo spacing; pulses are instantaneous rotations of the
 * vectors (3×3 rotation matrices); relaxation is the Bloch solution over ESP/2 including the T1 regrowth of Mz
 * towards M0 (which the EPG model leaves out). The echo is the magnitude of the voxel's mean transverse magnetisation.
 * Optionally the excitation angle is scaled too (the EPG models an ideal 90°).
 */
final class IsochromatCpmg {

    private IsochromatCpmg() {}

    /**
     * @param echoes       number of echoes
     * @param spacing      ESP, s
     * @param t1           T1, s
     * @param t2           T2, s
     * @param refocusing   actual refocusing angle, degrees
     * @param excitation   actual excitation angle, degrees (90 for the ideal pulse)
     * @param isochromats  number of spins across the voxel
     * @return echo magnitudes for M0 = 1
     */
    static double[] simulate(
            int echoes, double spacing, double t1, double t2, double refocusing, double excitation, int isochromats) {
        double[] mx = new double[isochromats];
        double[] my = new double[isochromats];
        double[] mz = new double[isochromats];
        java.util.Arrays.fill(mz, 1.0);
        // excitation about y (puts M along +x), refocusing about x (CPMG: along the excited magnetisation)
        rotate(mx, my, mz, new double[] {0, 1, 0}, Math.toRadians(excitation));
        double[] out = new double[echoes];
        double e2 = Math.exp(-spacing / 2 / t2);
        double e1 = Math.exp(-spacing / 2 / t1);
        double[] cosPhi = new double[isochromats];
        double[] sinPhi = new double[isochromats];
        for (int j = 0; j < isochromats; j++) {
            double position = (j + 0.5) / isochromats; // in the voxel, 0 … 1
            double phi = 2 * Math.PI * position; // one cycle of dephasing across the voxel per half spacing
            cosPhi[j] = Math.cos(phi);
            sinPhi[j] = Math.sin(phi);
        }
        for (int n = 0; n < echoes; n++) {
            precess(mx, my, mz, cosPhi, sinPhi, e1, e2);
            rotate(mx, my, mz, new double[] {1, 0, 0}, Math.toRadians(refocusing));
            precess(mx, my, mz, cosPhi, sinPhi, e1, e2);
            double sx = 0;
            double sy = 0;
            for (int j = 0; j < isochromats; j++) {
                sx += mx[j];
                sy += my[j];
            }
            out[n] = Math.hypot(sx, sy) / isochromats;
        }
        return out;
    }

    private static void precess(
            double[] mx, double[] my, double[] mz, double[] cosPhi, double[] sinPhi, double e1, double e2) {
        for (int j = 0; j < mx.length; j++) {
            double x = mx[j] * cosPhi[j] - my[j] * sinPhi[j];
            double y = mx[j] * sinPhi[j] + my[j] * cosPhi[j];
            mx[j] = x * e2;
            my[j] = y * e2;
            mz[j] = mz[j] * e1 + (1 - e1);
        }
    }

    /** Rotates every vector by {@code angle} about the unit {@code axis} (Rodrigues' formula). */
    private static void rotate(double[] mx, double[] my, double[] mz, double[] axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        double ux = axis[0];
        double uy = axis[1];
        double uz = axis[2];
        double[][] r = {
            {c + ux * ux * t, ux * uy * t - uz * s, ux * uz * t + uy * s},
            {uy * ux * t + uz * s, c + uy * uy * t, uy * uz * t - ux * s},
            {uz * ux * t - uy * s, uz * uy * t + ux * s, c + uz * uz * t}
        };
        for (int j = 0; j < mx.length; j++) {
            double x = mx[j];
            double y = my[j];
            double z = mz[j];
            mx[j] = r[0][0] * x + r[0][1] * y + r[0][2] * z;
            my[j] = r[1][0] * x + r[1][1] * y + r[1][2] * z;
            mz[j] = r[2][0] * x + r[2][1] * y + r[2][2] * z;
        }
    }
}
