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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

class GridResamplingTest {

    private static NamedVolume map(String name, Geometry g, long... dims) {
        return new NamedVolume(name, SliceRendererTest.ramp(g, PhysicalUnit.PPM, dims));
    }

    @Test
    void sameGridIsUsedAsItIs() {
        NamedVolume a = map("chi", Geometry.axisAligned(1, 1, 2), 4, 3, 2);
        NamedVolume b = map("r2s", Geometry.axisAligned(1, 1, 2), 4, 3, 2);
        assertSame(b, GridResampling.onto(a, b));
    }

    @Test
    void shiftedMapIsResampledNearestNeighbourWithNaNOutside() {
        NamedVolume ref = map("chi", Geometry.axisAligned(1, 1, 1), 4, 2, 1);
        // the other map starts 2 mm further left: its voxel i sits on the reference's voxel i + 2
        NamedVolume other = map("r2s", Geometry.ofAffine(1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 1, 0), 4, 2, 1);
        NamedVolume out = GridResampling.onto(ref, other);
        assertEquals("r2s", out.name());
        assertEquals(ref.volume().geometry(), out.volume().geometry());
        float[] v = Volumes.floats(out.volume());
        assertTrue(Float.isNaN(v[0]) && Float.isNaN(v[1]));
        assertEquals(0f, v[2]);
        assertEquals(100f, v[3]);
        assertEquals(10f, v[6], "row j = 1: source (0, 1)");
        // a half-resolution map covering the same field: each source voxel covers two reference voxels
        NamedVolume coarse = map("lic", Geometry.ofAffine(2, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 1, 0), 2, 2, 1);
        float[] c = Volumes.floats(GridResampling.onto(ref, coarse).volume());
        assertArrayEquals(new float[] {0, 0, 100, 100}, java.util.Arrays.copyOf(c, 4), 0f);
    }

    @Test
    void disjointMapIsRefusedWithItsName() {
        NamedVolume ref = map("chi", Geometry.axisAligned(1, 1, 1), 4, 4, 4);
        NamedVolume far = map("r2s", Geometry.ofAffine(1, 0, 0, 100, 0, 1, 0, 0, 0, 0, 1, 0), 4, 4, 4);
        GridResampling.GeometryMismatchException e =
                assertThrows(GridResampling.GeometryMismatchException.class, () -> GridResampling.onto(ref, far));
        assertTrue(e.getMessage().contains("'r2s' does not overlap 'chi'"), e.getMessage());
    }

    @Test
    void fourDimensionalMapKeepsItsFrames() {
        NamedVolume ref = map("chi", Geometry.axisAligned(1, 1, 1), 2, 1, 1);
        NamedVolume echoes = new NamedVolume(
                "mag",
                SliceRendererTest.ramp(
                        Geometry.ofAffine(1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0), PhysicalUnit.ARBITRARY, 2, 1, 1, 2));
        Volume<FloatType> out = GridResampling.onto(ref, echoes).volume();
        assertEquals(2, out.frames());
        float[] v = Volumes.floats(out);
        assertTrue(Float.isNaN(v[0]));
        assertEquals(0f, v[1]);
        assertEquals(1000f, v[3]);
    }
}
