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
package org.ferrum.io.labels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.ferrum.core.Geometry;
import org.ferrum.io.VolumeFormatException;

/**
 * The fixed 284-byte header of a FreeSurfer MGH file ({@code .mgh}; {@code .mgz} is the same gzip-compressed), all
 * fields big-endian: {@code int32 version} (1), {@code int32 width, height, depth, nframes}, {@code int32 type}
 * ({@link MghType}), {@code int32 dof}, {@code int16 ras_good_flag}, then — meaningful when the flag is non-zero —
 * {@code float32 xsize, ysize, zsize} (voxel sizes in mm), {@code float32 Mdc[3][3]} (the unit RAS direction of
 * index axis i, then j, then k: {@code x_r x_a x_s y_r y_a y_s z_r z_a z_s}) and {@code float32 c_r, c_a, c_s} (the
 * RAS position of the volume's centre); the rest up to byte 284 is unused, and the voxels follow, column-major
 * (i fastest, then j, k, frame).
 *
 * <p>Contract of {@link #geometry()}: FreeSurfer places voxel index {@code (width/2, height/2, depth/2)} (real
 * halves, not rounded) at {@code c_ras}, so its voxel→RAS affine is {@code M = Mdc · diag(xsize, ysize, zsize)},
 * {@code P0 = c_ras − M · (width/2, height/2, depth/2)}; Ferrum's LPS geometry is that affine with its x and y rows
 * negated ({@link Geometry#fromRas}). A header whose ras_good_flag is 0 has no placement: FreeSurfer then assumes
 * 1 mm voxels in its coronal orientation (i → left, j → inferior, k → anterior, i.e. Mdc columns (−1, 0, 0),
 * (0, 0, −1), (0, 1, 0)) centred at 0, as {@link #DEFAULT_MDC}; readers warn about it.
 *
 * @param dims        width, height, depth, nframes (all ≥ 1)
 * @param type        voxel type
 * @param dof         degrees of freedom (kept, unused)
 * @param rasGood     whether the placement fields hold the placement
 * @param voxelSize   xsize, ysize, zsize in mm
 * @param mdc         9 values, direction of axis i (3), j (3), k (3) in RAS
 * @param centreRas   c_r, c_a, c_s in mm
 */
public record MghHeader(
        int[] dims, MghType type, int dof, boolean rasGood, double[] voxelSize, double[] mdc, double[] centreRas) {

    /** Bytes before the first voxel. */
    public static final int SIZE = 284;

    /** Bytes of the fields that are read (the rest of {@link #SIZE} is unused). */
    static final int USED = 7 * 4 + 2 + 15 * 4;

    /** FreeSurfer's orientation when ras_good_flag is 0 (coronal, "LIA"): columns i, j, k in RAS. */
    static final double[] DEFAULT_MDC = {-1, 0, 0, 0, 0, -1, 0, 1, 0};

    public MghHeader {
        dims = dims.clone();
        voxelSize = voxelSize.clone();
        mdc = mdc.clone();
        centreRas = centreRas.clone();
    }

    /** The header's fields read from the first {@link #USED} bytes of {@code bytes}; refuses what cannot be an image. */
    static MghHeader parse(ByteBuffer bytes, Path file) throws VolumeFormatException {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.BIG_ENDIAN);
        int version = b.getInt();
        if (version != 1) {
            throw new VolumeFormatException(
                    file, "version " + version + " in the first 4 bytes (big-endian), but an MGH file has version 1");
        }
        int[] dims = {b.getInt(), b.getInt(), b.getInt(), b.getInt()};
        for (int d = 0; d < 4; d++) {
            if (dims[d] < 1) {
                throw new VolumeFormatException(
                        file,
                        "dimension " + "whdf".charAt(d) + " (" + new String[] {"width", "height", "depth", "frames"}[d]
                                + ") is " + dims[d] + ", not ≥ 1");
            }
        }
        int code = b.getInt();
        MghType type = MghType.ofCode(code)
                .orElseThrow(() -> new VolumeFormatException(
                        file, "voxel type " + code + " is not one MGH files store (0 uchar, 1 int, 3 float, 4 short)"));
        int dof = b.getInt();
        boolean rasGood = b.getShort() != 0;
        double[] size = {1, 1, 1};
        double[] mdc = DEFAULT_MDC.clone();
        double[] c = {0, 0, 0};
        if (rasGood) {
            for (int i = 0; i < 3; i++) {
                size[i] = b.getFloat();
            }
            for (int i = 0; i < 9; i++) {
                mdc[i] = b.getFloat();
            }
            for (int i = 0; i < 3; i++) {
                c[i] = b.getFloat();
            }
            for (int i = 0; i < 3; i++) {
                if (!(size[i] > 0) || !Double.isFinite(size[i])) {
                    throw new VolumeFormatException(
                            file,
                            "voxel size " + "xyz".charAt(i) + "size = " + size[i] + " mm, not a finite number > 0");
                }
            }
            for (double v : mdc) {
                if (!Double.isFinite(v)) {
                    throw new VolumeFormatException(
                            file, "direction cosines (Mdc) hold a non-finite value: " + Arrays.toString(mdc));
                }
            }
            for (double v : c) {
                if (!Double.isFinite(v)) {
                    throw new VolumeFormatException(
                            file, "centre c_ras holds a non-finite value: " + Arrays.toString(c));
                }
            }
            for (int axis = 0; axis < 3; axis++) {
                double n = Math.sqrt(mdc[3 * axis] * mdc[3 * axis]
                        + mdc[3 * axis + 1] * mdc[3 * axis + 1]
                        + mdc[3 * axis + 2] * mdc[3 * axis + 2]);
                if (Math.abs(n - 1) > 1e-3) {
                    throw new VolumeFormatException(
                            file,
                            "direction cosine of axis " + "ijk".charAt(axis) + " has length " + n + ", not 1 (Mdc = "
                                    + Arrays.toString(mdc) + ")");
                }
            }
        }
        MghHeader h = new MghHeader(dims, type, dof, rasGood, size, mdc, c);
        try {
            h.geometry();
        } catch (IllegalArgumentException e) {
            throw new VolumeFormatException(
                    file, "direction cosines (Mdc) are not independent: " + Arrays.toString(mdc));
        }
        return h;
    }

    /** The header's 284 bytes, big-endian, unused bytes 0. */
    ByteBuffer toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        b.putInt(1);
        for (int d : dims) {
            b.putInt(d);
        }
        b.putInt(type.code()).putInt(dof).putShort((short) (rasGood ? 1 : 0));
        for (double v : voxelSize) {
            b.putFloat((float) v);
        }
        for (double v : mdc) {
            b.putFloat((float) v);
        }
        for (double v : centreRas) {
            b.putFloat((float) v);
        }
        return b.position(0);
    }

    /** Voxels in all frames. */
    public long voxels() {
        return (long) dims[0] * dims[1] * dims[2] * dims[3];
    }

    /** Bytes of voxel data after the header. */
    public long dataBytes() {
        return voxels() * type.bytes();
    }

    /** The row-major 4×4 voxel→RAS affine (FreeSurfer's vox2ras; see the class comment). */
    public double[] vox2ras() {
        double[] m = new double[16];
        for (int r = 0; r < 3; r++) {
            double p = centreRas[r];
            for (int c = 0; c < 3; c++) {
                m[4 * r + c] = mdc[3 * c + r] * voxelSize[c];
                p -= m[4 * r + c] * (dims[c] / 2.0);
            }
            m[4 * r + 3] = p;
        }
        m[15] = 1;
        return m;
    }

    /** Where the voxels are, in Ferrum's LPS convention. */
    public Geometry geometry() {
        return Geometry.fromRas(vox2ras());
    }

    /**
     * The header that places a {@code width × height × depth × frames} image of this type by {@code geometry}: voxel
     * sizes the column norms, Mdc the unit columns in RAS, c_ras the RAS position of index (width/2, height/2,
     * depth/2).
     */
    public static MghHeader of(int[] dims, MghType type, Geometry geometry) {
        double[] ras = geometry.rasAffine();
        double[] size = geometry.voxelSize();
        double[] mdc = new double[9];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                mdc[3 * c + r] = ras[4 * r + c] / size[c];
            }
        }
        double[] centre = new double[3];
        for (int r = 0; r < 3; r++) {
            centre[r] = ras[4 * r + 3];
            for (int c = 0; c < 3; c++) {
                centre[r] += ras[4 * r + c] * (dims[c] / 2.0);
            }
        }
        return new MghHeader(dims, type, 0, true, size, mdc, centre);
    }
}
