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
package org.ferrum.qsm.inversion;

import org.ferrum.core.VoxelGrid;

/**
 * Uniform spheres in a 64³ grid of 1 mm voxels and their fields from the analytic formula (not via the kernel):
 * with the Lorentz sphere correction, a sphere of radius a and susceptibility Δχ (ppm) relative to its
 * surroundings produces δ = 0 inside and δ = Δχ/3·(a/r)³·(3cos²θ − 1) outside, θ the angle between r and B0.
 */
public final class SpherePhantom {

    public static final VoxelGrid GRID = new VoxelGrid(64, 64, 64, 1, 1, 1);
    public static final double DELTA_CHI = 0.1;
    public static final double RADIUS = 9;
    public static final double[] CENTRE = {32, 32, 32};

    private SpherePhantom() {}

    /** The analytic field of one sphere added to {@code field} (B0 a unit vector along the index axes). */
    public static void addField(
            float[] field, VoxelGrid g, double[] centre, double radius, double deltaChi, double[] b0) {
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = (i - centre[0]) * g.dx(), y = (j - centre[1]) * g.dy(), z = (k - centre[2]) * g.dz();
                    double r2 = x * x + y * y + z * z;
                    if (r2 <= radius * radius) {
                        continue;
                    }
                    double r = Math.sqrt(r2);
                    double cos = (x * b0[0] + y * b0[1] + z * b0[2]) / r;
                    double ar = radius / r;
                    field[g.index(i, j, k)] += (float) (deltaChi / 3 * ar * ar * ar * (3 * cos * cos - 1));
                }
            }
        }
    }

    public static float[] field(double[] b0) {
        float[] f = new float[GRID.size()];
        addField(f, GRID, CENTRE, RADIUS, DELTA_CHI, b0);
        return f;
    }

    /** Voxels within {@code radius} of {@code centre}. */
    public static boolean[] ball(VoxelGrid g, double[] centre, double radius) {
        boolean[] m = new boolean[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = (i - centre[0]) * g.dx(), y = (j - centre[1]) * g.dy(), z = (k - centre[2]) * g.dz();
                    m[g.index(i, j, k)] = x * x + y * y + z * z <= radius * radius;
                }
            }
        }
        return m;
    }

    public static boolean[] all() {
        boolean[] m = new boolean[GRID.size()];
        java.util.Arrays.fill(m, true);
        return m;
    }

    /**
     * Mean χ in the sphere's core (r ≤ a − 1) minus mean χ in the mask's voxels clear of it (r ≥ a + 2): the
     * recovered Δχ, free of the boundary voxels that partial volume makes ambiguous.
     */
    public static double recoveredDeltaChi(float[] chi, boolean[] mask) {
        double in = 0, out = 0;
        int nIn = 0, nOut = 0;
        VoxelGrid g = GRID;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    if (!mask[n]) {
                        continue;
                    }
                    double r = Math.sqrt(sq(i - CENTRE[0]) + sq(j - CENTRE[1]) + sq(k - CENTRE[2]));
                    if (r <= RADIUS - 1) {
                        in += chi[n];
                        nIn++;
                    } else if (r >= RADIUS + 2) {
                        out += chi[n];
                        nOut++;
                    }
                }
            }
        }
        return in / nIn - out / nOut;
    }

    private static double sq(double v) {
        return v * v;
    }
}
