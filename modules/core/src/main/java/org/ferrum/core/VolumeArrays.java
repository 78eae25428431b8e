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
package org.ferrum.core;

import net.imglib2.Cursor;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The bridge between volumes and the algorithms' arrays: the algorithms work on one {@code float[]} per
 * 3-D frame (x fastest, see {@link VoxelGrid}) and on {@code boolean[]} masks; operators hand them over
 * and wrap the results back into volumes with the input's geometry.
 *
 * <p>Copying contract, stated per method because it matters for memory: {@link #frame} always copies
 * (the algorithms may write into their input); {@link #volume} and {@link #frames} of one frame adopt the
 * array without copying (ImgLib2's {@code ArrayImgs.floats(array, dims)}), so the caller must not write to
 * it afterwards; {@link #frames} of several frames copies once into one storage array.
 */
public final class VolumeArrays {

    private VolumeArrays() {}

    /** A copy of frame {@code t} of a volume as one array, x fastest. */
    public static float[] frame(Volume<FloatType> volume, int t) {
        Volume<FloatType> f = volume.frame(t);
        float[] out = new float[Math.toIntExact(f.voxelsPerFrame())];
        if (volume.frames() == 1 && Volumes.isArrayBacked(volume)) {
            float[] storage = Volumes.floats(volume);
            if (storage.length == out.length) {
                System.arraycopy(storage, 0, out, 0, out.length);
                return out;
            }
        }
        Cursor<FloatType> c = Views.flatIterable(f.image()).cursor();
        int n = 0;
        while (c.hasNext()) {
            out[n++] = c.next().get();
        }
        return out;
    }

    /** The mask of a 3-D volume (or its first frame): true where the value is finite and non-zero. */
    public static boolean[] mask(Volume<FloatType> volume) {
        float[] v = frame(volume, 0);
        boolean[] m = new boolean[v.length];
        for (int n = 0; n < v.length; n++) {
            m[n] = v[n] != 0 && !Float.isNaN(v[n]);
        }
        return m;
    }

    /** Number of true entries of a mask. */
    public static int count(boolean[] mask) {
        int inside = 0;
        for (boolean b : mask) {
            inside += b ? 1 : 0;
        }
        return inside;
    }

    /**
     * A 3-D volume that adopts {@code values} as its storage (no copy) on {@code grid}, placed by
     * {@code geometry}, in {@code unit}. The caller hands the array over: later writes to it change the volume.
     *
     * @throws IllegalArgumentException if {@code values.length} is not the grid's voxel count
     */
    public static Volume<FloatType> volume(float[] values, VoxelGrid grid, Geometry geometry, PhysicalUnit unit) {
        if (values.length != grid.size()) {
            throw new IllegalArgumentException(
                    "array of " + values.length + " values on a grid of " + grid.size() + " voxels");
        }
        return new Volume<>(ArrayImgs.floats(values, grid.dimensions()), geometry, unit);
    }

    /** A 4-D volume with one frame per array, echoes or time last (one copy into a single storage array). */
    public static Volume<FloatType> frames(float[][] values, VoxelGrid grid, Geometry geometry, PhysicalUnit unit) {
        long[] dims = {grid.nx(), grid.ny(), grid.nz(), values.length};
        Volume<FloatType> v = Volumes.createFloat(dims, geometry, unit);
        float[] out = Volumes.floats(v);
        for (int t = 0; t < values.length; t++) {
            System.arraycopy(values[t], 0, out, t * grid.size(), grid.size());
        }
        return v;
    }

    /** A 0/1 mask volume (dimensionless). */
    public static Volume<FloatType> maskVolume(boolean[] mask, VoxelGrid grid, Geometry geometry) {
        float[] v = new float[mask.length];
        for (int n = 0; n < mask.length; n++) {
            v[n] = mask[n] ? 1f : 0f;
        }
        return volume(v, grid, geometry, PhysicalUnit.DIMENSIONLESS);
    }
}
