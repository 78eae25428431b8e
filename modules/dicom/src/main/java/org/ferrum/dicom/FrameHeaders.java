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
package org.ferrum.dicom;

import static org.ferrum.dicom.FrameTags.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads the {@link FrameHeader}s of one file's data set: classic single-frame images, enhanced multi-frame
 * objects (per-frame and shared functional groups, PS3.3 C.7.6.16) and Siemens mosaics (CSA header).
 */
final class FrameHeaders {

    /** GE pulse sequence names of direct field maps (dcm2niix issues #501 and PR #741, GE's description). */
    private static final List<String> GE_FIELD_MAP_SEQUENCES = List.of("b0map", "b0rf", "3db0map");

    private FrameHeaders() {}

    /** One file's series identity and images. */
    record FileHeaders(DicomSeries.Identity identity, List<FrameHeader> frames) {}

    static FileHeaders read(Path file, DicomDataset ds) throws DicomFormatException {
        String seriesUid = ds.string(SERIES_INSTANCE_UID)
                .orElseThrow(() ->
                        new NotAnImageException(file, "no SeriesInstanceUID (0020,000E): not an image of a series"));
        OptionalInt rowsAttr = ds.integer(ROWS), colsAttr = ds.integer(COLUMNS);
        if (rowsAttr.isEmpty() || colsAttr.isEmpty()) {
            throw new NotAnImageException(file, "no Rows (0028,0010) / Columns (0028,0011): not an image");
        }
        int rows = rowsAttr.getAsInt(), cols = colsAttr.getAsInt();
        if (rows <= 0 || cols <= 0) {
            throw new DicomFormatException(file, "image size " + cols + "×" + rows + " is not positive");
        }
        String manufacturer = ds.string(MANUFACTURER).orElse("");
        PhaseScaling.Vendor vendor = PhaseScaling.Vendor.of(manufacturer);
        List<String> imageType = upper(ds.strings(IMAGE_TYPE));
        DicomSeries.Identity id = new DicomSeries.Identity(
                ds.string(PATIENT_NAME).orElse(""),
                ds.string(PATIENT_ID).orElse(""),
                ds.string(STUDY_INSTANCE_UID).orElse(""),
                ds.string(STUDY_DATE).orElse(""),
                ds.string(STUDY_DESCRIPTION).orElse(""),
                seriesUid,
                ds.integer(SERIES_NUMBER).orElse(0),
                ds.string(SERIES_DESCRIPTION).orElse(""),
                ds.string(MODALITY).orElse(""),
                manufacturer,
                ds.string(PROTOCOL_NAME).orElse(""),
                ds.number(MAGNETIC_FIELD_STRENGTH).orElse(Double.NaN),
                imageType);

        int bits = ds.integer(BITS_STORED).orElse(16);
        boolean signed = ds.integer(PIXEL_REPRESENTATION).orElse(0) == 1;
        double storedMin = signed ? -Math.pow(2, bits - 1) : 0;
        double storedMax = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
        OptionalDouble smallest = hint(ds, SMALLEST_IMAGE_PIXEL_VALUE, Binary.SS),
                largest = hint(ds, LARGEST_IMAGE_PIXEL_VALUE, Binary.SS);
        if (smallest.isPresent() && largest.isPresent() && smallest.getAsDouble() <= largest.getAsDouble()) {
            storedMin = smallest.getAsDouble();
            storedMax = largest.getAsDouble();
        }
        int instance = ds.integer(INSTANCE_NUMBER).orElse(0);
        double philipsSs = hint(ds, PHILIPS_SCALE_SLOPE, Binary.FL).orElse(Double.NaN);

        List<FrameHeader> out = new ArrayList<>();
        if (ds.contains(PER_FRAME_FUNCTIONAL_GROUPS)) {
            List<DicomDataset> perFrame = ds.sequence(PER_FRAME_FUNCTIONAL_GROUPS);
            List<DicomDataset> sharedItems = ds.sequence(SHARED_FUNCTIONAL_GROUPS);
            DicomDataset shared = sharedItems.isEmpty() ? null : sharedItems.get(0);
            int n = ds.integer(NUMBER_OF_FRAMES).orElse(perFrame.size());
            if (perFrame.size() != n) {
                throw new DicomFormatException(
                        file,
                        "NumberOfFrames (0028,0008) is " + n
                                + " but the Per-frame Functional Groups Sequence (5200,9230) has " + perFrame.size()
                                + " items");
            }
            for (int f = 0; f < n; f++) {
                DicomDataset pf = perFrame.get(f);
                DicomDataset pos = group(pf, shared, PLANE_POSITION_SEQUENCE);
                DicomDataset ori = group(pf, shared, PLANE_ORIENTATION_SEQUENCE);
                DicomDataset meas = group(pf, shared, PIXEL_MEASURES_SEQUENCE);
                DicomDataset pvt = group(pf, shared, PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
                DicomDataset echo = group(pf, shared, MR_ECHO_SEQUENCE);
                DicomDataset content = group(pf, shared, FRAME_CONTENT_SEQUENCE);
                DicomDataset frameType = group(pf, shared, MR_IMAGE_FRAME_TYPE_SEQUENCE);
                DicomDataset rwv = group(pf, shared, REAL_WORLD_VALUE_MAPPING_SEQUENCE);
                DicomDataset philipsPrivate = group(pf, null, PHILIPS_PRIVATE_FRAME_SEQUENCE);
                DicomDataset diffusion = group(pf, shared, DiffusionTags.MR_DIFFUSION_SEQUENCE);
                double[] dw = diffusion == null ? DiffusionTags.NONE : DiffusionTags.standard(file, diffusion);
                double[] spacing = meas == null ? null : vector(file, meas, PIXEL_SPACING, 2);
                double rs = pvt == null
                        ? ds.number(RESCALE_SLOPE).orElse(1)
                        : pvt.number(RESCALE_SLOPE).orElse(1);
                double ri = pvt == null
                        ? ds.number(RESCALE_INTERCEPT).orElse(0)
                        : pvt.number(RESCALE_INTERCEPT).orElse(0);
                double ss = philipsPrivate != null
                        ? hint(philipsPrivate, PHILIPS_SCALE_SLOPE, Binary.FL).orElse(philipsSs)
                        : philipsSs;
                PhaseScaling.StoredScaling st = scaling(rs, ri, rwv, ss, storedMin, storedMax);
                List<String> ft = frameType == null ? imageType : upper(frameType.strings(FRAME_TYPE));
                String complex = frameType == null
                        ? ""
                        : frameType.string(COMPLEX_IMAGE_COMPONENT).orElse("").toUpperCase(Locale.ROOT);
                ImageKind kind = kind(ft, complex, ds, imageType);
                double te = echo == null
                        ? ds.number(ECHO_TIME).orElse(Double.NaN)
                        : echo.number(EFFECTIVE_ECHO_TIME).orElse(Double.NaN);
                int echoNumber = philipsPrivate != null
                        ? philipsPrivate.integer(ECHO_NUMBERS).orElse(0)
                        : 0;
                int temporal = content == null
                        ? 0
                        : content.integer(TEMPORAL_POSITION_INDEX).orElse(0);
                double sliceSpacing = meas == null
                        ? Double.NaN
                        : meas.number(SPACING_BETWEEN_SLICES).orElse(Double.NaN);
                double thickness =
                        meas == null ? Double.NaN : meas.number(SLICE_THICKNESS).orElse(Double.NaN);
                out.add(new FrameHeader(
                        file,
                        f,
                        -1,
                        cols,
                        rows,
                        cols,
                        pos == null ? null : vector(file, pos, IMAGE_POSITION_PATIENT, 3),
                        ori == null ? null : vector(file, ori, IMAGE_ORIENTATION_PATIENT, 6),
                        spacing == null ? Double.NaN : spacing[0],
                        spacing == null ? Double.NaN : spacing[1],
                        null,
                        sliceSpacing,
                        thickness,
                        echoNumber,
                        te,
                        kind,
                        vendor,
                        st,
                        instance,
                        temporal,
                        Double.NaN,
                        false,
                        dw[0],
                        DiffusionTags.direction(dw)));
            }
            return new FileHeaders(id, out);
        }

        double[] position = vector(file, ds, IMAGE_POSITION_PATIENT, 3);
        double[] orientation = vector(file, ds, IMAGE_ORIENTATION_PATIENT, 6);
        double[] spacing = vector(file, ds, PIXEL_SPACING, 2);
        DicomDataset rwv = first(ds.sequence(REAL_WORLD_VALUE_MAPPING_SEQUENCE));
        PhaseScaling.StoredScaling st = scaling(
                ds.number(RESCALE_SLOPE).orElse(1),
                ds.number(RESCALE_INTERCEPT).orElse(0),
                rwv,
                philipsSs,
                storedMin,
                storedMax);
        ImageKind kind = kind(imageType, "", ds, imageType);
        boolean geFieldMap = vendor == PhaseScaling.Vendor.GE
                && GE_FIELD_MAP_SEQUENCES.contains(
                        ds.string(GE_PULSE_SEQUENCE_NAME).orElse("").toLowerCase(Locale.ROOT));
        int echoNumber = ds.integer(ECHO_NUMBERS).orElse(0);
        double te = ds.number(ECHO_TIME).orElse(Double.NaN);
        int temporal = ds.integer(TEMPORAL_POSITION_IDENTIFIER).orElse(0);
        double time = seconds(ds.string(ACQUISITION_TIME).orElse(""));
        double sliceSpacing = ds.number(SPACING_BETWEEN_SLICES).orElse(Double.NaN);
        double thickness = ds.number(SLICE_THICKNESS).orElse(Double.NaN);
        double rowSp = spacing == null ? Double.NaN : spacing[0], colSp = spacing == null ? Double.NaN : spacing[1];
        double[] dw = DiffusionTags.classic(file, ds, vendor, orientation);

        if (imageType.contains("MOSAIC")) {
            int images = mosaicImages(file, ds);
            int perSide = (int) Math.ceil(Math.sqrt(images));
            if (rows % perSide != 0 || cols % perSide != 0) {
                throw new DicomFormatException(
                        file,
                        "mosaic of " + images + " images in a " + perSide + "×" + perSide + " grid does not divide the "
                                + cols + "×" + rows + " frame");
            }
            int tr = rows / perSide, tc = cols / perSide;
            double[] normal = null;
            byte[] csaBytes = ds.bytes(SIEMENS_CSA_IMAGE_HEADER).orElse(null);
            if (csaBytes != null) {
                try {
                    double[] v = SiemensCsaHeader.parse(csaBytes).numbers("SliceNormalVector");
                    if (v.length == 3) {
                        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                        if (len > 0) {
                            normal = new double[] {v[0] / len, v[1] / len, v[2] / len};
                        }
                    }
                } catch (IllegalArgumentException e) {
                    throw new DicomFormatException(file, "Siemens CSA image header (0029,1010): " + e.getMessage());
                }
            }
            for (int k = 0; k < images; k++) {
                double[] p = null;
                if (position != null && orientation != null && spacing != null) {
                    p = Mosaic.tilePosition(
                            position,
                            orientation,
                            rowSp,
                            colSp,
                            rows,
                            cols,
                            tr,
                            tc,
                            normal != null ? normal : null,
                            Double.isFinite(sliceSpacing) ? sliceSpacing : thickness,
                            k);
                }
                out.add(new FrameHeader(
                        file,
                        0,
                        k,
                        cols,
                        tr,
                        tc,
                        p,
                        orientation,
                        rowSp,
                        colSp,
                        normal,
                        sliceSpacing,
                        thickness,
                        echoNumber,
                        te,
                        kind,
                        vendor,
                        st,
                        instance,
                        temporal,
                        time,
                        false,
                        dw[0],
                        DiffusionTags.direction(dw)));
            }
            return new FileHeaders(id, out);
        }
        int frames = ds.integer(NUMBER_OF_FRAMES).orElse(1);
        checkFramesFit(file, ds, frames, rows, cols);
        for (int f = 0; f < Math.max(1, frames); f++) {
            out.add(new FrameHeader(
                    file,
                    f,
                    -1,
                    cols,
                    rows,
                    cols,
                    position,
                    orientation,
                    rowSp,
                    colSp,
                    null,
                    sliceSpacing,
                    thickness,
                    echoNumber,
                    te,
                    kind,
                    vendor,
                    st,
                    instance,
                    temporal,
                    time,
                    geFieldMap,
                    dw[0],
                    DiffusionTags.direction(dw)));
        }
        return new FileHeaders(id, out);
    }

    /**
     * Refuses a NumberOfFrames that the pixel data cannot hold before a header is made per frame (a 10 kB file
     * claiming 2³¹ − 1 frames): native frames need Rows × Columns × SamplesPerPixel × BitsAllocated / 8 bytes
     * each, encapsulated ones at least an 8-byte item (PS3.5 §A.4). Checked when the data set knows how many
     * bytes its pixel data can hold ({@link ParsedDataset#pixelDataBytesBound()}).
     */
    static void checkFramesFit(Path file, DicomDataset ds, int frames, int rows, int cols) throws DicomFormatException {
        if (frames <= 1 || !(ds instanceof ParsedDataset p)) {
            return;
        }
        long bytes = p.pixelDataBytesBound();
        if (bytes < 0) {
            return;
        }
        long perFrame;
        String what;
        if (p.pixelDataEncapsulated()) {
            perFrame = 8;
            what = "encapsulated frame(s) of at least one 8-byte item";
        } else {
            long spp = Math.max(1, ds.integer(Tags.SamplesPerPixel).orElse(1));
            long bits = Math.max(1, ds.integer(Tags.BitsAllocated).orElse(1));
            perFrame = Math.max(1, (long) rows * cols * spp * bits / 8);
            what = "frame(s) of " + perFrame + " bytes";
        }
        if (frames > bytes / perFrame) {
            throw new DicomFormatException(
                    file,
                    Tags.format(Tags.NumberOfFrames) + " is " + frames + " but the " + bytes
                            + " bytes of pixel data hold at most " + bytes / perFrame + " " + what);
        }
    }

    /** More images than any mosaic holds (Siemens mosaics hold at most a few hundred slices). */
    private static final int MAX_MOSAIC_IMAGES = 4096;

    private static int mosaicImages(Path file, DicomDataset ds) throws DicomFormatException {
        byte[] csa = ds.bytes(SIEMENS_CSA_IMAGE_HEADER).orElse(null);
        if (csa != null) {
            try {
                OptionalInt n = SiemensCsaHeader.parse(csa).integer("NumberOfImagesInMosaic");
                if (n.isPresent() && n.getAsInt() > MAX_MOSAIC_IMAGES) {
                    throw new DicomFormatException(
                            file,
                            "Siemens CSA image header (0029,1010): NumberOfImagesInMosaic is " + n.getAsInt()
                                    + ", more than the " + MAX_MOSAIC_IMAGES + " a mosaic can hold");
                }
                if (n.isPresent() && n.getAsInt() > 0) {
                    return n.getAsInt();
                }
            } catch (IllegalArgumentException e) {
                throw new DicomFormatException(file, "Siemens CSA image header (0029,1010): " + e.getMessage());
            }
        }
        OptionalDouble n = hint(ds, SIEMENS_NUMBER_OF_IMAGES_IN_MOSAIC, Binary.US);
        if (n.isPresent() && n.getAsDouble() >= 1 && n.getAsDouble() <= MAX_MOSAIC_IMAGES) {
            return (int) n.getAsDouble();
        }
        throw new DicomFormatException(
                file,
                "Image Type says MOSAIC but neither the CSA header (0029,1010) nor (0019,100A) gives NumberOfImagesInMosaic");
    }

    private static PhaseScaling.StoredScaling scaling(
            double rs, double ri, DicomDataset rwv, double ss, double min, double max) throws DicomFormatException {
        double rwvSlope = Double.NaN, rwvIntercept = Double.NaN;
        String unit = null;
        if (rwv != null) {
            rwvSlope = rwv.number(RWV_SLOPE).orElse(Double.NaN);
            rwvIntercept = rwv.number(RWV_INTERCEPT).orElse(Double.NaN);
            DicomDataset code = first(rwv.sequence(MEASUREMENT_UNITS_CODE_SEQUENCE));
            unit = code == null ? null : code.string(CODE_VALUE).orElse(null);
        }
        if (rs == 0 || !Double.isFinite(rs)) {
            rs = 1;
        }
        return new PhaseScaling.StoredScaling(
                rs, Double.isFinite(ri) ? ri : 0, rwvSlope, rwvIntercept, unit, ss, min, max);
    }

    /** The kind of an image: see {@link ImageKind} for the order of the rules. */
    static ImageKind kind(List<String> types, String complexComponent, DicomDataset ds, List<String> imageType)
            throws DicomFormatException {
        for (String t : types) {
            if (t.equals("FIELD_MAP") || t.equals("B0") || t.equals("B0 MAP") || t.equals("FIELDMAPHZ")) {
                return ImageKind.FIELD_MAP;
            }
        }
        switch (complexComponent) {
            case "MAGNITUDE":
                return ImageKind.MAGNITUDE;
            case "PHASE":
                return ImageKind.PHASE;
            case "REAL":
                return ImageKind.REAL;
            case "IMAGINARY":
                return ImageKind.IMAGINARY;
            default:
                break;
        }
        for (int i = 2; i < types.size(); i++) {
            switch (types.get(i)) {
                case "P", "PHASE":
                    return ImageKind.PHASE;
                case "R", "REAL":
                    return ImageKind.REAL;
                case "I", "IMAGINARY":
                    return ImageKind.IMAGINARY;
                case "M", "MAGNITUDE":
                    return ImageKind.MAGNITUDE;
                default:
                    break;
            }
        }
        OptionalDouble ge = hint(ds, GE_IMAGE_TYPE, Binary.SS);
        if (ge.isPresent()) {
            switch ((int) ge.getAsDouble()) {
                case 0:
                    return ImageKind.MAGNITUDE;
                case 1:
                    return ImageKind.PHASE;
                case 2:
                    return ImageKind.REAL;
                case 3:
                    return ImageKind.IMAGINARY;
                default:
                    break;
            }
        }
        return !imageType.isEmpty() && imageType.get(0).equals("DERIVED") ? ImageKind.OTHER : ImageKind.MAGNITUDE;
    }

    /** How a private or optional binary attribute is encoded when an implicit-VR file leaves its VR unknown (UN). */
    enum Binary {
        SS,
        US,
        FL
    }

    /**
     * An optional attribute that only refines the result (smallest/largest pixel value, vendor private
     * numbers): its value, decoded from the raw little-endian bytes with the VR the vendor documents when
     * the file gives it as UN (implicit VR, private tag unknown to the dictionary), and empty when it is
     * malformed — a hint that cannot be read is ignored, not fatal.
     */
    static OptionalDouble hint(DicomDataset ds, int tag, Binary binary) {
        if (!ds.contains(tag)) {
            return OptionalDouble.empty();
        }
        try {
            if (ds.vr(tag).orElse(Vr.UN) != Vr.UN) {
                return ds.number(tag);
            }
        } catch (DicomFormatException e) {
            // fall through to the raw bytes
        }
        byte[] b = ds.bytes(tag).orElse(null);
        if (b == null) {
            return OptionalDouble.empty();
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return switch (binary) {
            case SS -> b.length == 2 ? OptionalDouble.of(bb.getShort(0)) : OptionalDouble.empty();
            case US -> b.length == 2 ? OptionalDouble.of(bb.getShort(0) & 0xFFFF) : OptionalDouble.empty();
            case FL ->
                b.length == 4 && Float.isFinite(bb.getFloat(0))
                        ? OptionalDouble.of(bb.getFloat(0))
                        : OptionalDouble.empty();
        };
    }

    private static DicomDataset group(DicomDataset perFrame, DicomDataset shared, int seq) throws DicomFormatException {
        DicomDataset d = first(perFrame.sequence(seq));
        if (d == null && shared != null) {
            d = first(shared.sequence(seq));
        }
        return d;
    }

    private static DicomDataset first(List<DicomDataset> items) {
        return items.isEmpty() ? null : items.get(0);
    }

    /** The attribute's values if it has exactly {@code n} finite ones; null if absent; an error if malformed. */
    private static double[] vector(Path file, DicomDataset ds, int tag, int n) throws DicomFormatException {
        if (!ds.contains(tag)) {
            return null;
        }
        double[] v = ds.numbers(tag);
        if (v.length == 0) {
            return null;
        }
        if (v.length != n) {
            throw new DicomFormatException(
                    file,
                    String.format(
                            Locale.ROOT,
                            "%s: (%04X,%04X) has %d values, expected %d",
                            ds.source(),
                            tag >>> 16,
                            tag & 0xFFFF,
                            v.length,
                            n));
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new DicomFormatException(
                        file,
                        String.format(
                                Locale.ROOT,
                                "%s: (%04X,%04X) has a non-finite value",
                                ds.source(),
                                tag >>> 16,
                                tag & 0xFFFF));
            }
        }
        return v;
    }

    private static List<String> upper(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String s : values) {
            out.add(s.trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /** A DICOM TM value (HHMMSS.FFFFFF, components optional from the right) in seconds of the day, or NaN. */
    static double seconds(String tm) {
        String t = tm.trim().replace(":", "");
        if (t.length() < 2) {
            return Double.NaN;
        }
        try {
            double h = Integer.parseInt(t.substring(0, 2));
            double m = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
            double s = t.length() > 4 ? Double.parseDouble(t.substring(4)) : 0;
            return h * 3600 + m * 60 + s;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
