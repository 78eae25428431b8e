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
package org.ferrum.perfusion.models;

/**
 * Per-thread scratch for {@link TracerKineticModel}s on one time grid: the exponential convolution, buffers for
 * convolutions and their derivatives, and a small linear least-squares solver for the linearised starts (Murase 2004,
 * Patlak). Nothing is allocated per voxel.
 */
public final class ModelWorkspace {

    /** Seconds per minute: the models' rates are per minute, frame times are in seconds. */
    public static final double SECONDS_PER_MINUTE = 60.0;

    final ExponentialConvolution convolution;
    final int n;
    final double[] f1;
    final double[] df1;
    final double[] f2;
    final double[] df2;
    final double[] integral;
    final double[] integralTissue;
    final double[][] columns = new double[4][];
    final double[] coefficients = new double[4];
    private final double[] normal = new double[16];
    private final double[] rhs = new double[4];

    /** @param frameTimes frame times in s, strictly increasing */
    public ModelWorkspace(double[] frameTimes) {
        double[] minutes = new double[frameTimes.length];
        for (int i = 0; i < minutes.length; i++) {
            minutes[i] = frameTimes[i] / SECONDS_PER_MINUTE;
        }
        convolution = new ExponentialConvolution(minutes);
        n = frameTimes.length;
        f1 = new double[n];
        df1 = new double[n];
        f2 = new double[n];
        df2 = new double[n];
        integral = new double[n];
        integralTissue = new double[n];
    }

    /** Number of frames. */
    public int size() {
        return n;
    }

    /** The convolution on this grid (times in minutes). */
    public ExponentialConvolution convolution() {
        return convolution;
    }

    /** ∫₀ᵗ c dt (mM·min) of a curve linear between samples, at the samples, into {@code out}. */
    public void runningIntegral(double[] c, double[] out) {
        convolution.convolve(c, 0, out, null);
    }

    /**
     * Least squares y ≈ Σ_j x_j·a_j over the frames for up to 4 columns (normal equations, Cholesky); the
     * coefficients go into {@code x}. Returns the residual sum of squares, or NaN when the columns are degenerate.
     */
    public double leastSquares(double[] y, double[][] columns, int count, double[] x) {
        for (int r = 0; r < count; r++) {
            double[] a = columns[r];
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += a[i] * y[i];
            }
            rhs[r] = s;
            for (int c = 0; c <= r; c++) {
                double[] b = columns[c];
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += a[i] * b[i];
                }
                normal[r * 4 + c] = v;
            }
        }
        // Cholesky in place (lower triangle), scaled tolerance on the pivots.
        for (int j = 0; j < count; j++) {
            double d = normal[j * 4 + j];
            for (int k = 0; k < j; k++) {
                d -= normal[j * 4 + k] * normal[j * 4 + k];
            }
            if (!(d > 1e-300)) {
                return Double.NaN;
            }
            double l = Math.sqrt(d);
            normal[j * 4 + j] = l;
            for (int i = j + 1; i < count; i++) {
                double v = normal[i * 4 + j];
                for (int k = 0; k < j; k++) {
                    v -= normal[i * 4 + k] * normal[j * 4 + k];
                }
                normal[i * 4 + j] = v / l;
            }
        }
        for (int i = 0; i < count; i++) {
            double v = rhs[i];
            for (int k = 0; k < i; k++) {
                v -= normal[i * 4 + k] * x[k];
            }
            x[i] = v / normal[i * 4 + i];
        }
        for (int i = count - 1; i >= 0; i--) {
            double v = x[i];
            for (int k = i + 1; k < count; k++) {
                v -= normal[k * 4 + i] * x[k];
            }
            x[i] = v / normal[i * 4 + i];
        }
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i];
            for (int j = 0; j < count; j++) {
                r -= x[j] * columns[j][i];
            }
            sse += r * r;
        }
        return sse;
    }
}
