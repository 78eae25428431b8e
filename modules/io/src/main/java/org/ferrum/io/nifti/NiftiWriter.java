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
package org.ferrum.io.nifti;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.ferrum.core.Geometry;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.spi.VolumeWriter;
import org.openide.util.lookup.ServiceProvider;

/**
 * Writes single-file NIfTI-1 (default) or NIfTI-2 images, {@code .nii} or {@code .nii.gz} by name,
 * little-endian.
 *
 * <p>What is written:
 * <ul>
 * <li>datatype: the one matching the pixel type ({@link NiftiDatatype#ofPixel}); {@code ARGBType} as
 *     RGB24, or RGBA32 if some alpha is not 255;</li>
 * <li>scl_slope/scl_inter: the volume's slope and intercept (0/0 for colour, where they do not apply);</li>
 * <li>both transforms, code NIFTI_XFORM_SCANNER_ANAT (1): the sform is the geometry's RAS affine
 *     exactly (rounded to float32 in NIfTI-1), the qform its closest rotation + voxel sizes + qfac
 *     (see {@code Qform}), pixdim[1..3] the column norms, pixdim[0] = qfac;</li>
 * <li>xyzt_units mm and s; descrip {@code unit=<symbol>}; vox_offset 352 (NIfTI-1) or 544 (NIfTI-2), no extensions.</li>
 * </ul>
 * A NIfTI-1 writer switches to NIfTI-2 for a dimension above 32767, which NIfTI-1's int16 dim cannot
 * hold. {@code .nii.gz} is block-indexed gzip ({@link BlockGzip}): a series of gzip members, one for
 * the header and one per 1.5 MiB of voxels, each carrying its size in an extra subfield, compressed in
 * parallel and readable as one stream by any gzip reader; deflate level 1, several times faster than
 * the default 6 for files about 10 % larger (nibabel made the same choice). The file is written next
 * to its target and moved into place, so readers never see half a file.
 */
@ServiceProvider(service = org.ferrum.io.spi.VolumeWriter.class)
public final class NiftiWriter implements VolumeWriter {

    private final int version;

    /** A NIfTI-1 writer (what the SPI registers). */
    public NiftiWriter() {
        this(1);
    }

    private NiftiWriter(int version) {
        this.version = version;
    }

    /** A writer of NIfTI-1 files (float32 header fields). */
    public static NiftiWriter nifti1() {
        return new NiftiWriter(1);
    }

    /** A writer of NIfTI-2 files (64-bit dims, double-precision transforms). */
    public static NiftiWriter nifti2() {
        return new NiftiWriter(2);
    }

    @Override
    public String formatName() {
        return "NIfTI";
    }

    @Override
    public boolean canWrite(Path path) {
        return NiftiReader.isNiftiName(path);
    }

    @Override
    public void write(ScaledVolume<?> volume, Path path) throws IOException {
        write(volume, path, -1);
    }

    /**
     * Writes a 4-D volume x, y, z, c as a vector image the way ITK and ANTs write displacement fields: dim = {5, x, y,
     * z, 1, c}, intent_code {@code intentCode} (e.g. NIFTI_INTENT_VECTOR 1007); the bytes are the same as the 4-D
     * image's. Everything else as {@link #write(ScaledVolume, Path)}.
     */
    public void writeVectors(ScaledVolume<?> volume, Path path, int intentCode) throws IOException {
        if (volume.stored().numDimensions() != 4 || intentCode < 0) {
            throw new VolumeFormatException(path, "a vector image needs a 4-D volume x, y, z, component and an intent");
        }
        write(volume, path, intentCode);
    }

    /** intentCode −1: an ordinary image (no intent); otherwise a vector image with that intent. */
    private void write(ScaledVolume<?> volume, Path path, int intentCode) throws IOException {
        Object pixel = volume.stored().pixelType();
        NiftiDatatype datatype = NiftiDatatype.ofPixel(pixel);
        if (datatype == null) {
            throw new VolumeFormatException(
                    path,
                    "NIfTI cannot store pixels of type " + pixel.getClass().getSimpleName());
        }
        StoredVoxels voxels = StoredVoxels.of(volume.stored().image(), datatype, path);
        if (datatype == NiftiDatatype.RGB24 && voxels.hasAlpha()) {
            datatype = NiftiDatatype.RGBA32;
            voxels = StoredVoxels.of(voxels.image, datatype, path);
        }
        NiftiHeader header = header(volume, datatype, path, intentCode);
        Path name = path.getFileName();
        boolean gz = name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        StoredVoxels finalVoxels = voxels;
        AtomicFiles.write(path, tmp -> {
            if (gz) {
                writeGzip(header, finalVoxels, tmp);
            } else {
                writePlain(header, finalVoxels, tmp);
            }
        });
    }

    private NiftiHeader header(ScaledVolume<?> volume, NiftiDatatype datatype, Path path, int intentCode)
            throws VolumeFormatException {
        long[] dims = volume.stored().dimensions();
        if (intentCode >= 0) { // x, y, z, c → x, y, z, t = 1, c
            dims = new long[] {dims[0], dims[1], dims[2], 1, dims[3]};
        }
        int v = version;
        for (long d : dims) {
            if (d > Short.MAX_VALUE) {
                v = 2;
            }
        }
        long[] dim = {dims.length, 1, 1, 1, 1, 1, 1, 1};
        System.arraycopy(dims, 0, dim, 1, dims.length);
        Geometry g = volume.stored().geometry();
        double[] ras = g.rasAffine();
        Qform q = Qform.ofRasAffine(ras);
        double[] pixdim = {q.qfac(), q.spacing()[0], q.spacing()[1], q.spacing()[2], 1, 1, 1, 1};
        double[] quatern = {q.b(), q.c(), q.d(), q.offset()[0], q.offset()[1], q.offset()[2]};
        double[] srow = new double[12];
        System.arraycopy(ras, 0, srow, 0, 12);
        boolean colour = datatype.isColour();
        return new NiftiHeader(
                v,
                ByteOrder.LITTLE_ENDIAN,
                dim,
                datatype.code(),
                datatype.bitpix(),
                pixdim,
                v == 1 ? NiftiHeader.NIFTI1_SIZE + 4 : NiftiHeader.NIFTI2_SIZE + 4,
                colour ? 0 : volume.slope(),
                colour ? 0 : volume.intercept(),
                NiftiHeader.UNITS_MM | NiftiHeader.UNITS_SEC,
                NiftiHeader.XFORM_SCANNER_ANAT,
                NiftiHeader.XFORM_SCANNER_ANAT,
                quatern,
                srow,
                Math.max(intentCode, 0),
                "",
                NiftiHeader.unitToken(volume.stored().unit()),
                path);
    }

    private static void writePlain(NiftiHeader header, StoredVoxels voxels, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = header.encode();
            while (h.hasRemaining()) {
                ch.write(h);
            }
            ByteBuffer chunk =
                    ByteBuffer.allocateDirect(StoredVoxels.CHUNK_BYTES).order(header.byteOrder);
            while (voxels.hasRemaining()) {
                chunk.clear();
                voxels.writeTo(chunk);
                chunk.flip();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
        }
    }

    private static void writeGzip(NiftiHeader header, StoredVoxels voxels, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            BlockGzip.write(ch, header.encode().array(), voxels, header.byteOrder);
        }
    }
}
