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

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Parallelism;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;
import pl.edu.icm.jlargearrays.LargeArray;

/**
 * Complex 3-D discrete Fourier transform of a volume, in place.
 *
 * <p>Contract, for a 3-D frame of size n<sub>x</sub>×n<sub>y</sub>×n<sub>z</sub>, N = n<sub>x</sub>n<sub>y</sub>n<sub>z</sub>:
 * <pre>
 *   forward:  X[u,v,w] = Σ_{x,y,z} x[x,y,z] · exp(−2πi (u·x/n_x + v·y/n_y + w·z/n_z))
 *   inverse:  x[x,y,z] = (1/N) Σ_{u,v,w} X[u,v,w] · exp(+2πi (u·x/n_x + v·y/n_y + w·z/n_z))
 * </pre>
 * so {@code inverse(forward(x)) = x} up to float rounding. Indices are in FFT order (frequency
 * index u stands for u/n_x cycles per voxel for u &lt; n_x/2 and (u − n_x)/n_x otherwise; see
 * {@link SpatialFrequencies}). Any size ≥ 1 is allowed; sizes whose prime factors are 2, 3 and 5 are
 * the fastest (see {@link ZeroPadding#fastSize(long)}). A 4-D volume is transformed frame by frame
 * along its first three dimensions. The geometry and unit are left unchanged: after {@code forward}
 * the pixels are k-space samples of the grid the geometry still describes.
 *
 * <p>Implementation: JTransforms' multi-threaded transforms on the interleaved {@code float[]}
 * storage ({@link Volumes#interleaved}) with no copy for a 3-D volume; frames of a 4-D volume pass
 * through one frame-sized buffer, because JTransforms' 3-D transform has no array-offset argument.
 * Plans (twiddle factors, factorisations) are expensive to build, so they are reused per size; but a
 * JTransforms plan is not safe for two transforms at once (a shared plan gave wrong values and
 * {@code ArrayIndexOutOfBoundsException}s in our tests). Each transform therefore borrows an idle plan
 * of its size, or builds one, and returns it afterwards: safe for concurrent callers, and the number of
 * plans per size never exceeds the number of transforms of that size that ran at the same time.
 * The thread count of each transform is {@link Parallelism#threads()}.
 */
public final class FourierTransform {

    /** Distinct sizes whose idle plans are kept; beyond this the pool starts over. */
    private static final int MAX_CACHED_SIZES = 64;

    /** Plans not in use, by frame size. */
    private static final Map<Size, Queue<Plan>> IDLE_PLANS = new ConcurrentHashMap<>();

    static {
        // Parallelism's initialiser gives JTransforms its thread count and its (daemon) worker pool.
        Parallelism.threads();
        // JTransforms switches itself, globally and for good, to its slow LargeArray code once it plans
        // a size of ≥ 2^30 floats; anything held in one Java array fits the plain array path.
        LargeArray.setMaxSizeOf32bitArray((int) Volumes.MAX_ARRAY_ELEMENTS);
    }

    private FourierTransform() {}

    /**
     * Forward DFT (sign −, unscaled) of every 3-D frame of an array-backed complex volume, in place.
     *
     * @throws IllegalArgumentException if the volume is not array-backed (copy it with
     *                                  {@link Volumes#copyComplex} first)
     */
    public static void forward(Volume<ComplexFloatType> volume) {
        transform(volume, true);
    }

    /**
     * Inverse DFT (sign +, scaled by 1/N) of every 3-D frame of an array-backed complex volume, in place.
     *
     * @throws IllegalArgumentException if the volume is not array-backed
     */
    public static void inverse(Volume<ComplexFloatType> volume) {
        transform(volume, false);
    }

    /**
     * Forward DFT of interleaved complex data (re, im, x fastest) holding one or more consecutive
     * frames of {@code nx × ny × nz} voxels, in place.
     *
     * @throws IllegalArgumentException if a size is &lt; 1 or the length is not a whole number of frames
     */
    public static void forward(float[] interleaved, int nx, int ny, int nz) {
        transform(interleaved, nx, ny, nz, true);
    }

    /** Inverse DFT (scaled by 1/N) of interleaved data as in {@link #forward(float[], int, int, int)}. */
    public static void inverse(float[] interleaved, int nx, int ny, int nz) {
        transform(interleaved, nx, ny, nz, false);
    }

    private static void transform(Volume<ComplexFloatType> volume, boolean forward) {
        float[] data = Volumes.interleaved(volume);
        transform(
                data,
                Math.toIntExact(volume.dimension(0)),
                Math.toIntExact(volume.dimension(1)),
                Math.toIntExact(volume.dimension(2)),
                forward);
    }

    private static void transform(float[] data, int nx, int ny, int nz, boolean forward) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("FFT sizes must be ≥ 1, got " + nx + "×" + ny + "×" + nz);
        }
        long frameLength = 2L * nx * ny * nz;
        if (data.length == 0 || data.length % frameLength != 0) {
            throw new IllegalArgumentException(
                    "interleaved complex array of length " + data.length + " is not a whole number of " + nx + "×" + ny
                            + "×" + nz + " frames (" + frameLength + " floats each)");
        }
        Size size = new Size(nx, ny, nz);
        Plan plan = borrowPlan(size);
        int frames = (int) (data.length / frameLength);
        if (frames == 1) {
            plan.apply(data, forward);
        } else {
            int length = (int) frameLength;
            float[] buffer = new float[length];
            for (int t = 0; t < frames; t++) {
                System.arraycopy(data, t * length, buffer, 0, length);
                plan.apply(buffer, forward);
                System.arraycopy(buffer, 0, data, t * length, length);
            }
        }
        // returned only after a normal completion: a plan interrupted by an exception is not trusted again
        idlePlans(size).offer(plan);
    }

    private static Plan borrowPlan(Size size) {
        Plan plan = idlePlans(size).poll();
        return plan != null ? plan : Plan.of(size);
    }

    private static Queue<Plan> idlePlans(Size size) {
        Queue<Plan> idle = IDLE_PLANS.get(size);
        if (idle == null) {
            if (IDLE_PLANS.size() >= MAX_CACHED_SIZES) {
                IDLE_PLANS.clear(); // a long session of ever new sizes: drop the old plans, they rebuild on demand
            }
            idle = IDLE_PLANS.computeIfAbsent(size, s -> new ConcurrentLinkedQueue<>());
        }
        return idle;
    }

    /** A frame size, x fastest. */
    private record Size(int nx, int ny, int nz) {}

    /**
     * A JTransforms plan for one frame size, for one transform at a time. JTransforms refuses
     * dimensions of length 1; along such a dimension the DFT is the identity and the storage order is
     * that of the array without it, so the transform drops to 2-D, 1-D or nothing.
     */
    private record Plan(Consumer<float[]> forward, Consumer<float[]> inverse) {

        void apply(float[] data, boolean isForward) {
            (isForward ? forward : inverse).accept(data);
        }

        static Plan of(Size size) {
            // Non-unit sizes, slowest-varying first (the order JTransforms expects).
            int[] n = Arrays.stream(new int[] {size.nz(), size.ny(), size.nx()})
                    .filter(d -> d > 1)
                    .toArray();
            switch (n.length) {
                case 3 -> {
                    FloatFFT_3D fft = new FloatFFT_3D(n[0], n[1], n[2]);
                    return new Plan(fft::complexForward, d -> fft.complexInverse(d, true));
                }
                case 2 -> {
                    FloatFFT_2D fft = new FloatFFT_2D(n[0], n[1]);
                    return new Plan(fft::complexForward, d -> fft.complexInverse(d, true));
                }
                case 1 -> {
                    FloatFFT_1D fft = new FloatFFT_1D(n[0]);
                    return new Plan(fft::complexForward, d -> fft.complexInverse(d, true));
                }
                default -> {
                    return new Plan(d -> {}, d -> {}); // a single voxel is its own transform
                }
            }
        }
    }
}
