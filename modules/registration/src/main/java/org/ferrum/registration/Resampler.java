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

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Resamples a moving volume onto a target grid through a {@link SpatialTransform} (fixed → moving, so for every target
 * voxel centre p the moving image is read at T(p): a "pull" resampling, no holes). Interpolation and the value outside
 * the moving image are those of {@link Interpolation}. A 4-D volume is resampled frame by frame; the result keeps the
 * moving volume's unit and legend ({@link Volume#labels()}). Affine transforms (rigid, affine, composites of them) take
 * a fast path that steps through the moving voxel indices incrementally; others call {@link SpatialTransform#apply}
 * per point. Parallel over target slices ({@link ParallelLoop}).
 */
public final class Resampler {

    /** Sub-samples per axis of a target voxel in {@link Interpolation#MAJORITY} (3×3×3 = 27 votes: ties are rare). */
    public static final int MAJORITY_SUBSAMPLES = 3;

    private Resampler() {}

    /**
     * {@code moving} on the grid {@code dims} × {@code geometry} (the target, e.g. the fixed image's).
     *
     * @param dims the target's three sizes (further entries are ignored)
     */
    public static Volume<FloatType> resample(
            Volume<FloatType> moving,
            long[] dims,
            Geometry geometry,
            SpatialTransform transform,
            Interpolation interpolation,
            Cancellation cancellation) {
        VoxelGrid target = grid(dims, geometry);
        VoxelGrid source = VoxelGrid.of(moving);
        float[][] out = new float[moving.frames()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = resample(
                    VolumeArrays.frame(moving, t),
                    source,
                    moving.geometry(),
                    target,
                    geometry,
                    transform,
                    interpolation,
                    cancellation);
        }
        Volume<FloatType> result = out.length == 1 && moving.numDimensions() == 3
                ? VolumeArrays.volume(out[0], target, geometry, moving.unit())
                : VolumeArrays.frames(out, target, geometry, moving.unit());
        return result.withLabels(moving.labels());
    }

    static VoxelGrid grid(long[] dims, Geometry geometry) {
        double[] s = geometry.voxelSize();
        return new VoxelGrid(
                Math.toIntExact(dims[0]), Math.toIntExact(dims[1]), Math.toIntExact(dims[2]), s[0], s[1], s[2]);
    }

    /** One frame: {@code values} on ({@code source}, {@code sourceGeometry}) read on ({@code target}, {@code targetGeometry}). */
    public static float[] resample(
            float[] values,
            VoxelGrid source,
            Geometry sourceGeometry,
            VoxelGrid target,
            Geometry targetGeometry,
            SpatialTransform transform,
            Interpolation interpolation,
            Cancellation cancellation) {
        float[] data =
                interpolation == Interpolation.CUBIC ? CubicBSpline.coefficients(values, source, cancellation) : values;
        float[] out = new float[target.size()];
        IndexMap map = IndexMap.of(targetGeometry, sourceGeometry, transform);
        int nx = target.nx(), ny = target.ny();
        int sx = source.nx(), sy = source.ny(), sz = source.nz();
        float outside = interpolation.outside();
        ParallelLoop.forEachChunk(target.nz(), 1, cancellation, (from, to) -> {
            double[] q = new double[3];
            double[] wx = new double[4], wy = new double[4], wz = new double[4];
            int s = MAJORITY_SUBSAMPLES;
            float[] votes = new float[s * s * s];
            int[] counts = new int[s * s * s];
            for (int k = (int) from; k < to; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int n = i + nx * (j + ny * k);
                        map.map(i, j, k, q);
                        if (interpolation == Interpolation.MAJORITY) {
                            out[n] = majority(data, source, map, i, j, k, q, votes, counts);
                            continue;
                        }
                        if (!inside(q, sx, sy, sz)) {
                            out[n] = outside;
                            continue;
                        }
                        out[n] = switch (interpolation) {
                            case NEAREST -> nearest(data, source, q);
                            case LINEAR -> (float) linear(data, source, q[0], q[1], q[2]);
                            default -> (float) CubicBSpline.value(data, source, q[0], q[1], q[2], wx, wy, wz);
                        };
                    }
                }
            }
        });
        return out;
    }

    static boolean inside(double[] q, int sx, int sy, int sz) {
        return q[0] >= -0.5 && q[0] <= sx - 0.5 && q[1] >= -0.5 && q[1] <= sy - 0.5 && q[2] >= -0.5 && q[2] <= sz - 0.5;
    }

    static float nearest(float[] data, VoxelGrid g, double[] q) {
        int i = clamp((int) Math.round(q[0]), g.nx()), j = clamp((int) Math.round(q[1]), g.ny());
        int k = clamp((int) Math.round(q[2]), g.nz());
        return data[i + g.nx() * (j + g.ny() * k)];
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    /** Trilinear interpolation at a continuous index, clamped to the outermost voxel centres. */
    public static double linear(float[] data, VoxelGrid g, double x, double y, double z) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        x = Math.min(Math.max(x, 0), nx - 1);
        y = Math.min(Math.max(y, 0), ny - 1);
        z = Math.min(Math.max(z, 0), nz - 1);
        int i = Math.min((int) x, nx - 2 < 0 ? 0 : nx - 2), j = Math.min((int) y, ny - 2 < 0 ? 0 : ny - 2);
        int k = Math.min((int) z, nz - 2 < 0 ? 0 : nz - 2);
        double fx = x - i, fy = y - j, fz = z - k;
        int di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nx * ny : 0;
        int n = i + nx * (j + ny * k);
        double c00 = data[n] + fx * (data[n + di] - data[n]);
        double c10 = data[n + dj] + fx * (data[n + dj + di] - data[n + dj]);
        double c01 = data[n + dk] + fx * (data[n + dk + di] - data[n + dk]);
        double c11 = data[n + dk + dj] + fx * (data[n + dk + dj + di] - data[n + dk + dj]);
        double c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
        return c0 + fz * (c1 - c0);
    }

    private static float majority(
            float[] data, VoxelGrid g, IndexMap map, int i, int j, int k, double[] q, float[] votes, int[] counts) {
        int sx = g.nx(), sy = g.ny(), sz = g.nz();
        float centre = inside(q, sx, sy, sz) ? nearest(data, g, q) : 0f;
        int s = MAJORITY_SUBSAMPLES;
        int distinct = 0;
        double[] p = new double[3];
        for (int a = 0; a < s; a++) {
            double kk = k + (a + 0.5) / s - 0.5;
            for (int b = 0; b < s; b++) {
                double jj = j + (b + 0.5) / s - 0.5;
                for (int c = 0; c < s; c++) {
                    double ii = i + (c + 0.5) / s - 0.5;
                    map.map(ii, jj, kk, p);
                    float label = inside(p, sx, sy, sz) ? nearest(data, g, p) : 0f;
                    int slot = 0;
                    while (slot < distinct && Float.compare(votes[slot], label) != 0) {
                        slot++;
                    }
                    if (slot == distinct) {
                        votes[distinct] = label;
                        counts[distinct++] = 0;
                    }
                    counts[slot]++;
                }
            }
        }
        int best = 0;
        for (int v = 1; v < distinct; v++) {
            if (counts[v] > counts[best]) {
                best = v;
            }
        }
        float winner = votes[best];
        for (int v = 0; v < distinct; v++) {
            if (counts[v] == counts[best] && Float.compare(votes[v], centre) == 0) {
                winner = centre; // a tie goes to the nearest-neighbour label
            }
        }
        return winner;
    }

    /** Target voxel index → moving (source) continuous voxel index. */
    abstract static class IndexMap {
        abstract void map(double i, double j, double k, double[] out);

        static IndexMap of(Geometry target, Geometry source, SpatialTransform transform) {
            Optional<AffineTransform> affine = AffineTransform.of(transform);
            AffineTransform targetToPatient = AffineTransform.ofMatrix(target.affine());
            AffineTransform patientToSource = AffineTransform.ofMatrix(source.affine())
                    .inverseAffine()
                    .orElseThrow(() -> new IllegalArgumentException("singular moving geometry"));
            if (affine.isPresent()) {
                double[] m = patientToSource
                        .after(affine.get())
                        .after(targetToPatient)
                        .homogeneous();
                return new IndexMap() {
                    @Override
                    void map(double i, double j, double k, double[] out) {
                        out[0] = m[0] * i + m[1] * j + m[2] * k + m[3];
                        out[1] = m[4] * i + m[5] * j + m[6] * k + m[7];
                        out[2] = m[8] * i + m[9] * j + m[10] * k + m[11];
                    }
                };
            }
            return new IndexMap() {
                @Override
                void map(double i, double j, double k, double[] out) {
                    out[0] = i;
                    out[1] = j;
                    out[2] = k;
                    targetToPatient.apply(out, out);
                    transform.apply(out, out);
                    patientToSource.apply(out, out);
                }
            };
        }
    }
}
