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
package org.ferrum.viewer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

class RoiTest {

    @Test
    void ellipseSetsTheVoxelsWhosePixelCentresAreInside() {
        Volume<FloatType> map = Volumes.createFloat(new long[] {5, 5, 1}, Geometry.identity(), PhysicalUnit.PPM);
        SliceRenderer r = new SliceRenderer(map, DisplayConvention.RADIOLOGICAL);
        Volume<FloatType> labels = RoiDrawing.emptyLabels(map);
        // radius 1.5 around pixel (2, 2)'s centre: offsets with dx² + dy² ≤ 2.25 are the 3×3 block
        assertEquals(9, RoiDrawing.ellipse(labels, r, Plane.AXIAL, 0, 2.5, 2.5, 1.5, 1.5, 3));
        float[] l = Volumes.floats(labels);
        assertEquals(3f, l[1 + 5 * 1]);
        assertEquals(0f, l[0 + 5 * 2], "(0, 2) is 2 pixels away");
    }

    @Test
    void polygonFollowsTheDisplayOrientation() {
        // RAS storage: display column 0 is voxel i = 4, row 0 is voxel j = 4
        Geometry ras = Geometry.fromRas(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        Volume<FloatType> map = Volumes.createFloat(new long[] {5, 5, 1}, ras, PhysicalUnit.PPM);
        SliceRenderer r = new SliceRenderer(map, DisplayConvention.RADIOLOGICAL);
        Volume<FloatType> labels = RoiDrawing.emptyLabels(map);
        assertEquals(
                4,
                RoiDrawing.polygon(labels, r, Plane.AXIAL, 0, new double[] {0, 2, 2, 0}, new double[] {0, 0, 2, 2}, 1));
        float[] l = Volumes.floats(labels);
        assertEquals(1f, l[4 + 5 * 4]);
        assertEquals(1f, l[3 + 5 * 3]);
        assertEquals(0f, l[0]);
    }

    @Test
    void sphereIsRoundInMillimetres() {
        Volume<FloatType> labels =
                Volumes.createFloat(new long[] {5, 5, 5}, Geometry.axisAligned(2, 2, 2), PhysicalUnit.DIMENSIONLESS);
        // centre voxel (2, 2, 2) at (4, 4, 4) mm; radius 2 mm reaches the six face neighbours only
        assertEquals(7, RoiDrawing.sphere(labels, new double[] {4, 4, 4}, 2.0, 1));
    }

    @Test
    void statisticsTableForAllLinkedMapsInTheirUnits() {
        Volume<FloatType> chi = Volumes.createFloat(new long[] {5, 1, 1}, Geometry.identity(), PhysicalUnit.PPM);
        System.arraycopy(new float[] {1, 2, 3, 4, Float.NaN}, 0, Volumes.floats(chi), 0, 5);
        Volume<FloatType> r2s = Volumes.createFloat(new long[] {5, 1, 1}, Geometry.identity(), PhysicalUnit.PER_SECOND);
        System.arraycopy(new float[] {100, 100, 200, 200, 900}, 0, Volumes.floats(r2s), 0, 5);
        Volume<FloatType> labels = RoiDrawing.emptyLabels(chi);
        System.arraycopy(new float[] {1, 1, 1, 1, 1}, 0, Volumes.floats(labels), 0, 5);
        Volumes.floats(labels)[4] = 1;
        Table t = RoiStatistics.table(List.of(new NamedVolume("χ", chi), new NamedVolume("R2*", r2s)), labels, 1);
        assertEquals(2, t.rowCount());
        assertEquals("ppm", t.text(0, "unit"));
        assertEquals(4, t.number(0, "n"));
        assertEquals(1, t.number(0, "nNaN"));
        assertEquals(2.5, t.number(0, "mean"), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), t.number(0, "sd"), 1e-6);
        assertEquals(1.75, t.number(0, "q1"), 1e-12, "h = 3·0.25 = 0.75 → 1 + 0.75");
        assertEquals(3.25, t.number(0, "q3"), 1e-12);
        assertEquals("1/s", t.text(1, "unit"));
        assertEquals(200, t.number(1, "median"), 1e-12);
        assertEquals(300, t.number(1, "mean"), 1e-12);
        Volume<FloatType> other = Volumes.createFloat(new long[] {4, 1, 1}, Geometry.identity(), PhysicalUnit.PPM);
        assertThrows(IllegalArgumentException.class, () -> RoiStatistics.values(other, labels, 1));
    }
}
