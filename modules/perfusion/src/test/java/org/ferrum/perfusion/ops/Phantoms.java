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
package org.ferrum.perfusion.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.Simulation;

/** Small DCE phantoms for operator tests. */
final class Phantoms {

    static final VoxelGrid GRID = new VoxelGrid(4, 3, 2, 2, 2, 3);
    static final Geometry GEOMETRY = Geometry.axisAligned(2, 2, 3);
    static final double FA = 15;
    static final double TR = 0.004;
    static final double T1 = 1.3;
    static final double R1 = 5.0;

    private Phantoms() {}

    static double[] times(int n, double dt) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * dt;
        }
        return t;
    }

    /** Tofts tissue concentration per voxel (Ktrans rising with x), arrival 20 s. */
    static double[][] concentration(double[] times) {
        double[][] c = new double[times.length][GRID.size()];
        for (int n = 0; n < GRID.size(); n++) {
            double ktrans = 0.05 + 0.05 * (n % GRID.nx());
            double[] curve = Simulation.tofts(times, ktrans, 0.3, 20, 0.42, 0.02);
            for (int t = 0; t < times.length; t++) {
                c[t][n] = curve[t];
            }
        }
        return c;
    }

    /** The SPGR signal of {@link #concentration}, M0 1000, T1 {@link #T1}, r1 {@link #R1}. */
    static DynamicSeries signal(double[] times, double[][] c, double field) {
        float[][] s = new float[times.length][GRID.size()];
        for (int t = 0; t < times.length; t++) {
            for (int n = 0; n < GRID.size(); n++) {
                s[t][n] = (float) Simulation.spgr(1000, FA, TR, 1 / T1 + R1 * c[t][n]);
            }
        }
        return new DynamicSeries(VolumeArrays.frames(s, GRID, GEOMETRY, PhysicalUnit.ARBITRARY), times, TR, FA, field);
    }

    static Volume<FloatType> map(float value, PhysicalUnit unit) {
        float[] v = new float[GRID.size()];
        java.util.Arrays.fill(v, value);
        return VolumeArrays.volume(v, GRID, GEOMETRY, unit);
    }

    static Volume<FloatType> mask(boolean[] inside) {
        return VolumeArrays.maskVolume(inside, GRID, GEOMETRY);
    }
}
