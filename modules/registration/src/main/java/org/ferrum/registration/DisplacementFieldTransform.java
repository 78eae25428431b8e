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

import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.Geometry;
import org.ferrum.core.parallel.Cancellation;

/**
 * A dense displacement field u on a voxel grid: {@code apply(p) = p + u(p)}, p and u in mm LPS (the ITK
 * {@code DisplacementFieldTransform}: fixed-space point → moving-space point, see {@link SpatialTransform}).
 *
 * <p>Between voxel centres u is trilinear (edge voxels' values held out to the grid's boundary, half a voxel beyond
 * the outermost centres); outside the grid's extent u = 0, the identity, as ITK does for points outside the field's
 * buffer.
 *
 * <p>Inverse: for a field that came from a stationary velocity field v ({@link #ofVelocity}), exactly exp(−v)
 * (computed by the same scaling and squaring; Arsigny et al. 2006). Otherwise by the fixed-point iteration of Chen et
 * al. (2008) to a largest residual |p − φ(φ⁻¹(p))| ≤ {@value #INVERSE_TOLERANCE_VOXELS} voxel within
 * {@value #INVERSE_MAX_ITERATIONS} iterations; empty where the field folds (Jacobian determinant ≤ 0 anywhere) or the
 * iteration does not reach that tolerance. {@link #minJacobianDeterminant()} and {@link #foldedFraction()} are the
 * quality figures.
 */
public final class DisplacementFieldTransform implements SpatialTransform {

    /** Largest inverse-consistency residual accepted by the fixed-point inversion, in voxels. */
    public static final double INVERSE_TOLERANCE_VOXELS = 0.01;

    /** Iterations allowed to the fixed-point inversion. */
    public static final int INVERSE_MAX_ITERATIONS = 200;

    private final Geometry geometry;
    private final VoxelField displacement; // voxel units
    private final VoxelField velocity; // voxel units, or null
    private final double[] toVoxel; // 3×4 rows of the inverse affine
    private final double[] linear; // L, row-major 3×3 (voxel units → mm)
    private final float[] jacobian;
    private final double minJacobian;
    private final double foldedFraction;

    private DisplacementFieldTransform(Geometry geometry, VoxelField displacement, VoxelField velocity) {
        this.geometry = geometry;
        this.displacement = displacement;
        this.velocity = velocity;
        double[] a = geometry.affine();
        this.linear = new double[] {a[0], a[1], a[2], a[4], a[5], a[6], a[8], a[9], a[10]};
        double[] inv = invert4(a);
        this.toVoxel = new double[] {
            inv[0], inv[1], inv[2], inv[3], inv[4], inv[5], inv[6], inv[7], inv[8], inv[9], inv[10], inv[11]
        };
        this.jacobian = displacement.jacobianDeterminant(Cancellation.NEVER);
        double min = Double.POSITIVE_INFINITY;
        long folded = 0;
        for (float d : jacobian) {
            min = Math.min(min, d);
            folded += d <= 0 ? 1 : 0;
        }
        this.minJacobian = min;
        this.foldedFraction = (double) folded / jacobian.length;
    }

    /**
     * The field given in mm LPS on the grid {@code geometry} × {@code dims} (x fastest); the arrays are copied.
     *
     * @throws IllegalArgumentException if sizes disagree or a value is not finite
     */
    public static DisplacementFieldTransform ofMillimetres(
            Geometry geometry, int[] dims, float[] ux, float[] uy, float[] uz) {
        VoxelField mm = new VoxelField(dims[0], dims[1], dims[2], ux.clone(), uy.clone(), uz.clone());
        return new DisplacementFieldTransform(geometry, toVoxelUnits(geometry, mm), null);
    }

    /** φ = exp(v) for a stationary velocity field v given in voxel units of {@code geometry}'s grid. */
    static DisplacementFieldTransform ofVelocity(Geometry geometry, VoxelField velocity, Cancellation cancellation) {
        return new DisplacementFieldTransform(geometry, velocity.exponential(cancellation), velocity);
    }

    /** A field in voxel units of {@code geometry}'s grid. */
    static DisplacementFieldTransform ofVoxelUnits(Geometry geometry, VoxelField displacement) {
        return new DisplacementFieldTransform(geometry, displacement, null);
    }

    @Override
    public void apply(double[] fixed, double[] moving) {
        double x = fixed[0], y = fixed[1], z = fixed[2];
        double i = toVoxel[0] * x + toVoxel[1] * y + toVoxel[2] * z + toVoxel[3];
        double j = toVoxel[4] * x + toVoxel[5] * y + toVoxel[6] * z + toVoxel[7];
        double k = toVoxel[8] * x + toVoxel[9] * y + toVoxel[10] * z + toVoxel[11];
        VoxelField d = displacement;
        if (i < -0.5 || j < -0.5 || k < -0.5 || i > d.nx - 0.5 || j > d.ny - 0.5 || k > d.nz - 0.5) {
            moving[0] = x;
            moving[1] = y;
            moving[2] = z;
            return;
        }
        double[] s = new double[3];
        d.sample(i, j, k, s);
        moving[0] = x + linear[0] * s[0] + linear[1] * s[1] + linear[2] * s[2];
        moving[1] = y + linear[3] * s[0] + linear[4] * s[1] + linear[5] * s[2];
        moving[2] = z + linear[6] * s[0] + linear[7] * s[1] + linear[8] * s[2];
    }

    @Override
    public Optional<SpatialTransform> inverse() {
        if (velocity != null) {
            return Optional.of(ofVelocity(geometry, velocity.negated(), Cancellation.NEVER));
        }
        if (minJacobian <= 0) {
            return Optional.empty();
        }
        VoxelField w =
                displacement.fixedPointInverse(INVERSE_TOLERANCE_VOXELS, INVERSE_MAX_ITERATIONS, Cancellation.NEVER);
        return w == null ? Optional.empty() : Optional.of(ofVoxelUnits(geometry, w));
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "displacement field %d×%d×%d%s (max %.2f mm, min Jacobian determinant %.3f)",
                displacement.nx,
                displacement.ny,
                displacement.nz,
                velocity != null ? ", exp of a stationary velocity field" : "",
                maxMillimetres(),
                minJacobian);
    }

    /** The displacement in voxel units of the grid (the working array; callers must not change it). */
    VoxelField voxelDisplacement() {
        return displacement;
    }

    /** The grid the field is sampled on. */
    public Geometry geometry() {
        return geometry;
    }

    /** The grid's sizes {nx, ny, nz}. */
    public int[] dimensions() {
        return new int[] {displacement.nx, displacement.ny, displacement.nz};
    }

    /** Whether the field is exp(v) of a stationary velocity field (its inverse then is exact). */
    public boolean isFromVelocity() {
        return velocity != null;
    }

    /** The three components of u in mm LPS (new arrays, x fastest). */
    public float[][] millimetres() {
        return inMillimetres(displacement);
    }

    /** The velocity field v in mm LPS (new arrays), where the field is exp(v). */
    public Optional<float[][]> velocityMillimetres() {
        return velocity == null ? Optional.empty() : Optional.of(inMillimetres(velocity));
    }

    /** det(∂φ/∂p) at every voxel (a copy): the local volume ratio moving/fixed; ≤ 0 where the field folds. */
    public float[] jacobianDeterminant() {
        return jacobian.clone();
    }

    /** The smallest Jacobian determinant over the grid (> 0 for a map without folds). */
    public double minJacobianDeterminant() {
        return minJacobian;
    }

    /** The fraction of voxels whose Jacobian determinant is ≤ 0. */
    public double foldedFraction() {
        return foldedFraction;
    }

    /** The largest |u| in mm. */
    public double maxMillimetres() {
        float[][] u = millimetres();
        double m = 0;
        for (int n = 0; n < u[0].length; n++) {
            m = Math.max(m, (double) u[0][n] * u[0][n] + (double) u[1][n] * u[1][n] + (double) u[2][n] * u[2][n]);
        }
        return Math.sqrt(m);
    }

    private float[][] inMillimetres(VoxelField f) {
        int n = f.size();
        float[][] r = new float[3][n];
        double[] l = linear;
        for (int q = 0; q < n; q++) {
            double a = f.x[q], b = f.y[q], c = f.z[q];
            r[0][q] = (float) (l[0] * a + l[1] * b + l[2] * c);
            r[1][q] = (float) (l[3] * a + l[4] * b + l[5] * c);
            r[2][q] = (float) (l[6] * a + l[7] * b + l[8] * c);
        }
        return r;
    }

    private static VoxelField toVoxelUnits(Geometry geometry, VoxelField mm) {
        double[] inv = invert4(geometry.affine());
        VoxelField r = new VoxelField(mm.nx, mm.ny, mm.nz);
        for (int q = 0; q < mm.size(); q++) {
            double a = mm.x[q], b = mm.y[q], c = mm.z[q];
            if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("displacement field has a non-finite vector at element " + q);
            }
            r.x[q] = (float) (inv[0] * a + inv[1] * b + inv[2] * c);
            r.y[q] = (float) (inv[4] * a + inv[5] * b + inv[6] * c);
            r.z[q] = (float) (inv[8] * a + inv[9] * b + inv[10] * c);
        }
        return r;
    }

    /** Inverse of a row-major 4×4 affine (last row 0 0 0 1). */
    static double[] invert4(double[] a) {
        double a00 = a[0],
                a01 = a[1],
                a02 = a[2],
                a10 = a[4],
                a11 = a[5],
                a12 = a[6],
                a20 = a[8],
                a21 = a[9],
                a22 = a[10];
        double det = a00 * (a11 * a22 - a12 * a21) - a01 * (a10 * a22 - a12 * a20) + a02 * (a10 * a21 - a11 * a20);
        double[] m = {
            (a11 * a22 - a12 * a21) / det, (a02 * a21 - a01 * a22) / det, (a01 * a12 - a02 * a11) / det,
            (a12 * a20 - a10 * a22) / det, (a00 * a22 - a02 * a20) / det, (a02 * a10 - a00 * a12) / det,
            (a10 * a21 - a11 * a20) / det, (a01 * a20 - a00 * a21) / det, (a00 * a11 - a01 * a10) / det
        };
        double[] r = new double[16];
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 3; c++) {
                r[4 * row + c] = m[3 * row + c];
            }
            r[4 * row + 3] = -(m[3 * row] * a[3] + m[3 * row + 1] * a[7] + m[3 * row + 2] * a[11]);
        }
        r[15] = 1;
        return r;
    }
}
