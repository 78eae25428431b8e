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
package org.ferrum.core.fft;

import org.ferrum.core.parallel.ParallelLoop;

/**
 * The 3-D DFT of real data, as the half spectrum, at about half the cost of the complex transform.
 *
 * <p>Contract, for a real frame x of n<sub>x</sub>×n<sub>y</sub>×n<sub>z</sub> samples (x fastest) with
 * n<sub>x</sub> even: {@link #forward} returns X[u, v, w] for 0 ≤ u ≤ n<sub>x</sub>/2 and all v, w, the
 * {@link FourierTransform} forward DFT restricted to those u, as interleaved complex pairs with u fastest
 * (h = n<sub>x</sub>/2 + 1 values per row, {@link #spectrumLength} floats in all). The other half follows from
 * Hermitian symmetry, X[−u, −v, −w] = conj X[u, v, w], so nothing is lost. {@link #inverse} is the inverse DFT
 * (scaled by 1/N) of such a half spectrum, real by construction; {@code inverse(forward(x)) = x} up to float
 * rounding. Element (u, v, w) of the half spectrum stands for the same frequency as element (u, v, w) of the
 * full one ({@link SpatialFrequencies}), so a k-space kernel defined on the full grid is applied by reading it
 * at (u, v, w).
 *
 * <p>How: the even and odd samples along x are packed as the real and imaginary parts of one complex frame of
 * n<sub>x</sub>/2 × n<sub>y</sub> × n<sub>z</sub> samples, which is exactly the memory layout of the real
 * array, so the complex transform ({@link FourierTransform}, the one FFT path) runs on a copy without any
 * reshuffling. With Z its DFT and W = e<sup>−2πi/n<sub>x</sub></sup>, the sub-transforms are
 * E[u] = (Z[u] + conj Z[−u])/2 and O[u] = (Z[u] − conj Z[−u])/(2i) (indices negated in all three axes), and
 * X[u] = E[u] + W<sup>u</sup>·O[u] (the radix-2 split of the DFT along x; e.g. Press et al., Numerical Recipes,
 * 3rd ed., §12.3, there in 1-D: the 3-D case separates because the y and z transforms commute with the split).
 * The inverse runs the same steps backwards: E = (X[u] + X[u + n<sub>x</sub>/2])/2,
 * O = (X[u] − X[u + n<sub>x</sub>/2])·W<sup>−u</sup>/2, with X[u + n<sub>x</sub>/2] taken from the stored half
 * through the symmetry, then Z = E + iO and the complex inverse of half the size.
 */
public final class RealFourierTransform {

    private RealFourierTransform() {}

    /** True if the half-spectrum transform applies to frames with this x size (it must be even). */
    public static boolean supports(int nx) {
        return nx >= 2 && nx % 2 == 0;
    }

    /** Floats in the half spectrum of an n<sub>x</sub>×n<sub>y</sub>×n<sub>z</sub> frame: 2·(n<sub>x</sub>/2 + 1)·n<sub>y</sub>·n<sub>z</sub>. */
    public static int spectrumLength(int nx, int ny, int nz) {
        requireEven(nx);
        return Math.toIntExact(2L * (nx / 2 + 1) * ny * nz);
    }

    /**
     * The half spectrum of a real frame (see the class contract); {@code real} is left unchanged.
     *
     * @throws IllegalArgumentException if n<sub>x</sub> is odd or the array has the wrong length
     */
    public static float[] forward(float[] real, int nx, int ny, int nz) {
        float[] x = new float[spectrumLength(nx, ny, nz)];
        forwardOverwriting(real.clone(), nx, ny, nz, x);
        return x;
    }

    /**
     * The half spectrum of a real frame into {@code spectrum} ({@link #spectrumLength} floats), using {@code real}
     * as the work space: {@code real} holds garbage afterwards. For iterative solvers that must not allocate.
     *
     * @throws IllegalArgumentException if n<sub>x</sub> is odd or a length is wrong
     */
    public static void forwardOverwriting(float[] real, int nx, int ny, int nz, float[] spectrum) {
        requireEven(nx);
        if (real.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException(
                    "real array of length " + real.length + " is not one " + nx + "×" + ny + "×" + nz + " frame");
        }
        if (spectrum.length != spectrumLength(nx, ny, nz)) {
            throw new IllegalArgumentException("half spectrum of length " + spectrum.length + " does not fit a " + nx
                    + "×" + ny + "×" + nz + " frame (" + spectrumLength(nx, ny, nz) + " floats)");
        }
        int m = nx / 2;
        float[] z = real;
        FourierTransform.forward(z, m, ny, nz);
        int h = m + 1;
        float[] x = spectrum;
        double[] cos = new double[h], sin = new double[h];
        for (int u = 0; u < h; u++) {
            cos[u] = Math.cos(-2 * Math.PI * u / nx);
            sin[u] = Math.sin(-2 * Math.PI * u / nx);
        }
        ParallelLoop.forEachChunk(nz, (from, to) -> {
            for (int w = (int) from; w < to; w++) {
                int wn = w == 0 ? 0 : nz - w;
                for (int v = 0; v < ny; v++) {
                    int vn = v == 0 ? 0 : ny - v;
                    int row = 2 * m * (v + ny * w);
                    int rowNeg = 2 * m * (vn + ny * wn);
                    int out = 2 * h * (v + ny * w);
                    for (int u = 0; u < h; u++) {
                        int up = u == m ? 0 : u;
                        int un = up == 0 ? 0 : m - up;
                        double zr = z[row + 2 * up], zi = z[row + 2 * up + 1];
                        double cr = z[rowNeg + 2 * un], ci = -z[rowNeg + 2 * un + 1]; // conj Z[−u]
                        double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
                        // (a + ib)/(2i) = (b − ia)/2 with a + ib = Z − conj Z[−u]
                        double or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
                        x[out + 2 * u] = (float) (er + cos[u] * or - sin[u] * oi);
                        x[out + 2 * u + 1] = (float) (ei + cos[u] * oi + sin[u] * or);
                    }
                }
            }
        });
    }

    /**
     * The real frame whose half spectrum is {@code spectrum}, into {@code out} (length n<sub>x</sub>n<sub>y</sub>n<sub>z</sub>);
     * the spectrum is left unchanged.
     *
     * @throws IllegalArgumentException if n<sub>x</sub> is odd or a length is wrong
     */
    public static void inverse(float[] spectrum, int nx, int ny, int nz, float[] out) {
        if (spectrum.length != spectrumLength(nx, ny, nz)) {
            throw new IllegalArgumentException("half spectrum of length " + spectrum.length + " does not fit a " + nx
                    + "×" + ny + "×" + nz + " frame (" + spectrumLength(nx, ny, nz) + " floats)");
        }
        if (out.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException(
                    "output of length " + out.length + " is not one " + nx + "×" + ny + "×" + nz + " frame");
        }
        int m = nx / 2;
        int h = m + 1;
        double[] cos = new double[m], sin = new double[m];
        for (int u = 0; u < m; u++) {
            cos[u] = Math.cos(2 * Math.PI * u / nx);
            sin[u] = Math.sin(2 * Math.PI * u / nx);
        }
        ParallelLoop.forEachChunk(nz, (from, to) -> {
            for (int w = (int) from; w < to; w++) {
                int wn = w == 0 ? 0 : nz - w;
                for (int v = 0; v < ny; v++) {
                    int vn = v == 0 ? 0 : ny - v;
                    int row = 2 * h * (v + ny * w);
                    int rowNeg = 2 * h * (vn + ny * wn);
                    int zRow = 2 * m * (v + ny * w);
                    for (int u = 0; u < m; u++) {
                        double ar = spectrum[row + 2 * u], ai = spectrum[row + 2 * u + 1];
                        // X[u + m, v, w] = conj X[m − u, −v, −w], inside the stored half
                        int mirror = m - u;
                        double br = spectrum[rowNeg + 2 * mirror], bi = -spectrum[rowNeg + 2 * mirror + 1];
                        double er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
                        double dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);
                        double or = dr * cos[u] - di * sin[u], oi = dr * sin[u] + di * cos[u];
                        // Z = E + i·O
                        out[zRow + 2 * u] = (float) (er - oi);
                        out[zRow + 2 * u + 1] = (float) (ei + or);
                    }
                }
            }
        });
        FourierTransform.inverse(out, m, ny, nz);
    }

    private static void requireEven(int nx) {
        if (!supports(nx)) {
            throw new IllegalArgumentException("the half-spectrum transform needs an even x size, got " + nx);
        }
    }
}
