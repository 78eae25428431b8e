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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.io.VolumeFormatException;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that Ferrum uses, checked, and what follows from them:
 * the image dimensions, the voxel-value scaling and the voxel→LPS geometry.
 *
 * <h2>Geometry: which transform wins</h2>
 * nifti1.h ("3D IMAGE (VOLUME) ORIENTATION AND LOCATION IN SPACE") defines three methods; all give
 * RAS millimetres ({@code +x} Right→Left is −L …), which {@link Geometry#fromRas} turns into LPS:
 * <ol>
 * <li>sform ({@code sform_code > 0}, "method 3"): the general affine in srow_x/y/z. Chosen first
 *     when set, as nibabel does: it is what the writer meant exactly (full 3×4, can hold shear), while
 *     the qform is usually derived from it and rounded through a quaternion.</li>
 * <li>qform ({@code qform_code > 0}, "method 2"): quaternion, pixdim[1..3] and qoffset, with
 *     qfac = pixdim[0] (−1 if negative, otherwise +1: the standard says a 0 is read as 1); see
 *     {@code Qform}.</li>
 * <li>neither ("method 1", for ANALYZE 7.5 files): x = pixdim[1]·i, y = pixdim[2]·j,
 *     z = pixdim[3]·k, no offset — exactly as the standard writes it (nibabel instead centres the
 *     image and flips x; we follow the standard).</li>
 * </ol>
 * The spatial unit in xyzt_units (bits 0–2: metre, mm, micron) scales the whole affine to
 * millimetres; an unset unit (0) is read as mm, as every common tool does.
 *
 * <h2>Scaling</h2>
 * Per nifti1.h ("DATA SCALING"): if scl_slope is non-zero, value = scl_slope · stored + scl_inter;
 * slope 0 means no scaling (intercept ignored). Scaling never applies to RGB data. The standard says
 * nothing of non-finite values, so Ferrum decides, case by case:
 * <ul>
 * <li>scl_slope NaN: no scaling, as nifti1_io ({@code FIXED_FLOAT} turns it into 0) and nibabel do —
 *     nibabel writes NaN for "no scaling", so every nibabel-written file has it. For an integer datatype,
 *     where a lost slope changes every value (a slope of 1/855 read as 1 makes values 855× too large),
 *     {@link #warnings()} says so; for float data (scaling floats is "crazy, perhaps, but legal",
 *     nifti1.h) it is silent.</li>
 * <li>scl_slope ±∞: refused; no writer means it and there is no value to read.</li>
 * <li>a usable (finite, non-zero) slope with a non-finite scl_inter: refused (nibabel refuses it too:
 *     "valid slope but invalid intercept").</li>
 * </ul>
 *
 * <h2>Physical unit of the voxel values</h2>
 * NIfTI has no field for it. Ferrum writes {@code unit=<symbol>} as a {@code ;}-separated token of
 * {@code descrip} (e.g. {@code "unit=ppm"}), which coexists with dcm2niix's {@code TE=…;Time=…}
 * tokens; files without it are {@link PhysicalUnit#ARBITRARY}. The BIDS sidecar's {@code Units}
 * key may override this (see {@code org.ferrum.io.bids}).
 */
public final class NiftiHeader {

    /** NIfTI-1 header size (sizeof_hdr) in bytes. */
    public static final int NIFTI1_SIZE = 348;
    /** NIfTI-2 header size (sizeof_hdr) in bytes. */
    public static final int NIFTI2_SIZE = 540;

    static final byte[] MAGIC1 = {'n', '+', '1', 0};
    static final byte[] MAGIC2 = {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'};

    /** xyzt_units codes (nifti1.h, "UNITS OF SPATIAL AND TEMPORAL DIMENSIONS"). */
    static final int UNITS_METER = 1, UNITS_MM = 2, UNITS_MICRON = 3, UNITS_SEC = 8;
    /** NIFTI_XFORM_SCANNER_ANAT: coordinates from the scanner's patient frame, which is what a DICOM LPS geometry is. */
    static final int XFORM_SCANNER_ANAT = 1;

    final int version;
    final ByteOrder byteOrder;
    final long[] dim;
    final int datatypeCode;
    final int bitpix;
    final double[] pixdim;
    final long voxOffset;
    final double sclSlope;
    final double sclInter;
    final int xyztUnits;
    final int qformCode;
    final int sformCode;
    final double[] quatern;
    final double[] srow;
    final int intentCode;
    final String intentName;
    final String descrip;

    private final Geometry geometry;
    private final String geometrySource;

    NiftiHeader(
            int version,
            ByteOrder byteOrder,
            long[] dim,
            int datatypeCode,
            int bitpix,
            double[] pixdim,
            long voxOffset,
            double sclSlope,
            double sclInter,
            int xyztUnits,
            int qformCode,
            int sformCode,
            double[] quatern,
            double[] srow,
            int intentCode,
            String intentName,
            String descrip,
            Path file)
            throws VolumeFormatException {
        this.version = version;
        this.byteOrder = byteOrder;
        this.dim = dim;
        this.datatypeCode = datatypeCode;
        this.bitpix = bitpix;
        this.pixdim = pixdim;
        this.voxOffset = voxOffset;
        this.sclSlope = sclSlope;
        this.sclInter = sclInter;
        this.xyztUnits = xyztUnits;
        this.qformCode = qformCode;
        this.sformCode = sformCode;
        this.quatern = quatern;
        this.srow = srow;
        this.intentCode = intentCode;
        this.intentName = intentName;
        this.descrip = descrip;
        checkDimensions(file);
        checkDatatype(file);
        checkScaling(file);
        String[] source = new String[1];
        this.geometry = chooseGeometry(file, source);
        this.geometrySource = source[0];
    }

    /**
     * Parses a header from its first bytes (at least 348 for NIfTI-1, 540 for NIfTI-2; the buffer's
     * position and order are ignored). The version and byte order follow from sizeof_hdr, which is 348
     * or 540 in exactly one byte order (nifti1.h/nifti2.h: this is how readers detect byte swapping).
     *
     * @param available how many bytes the file holds at least (for the message when it is too short)
     * @throws VolumeFormatException naming {@code file} and the first problem found
     */
    static NiftiHeader parse(ByteBuffer bytes, int available, Path file) throws VolumeFormatException {
        if (available < 4) {
            throw new VolumeFormatException(file, "file is " + available + " bytes, too short for a NIfTI header");
        }
        ByteBuffer h = bytes.duplicate();
        int version = 0;
        ByteOrder order = null;
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int size = h.order(o).getInt(0);
            if (size == NIFTI1_SIZE || size == NIFTI2_SIZE) {
                version = size == NIFTI1_SIZE ? 1 : 2;
                order = o;
                break;
            }
        }
        if (version == 0) {
            throw new VolumeFormatException(
                    file,
                    "not a NIfTI file: sizeof_hdr is "
                            + h.order(ByteOrder.LITTLE_ENDIAN).getInt(0)
                            + " (expected 348 for NIfTI-1 or 540 for NIfTI-2, in either byte order)");
        }
        int size = version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
        if (available < size) {
            throw new VolumeFormatException(
                    file,
                    "file is " + available + " bytes, shorter than a NIfTI-" + version + " header (" + size
                            + " bytes)");
        }
        h.order(order);
        checkMagic(h, version, file);
        long[] dim = new long[8];
        for (int n = 0; n < 8; n++) {
            dim[n] = NiftiField.DIM.integer(h, version, n);
        }
        double[] pixdim = NiftiField.PIXDIM.reals(h, version);
        double voxOffsetValue = NiftiField.VOX_OFFSET.real(h, version, 0);
        long voxOffset = (long) voxOffsetValue;
        if (!(voxOffsetValue >= 0) || voxOffsetValue != Math.rint(voxOffsetValue)) {
            throw new VolumeFormatException(
                    file, "vox_offset " + voxOffsetValue + " is not a non-negative whole number of bytes");
        }
        if (voxOffset == 0) {
            voxOffset =
                    size + 4; // nifti1.h: data of a single .nii file start at vox_offset ≥ 352; some writers leave 0
        } else if (voxOffset < size + 4) {
            throw new VolumeFormatException(
                    file,
                    "vox_offset " + voxOffset + " points into the header (the data of a NIfTI-" + version
                            + " .nii file start at " + (size + 4) + " or later)");
        }
        return new NiftiHeader(
                version,
                order,
                dim,
                (int) NiftiField.DATATYPE.integer(h, version, 0),
                (int) NiftiField.BITPIX.integer(h, version, 0),
                pixdim,
                voxOffset,
                NiftiField.SCL_SLOPE.real(h, version, 0),
                NiftiField.SCL_INTER.real(h, version, 0),
                (int) NiftiField.XYZT_UNITS.integer(h, version, 0),
                (int) NiftiField.QFORM_CODE.integer(h, version, 0),
                (int) NiftiField.SFORM_CODE.integer(h, version, 0),
                NiftiField.QUATERN.reals(h, version),
                NiftiField.SROW.reals(h, version),
                (int) NiftiField.INTENT_CODE.integer(h, version, 0),
                NiftiField.INTENT_NAME.text(h, version),
                NiftiField.DESCRIP.text(h, version),
                file);
    }

    private static void checkMagic(ByteBuffer h, int version, Path file) throws VolumeFormatException {
        byte[] expected = version == 1 ? MAGIC1 : MAGIC2;
        int at = version == 1 ? 344 : 4;
        byte[] actual = new byte[expected.length];
        h.get(at, actual);
        if (Arrays.equals(actual, expected)) {
            return;
        }
        if (actual[0] == 'n' && actual[1] == 'i' && actual[2] == (version == 1 ? '1' : '2')) {
            throw new VolumeFormatException(
                    file,
                    "magic 'ni" + version + "' marks a two-file .hdr/.img pair, which is not supported; "
                            + "convert it to a single .nii file");
        }
        throw new VolumeFormatException(
                file,
                "wrong magic '" + printable(actual) + "' for a NIfTI-" + version + " header (expected 'n+" + version
                        + "')");
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return sb.toString();
    }

    private void checkDimensions(Path file) throws VolumeFormatException {
        long n = dim[0];
        if (n < 1 || n > 7) {
            throw new VolumeFormatException(file, "dim[0] = " + n + " is not a number of dimensions between 1 and 7");
        }
        long voxels = 1;
        for (int d = 1; d <= n; d++) {
            if (dim[d] < 1) {
                throw new VolumeFormatException(file, "dim[" + d + "] = " + dim[d] + " is not a positive size");
            }
            if (d > 4 && dim[d] != 1 && !(d == 5 && isVectorField())) {
                throw new VolumeFormatException(
                        file,
                        "dim[" + d + "] = " + dim[d] + ": images with more than 4 dimensions are not supported "
                                + "(except one vector per voxel: dim[4] = 1, dim[5] = components, as ITK/ANTs write "
                                + "displacement fields)");
            }
            if (voxels > Long.MAX_VALUE / dim[d]) {
                throw new VolumeFormatException(
                        file, "dimensions " + dimensionText() + " overflow a 64-bit voxel count");
            }
            voxels *= dim[d];
        }
        for (int d = 1; d <= Math.min(n, 3); d++) {
            if (!Double.isFinite(pixdim[d])) {
                throw new VolumeFormatException(
                        file, "pixdim[" + d + "] = " + pixdim[d] + " is not a finite voxel size");
            }
        }
        if (!Double.isFinite(pixdim[0])) {
            throw new VolumeFormatException(file, "pixdim[0] (qfac) = " + pixdim[0] + " is not finite");
        }
    }

    private void checkDatatype(Path file) throws VolumeFormatException {
        NiftiDatatype t = NiftiDatatype.ofCode(datatypeCode);
        if (t == null) {
            throw new VolumeFormatException(file, "unsupported datatype " + NiftiDatatype.describe(datatypeCode));
        }
        if (bitpix != t.bitpix()) {
            throw new VolumeFormatException(
                    file, "bitpix " + bitpix + " does not match datatype " + t + " (" + t.bitpix() + " bits)");
        }
    }

    private void checkScaling(Path file) throws VolumeFormatException {
        if (datatype().isColour()) {
            return; // nifti1.h: scaling is ignored for RGB
        }
        if (Double.isInfinite(sclSlope)) {
            throw new VolumeFormatException(
                    file,
                    "scl_slope = " + sclSlope + " is not a usable scale factor (finite, or 0 for"
                            + " no scaling, nifti1.h \"DATA SCALING\")");
        }
        if (sclSlope != 0 && Double.isFinite(sclSlope) && !Double.isFinite(sclInter)) {
            throw new VolumeFormatException(
                    file,
                    "scl_inter = " + sclInter + " with scl_slope = " + sclSlope
                            + ": a scaled image needs a finite intercept");
        }
    }

    /**
     * What a reader should tell the user about this header although it reads (see "Scaling" in the
     * class comment): one line each, without the file name; empty for most files.
     */
    public java.util.List<String> warnings() {
        if (Double.isNaN(sclSlope) && !datatype().isColour() && datatype().isInteger()) {
            return java.util.List.of(
                    "scl_slope is NaN: read as unscaled (stored " + datatype() + " values), as nifti1_io and"
                            + " nibabel do; if this image was meant to be scaled, every value is off by the lost slope");
        }
        return java.util.List.of();
    }

    private Geometry chooseGeometry(Path file, String[] source) throws VolumeFormatException {
        double[] ras;
        if (sformCode > 0) {
            source[0] = "sform";
            ras = sformRasAffine();
        } else if (qformCode > 0) {
            source[0] = "qform";
            requirePositiveSpacing(file, "qform");
            try {
                ras = qform().rasAffine();
            } catch (IllegalArgumentException e) {
                throw new VolumeFormatException(file, "invalid qform: " + e.getMessage(), e);
            }
        } else {
            source[0] = "pixdim (no qform or sform)";
            requirePositiveSpacing(file, "pixdim (no qform or sform is set)");
            ras = method1RasAffine();
        }
        double toMm = spatialUnitInMm();
        for (int n = 0; n < 12; n++) {
            ras[n] *= toMm;
        }
        try {
            return Geometry.fromRas(ras);
        } catch (IllegalArgumentException e) {
            throw new VolumeFormatException(file, "invalid " + source[0] + " affine: " + e.getMessage(), e);
        }
    }

    private void requirePositiveSpacing(Path file, String what) throws VolumeFormatException {
        for (int d = 1; d <= 3; d++) {
            if (!(pixdim[d] > 0)) {
                throw new VolumeFormatException(
                        file,
                        "pixdim[" + d + "] = " + pixdim[d] + " is not a positive voxel size, "
                                + "and the geometry comes from " + what);
            }
        }
    }

    // ---- derived values -------------------------------------------------------------------------

    /** 1 or 2. */
    public int version() {
        return version;
    }

    /** The byte order of the header and data. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** dim[0..7] as stored (a copy). */
    public long[] dim() {
        return dim.clone();
    }

    /** pixdim[0..7] as stored (a copy). */
    public double[] pixdim() {
        return pixdim.clone();
    }

    /** The datatype (always supported: unsupported codes fail parsing). */
    public NiftiDatatype datatype() {
        return NiftiDatatype.ofCode(datatypeCode);
    }

    /** Byte offset of the first voxel (after the header and any extensions). */
    public long voxOffset() {
        return voxOffset;
    }

    /**
     * The dimensions of the image as a volume: 3-D for dim[0] ≤ 3 (missing sizes are 1), 4-D for
     * dim[0] ≥ 4 (sizes beyond the fourth are 1 by the checks on parsing).
     */
    public long[] imageDimensions() {
        long[] d = new long[dim[0] >= 4 ? 4 : 3];
        for (int n = 0; n < d.length; n++) {
            d[n] = n + 1 <= dim[0] ? dim[n + 1] : 1;
        }
        if (isVectorField()) {
            d[3] = dim[5]; // x, y, z, t = 1, c: the same bytes as x, y, z, c
        }
        return d;
    }

    /**
     * Whether this is one vector per voxel laid out as ITK and ANTs write displacement fields: dim[0] = 5, dim[4] = 1
     * (no time), dim[5] = number of components (NIfTI-1 §"dim[5]": the vector dimension; intent usually
     * NIFTI_INTENT_VECTOR 1007 or NIFTI_INTENT_DISPVECT 1006). Such an image is read as 4-D x, y, z, component.
     */
    public boolean isVectorField() {
        return dim[0] == 5 && dim[4] == 1 && dim[5] > 1;
    }

    /** Number of voxels. */
    public long voxelCount() {
        long n = 1;
        for (long d : imageDimensions()) {
            n *= d;
        }
        return n;
    }

    /** Bytes of voxel data. */
    public long dataBytes() {
        return voxelCount() * datatype().bytesPerVoxel();
    }

    /** The slope to apply (1 when the header says no scaling; see the class comment). */
    public double slope() {
        return scales() ? sclSlope : 1;
    }

    /** The intercept to apply (0 when the header says no scaling). */
    public double intercept() {
        return scales() && Double.isFinite(sclInter) ? sclInter : 0;
    }

    private boolean scales() {
        return sclSlope != 0 && Double.isFinite(sclSlope) && !datatype().isColour();
    }

    /** qform_code (0: unset). */
    public int qformCode() {
        return qformCode;
    }

    /** sform_code (0: unset). */
    public int sformCode() {
        return sformCode;
    }

    /** The geometry chosen by the precedence in the class comment, in LPS mm. */
    public Geometry geometry() {
        return geometry;
    }

    /** Which transform {@link #geometry()} comes from: "sform", "qform" or "pixdim (no qform or sform)". */
    public String geometrySource() {
        return geometrySource;
    }

    /** The qform's voxel→RAS affine as stored (method 2), in the file's spatial unit. */
    public double[] qformRasAffine() {
        return qform().rasAffine();
    }

    /** The sform's voxel→RAS affine as stored (method 3), in the file's spatial unit. */
    public double[] sformRasAffine() {
        double[] m = new double[16];
        System.arraycopy(srow, 0, m, 0, 12);
        m[15] = 1;
        return m;
    }

    /** Method 1: diag(pixdim[1], pixdim[2], pixdim[3]) and no offset. */
    public double[] method1RasAffine() {
        return new double[] {pixdim[1], 0, 0, 0, 0, pixdim[2], 0, 0, 0, 0, pixdim[3], 0, 0, 0, 0, 1};
    }

    Qform qform() {
        return new Qform(
                quatern[0],
                quatern[1],
                quatern[2],
                new double[] {quatern[3], quatern[4], quatern[5]},
                new double[] {pixdim[1], pixdim[2], pixdim[3]},
                pixdim[0] < 0 ? -1 : 1);
    }

    /** Millimetres per unit of the header's spatial unit (xyzt_units bits 0–2); 1 when unset. */
    public double spatialUnitInMm() {
        return switch (xyztUnits & 0x07) {
            case UNITS_METER -> 1000.0;
            case UNITS_MICRON -> 0.001;
            default -> 1.0;
        };
    }

    /** The descrip field (up to 79 characters). */
    public String descrip() {
        return descrip;
    }

    /** intent_code. */
    public int intentCode() {
        return intentCode;
    }

    /** intent_name. */
    public String intentName() {
        return intentName;
    }

    /** The voxel values' unit from a {@code unit=<symbol>} token of descrip, if present and known. */
    public Optional<PhysicalUnit> unit() {
        for (String token : descrip.split(";")) {
            String t = token.trim();
            if (t.regionMatches(true, 0, "unit=", 0, 5)) {
                try {
                    return Optional.of(PhysicalUnit.parse(t.substring(5)));
                } catch (IllegalArgumentException unknown) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The descrip token that records a unit. */
    static String unitToken(PhysicalUnit unit) {
        return "unit=" + unit.symbol();
    }

    /** E.g. "51×51×41×3". */
    public String dimensionText() {
        StringBuilder sb = new StringBuilder();
        long n = Math.max(1, Math.min(dim[0], 7));
        for (int d = 1; d <= n; d++) {
            sb.append(d > 1 ? "×" : "").append(dim[d]);
        }
        return sb.toString();
    }

    /** The header's bytes (sizeof_hdr bytes plus the 4-byte extension flag, all zero), in its byte order. */
    ByteBuffer encode() {
        int size = version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
        ByteBuffer h = ByteBuffer.allocate(size + 4).order(byteOrder);
        NiftiField.SIZEOF_HDR.put(h, version, 0, size);
        NiftiField.MAGIC.putBytes(h, version, version == 1 ? MAGIC1 : MAGIC2);
        for (int n = 0; n < 8; n++) {
            NiftiField.DIM.put(h, version, n, dim[n]);
            NiftiField.PIXDIM.put(h, version, n, pixdim[n]);
        }
        NiftiField.DATATYPE.put(h, version, 0, datatypeCode);
        NiftiField.BITPIX.put(h, version, 0, bitpix);
        NiftiField.VOX_OFFSET.put(h, version, 0, voxOffset);
        NiftiField.SCL_SLOPE.put(h, version, 0, sclSlope);
        NiftiField.SCL_INTER.put(h, version, 0, sclInter);
        NiftiField.XYZT_UNITS.put(h, version, 0, xyztUnits);
        NiftiField.QFORM_CODE.put(h, version, 0, qformCode);
        NiftiField.SFORM_CODE.put(h, version, 0, sformCode);
        for (int n = 0; n < 6; n++) {
            NiftiField.QUATERN.put(h, version, n, quatern[n]);
        }
        for (int n = 0; n < 12; n++) {
            NiftiField.SROW.put(h, version, n, srow[n]);
        }
        NiftiField.INTENT_CODE.put(h, version, 0, intentCode);
        NiftiField.INTENT_NAME.putText(h, version, intentName);
        NiftiField.DESCRIP.putText(h, version, descrip);
        if (version == 1) {
            h.put(38, (byte) 'r'); // "regular": ANALYZE 7.5 readers expect 'r' (nifti1.h, unused field)
        }
        return h;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "NIfTI-%d %s %s %s, slope %s, intercept %s, geometry from %s: %s",
                version,
                byteOrder == ByteOrder.LITTLE_ENDIAN ? "LE" : "BE",
                dimensionText(),
                datatype(),
                slope(),
                intercept(),
                geometrySource,
                geometry);
    }
}
