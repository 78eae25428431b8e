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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ITK text transform files written by hand from the format description (as 3D Slicer / ANTs write them), read with
 * known point mappings, and round trips of what we write.
 */
class ItkTransformFileTest {

    private static double[] map(SpatialTransform t, double... p) {
        double[] out = new double[3];
        t.apply(p, out);
        return out;
    }

    @Test
    void readsAPureTranslationAsSlicerWritesIt() {
        String text =
                """
                #Insight Transform File V1.0
                #Transform 0
                Transform: AffineTransform_double_3_3
                Parameters: 1 0 0 0 1 0 0 0 1 10 -5 3
                FixedParameters: 0 0 0
                """;
        assertArrayEquals(new double[] {11, -3, 6}, map(ItkTransformFile.parse(text), 1, 2, 3), 1e-12);
    }

    @Test
    void readsARotationAboutACentre() {
        String euler =
                """
                #Insight Transform File V1.0
                #Transform 0
                Transform: Euler3DTransform_double_3_3
                Parameters: 0 0 1.5707963267948966 0 0 0
                FixedParameters: 10 20 30 0
                """;
        assertArrayEquals(new double[] {10, 21, 30}, map(ItkTransformFile.parse(euler), 11, 20, 30), 1e-12);
        String versor =
                """
                #Insight Transform File V1.0
                #Transform 0
                Transform: VersorRigid3DTransform_double_3_3
                Parameters: 0 0 0.7071067811865476 1 2 3
                FixedParameters: 0 0 0
                """;
        assertArrayEquals(new double[] {1, 3, 3}, map(ItkTransformFile.parse(versor), 1, 0, 0), 1e-12);
        String scaledAboutCentre =
                """
                #Insight Transform File V1.0
                #Transform 0
                Transform: MatrixOffsetTransformBase_float_3_3
                Parameters: 2 0 0 0 2 0 0 0 2 0 0 0
                FixedParameters: 1 1 1
                """;
        assertArrayEquals(new double[] {3, 1, 1}, map(ItkTransformFile.parse(scaledAboutCentre), 2, 1, 1), 1e-12);
    }

    @Test
    void compositeListsItsPartsInQueueOrderAndAppliesTheLastFirst() {
        String text =
                """
                #Insight Transform File V1.0
                #Transform 0
                Transform: CompositeTransform_double_3
                #Transform 1
                Transform: TranslationTransform_double_3_3
                Parameters: 10 0 0
                FixedParameters:
                #Transform 2
                Transform: Euler3DTransform_double_3_3
                Parameters: 0 0 1.5707963267948966 0 0 0
                FixedParameters: 0 0 0 0
                """;
        SpatialTransform t = ItkTransformFile.parse(text);
        assertTrue(t instanceof CompositeTransform);
        assertArrayEquals(new double[] {10, 1, 0}, map(t, 1, 0, 0), 1e-12);
    }

    @Test
    void roundTripsAffineRigidAndComposite(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            m[i] = (i % 4 == 0 ? 1 : 0) + 0.2 * random.nextGaussian();
        }
        AffineTransform affine = AffineTransform.centred(m, new double[] {1.25, -3.5e-7, 12}, new double[] {4, -5, 6});
        RigidTransform euler = RigidTransform.of(
                RigidTransform.Rotation.EULER_ZYX, new double[] {0.1, -0.2, 0.3}, new double[] {1, 2, 3}, new double[] {
                    7, 8, 9
                });
        RigidTransform versor = RigidTransform.of(
                RigidTransform.Rotation.VERSOR, new double[] {0.1, 0.2, -0.05}, new double[] {-1, 0, 2}, new double[3]);
        SpatialTransform[] all = {affine, euler, versor, CompositeTransform.ofQueue(affine, euler, versor)};
        for (SpatialTransform t : all) {
            Path file = dir.resolve("t.tfm");
            ItkTransformFile.write(t, file);
            assertTrue(Files.readString(file).startsWith(ItkTransformFile.HEADER + "\n"));
            SpatialTransform back = ItkTransformFile.read(file);
            assertEquals(t.getClass(), back.getClass(), t.describe());
            for (int n = 0; n < 5; n++) {
                double[] p = {random.nextGaussian() * 60, random.nextGaussian() * 60, random.nextGaussian() * 60};
                assertArrayEquals(map(t, p), map(back, p), 1e-12, t.describe());
            }
        }
        assertTrue(ItkTransformFile.format(euler).contains("FixedParameters: 7 8 9 1"), "the ZYX flag is written");
    }

    @Test
    void refusesWhatItCannotReadNamingTheLine() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ItkTransformFile.parse("hello"));
        assertTrue(e.getMessage().contains("not an ITK text transform file"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ItkTransformFile.parse(
                        """
                #Insight Transform File V1.0
                #Transform 0
                Transform: BSplineTransform_double_3_3
                Parameters: 1 2 3
                """));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("BSplineTransform"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ItkTransformFile.parse(
                        """
                #Insight Transform File V1.0
                #Transform 0
                Transform: AffineTransform_double_3_3
                Parameters: 1 0 0 0 1 0 0 0 1
                FixedParameters: 0 0 0
                """));
        assertTrue(e.getMessage().contains("needs 12 Parameters, the file gives 9"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ItkTransformFile.parse(
                        """
                #Insight Transform File V1.0
                #Transform 0
                Transform: TranslationTransform_double_3_3
                Parameters: 1 0 0
                #Transform 1
                Transform: TranslationTransform_double_3_3
                Parameters: 0 x 0
                """));
        assertTrue(e.getMessage().contains("'x' is not a number"), e.getMessage());
    }
}
