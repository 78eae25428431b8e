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
package org.ferrum.registration;

import java.util.Random;
import org.ferrum.core.Geometry;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.PhantomLabel;

/**
 * The numerical head phantom ({@link HeadAnatomy#wholeHead()}, continuous solids in mm) sampled on a grid, optionally at
 * points displaced by a known smooth analytic deformation ψ(p) = p + Σ_g a_g·exp(−|p − c_g|²/(2s²)) (a sum of Gaussian
 * bumps with random centres in the brain and random directions), with partial-volume averaging over 2×2×2 sub-samples
 * per voxel and Gaussian noise. Nothing here uses the registration code: the truth is analytic.
 *
 * <p>Sampling the <em>fixed</em> image at ψ(p) and the <em>moving</em> image at p makes ψ itself the fixed → moving
 * transform a registration must find (moving(ψ(p)) = anatomy(ψ(p)) = fixed(p)).
 */
final class DeformedHeadPhantom {

    /** Image contrasts the test images are drawn in. */
    enum Contrast {
        /** T1-weighted-like: WM bright, GM darker, CSF dark, deep nuclei between. */
        T1W,
        /** The same T1-weighted contrast from another scanner: 2·value + 0.1 (gain and offset). */
        T1W_OTHER_SCANNER,
        /** T1-weighted with a monotone non-linear change: 3·value^1.5 (the local-correlation case that fails). */
        T1W_GAMMA,
        /** GRE magnitude at TE 20 ms from the phantom's proton density and R2* at 3 T. */
        GRE_MAGNITUDE
    }

    static final HeadAnatomy ANATOMY = HeadAnatomy.wholeHead();
    private static final int SUB = 2;

    final int[] dims;
    final Geometry geometry;
    final double voxelMm;
    private final double[][] bumps; // cx, cy, cz, ax, ay, az
    private final double width;

    /** A grid of {@code voxelMm} isotropic voxels around the head, centred on 0; ψ with {@code n} bumps of amplitude. */
    DeformedHeadPhantom(double voxelMm, long seed, int n, double amplitudeMm, double widthMm) {
        this.voxelMm = voxelMm;
        this.dims = new int[] {
            (int) Math.ceil(164 / voxelMm), (int) Math.ceil(200 / voxelMm), (int) Math.ceil(136 / voxelMm)
        };
        this.geometry = Geometry.ofAffine(
                voxelMm,
                0,
                0,
                -(dims[0] - 1) * voxelMm / 2,
                0,
                voxelMm,
                0,
                -(dims[1] - 1) * voxelMm / 2,
                0,
                0,
                voxelMm,
                -(dims[2] - 1) * voxelMm / 2);
        this.width = widthMm;
        Random r = new Random(seed);
        bumps = new double[n][];
        HeadAnatomy.Ellipsoid brain = ANATOMY.brain();
        for (int g = 0; g < n; g++) {
            double ux = r.nextGaussian(), uy = r.nextGaussian(), uz = r.nextGaussian();
            double len = Math.sqrt(ux * ux + uy * uy + uz * uz);
            double a = amplitudeMm * (0.6 + 0.4 * r.nextDouble());
            bumps[g] = new double[] {
                brain.cx() + brain.ax() * 0.7 * (2 * r.nextDouble() - 1),
                brain.cy() + brain.ay() * 0.7 * (2 * r.nextDouble() - 1),
                brain.cz() + brain.az() * 0.7 * (2 * r.nextDouble() - 1),
                a * ux / len,
                a * uy / len,
                a * uz / len
            };
        }
    }

    int size() {
        return dims[0] * dims[1] * dims[2];
    }

    /** ψ(p), mm LPS. */
    void psi(double[] p, double[] out) {
        double x = p[0], y = p[1], z = p[2];
        double dx = 0, dy = 0, dz = 0;
        for (double[] b : bumps) {
            double rx = x - b[0], ry = y - b[1], rz = z - b[2];
            double e = Math.exp(-(rx * rx + ry * ry + rz * rz) / (2 * width * width));
            dx += b[3] * e;
            dy += b[4] * e;
            dz += b[5] * e;
        }
        out[0] = x + dx;
        out[1] = y + dy;
        out[2] = z + dz;
    }

    /** The centre of voxel n in mm. */
    double[] centre(int n) {
        int i = n % dims[0], j = (n / dims[0]) % dims[1], k = n / (dims[0] * dims[1]);
        return geometry.toPatient(i, j, k);
    }

    /**
     * The image and label map: {@code [0]} intensity (partial-volume mean over sub-samples, plus N(0, noise²)),
     * {@code [1]} the majority label, each sampled at ψ(p) if {@code deformed}, else at p.
     */
    float[][] sample(Contrast contrast, boolean deformed, double noise, long noiseSeed) {
        return sample(contrast, deformed, noise, noiseSeed, 0);
    }

    /**
     * As {@link #sample(Contrast, boolean, double, long)}, with tissue texture: every compartment's value is multiplied
     * by 1 + {@code texture}·τ(q), τ a fixed sum of six plane waves of 9–18 mm wavelength in anatomical coordinates q
     * (so it moves with the anatomy, like the fine structure of real tissue), normalised to unit RMS. Without it the
     * phantom's compartments are uniform ellipsoids, along whose surfaces a tangential displacement changes no voxel.
     */
    float[][] sample(Contrast contrast, boolean deformed, double noise, long noiseSeed, double texture) {
        var compartments = ANATOMY.compartments();
        double[] value = new double[compartments.size()];
        for (int c = 0; c < value.length; c++) {
            var k = compartments.get(c);
            value[c] = switch (contrast) {
                case T1W -> t1w(k.label());
                case T1W_OTHER_SCANNER -> 2 * t1w(k.label()) + 0.1;
                case T1W_GAMMA -> 3 * Math.pow(t1w(k.label()), 1.5);
                case GRE_MAGNITUDE -> k.protonDensity() * Math.exp(-0.020 * k.r2StarAt3T());
            };
        }
        int size = size();
        float[] image = new float[size], labels = new float[size];
        int nx = dims[0], ny = dims[1];
        ParallelLoop.forEachChunk(dims[2], 1, org.ferrum.core.parallel.Cancellation.NEVER, (from, to) -> {
            double[] p = new double[3], q = new double[3];
            int[] votes = new int[32];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        double sum = 0;
                        java.util.Arrays.fill(votes, 0);
                        for (int s = 0; s < SUB * SUB * SUB; s++) {
                            double oi = (s % SUB + 0.5) / SUB - 0.5, oj = ((s / SUB) % SUB + 0.5) / SUB - 0.5;
                            double ok = (s / (SUB * SUB) + 0.5) / SUB - 0.5;
                            double[] c = geometry.toPatient(i + oi, j + oj, k + ok);
                            p[0] = c[0];
                            p[1] = c[1];
                            p[2] = c[2];
                            if (deformed) {
                                psi(p, q);
                            } else {
                                System.arraycopy(p, 0, q, 0, 3);
                            }
                            int comp = ANATOMY.compartmentAt(q[0], q[1], q[2]);
                            if (comp >= 0) {
                                sum += value[comp] * (1 + texture * texture(q));
                                votes[compartments.get(comp).label().value()]++;
                            } else {
                                votes[0]++;
                            }
                        }
                        int n = i + nx * (j + ny * k);
                        image[n] = (float) (sum / (SUB * SUB * SUB));
                        int best = 0;
                        for (int l = 1; l < votes.length; l++) {
                            if (votes[l] > votes[best]) {
                                best = l;
                            }
                        }
                        labels[n] = best;
                    }
                }
            }
        });
        Random r = new Random(noiseSeed);
        for (int n = 0; n < size; n++) {
            image[n] += (float) (noise * r.nextGaussian());
        }
        return new float[][] {image, labels};
    }

    /** The waves of τ: wave vector (rad/mm) and phase; fixed, independent of any test's seed. */
    private static final double[][] WAVES = waves();

    private static double[][] waves() {
        Random r = new Random(20081);
        double[][] w = new double[6][];
        for (int m = 0; m < w.length; m++) {
            double ux = r.nextGaussian(), uy = r.nextGaussian(), uz = r.nextGaussian();
            double len = Math.sqrt(ux * ux + uy * uy + uz * uz);
            double k = 2 * Math.PI / (9 + 9 * r.nextDouble());
            w[m] = new double[] {k * ux / len, k * uy / len, k * uz / len, 2 * Math.PI * r.nextDouble()};
        }
        return w;
    }

    private static double texture(double[] q) {
        double s = 0;
        for (double[] w : WAVES) {
            s += Math.sin(w[0] * q[0] + w[1] * q[1] + w[2] * q[2] + w[3]);
        }
        return s / Math.sqrt(WAVES.length / 2.0);
    }

    private static double t1w(PhantomLabel label) {
        return switch (label) {
            case BACKGROUND, AIR_CAVITY -> 0.0;
            case SOFT_TISSUE -> 0.45;
            case SKULL -> 0.08;
            case GREY_MATTER -> 0.55;
            case WHITE_MATTER -> 0.85;
            case CSF, EXTRACEREBRAL_CSF -> 0.15;
            case CAUDATE -> 0.60;
            case PUTAMEN -> 0.65;
            case GLOBUS_PALLIDUS -> 0.75;
            case THALAMUS -> 0.70;
            case SUBSTANTIA_NIGRA, RED_NUCLEUS -> 0.50;
            case DENTATE -> 0.55;
            case VEIN -> 0.30;
            case CALCIFICATION -> 0.20;
        };
    }
}
