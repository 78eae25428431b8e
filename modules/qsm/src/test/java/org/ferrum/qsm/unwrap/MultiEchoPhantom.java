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
package org.ferrum.qsm.unwrap;

import java.util.Random;
import org.ferrum.core.VoxelGrid;

/**
 * A synthetic multi-echo GRE phase with known truth: a smooth frequency map (large Gaussian blobs plus a
 * quadratic) in a spherical mask, a smooth phase offset φ0, uneven echo times, optional Gaussian phase noise.
 * True phase φ_e = φ0 + 2π f TE_e; wrapped phase W(φ_e + noise).
 */
public final class MultiEchoPhantom {

    public final VoxelGrid grid;
    public final double[] echoTimes;
    public final boolean[] mask;
    public final float[] frequencyHz;
    public final float[] offset;
    public final float[][] truth;
    public final float[][] wrapped;
    public final float[][] magnitude;

    public MultiEchoPhantom(VoxelGrid grid, double[] echoTimes, double noiseRad, long seed) {
        this.grid = grid;
        this.echoTimes = echoTimes;
        int n = grid.size();
        mask = new boolean[n];
        frequencyHz = new float[n];
        offset = new float[n];
        double cx = (grid.nx() - 1) / 2.0, cy = (grid.ny() - 1) / 2.0, cz = (grid.nz() - 1) / 2.0;
        double radius = 0.45 * Math.min(grid.nx(), Math.min(grid.ny(), grid.nz()));
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    double x = (i - cx) / radius, y = (j - cy) / radius, z = (k - cz) / radius;
                    mask[v] = x * x + y * y + z * z <= 1;
                    double f = 40 * (x * x - 0.5 * y * y)
                            + 25 * z // quadratic + linear background, Hz
                            + 160 * gauss(x - 0.3, y + 0.2, z, 0.25)
                            - 110 * gauss(x + 0.35, y - 0.3, z - 0.2, 0.2)
                            + 90 * gauss(x, y + 0.45, z + 0.3, 0.22);
                    frequencyHz[v] = (float) f;
                    offset[v] = (float) (0.9 + 0.5 * x - 0.3 * y * z);
                }
            }
        }
        int echoes = echoTimes.length;
        truth = new float[echoes][n];
        wrapped = new float[echoes][n];
        magnitude = new float[echoes][n];
        Random r = new Random(seed);
        for (int e = 0; e < echoes; e++) {
            for (int v = 0; v < n; v++) {
                double p = offset[v] + 2 * Math.PI * frequencyHz[v] * echoTimes[e];
                truth[e][v] = (float) p;
                wrapped[e][v] = (float) PhaseWraps.wrap(p + noiseRad * r.nextGaussian());
                magnitude[e][v] =
                        mask[v] ? (float) (1000 * Math.exp(-echoTimes[e] / 0.04)) : (float) (20 * r.nextDouble());
            }
        }
    }

    private static double gauss(double x, double y, double z, double s) {
        return Math.exp(-(x * x + y * y + z * z) / (2 * s * s));
    }

    /** Largest |truth| over the mask at the last echo, rad. */
    public double peakPhaseLastEcho() {
        double max = 0;
        float[] t = truth[truth.length - 1];
        for (int v = 0; v < t.length; v++) {
            if (mask[v]) {
                max = Math.max(max, Math.abs(t[v]));
            }
        }
        return max;
    }
}
