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
package org.ferrum.bench;

import java.util.SplittableRandom;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.models.ExtendedTofts;
import org.ferrum.perfusion.models.ModelWorkspace;

/**
 * The synthetic DCE data of {@link DceModelBenchmark} and {@code scripts/dce-peer.sh}: 60 frames every 5 s, a
 * Parker-type population AIF (Parker et al., MRM 2006; plasma, Hct 0.42, bolus at 30 s), and per voxel an
 * extended-Tofts curve with Ktrans 0.05–0.6 1/min, ve 0.1–0.6, vp 0.01–0.1 drawn uniformly (seeded) plus Gaussian
 * noise σ = 0.01 mM. Frames are frame-major ({@code frames[t·voxels + v]}) as in a 4-D volume.
 */
final class DceData {

    static final int FRAMES = 60;
    static final double STEP = 5.0; // s
    static final double SIGMA = 0.01; // mM

    final double[] times;
    final ArterialInputFunction aif;
    final float[] frames;
    final float[][] truth; // Ktrans, ve, vp
    final int voxels;

    DceData(int voxels, long seed) {
        this.voxels = voxels;
        times = new double[FRAMES];
        double[] cp = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            times[i] = i * STEP;
            cp[i] = parkerPlasma(times[i], 30.0);
        }
        aif = new ArterialInputFunction(times, cp, "Parker 2006, Hct 0.42, bolus at 30 s");
        frames = new float[voxels * FRAMES];
        truth = new float[3][voxels];
        ExtendedTofts model = new ExtendedTofts();
        ModelWorkspace work = new ModelWorkspace(times);
        double[] curve = new double[FRAMES];
        SplittableRandom random = new SplittableRandom(seed);
        double[] theta = new double[3];
        for (int v = 0; v < voxels; v++) {
            theta[0] = 0.05 + 0.55 * random.nextDouble();
            theta[1] = 0.1 + 0.5 * random.nextDouble();
            theta[2] = 0.01 + 0.09 * random.nextDouble();
            model.evaluate(theta, cp, work, curve, null, 0);
            for (int t = 0; t < FRAMES; t++) {
                double u = 1 - random.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
                frames[t * voxels + v] = (float) (curve[t] + SIGMA * g);
            }
            for (int j = 0; j < 3; j++) {
                truth[j][v] = (float) theta[j];
            }
        }
    }

    /** Parker et al., MRM 2006, blood → plasma with Hct 0.42; t in s, bolus at {@code onset} s. */
    static double parkerPlasma(double t, double onset) {
        double m = (t - onset) / 60;
        if (m < -0.5) {
            return 0;
        }
        double cb = 0.809
                        / (0.0563 * Math.sqrt(2 * Math.PI))
                        * Math.exp(-Math.pow(m - 0.17046, 2) / (2 * 0.0563 * 0.0563))
                + 0.330 / (0.132 * Math.sqrt(2 * Math.PI)) * Math.exp(-Math.pow(m - 0.365, 2) / (2 * 0.132 * 0.132))
                + 1.050 * Math.exp(-0.1685 * m) / (1 + Math.exp(-38.078 * (m - 0.483)));
        return cb / (1 - 0.42);
    }
}
