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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Parallelism;
import org.junit.jupiter.api.Test;

class FourierTransformTest {

    static Volume<ComplexFloatType> randomVolume(long seed, long... dims) {
        Volume<ComplexFloatType> v = Volumes.createComplex(dims, Geometry.identity(), PhysicalUnit.ARBITRARY);
        float[] a = Volumes.interleaved(v);
        Random random = new Random(seed);
        for (int i = 0; i < a.length; i++) {
            a[i] = 2 * random.nextFloat() - 1;
        }
        return v;
    }

    /** The DFT by its definition, in double precision: O(N²), for small sizes only. */
    static double[] naiveDft(float[] x, int nx, int ny, int nz, int sign) {
        double[] out = new double[x.length];
        for (int w = 0; w < nz; w++) {
            for (int v = 0; v < ny; v++) {
                for (int u = 0; u < nx; u++) {
                    double re = 0, im = 0;
                    for (int z = 0; z < nz; z++) {
                        for (int y = 0; y < ny; y++) {
                            for (int xi = 0; xi < nx; xi++) {
                                double phase = sign
                                        * 2
                                        * Math.PI
                                        * ((double) u * xi / nx + (double) v * y / ny + (double) w * z / nz);
                                int j = 2 * (xi + nx * (y + ny * z));
                                double c = Math.cos(phase), s = Math.sin(phase);
                                re += x[j] * c - x[j + 1] * s;
                                im += x[j] * s + x[j + 1] * c;
                            }
                        }
                    }
                    int k = 2 * (u + nx * (v + ny * w));
                    out[k] = re;
                    out[k + 1] = im;
                }
            }
        }
        return out;
    }

    private static double maxAbsDifference(float[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void complexExponentialTransformsToADeltaOfAmplitudeN() {
        int nx = 8, ny = 6, nz = 5, u0 = 3, v0 = 1, w0 = 2;
        double amplitude = 0.5;
        Volume<ComplexFloatType> vol =
                Volumes.createComplex(new long[] {nx, ny, nz}, Geometry.identity(), PhysicalUnit.ARBITRARY);
        float[] a = Volumes.interleaved(vol);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double phase = 2 * Math.PI * ((double) u0 * x / nx + (double) v0 * y / ny + (double) w0 * z / nz);
                    int j = 2 * (x + nx * (y + ny * z));
                    a[j] = (float) (amplitude * Math.cos(phase));
                    a[j + 1] = (float) (amplitude * Math.sin(phase));
                }
            }
        }
        FourierTransform.forward(vol);
        int n = nx * ny * nz;
        int peak = 2 * (u0 + nx * (v0 + ny * w0));
        for (int i = 0; i < a.length; i += 2) {
            double expectedRe = i == peak ? amplitude * n : 0;
            assertEquals(expectedRe, a[i], 1e-4, "re at " + i / 2);
            assertEquals(0, a[i + 1], 1e-4, "im at " + i / 2);
        }
        // and back: the inverse of a delta of amplitude A·N is the exponential of amplitude A
        FourierTransform.inverse(vol);
        assertEquals(amplitude, Math.hypot(a[10], a[11]), 1e-6);
    }

    @Test
    void forwardAndInverseMatchTheDefinitionOnAnOddSize() {
        int nx = 5, ny = 6, nz = 7;
        Volume<ComplexFloatType> v = randomVolume(1, nx, ny, nz);
        float[] x = Volumes.interleaved(v).clone();
        double[] expected = naiveDft(x, nx, ny, nz, -1);
        FourierTransform.forward(v);
        assertTrue(
                maxAbsDifference(Volumes.interleaved(v), expected) < 1e-4, "forward differs from the DFT definition");

        double[] back = naiveDft(Volumes.interleaved(v), nx, ny, nz, +1);
        for (int i = 0; i < back.length; i++) {
            back[i] /= nx * ny * nz;
        }
        FourierTransform.inverse(v);
        assertTrue(maxAbsDifference(Volumes.interleaved(v), back) < 1e-5, "inverse differs from the definition");
        assertTrue(maxAbsDifference(Volumes.interleaved(v), toDouble(x)) < 1e-5);
    }

    @Test
    void unitDimensionsAreHandled() {
        for (int[] d : new int[][] {{1, 6, 5}, {7, 1, 3}, {4, 3, 1}, {9, 1, 1}, {1, 1, 4}, {1, 1, 1}}) {
            Volume<ComplexFloatType> v = randomVolume(d[0] * 100 + d[1] * 10 + d[2], d[0], d[1], d[2]);
            float[] x = Volumes.interleaved(v).clone();
            FourierTransform.forward(v);
            assertTrue(
                    maxAbsDifference(Volumes.interleaved(v), naiveDft(x, d[0], d[1], d[2], -1)) < 1e-5,
                    () -> "size " + d[0] + "×" + d[1] + "×" + d[2]);
            FourierTransform.inverse(v);
            assertTrue(maxAbsDifference(Volumes.interleaved(v), toDouble(x)) < 1e-6);
        }
    }

    @Test
    void parsevalHolds() {
        Volume<ComplexFloatType> v = randomVolume(2, 12, 10, 9);
        double before = energy(Volumes.interleaved(v));
        FourierTransform.forward(v);
        double after = energy(Volumes.interleaved(v));
        assertEquals(12 * 10 * 9 * before, after, 1e-5 * after);
    }

    @Test
    void roundTripOnNonPowersOfTwo() {
        // 5-smooth (mixed radix), prime (Bluestein), and a threaded power-of-two-free size
        for (long[] d : new long[][] {{10, 12, 15}, {13, 17, 19}, {7, 9, 11}, {48, 50, 36}}) {
            Volume<ComplexFloatType> v = randomVolume(3, d);
            float[] x = Volumes.interleaved(v).clone();
            FourierTransform.forward(v);
            FourierTransform.inverse(v);
            float[] y = Volumes.interleaved(v);
            double max = 0;
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
            assertTrue(max < 1e-5, "round trip error " + max + " for " + d[0] + "×" + d[1] + "×" + d[2]);
        }
    }

    @Test
    void fourDimensionalVolumesAreTransformedFrameByFrame() {
        int nx = 6, ny = 5, nz = 4, frames = 3;
        Volume<ComplexFloatType> stack = randomVolume(4, nx, ny, nz, frames);
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            Volume<ComplexFloatType> frame = Volumes.copyComplex(stack.frame(t));
            FourierTransform.forward(frame);
            expected.add(Volumes.interleaved(frame));
        }
        FourierTransform.forward(stack);
        float[] all = Volumes.interleaved(stack);
        int frameLength = 2 * nx * ny * nz;
        for (int t = 0; t < frames; t++) {
            float[] got = new float[frameLength];
            System.arraycopy(all, t * frameLength, got, 0, frameLength);
            assertArrayEquals(expected.get(t), got, 0f, "frame " + t);
        }
    }

    @Test
    void oneOrTwoThreadsGiveTheSameTransform() {
        int threads = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            Volume<ComplexFloatType> single = randomVolume(5, 64, 64, 32);
            FourierTransform.forward(single);
            Parallelism.setThreads(2);
            Volume<ComplexFloatType> dual = randomVolume(5, 64, 64, 32);
            FourierTransform.forward(dual);
            assertArrayEquals(Volumes.interleaved(single), Volumes.interleaved(dual), 1e-3f);
        } finally {
            Parallelism.setThreads(threads);
        }
    }

    @Test
    void sharedPlansAreSafeToUseConcurrently() throws Exception {
        long[] dims = {20, 18, 15}; // not a power of two: 1-D mixed-radix plans shared by every caller
        int tasks = 6;
        List<float[]> sequential = new ArrayList<>();
        for (int s = 0; s < tasks; s++) {
            Volume<ComplexFloatType> v = randomVolume(100 + s, dims);
            FourierTransform.forward(v);
            sequential.add(Volumes.interleaved(v));
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            List<Future<float[]>> concurrent = new ArrayList<>();
            for (int s = 0; s < tasks; s++) {
                long seed = 100 + s;
                concurrent.add(pool.submit(() -> {
                    Volume<ComplexFloatType> v = randomVolume(seed, dims);
                    for (int r = 0; r < 20; r++) {
                        FourierTransform.forward(v);
                        FourierTransform.inverse(v);
                    }
                    FourierTransform.forward(v);
                    return Volumes.interleaved(v);
                }));
            }
            for (int s = 0; s < tasks; s++) {
                assertArrayEquals(sequential.get(s), concurrent.get(s).get(), 1e-3f, "task " + s);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void arrayFormAndInvalidInput() {
        float[] a = new float[2 * 3 * 4 * 5 * 2];
        a[0] = 1; // delta at the origin of frame 0 → constant 1 in frame 0, frame 1 stays 0
        FourierTransform.forward(a, 3, 4, 5);
        for (int i = 0; i < 60; i++) {
            assertEquals(1, a[2 * i], 1e-6);
            assertEquals(0, a[2 * (60 + i)], 0);
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FourierTransform.forward(new float[50], 3, 4, 5));
        assertTrue(e.getMessage().contains("50"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FourierTransform.inverse(new float[8], 0, 2, 2));
        Volume<ComplexFloatType> frameView = randomVolume(6, 4, 4, 4, 2).frame(1);
        assertThrows(IllegalArgumentException.class, () -> FourierTransform.forward(frameView));
    }

    private static double energy(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += (double) v * v;
        }
        return sum;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
