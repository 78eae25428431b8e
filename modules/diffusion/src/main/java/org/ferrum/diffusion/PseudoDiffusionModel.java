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
package org.ferrum.diffusion;

import org.ferrum.core.fit.FitModel;

/**
 * The IVIM signal as a function of D* alone, with S0, f and D held ({@link BiExponentialModel} with three parameters
 * fixed): the last step of the segmented fit. The fixed part S0(1 − f)e^{−bD} is computed once per voxel in
 * {@link #hold}, so each evaluation costs one exponential per b-value. One instance per thread.
 */
public final class PseudoDiffusionModel implements FitModel {

    private final double[] b;
    private final double floor;
    private final double[] tissue;
    private double s0f;

    /**
     * @param bValues the b-values in s/mm²
     * @param noiseSigma σ per channel in the signal's unit, or 0 for the plain model
     */
    public PseudoDiffusionModel(double[] bValues, double noiseSigma) {
        this.b = bValues.clone();
        this.floor = 2 * noiseSigma * noiseSigma;
        this.tissue = new double[b.length];
    }

    /** Holds S0, f and D (mm²/s) for the next fits. */
    public void hold(double s0, double f, double d) {
        for (int i = 0; i < b.length; i++) {
            tissue[i] = s0 * (1 - f) * Math.exp(-b[i] * d);
        }
        s0f = s0 * f;
    }

    /**
     * Σ (data_i − m_i)² at the D* whose e^{−b_i·D*} are given (a start value's table, computed once for all voxels).
     */
    public double cost(double[] bloodDecay, double[] data) {
        double c = 0;
        for (int i = 0; i < b.length; i++) {
            double s = tissue[i] + s0f * bloodDecay[i];
            double m = floor > 0 ? Math.sqrt(s * s + floor) : s;
            double r = data[i] - m;
            c += r * r;
        }
        return c;
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public int sampleCount() {
        return b.length;
    }

    @Override
    public void evaluate(double[] p, double[] y, double[] jacobian) {
        double ds = p[0];
        for (int i = 0; i < b.length; i++) {
            double blood = s0f * Math.exp(-b[i] * ds);
            double s = tissue[i] + blood;
            double scale = 1;
            if (floor > 0) {
                double m = Math.sqrt(s * s + floor);
                scale = s / m;
                y[i] = m;
            } else {
                y[i] = s;
            }
            if (jacobian != null) {
                jacobian[i] = -scale * b[i] * blood;
            }
        }
    }
}
