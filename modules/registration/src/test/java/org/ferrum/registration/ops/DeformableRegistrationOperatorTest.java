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
package org.ferrum.registration.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.registration.AffineTransform;
import org.ferrum.registration.CompositeTransform;
import org.ferrum.registration.DisplacementFieldNifti;
import org.ferrum.registration.DisplacementFieldTransform;
import org.ferrum.registration.ItkTransformFile;
import org.ferrum.registration.SpatialTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators on a small analytic case: blobs, moved by a known sine deformation after a known translation. */
class DeformableRegistrationOperatorTest {

    @TempDir
    Path dir;

    private static final int N = 40, NZ = 32;
    private static final Geometry G = Geometry.ofAffine(2, 0, 0, -40, 0, 2, 0, -40, 0, 0, 2, -32);

    /** Smooth blobs (sum of Gaussians with different heights), an analytic function of position in mm. */
    private static double blobs(double x, double y, double z) {
        double[][] c = {{-12, -8, 0, 1.0}, {10, -6, 4, 0.7}, {0, 12, -6, 0.5}, {-4, 2, 8, 0.9}, {14, 14, 0, 0.6}};
        double s = 0;
        for (double[] b : c) {
            double r2 = Math.pow(x - b[0], 2) + Math.pow(y - b[1], 2) + Math.pow(z - b[2], 2);
            s += b[3] * Math.exp(-r2 / (2 * 36));
        }
        return s;
    }

    /** ψ(p) = p + (2 sin(y/12), 1.5 sin(x/14), 0) mm. */
    private static double[] psi(double[] p) {
        return new double[] {p[0] + 2 * Math.sin(p[1] / 12), p[1] + 1.5 * Math.sin(p[0] / 14), p[2]};
    }

    private static final double[] SHIFT = {3, -2, 1}; // mm: the "initial" (linear) part, moving = fixed + shift

    /** A known translation as a transform (what the linear stage would have found). */
    private static final SpatialTransform TRANSLATION = AffineTransform.translation(SHIFT[0], SHIFT[1], SHIFT[2]);

    private static Volume<FloatType> image(boolean fixed) {
        float[] a = new float[N * N * NZ];
        for (int k = 0, e = 0; k < NZ; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++, e++) {
                    double[] p = G.toPatient(i, j, k);
                    // fixed(p) = moving(T(ψ(p))) with moving(q) = blobs(q − shift): T∘ψ is the truth
                    double[] q = fixed ? psi(p) : new double[] {p[0] - SHIFT[0], p[1] - SHIFT[1], p[2] - SHIFT[2]};
                    a[e] = (float) blobs(q[0], q[1], q[2]);
                }
            }
        }
        return VolumeArrays.volume(a, new VoxelGrid(N, N, NZ, 2, 2, 2), G, PhysicalUnit.ARBITRARY);
    }

    @Test
    void recoversTheDeformationAfterTheInitialTransform() throws OperatorException {
        OperatorHarness h = OperatorHarness.of(new DeformableRegistrationOperator())
                .input(DeformableRegistrationOperator.FIXED, image(true))
                .input(DeformableRegistrationOperator.MOVING, image(false))
                .input(DeformableRegistrationOperator.INITIAL, TRANSLATION)
                .set(DeformableRegistrationOperator.LEVELS, 2L)
                .run();
        SpatialTransform t = h.output(DeformableRegistrationOperator.TRANSFORM);
        assertInstanceOf(CompositeTransform.class, t);
        double sum = 0;
        int count = 0;
        double[] q = new double[3];
        for (int k = 8; k < NZ - 8; k += 2) {
            for (int j = 8; j < N - 8; j += 2) {
                for (int i = 8; i < N - 8; i += 2) {
                    double[] p = G.toPatient(i, j, k);
                    t.apply(p, q);
                    double[] truth = psi(p);
                    for (int d = 0; d < 3; d++) {
                        truth[d] += SHIFT[d];
                    }
                    sum += Math.pow(q[0] - truth[0], 2) + Math.pow(q[1] - truth[1], 2) + Math.pow(q[2] - truth[2], 2);
                    count++;
                }
            }
        }
        double rmsVoxels = Math.sqrt(sum / count) / 2;
        assertTrue(rmsVoxels < 0.5, "residual " + rmsVoxels + " voxel RMS");

        Table quality = h.output(DeformableRegistrationOperator.QUALITY);
        assertEquals(3, quality.rowCount()); // two levels and the result
        assertEquals("result", quality.text(2, "stage"));
        assertTrue(quality.number(2, "correlation_after") > quality.number(2, "correlation_before"));
        assertTrue(quality.number(2, "min_jacobian_determinant") > 0);
        assertEquals(0.0, quality.number(2, "folded_fraction"));

        Volume<FloatType> field = h.output(DeformableRegistrationOperator.FIELD);
        assertEquals(4, field.numDimensions());
        assertEquals(3, field.frames());
        assertEquals(PhysicalUnit.MILLIMETRE, field.unit());
        assertEquals(
                PhysicalUnit.ARBITRARY,
                h.output(DeformableRegistrationOperator.REGISTERED).unit());
    }

    @Test
    void refusesA4dFixedImageNamingThePort() {
        Volume<FloatType> fourD = new Volume<>(ArrayImgs.floats(8, 8, 8, 2), G, PhysicalUnit.ARBITRARY);
        String message = OperatorHarness.of(new DeformableRegistrationOperator())
                .input(DeformableRegistrationOperator.FIXED, fourD)
                .input(DeformableRegistrationOperator.MOVING, image(false))
                .runExpectingBadInput();
        assertTrue(message.contains("'fixed'"), message);
    }

    @Test
    void refusesAMaskOnAnotherGrid() {
        Volume<FloatType> mask = new Volume<>(ArrayImgs.floats(10, 10, 10), G, PhysicalUnit.DIMENSIONLESS);
        String message = OperatorHarness.of(new DeformableRegistrationOperator())
                .input(DeformableRegistrationOperator.FIXED, image(true))
                .input(DeformableRegistrationOperator.MOVING, image(false))
                .input(DeformableRegistrationOperator.FIXED_MASK, mask)
                .runExpectingBadInput();
        assertTrue(message.contains("fixed_mask"), message);
    }

    @Test
    void savedWarpsReadBackAsTheSameTransform() throws OperatorException, IOException {
        OperatorHarness h = OperatorHarness.of(new DeformableRegistrationOperator())
                .input(DeformableRegistrationOperator.FIXED, image(true))
                .input(DeformableRegistrationOperator.MOVING, image(false))
                .input(DeformableRegistrationOperator.INITIAL, TRANSLATION)
                .set(DeformableRegistrationOperator.LEVELS, 1L)
                .set(DeformableRegistrationOperator.ITERATIONS, 10L)
                .run();
        SpatialTransform t = h.output(DeformableRegistrationOperator.TRANSFORM);
        DisplacementFieldOutputFormat format = new DisplacementFieldOutputFormat();
        assertTrue(format.writes(t));
        String main = format.write("reg", t, dir);
        assertEquals("reg_composite_warp.nii.gz", main);
        assertTrue(Files.exists(dir.resolve("reg_warp.nii.gz")));
        String json = Files.readString(dir.resolve("reg_transform.json"));
        assertTrue(json.indexOf("reg_warp.nii.gz") < json.indexOf("reg_affine.tfm"), json);
        double[] shifted = new double[3];
        ItkTransformFile.read(dir.resolve("reg_affine.tfm")).apply(new double[] {1, 2, 3}, shifted);
        assertEquals(1 + SHIFT[0], shifted[0], 1e-12);
        assertEquals(3 + SHIFT[2], shifted[2], 1e-12);

        OperatorHarness read = OperatorHarness.of(new ReadDisplacementFieldOperator())
                .set(ReadDisplacementFieldOperator.PATH, dir.resolve(main).toString())
                .run();
        SpatialTransform back = read.output(ReadDisplacementFieldOperator.TRANSFORM);
        double[] a = new double[3], b = new double[3];
        for (int n = 0; n < 50; n++) {
            double[] p = G.toPatient(3 + 0.7 * n % 33, 5 + 0.37 * n, 4 + 0.5 * n % 24);
            t.apply(p, a);
            back.apply(p, b);
            assertEquals(a[0], b[0], 1e-3);
            assertEquals(a[1], b[1], 1e-3);
            assertEquals(a[2], b[2], 1e-3);
        }
        DisplacementFieldTransform fieldPart = DisplacementFieldNifti.read(dir.resolve("reg_warp.nii.gz"));
        assertTrue(fieldPart.minJacobianDeterminant() > 0);
    }

    @Test
    void readingAMissingFileNamesTheParameter() {
        String message = OperatorHarness.of(new ReadDisplacementFieldOperator())
                .set(
                        ReadDisplacementFieldOperator.PATH,
                        dir.resolve("none.nii.gz").toString())
                .runExpectingBadInput();
        assertTrue(message.contains("'path'"), message);
    }
}
