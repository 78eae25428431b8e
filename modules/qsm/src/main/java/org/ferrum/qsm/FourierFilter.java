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
package org.ferrum.qsm;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.FourierTransform;
import org.ferrum.core.fft.RealFourierTransform;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Filtering of real volumes by real k-space kernels, through the one FFT path
 * ({@link FourierTransform}, via {@link RealFourierTransform} for real data): the building block of the dipole
 * forward model, the Laplacian, spherical mean value filters and the closed-form inversions.
 *
 * <p>Contract of {@link #apply}: for a real array x on {@code grid} and a real kernel K on the full FFT grid
 * (N values in FFT order, e.g. {@link DipoleKernel#of}), returns Re F⁻¹[K · F[x]], i.e. the circular convolution
 * of x with the inverse transform of K. Every kernel built from the dipole, Laplacian and spherical mean value
 * kernels is even in k (K(k) = K(−k)), and then the result is exactly the real filtered volume.
 *
 * <p>Spectra are opaque {@code float[]}: make them with {@link #spectrum}, change them only with
 * {@link #multiply} (and linear combinations of spectra of the same grid, which stay spectra), consume them with
 * {@link #realPartOfInverse}. For grids with an even x size they are half spectra (about half the time and
 * memory of the complex transform, see {@link RealFourierTransform}); otherwise full interleaved spectra.
 * Because the kernel is read at each stored frequency, and the data are real, both give the same filtered
 * volume; a kernel that is not even in k is applied as its even part (K(k) + K(−k))/2 on half spectra.
 */
public final class FourierFilter {

    private FourierFilter() {}

    /** Length in floats of the spectra of {@code grid}. */
    public static int spectrumLength(VoxelGrid grid) {
        return half(grid) ? RealFourierTransform.spectrumLength(grid.nx(), grid.ny(), grid.nz()) : 2 * grid.size();
    }

    /** F[x] for a real array x on the grid (a new opaque spectrum). */
    public static float[] spectrum(float[] real, VoxelGrid grid) {
        requireLength(real, grid.size(), "real array");
        if (half(grid)) {
            return RealFourierTransform.forward(real, grid.nx(), grid.ny(), grid.nz());
        }
        float[] c = new float[2 * grid.size()];
        ParallelLoop.forEachChunk(real.length, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                c[2 * n] = real[n];
            }
        });
        FourierTransform.forward(c, grid.nx(), grid.ny(), grid.nz());
        return c;
    }

    /**
     * F[x] into a caller's spectrum ({@link #spectrumLength} floats), using {@code real} as work space: it holds
     * garbage afterwards. For iterative solvers, which must not allocate per iteration.
     */
    public static void spectrumOverwriting(float[] real, VoxelGrid grid, float[] spectrum) {
        requireLength(real, grid.size(), "real array");
        requireLength(spectrum, spectrumLength(grid), "spectrum");
        if (half(grid)) {
            RealFourierTransform.forwardOverwriting(real, grid.nx(), grid.ny(), grid.nz(), spectrum);
            return;
        }
        ParallelLoop.forEachChunk(real.length, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                spectrum[2 * n] = real[n];
                spectrum[2 * n + 1] = 0f;
            }
        });
        FourierTransform.forward(spectrum, grid.nx(), grid.ny(), grid.nz());
    }

    /**
     * Re F⁻¹[s] into {@code out} (length N). The spectrum is left unchanged on grids with an even x size and
     * is garbage afterwards on the others: treat it as consumed.
     */
    public static void realPartOfInverse(float[] spectrum, VoxelGrid grid, float[] out) {
        requireLength(spectrum, spectrumLength(grid), "spectrum");
        requireLength(out, grid.size(), "output");
        if (half(grid)) {
            RealFourierTransform.inverse(spectrum, grid.nx(), grid.ny(), grid.nz(), out);
            return;
        }
        FourierTransform.inverse(spectrum, grid.nx(), grid.ny(), grid.nz());
        ParallelLoop.forEachChunk(out.length, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                out[n] = spectrum[2 * n];
            }
        });
    }

    /** Multiplies a spectrum of {@code grid} by a real kernel on the full grid (N values), sample by sample, in place. */
    public static void multiply(float[] spectrum, float[] kernel, VoxelGrid grid) {
        requireLength(kernel, grid.size(), "kernel");
        requireLength(spectrum, spectrumLength(grid), "spectrum");
        if (!half(grid)) {
            ParallelLoop.forEachChunk(kernel.length, (from, to) -> {
                for (int n = (int) from; n < to; n++) {
                    float k = kernel[n];
                    spectrum[2 * n] *= k;
                    spectrum[2 * n + 1] *= k;
                }
            });
            return;
        }
        int nx = grid.nx(), ny = grid.ny(), h = nx / 2 + 1;
        ParallelLoop.forEachChunk((long) ny * grid.nz(), (from, to) -> {
            for (int row = (int) from; row < to; row++) {
                int s = 2 * h * row, k = nx * row;
                for (int u = 0; u < h; u++) {
                    float f = kernel[k + u];
                    spectrum[s + 2 * u] *= f;
                    spectrum[s + 2 * u + 1] *= f;
                }
            }
        });
    }

    /**
     * s ← K·s + a, sample by sample, for a spectrum s and an addend spectrum a of the same grid and a real kernel K
     * on the full grid: the diagonal k-space solve of the splitting methods (e.g. the χ-update of TV-ADMM), in one
     * pass.
     */
    public static void multiplyAndAdd(float[] spectrum, float[] kernel, float[] addend, VoxelGrid grid) {
        requireLength(kernel, grid.size(), "kernel");
        requireLength(spectrum, spectrumLength(grid), "spectrum");
        requireLength(addend, spectrumLength(grid), "addend spectrum");
        int nx = grid.nx(), rows = grid.ny() * grid.nz();
        int h = half(grid) ? nx / 2 + 1 : nx;
        ParallelLoop.forEachChunk(rows, (from, to) -> {
            for (int row = (int) from; row < to; row++) {
                int s = 2 * h * row, k = nx * row;
                for (int u = 0; u < h; u++) {
                    float f = kernel[k + u];
                    int i = s + 2 * u;
                    spectrum[i] = spectrum[i] * f + addend[i];
                    spectrum[i + 1] = spectrum[i + 1] * f + addend[i + 1];
                }
            }
        });
    }

    /**
     * Re F⁻¹[K · F[x]] into {@code out} through a caller's spectrum buffer ({@link #spectrumLength} floats), with
     * no allocation: for iterative solvers. {@code out} may be {@code real}; otherwise {@code real} is unchanged.
     */
    public static void apply(float[] real, float[] kernel, VoxelGrid grid, float[] out, float[] spectrumWork) {
        requireLength(out, grid.size(), "output");
        if (out != real) {
            System.arraycopy(real, 0, out, 0, out.length);
        }
        spectrumOverwriting(out, grid, spectrumWork);
        multiply(spectrumWork, kernel, grid);
        realPartOfInverse(spectrumWork, grid, out);
    }

    /**
     * The k-space kernel K = Re F[h] on the full grid (N values, FFT order) of a real impulse response h that is even
     * (h[−n] = h[n], indices modulo the size), e.g. a normalised sphere centred on voxel 0: then F[h] is real, and
     * {@link #apply}ing K convolves with h exactly, voxelisation included.
     */
    public static float[] kernelOf(float[] impulseResponse, VoxelGrid grid) {
        requireLength(impulseResponse, grid.size(), "impulse response");
        float[] spectrum = spectrum(impulseResponse, grid);
        float[] kernel = new float[grid.size()];
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        if (!half(grid)) {
            for (int n = 0; n < kernel.length; n++) {
                kernel[n] = spectrum[2 * n];
            }
            return kernel;
        }
        int h = nx / 2 + 1;
        ParallelLoop.forEachChunk(nz, (from, to) -> {
            for (int w = (int) from; w < to; w++) {
                int wn = w == 0 ? 0 : nz - w;
                for (int v = 0; v < ny; v++) {
                    int vn = v == 0 ? 0 : ny - v;
                    int row = nx * (v + ny * w);
                    for (int u = 0; u < nx; u++) {
                        // frequencies above nx/2 from the stored half by Hermitian symmetry: X[u] = conj X[−u]
                        kernel[row + u] = u < h
                                ? spectrum[2 * (u + h * (v + ny * w))]
                                : spectrum[2 * ((nx - u) + h * (vn + ny * wn))];
                    }
                }
            }
        });
        return kernel;
    }

    /** Re F⁻¹[K · F[x]] as a new array (see the class contract). */
    public static float[] apply(float[] real, float[] kernel, VoxelGrid grid) {
        float[] out = new float[grid.size()];
        apply(real, kernel, grid, out);
        return out;
    }

    /** Re F⁻¹[K · F[x]] into {@code out}, which may be {@code real} itself. */
    public static void apply(float[] real, float[] kernel, VoxelGrid grid, float[] out) {
        float[] s = spectrum(real, grid);
        multiply(s, kernel, grid);
        realPartOfInverse(s, grid, out);
    }

    private static boolean half(VoxelGrid grid) {
        return RealFourierTransform.supports(grid.nx());
    }

    private static void requireLength(float[] a, int expected, String what) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has " + a.length + " elements, the grid needs " + expected);
        }
    }
}
