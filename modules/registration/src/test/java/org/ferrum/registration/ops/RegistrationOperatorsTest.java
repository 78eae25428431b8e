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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.pipeline.api.OutputFormat;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.registration.AffineTransform;
import org.ferrum.registration.ItkTransformFile;
import org.ferrum.registration.RigidTransform;
import org.ferrum.registration.SpatialTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openide.util.Lookup;

/** The registration operators through the test kit, and the .tfm output format found through Lookup. */
class RegistrationOperatorsTest {

    private static final VoxelGrid GRID = new VoxelGrid(48, 44, 40, 2, 2, 2);
    private static final Geometry GEOMETRY = Geometry.ofAffine(2, 0, 0, -47, 0, 2, 0, -43, 0, 0, 2, -39);

    /**
     * Two ellipsoidal blobs and a bar, analytic, at a pose (the pose applied to the sampling points), averaged over
     * 2×2×2 sub-samples per voxel (partial volumes).
     */
    private static Volume<FloatType> blobs(SpatialTransform pose) {
        float[] v = new float[GRID.size()];
        double[] p = new double[3];
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    double sum = 0;
                    for (int q = 0; q < 8; q++) {
                        pose.apply(
                                GEOMETRY.toPatient(
                                        i + ((q & 1) - 0.5) / 2,
                                        j + (((q >> 1) & 1) - 0.5) / 2,
                                        k + (((q >> 2) & 1) - 0.5) / 2),
                                p);
                        double a = sq(p[0] / 30) + sq(p[1] / 25) + sq(p[2] / 20);
                        double b = sq((p[0] - 8) / 8) + sq((p[1] + 5) / 6) + sq((p[2] - 4) / 5);
                        double bar = Math.abs(p[1] - 10) < 3 && Math.abs(p[2] + 6) < 3 && Math.abs(p[0]) < 18 ? 1 : 0;
                        sum += (a < 1 ? 1 : 0.2 * Math.exp(-4 * sq(a - 1))) + 0.8 * Math.exp(-b) + 0.6 * bar;
                    }
                    v[GRID.index(i, j, k)] = (float) (sum / 8);
                }
            }
        }
        return VolumeArrays.volume(v, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS);
    }

    private static double sq(double x) {
        return x * x;
    }

    @Test
    void linearRegistrationOutputsTransformImageAndQuality() throws Exception {
        RigidTransform truth =
                RigidTransform.euler(new double[] {0.05, -0.04, 0.08}, new double[] {3, -2, 1.5}, new double[3]);
        Volume<FloatType> fixed = blobs(AffineTransform.identity());
        Volume<FloatType> moving = blobs(truth.inverse().orElseThrow());
        OperatorHarness h = OperatorHarness.of(new LinearRegistrationOperator())
                .input(LinearRegistrationOperator.FIXED, fixed)
                .input(LinearRegistrationOperator.MOVING, moving)
                .set(LinearRegistrationOperator.METRIC, "ncc")
                .run();
        Table q = h.output(LinearRegistrationOperator.QUALITY);
        assertEquals("yes", q.text(0, "converged"));
        String row = "ncc " + q.number(0, "ncc_before") + " → " + q.number(0, "ncc_after") + ", mi "
                + q.number(0, "mi_before") + " → " + q.number(0, "mi_after") + ", final " + q.number(0, "final_metric")
                + ", " + h.logLines();
        assertTrue(q.number(0, "ncc_after") > 0.97 && q.number(0, "ncc_after") > q.number(0, "ncc_before"), row);
        assertTrue(q.number(0, "mi_after") > q.number(0, "mi_before"), row);
        assertTrue(Double.isNaN(q.number(0, "mask_dice")), "no masks: no Dice");
        SpatialTransform t = h.output(LinearRegistrationOperator.TRANSFORM);
        double[] a = new double[3], b = new double[3];
        for (double[] p : new double[][] {{20, 0, 0}, {0, 20, 0}, {0, 0, 15}, {-10, -10, 10}}) {
            t.apply(p, a);
            truth.apply(p, b);
            assertArrayEquals(b, a, 0.5, "within a quarter voxel at " + java.util.Arrays.toString(p));
        }
        assertEquals(GEOMETRY, h.output(LinearRegistrationOperator.REGISTERED).geometry());
    }

    @Test
    void anInitialTransformIsComposedWithTheModelAndSavesAsAComposite() throws Exception {
        RigidTransform truth = RigidTransform.euler(new double[] {0, 0, 0.06}, new double[] {9, -6, 4}, new double[3]);
        Volume<FloatType> fixed = blobs(AffineTransform.identity());
        Volume<FloatType> moving = blobs(truth.inverse().orElseThrow());
        AffineTransform initial = AffineTransform.translation(8, -5, 3);
        OperatorHarness h = OperatorHarness.of(new LinearRegistrationOperator())
                .input(LinearRegistrationOperator.FIXED, fixed)
                .input(LinearRegistrationOperator.MOVING, moving)
                .input(LinearRegistrationOperator.INITIAL, initial)
                .set(LinearRegistrationOperator.METRIC, "ncc")
                .run();
        SpatialTransform t = h.output(LinearRegistrationOperator.TRANSFORM);
        assertTrue(t instanceof org.ferrum.registration.CompositeTransform, t.describe());
        assertTrue(ItkTransformFile.writes(t));
        double[] a = new double[3], b = new double[3];
        for (double[] p : new double[][] {{20, 0, 0}, {0, 20, 0}, {0, 0, 15}}) {
            t.apply(p, a);
            truth.apply(p, b);
            assertArrayEquals(
                    b, a, 0.5, "within a quarter voxel at " + java.util.Arrays.toString(p) + " " + h.logLines());
        }
        Table q = h.output(LinearRegistrationOperator.QUALITY);
        assertTrue(q.number(0, "ncc_before") < q.number(0, "ncc_after"), q.toString());
        String message = OperatorHarness.of(new LinearRegistrationOperator())
                .input(LinearRegistrationOperator.FIXED, fixed)
                .input(LinearRegistrationOperator.MOVING, moving)
                .set(LinearRegistrationOperator.LEVELS, 6L)
                .runExpectingBadInput();
        assertTrue(message.contains("use fewer levels"), message);
    }

    @Test
    void bothMasksGiveTheirDiceAndAnEmptyMaskIsRefused() throws Exception {
        Volume<FloatType> image = blobs(AffineTransform.identity());
        boolean[] inside = new boolean[GRID.size()];
        float[] v = VolumeArrays.frame(image, 0);
        for (int n = 0; n < v.length; n++) {
            inside[n] = v[n] > 0.5;
        }
        Volume<FloatType> mask = VolumeArrays.maskVolume(inside, GRID, GEOMETRY);
        OperatorHarness h = OperatorHarness.of(new LinearRegistrationOperator())
                .input(LinearRegistrationOperator.FIXED, image)
                .input(LinearRegistrationOperator.MOVING, image)
                .input(LinearRegistrationOperator.FIXED_MASK, mask)
                .input(LinearRegistrationOperator.MOVING_MASK, mask)
                .set(LinearRegistrationOperator.LEVELS, 1L)
                .run();
        assertEquals(1.0, h.output(LinearRegistrationOperator.QUALITY).number(0, "mask_dice"), 1e-3);
        String message = OperatorHarness.of(new LinearRegistrationOperator())
                .input(LinearRegistrationOperator.FIXED, image)
                .input(LinearRegistrationOperator.MOVING, image)
                .input(
                        LinearRegistrationOperator.FIXED_MASK,
                        VolumeArrays.maskVolume(new boolean[GRID.size()], GRID, GEOMETRY))
                .runExpectingBadInput();
        assertTrue(message.contains("fixed_mask"), message);
    }

    @Test
    void applyRefusesLabelsOnAnotherGridWithoutTransformAndKeepsTheLegend() throws Exception {
        LabelTable legend = LabelTable.of(List.of(LabelEntry.named(12, "Left-Putamen", 0xec0dB0)));
        float[] l = new float[GRID.size()];
        l[GRID.index(20, 20, 20)] = 12;
        Volume<FloatType> labels = VolumeArrays.volume(l, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS)
                .withLabels(legend);
        VoxelGrid other = new VoxelGrid(30, 30, 30, 3, 3, 3);
        Volume<FloatType> reference = VolumeArrays.volume(
                new float[other.size()],
                other,
                Geometry.ofAffine(3, 0, 0, -45, 0, 3, 0, -45, 0, 0, 3, -45),
                PhysicalUnit.PPM);
        String message = OperatorHarness.of(new ApplyTransformOperator())
                .input(ApplyTransformOperator.MOVING, labels)
                .input(ApplyTransformOperator.REFERENCE, reference)
                .runExpectingBadInput();
        assertTrue(
                message.contains("labels on another grid with no transform") && message.contains("'moving'"), message);
        OperatorHarness h = OperatorHarness.of(new ApplyTransformOperator())
                .input(ApplyTransformOperator.MOVING, labels)
                .input(ApplyTransformOperator.REFERENCE, reference)
                .input(ApplyTransformOperator.TRANSFORM, AffineTransform.identity())
                .run();
        Volume<FloatType> out = h.output(ApplyTransformOperator.RESAMPLED);
        assertEquals(legend, out.labels());
        for (float x : VolumeArrays.frame(out, 0)) {
            assertTrue(x == 0 || x == 12, "majority keeps label values: " + x);
        }
        assertTrue(
                h.logLines().stream().anyMatch(s -> s.contains("majority")),
                h.logLines().toString());
        // same grid, no transform: passes unchanged
        OperatorHarness same = OperatorHarness.of(new ApplyTransformOperator())
                .input(ApplyTransformOperator.MOVING, labels)
                .input(ApplyTransformOperator.REFERENCE, labels)
                .run();
        assertEquals(labels, same.output(ApplyTransformOperator.RESAMPLED));
    }

    @Test
    void readsWhatTheOutputFormatWrites(@TempDir Path dir) throws Exception {
        RigidTransform rigid =
                RigidTransform.euler(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3}, new double[] {4, 5, 6});
        OutputFormat format = Lookup.getDefault().lookupAll(OutputFormat.class).stream()
                .filter(f -> f.writes(rigid))
                .findFirst()
                .orElseThrow();
        assertEquals("t1_to_gre.tfm", format.write("t1_to_gre", rigid, dir));
        SpatialTransform read = OperatorHarness.of(new ReadTransformOperator())
                .set(ReadTransformOperator.PATH, dir.resolve("t1_to_gre.tfm").toString())
                .run()
                .output(ReadTransformOperator.TRANSFORM);
        double[] a = new double[3], b = new double[3];
        rigid.apply(new double[] {10, -20, 30}, a);
        read.apply(new double[] {10, -20, 30}, b);
        assertArrayEquals(a, b, 1e-12);
        Files.writeString(
                dir.resolve("bad.tfm"), "#Insight Transform File V1.0\n#Transform 0\nTransform: Foo_double_3_3\n");
        String message = OperatorHarness.of(new ReadTransformOperator())
                .set(ReadTransformOperator.PATH, dir.resolve("bad.tfm").toString())
                .runExpectingBadInput();
        assertTrue(message.contains("Foo_double_3_3") && message.contains("bad.tfm"), message);
        assertTrue(ItkTransformFile.writes(rigid));
    }
}
