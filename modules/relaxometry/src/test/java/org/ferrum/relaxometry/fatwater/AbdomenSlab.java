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
package org.ferrum.relaxometry.fatwater;

import org.ferrum.core.VoxelGrid;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;

/**
 * A simulated axial abdomen slab for fat–water tests: an elliptical body with a 3-voxel ring of subcutaneous fat
 * (PDFF 95 %, R2* 40 /s), a liver whose PDFF rises 0 → 50 % from left to right and whose R2* rises 30 → 1000 /s from
 * front to back, and other soft tissue (PDFF 0 %, R2* 35 /s); background empty (noise only). Total proton density
 * 100 a.u. with a smooth receive phase; the field map is given by a function of position. Signals follow
 * {@link ChemicalShiftSignal} with the given spectrum; noise from {@link MeasurementNoise} with σ = 100/SNR.
 */
final class AbdomenSlab {

    interface Field {
        double hz(int x, int y, int z);
    }

    static final int NX = 64;
    static final int NY = 64;
    static final int NZ = 8;
    final VoxelGrid grid = new VoxelGrid(NX, NY, NZ, 6, 6, 8);
    final double[] te;
    final float[][] re;
    final float[][] im;
    final float[] pdff = new float[NX * NY * NZ];
    final float[] r2 = new float[NX * NY * NZ];
    final float[] field = new float[NX * NY * NZ];
    final boolean[] body = new boolean[NX * NY * NZ];
    final boolean[] liver = new boolean[NX * NY * NZ];
    final boolean[] subcutaneous = new boolean[NX * NY * NZ];

    AbdomenSlab(double[] te, double b0, FatSpectrum spectrum, Field f, double snr, long seed) {
        this.te = te;
        int n = grid.size();
        re = new float[te.length][n];
        im = new float[te.length][n];
        double[] c = spectrum.complexFactor(te, b0);
        MeasurementNoise noise = new MeasurementNoise(100 / snr, seed);
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    int v = grid.index(x, y, z);
                    double ex = (x - 31.5) / 29;
                    double ey = (y - 31.5) / 24;
                    double rr = Math.sqrt(ex * ex + ey * ey);
                    double ff = 0;
                    double rate = 0;
                    double rho = 0;
                    if (rr <= 1) {
                        body[v] = true;
                        rho = 100;
                        boolean inner = Math.hypot((x - 31.5) / 26, (y - 31.5) / 21) <= 1;
                        boolean inLiver = x >= 12 && x <= 42 && y >= 15 && y <= 46;
                        if (!inner) {
                            subcutaneous[v] = true;
                            ff = 95;
                            rate = 40;
                        } else if (inLiver) {
                            liver[v] = true;
                            ff = 50.0 * (x - 12) / 30;
                            rate = 30 + 970.0 * (y - 15) / 31;
                        } else {
                            ff = 0;
                            rate = 35;
                        }
                    }
                    double psi = f.hz(x, y, z);
                    pdff[v] = (float) ff;
                    r2[v] = (float) rate;
                    field[v] = (float) psi;
                    double phase = 0.6 + 0.4 * Math.sin(2 * Math.PI * y / NY);
                    double w = rho * (1 - ff / 100);
                    double fa = rho * ff / 100;
                    double[] s = ChemicalShiftSignal.evaluate(
                            new double[] {w * Math.cos(phase), w * Math.sin(phase)},
                            new double[] {fa * Math.cos(phase), fa * Math.sin(phase)},
                            psi,
                            rate,
                            te,
                            c);
                    noise.addTo(s);
                    for (int e = 0; e < te.length; e++) {
                        re[e][v] = (float) s[2 * e];
                        im[e][v] = (float) s[2 * e + 1];
                    }
                }
            }
        }
    }

    /** Echo times TE1 + n·ΔTE in seconds. */
    static double[] echoes(int count, double te1Ms, double spacingMs) {
        double[] te = new double[count];
        for (int e = 0; e < count; e++) {
            te[e] = (te1Ms + e * spacingMs) * 1e-3;
        }
        return te;
    }

    /** The smooth ±200 Hz field of the main tests: a left–right gradient and a gentle bump. */
    static double smoothField(int x, int y, int z) {
        return 140 * (x - 31.5) / 32 + 55 * Math.cos(2 * Math.PI * y / NY) * Math.cos(Math.PI * (z - 3.5) / 16);
    }
}
