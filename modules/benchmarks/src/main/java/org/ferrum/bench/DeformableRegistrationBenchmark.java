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

import java.util.Locale;
import java.util.Random;
import org.ferrum.core.Geometry;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.registration.DiffeomorphicDemons;

/**
 * Issue 18's deformable target: a 256×256×128 pair registered in ≤ 60 s on 2 cores. The pair is the whole-head phantom
 * (T1-weighted-like values per compartment, a tissue texture that moves with the anatomy, noise) sampled once per voxel
 * on a 0.72 × 0.86 × 1.1 mm grid, the fixed image at ψ(p) = p + six Gaussian bumps of 4–6 mm (σ 28 mm), the moving
 * one at p; the registration runs with the default parameters. Prints wall and CPU time and the residual |T(p) − ψ(p)|
 * over the brain in voxels.
 *
 * <p>{@code java -Xmx8g -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.DeformableRegistrationBenchmark
 * [seed]}
 */
public final class DeformableRegistrationBenchmark {

    private static final HeadAnatomy ANATOMY = HeadAnatomy.wholeHead();
    private static final int[] DIMS = {256, 256, 128};
    private static final double[] VOXEL = {0.72, 0.86, 1.1};

    private DeformableRegistrationBenchmark() {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 18;
        Geometry g = Geometry.ofAffine(
                VOXEL[0],
                0,
                0,
                -(DIMS[0] - 1) * VOXEL[0] / 2,
                0,
                VOXEL[1],
                0,
                -(DIMS[1] - 1) * VOXEL[1] / 2,
                0,
                0,
                VOXEL[2],
                -(DIMS[2] - 1) * VOXEL[2] / 2);
        double[][] bumps = bumps(seed);
        long t0 = System.nanoTime();
        float[] fixed = sample(g, bumps, seed + 1), moving = sample(g, null, seed + 2);
        System.out.printf(Locale.ROOT, "sampled the pair in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long t = System.nanoTime(), cpu = os.getProcessCpuTime();
        DiffeomorphicDemons.Result r = DiffeomorphicDemons.register(
                new DiffeomorphicDemons.Image(fixed, DIMS, g),
                new DiffeomorphicDemons.Image(moving, DIMS, g),
                null,
                null,
                DiffeomorphicDemons.Params.DEFAULTS,
                Cancellation.NEVER,
                DiffeomorphicDemons.Progress.NONE);
        double wall = (System.nanoTime() - t) * 1e-9, cpuSeconds = (os.getProcessCpuTime() - cpu) * 1e-9;
        double sum = 0;
        long n = 0;
        double[] q = new double[3], truth = new double[3];
        for (int k = 0; k < DIMS[2]; k += 2) {
            for (int j = 0; j < DIMS[1]; j += 2) {
                for (int i = 0; i < DIMS[0]; i += 2) {
                    double[] p = g.toPatient(i, j, k);
                    psi(bumps, p, truth);
                    if (ANATOMY.brain().contains(truth[0], truth[1], truth[2])) {
                        r.transform().apply(p, q);
                        double[] dv = g.toVoxel(q[0], q[1], q[2]), tv = g.toVoxel(truth[0], truth[1], truth[2]);
                        sum += Math.pow(dv[0] - tv[0], 2) + Math.pow(dv[1] - tv[1], 2) + Math.pow(dv[2] - tv[2], 2);
                        n++;
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "registration.deformable 256×256×128: %.1f s wall, %.1f s CPU (CPU/2 = %.1f s on an idle 2-core "
                        + "machine); residual %.3f voxel RMS in the brain; min det J %.3f; correlation %.4f → %.4f; %s%n",
                wall,
                cpuSeconds,
                cpuSeconds / 2,
                Math.sqrt(sum / n),
                r.field().minJacobianDeterminant(),
                r.correlationBefore(),
                r.correlationAfter(),
                r.levels());
    }

    private static double[][] bumps(long seed) {
        Random r = new Random(seed);
        HeadAnatomy.Ellipsoid b = ANATOMY.brain();
        double[][] bumps = new double[6][];
        for (int i = 0; i < bumps.length; i++) {
            double ux = r.nextGaussian(), uy = r.nextGaussian(), uz = r.nextGaussian();
            double len = Math.sqrt(ux * ux + uy * uy + uz * uz), a = 4 + 2 * r.nextDouble();
            bumps[i] = new double[] {
                b.cx() + 0.7 * b.ax() * (2 * r.nextDouble() - 1),
                b.cy() + 0.7 * b.ay() * (2 * r.nextDouble() - 1),
                b.cz() + 0.7 * b.az() * (2 * r.nextDouble() - 1),
                a * ux / len,
                a * uy / len,
                a * uz / len
            };
        }
        return bumps;
    }

    private static void psi(double[][] bumps, double[] p, double[] out) {
        out[0] = p[0];
        out[1] = p[1];
        out[2] = p[2];
        for (double[] b : bumps) {
            double r2 = Math.pow(p[0] - b[0], 2) + Math.pow(p[1] - b[1], 2) + Math.pow(p[2] - b[2], 2);
            double e = Math.exp(-r2 / (2 * 28 * 28));
            out[0] += b[3] * e;
            out[1] += b[4] * e;
            out[2] += b[5] * e;
        }
    }

    /** One sample per voxel centre (at ψ(p) when bumps are given), T1-weighted-like values, texture, noise 0.02. */
    private static float[] sample(Geometry g, double[][] bumps, long noiseSeed) {
        var compartments = ANATOMY.compartments();
        float[] out = new float[DIMS[0] * DIMS[1] * DIMS[2]];
        ParallelLoop.forEachChunk(DIMS[2], 1, Cancellation.NEVER, (from, to) -> {
            double[] q = new double[3];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < DIMS[1]; j++) {
                    for (int i = 0; i < DIMS[0]; i++) {
                        double[] p = g.toPatient(i, j, k);
                        if (bumps != null) {
                            psi(bumps, p, q);
                        } else {
                            System.arraycopy(p, 0, q, 0, 3);
                        }
                        int c = ANATOMY.compartmentAt(q[0], q[1], q[2]);
                        double v = c < 0 ? 0 : t1w(compartments.get(c).label().value());
                        double tex = Math.sin(0.45 * q[0] + 0.2 * q[1] + 1)
                                + Math.sin(-0.3 * q[1] + 0.35 * q[2] + 2)
                                + Math.sin(0.25 * q[0] - 0.4 * q[2] + 3);
                        out[i + DIMS[0] * (j + DIMS[1] * k)] = (float) (v * (1 + 0.1 * tex / Math.sqrt(1.5)));
                    }
                }
            }
        });
        Random r = new Random(noiseSeed);
        for (int n = 0; n < out.length; n++) {
            out[n] += (float) (0.02 * r.nextGaussian());
        }
        return out;
    }

    /** T1-weighted-like value of a phantom label (WM bright, GM darker, CSF dark). */
    private static double t1w(int label) {
        return switch (label) {
            case 1 -> 0.45; // soft tissue
            case 2 -> 0.08; // skull
            case 4 -> 0.55; // grey matter
            case 5 -> 0.85; // white matter
            case 6, 15 -> 0.15; // CSF
            case 7 -> 0.60; // caudate
            case 8 -> 0.65; // putamen
            case 9 -> 0.75; // globus pallidus
            case 10 -> 0.70; // thalamus
            case 11, 12, 16 -> 0.52; // substantia nigra, red nucleus, dentate
            case 13 -> 0.30; // veins
            case 14 -> 0.20; // calcification
            default -> 0.0; // background, air
        };
    }
}
