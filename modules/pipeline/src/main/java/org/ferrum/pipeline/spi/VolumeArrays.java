package org.ferrum.pipeline.spi;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;

/**
 * The bridge between pipeline volumes and the algorithms' arrays: the algorithms work on one
 * {@code float[]} per 3-D frame (x fastest, see {@link VoxelGrid}) and on {@code boolean[]} masks; the
 * operators hand them over and wrap the results back into volumes with the input's geometry.
 */
public final class VolumeArrays {

    private VolumeArrays() {
    }

    /** A copy of frame {@code t} of a volume as one array, x fastest. */
    public static float[] frame(Volume<FloatType> volume, int t) {
        Volume<FloatType> f = volume.frame(t);
        float[] out = new float[Math.toIntExact(f.voxelsPerFrame())];
        Cursor<FloatType> c = Views.flatIterable(f.image()).cursor();
        int n = 0;
        while (c.hasNext()) {
            out[n++] = c.next().get();
        }
        return out;
    }

    /**
     * The mask of a 3-D volume (or its first frame): true where the value is finite and non-zero.
     *
     * @param port named in the message when the mask is empty
     * @throws OperatorException if no voxel is inside
     */
    public static boolean[] mask(Volume<FloatType> volume, String port) throws OperatorException {
        float[] v = frame(volume, 0);
        boolean[] m = new boolean[v.length];
        int inside = 0;
        for (int n = 0; n < v.length; n++) {
            m[n] = v[n] != 0 && !Float.isNaN(v[n]);
            inside += m[n] ? 1 : 0;
        }
        if (inside == 0) {
            throw OperatorException.badInput("input '" + port + "' is an empty mask (no voxel is inside)");
        }
        return m;
    }

    /** A 3-D volume holding {@code values} (not copied) on {@code geometry}'s grid, in {@code unit}. */
    public static Volume<FloatType> volume(float[] values, VoxelGrid grid, Geometry geometry, PhysicalUnit unit) {
        Volume<FloatType> v = Volumes.createFloat(grid.dimensions(), geometry, unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    /** A 4-D volume with one frame per array, echoes or time last. */
    public static Volume<FloatType> frames(float[][] values, VoxelGrid grid, Geometry geometry, PhysicalUnit unit) {
        long[] dims = {grid.nx(), grid.ny(), grid.nz(), values.length};
        Volume<FloatType> v = Volumes.createFloat(dims, geometry, unit);
        float[] out = Volumes.floats(v);
        for (int t = 0; t < values.length; t++) {
            System.arraycopy(values[t], 0, out, t * grid.size(), grid.size());
        }
        return v;
    }

    /** A 0/1 mask volume. */
    public static Volume<FloatType> maskVolume(boolean[] mask, VoxelGrid grid, Geometry geometry) {
        float[] v = new float[mask.length];
        for (int n = 0; n < mask.length; n++) {
            v[n] = mask[n] ? 1f : 0f;
        }
        return volume(v, grid, geometry, PhysicalUnit.DIMENSIONLESS);
    }
}
