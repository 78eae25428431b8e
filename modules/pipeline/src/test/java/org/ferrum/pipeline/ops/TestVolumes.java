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
package org.ferrum.pipeline.ops;

import java.nio.file.Path;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.testkit.TestData;

/** Small volumes written out by hand, and the repository's test data. */
final class TestVolumes {

    static final Geometry GRID = Geometry.axisAligned(1, 2, 3);

    private TestVolumes() {}

    /** An array-backed volume with these values, x fastest, then y, z and frame. */
    static Volume<FloatType> of(long[] dims, PhysicalUnit unit, float... values) {
        Volume<FloatType> v = Volumes.createFloat(dims, GRID, unit);
        float[] a = Volumes.floats(v);
        if (values.length != a.length) {
            throw new IllegalArgumentException(values.length + " values for " + a.length + " voxels");
        }
        System.arraycopy(values, 0, a, 0, a.length);
        return v;
    }

    /** The same values on a cell image with cells of 2 voxels per side (so rows cross cell borders). */
    static Volume<FloatType> onCells(Volume<FloatType> v) {
        Img<FloatType> img = new CellImgFactory<>(new FloatType(), 2).create(v.dimensions());
        Cursor<FloatType> to = Views.flatIterable(img).cursor();
        Cursor<FloatType> from = Views.flatIterable(v.image()).cursor();
        while (from.hasNext()) {
            to.next().set(from.next());
        }
        return new Volume<>(img, v.geometry(), v.unit());
    }

    /** All values, x fastest. */
    static float[] values(Volume<FloatType> v) {
        float[] out = new float[(int) (v.voxelsPerFrame() * v.frames())];
        Cursor<FloatType> c = Views.flatIterable(v.image()).cursor();
        for (int i = 0; c.hasNext(); i++) {
            out[i] = c.next().get();
        }
        return out;
    }

    /** The repository's testdata/ folder. */
    static Path testData() {
        return TestData.root();
    }
}
