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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;

/**
 * Exports a derived quantitative map (χ in ppm, R2* in 1/s, PDFF in %, LIC in mg Fe/g dry weight, …) as a
 * DICOM series that PACS, viewers, dcm2niix and Ferrum's own reader accept.
 *
 * <h2>Which IOD, and why</h2>
 * Classic <b>MR Image Storage</b> (SOP class 1.2.840.10008.5.1.4.1.1.4, IOD PS3.3 A.4), one file per slice,
 * 16-bit signed stored values with a Rescale Slope/Intercept chosen once per series, and a <b>Real World
 * Value Mapping Sequence</b> (0040,9096; General Image module, macro PS3.3 C.7.6.16.2.11) carrying the same
 * linear mapping with the unit as a UCUM code ({@link UcumUnits}). Every PACS stores MR Image Storage and
 * every viewer displays it; Enhanced MR and Parametric Map (float pixels) are still refused or shown blank
 * by a good part of the installed base, and classic single-frame is the form both Ferrum's reader and
 * dcm2niix have handled longest. The cost is quantisation: 65 535 levels over the map's finite range,
 * i.e. an error of at most half a {@linkplain Result#slope() slope} (e.g. 1.5e-5 ppm for a χ range of
 * ±1 ppm), far below the noise of any QSM or relaxometry map.
 *
 * <h2>Values</h2>
 * Stored value {@code sv} ↔ physical value {@code v = sv · slope + intercept} (Rescale Slope/Intercept,
 * PS3.3 C.11.1.1.2; the RWV mapping states the same slope and intercept in FD precision). The slope and
 * intercept are written as DS (≤ 16 characters) and the stored values are computed from exactly the
 * numbers a reader parses back. The finite range {@code [min, max]} maps to about −32767…32767.
 * NaN and ±∞ voxels (outside a mask, failed fits) are stored as {@link #PADDING_VALUE} −32768 and declared
 * by Pixel Padding Value (0028,0120); that value is outside the RWV mapping's First/Last Value Mapped,
 * so a reader honouring either attribute sees "no value". Readers that ignore both (dcm2niix does)
 * see {@code −32768 · slope + intercept}, below the map's minimum.
 *
 * <h2>Identity and references</h2>
 * New Series and SOP Instance UIDs ({@link Uids#newUid()}). With a {@link SourceSeries}: patient and study
 * attributes, Study Instance UID and Frame of Reference UID are copied (the map lies in the source's
 * patient coordinate system, so viewers can link it with the source), acquisition attributes such as
 * Scanning Sequence and Magnetic Field Strength are copied, and each file lists the source instances it
 * was derived from in Source Image Sequence (0008,2112) and, as the Common Instance Reference module asks,
 * Referenced Series Sequence (0008,1115). A source instance is matched to a slice by its Image Position
 * along the slice normal (voxelwise maps such as R2* are derived slice by slice); when positions are not
 * known every source instance is referenced. Without a source, the patient is the clearly labelled
 * placeholder {@code FERRUM^ANONYMOUS} / {@code FERRUM-NO-SOURCE} in a new study.
 *
 * <h2>Geometry</h2>
 * Index axis i runs along the image rows (columns of the pixel matrix), j down the columns: Image
 * Orientation (Patient) = (direction of i, direction of j); Pixel Spacing = (spacing between rows = size
 * along j, spacing between columns = size along i) — PS3.3 C.7.6.2.1.1; Image Position (Patient) of slice
 * k = the centre of voxel (0, 0, k). The in-plane axes must be orthogonal (DICOM cannot say otherwise);
 * the slice axis may be oblique to them (readers use the positions). Slice Thickness and Spacing Between
 * Slices are the distance between slice planes.
 *
 * <p>Files are written one by one with {@link org.ferrum.io.AtomicFiles} into a folder that must be new
 * (or empty); if writing fails, the files written so far are removed again.
 */
public final class DerivedMapExport {

    /** Stored value of voxels without a value (NaN, ±∞): the one 16-bit signed value the mapping leaves out. */
    public static final int PADDING_VALUE = -32768;
    /** Largest magnitude of a stored value that carries a physical value. */
    public static final int STORED_LIMIT = 32767;

    // Tags (PS3.6) this class writes; package-visible for UcumUnits and the tests.
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int IMAGE_TYPE = 0x00080008;
    static final int INSTANCE_CREATION_DATE = 0x00080012;
    static final int INSTANCE_CREATION_TIME = 0x00080013;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int SERIES_DATE = 0x00080021;
    static final int CONTENT_DATE = 0x00080023;
    static final int STUDY_TIME = 0x00080030;
    static final int SERIES_TIME = 0x00080031;
    static final int CONTENT_TIME = 0x00080033;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int MANUFACTURER = 0x00080070;
    static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODING_SCHEME_VERSION = 0x00080103;
    static final int CODE_MEANING = 0x00080104;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
    static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    static final int REFERENCED_INSTANCE_SEQUENCE = 0x0008114A;
    static final int DERIVATION_DESCRIPTION = 0x00082111;
    static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int SCANNING_SEQUENCE = 0x00180020;
    static final int SEQUENCE_VARIANT = 0x00180021;
    static final int SCAN_OPTIONS = 0x00180022;
    static final int MR_ACQUISITION_TYPE = 0x00180023;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int REPETITION_TIME = 0x00180080;
    static final int ECHO_TIME = 0x00180081;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int ECHO_TRAIN_LENGTH = 0x00180091;
    static final int SOFTWARE_VERSIONS = 0x00181020;
    static final int PATIENT_POSITION = 0x00185100;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int STUDY_ID = 0x00200010;
    static final int SERIES_NUMBER = 0x00200011;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    static final int SLICE_LOCATION = 0x00201041;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int PIXEL_PADDING_VALUE = 0x00280120;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int RESCALE_TYPE = 0x00281054;
    static final int VOI_LUT_FUNCTION = 0x00281056;
    static final int WINDOW_CENTER_WIDTH_EXPLANATION = 0x00281055;
    static final int LUT_EXPLANATION = 0x00283003;
    static final int MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA;
    static final int REAL_WORLD_VALUE_MAPPING_SEQUENCE = 0x00409096;
    static final int LUT_LABEL = 0x00409210;
    static final int REAL_WORLD_VALUE_LAST_VALUE_MAPPED = 0x00409211;
    static final int REAL_WORLD_VALUE_FIRST_VALUE_MAPPED = 0x00409216;
    static final int REAL_WORLD_VALUE_INTERCEPT = 0x00409224;
    static final int REAL_WORLD_VALUE_SLOPE = 0x00409225;
    static final int PIXEL_DATA = 0x7FE00010;

    /**
     * Attributes copied from the source series when present: patient, study, frame of reference and the
     * acquisition facts that stay true of a map derived from it (PS3.3 C.7.1.1, C.7.2.1, C.7.2.2, C.7.4.1,
     * C.7.3.1, C.8.3.1). Echo Time is deliberately not copied: a multi-echo map has no single echo time.
     */
    private static final Object[][] COPIED = {
        {PATIENT_NAME, Vr.PN},
        {PATIENT_ID, Vr.LO},
        {0x00100021, Vr.LO},
        {PATIENT_BIRTH_DATE, Vr.DA},
        {PATIENT_SEX, Vr.CS},
        {0x00101010, Vr.AS},
        {0x00101020, Vr.DS},
        {0x00101030, Vr.DS},
        {0x00120062, Vr.CS},
        {0x00120063, Vr.LO},
        {STUDY_INSTANCE_UID, Vr.UI},
        {STUDY_DATE, Vr.DA},
        {STUDY_TIME, Vr.TM},
        {REFERRING_PHYSICIAN_NAME, Vr.PN},
        {STUDY_ID, Vr.SH},
        {ACCESSION_NUMBER, Vr.SH},
        {STUDY_DESCRIPTION, Vr.LO},
        {FRAME_OF_REFERENCE_UID, Vr.UI},
        {POSITION_REFERENCE_INDICATOR, Vr.LO},
        {PATIENT_POSITION, Vr.CS},
        {0x00180015, Vr.CS},
        {0x00080080, Vr.LO},
        {SCANNING_SEQUENCE, Vr.CS},
        {SEQUENCE_VARIANT, Vr.CS},
        {SCAN_OPTIONS, Vr.CS},
        {MR_ACQUISITION_TYPE, Vr.CS},
        {REPETITION_TIME, Vr.DS},
        {0x00180085, Vr.SH},
        {0x00180087, Vr.DS},
    };

    /** What a map is: the third value of Image Type (CS, ≤ 16 characters) and a label for descriptions. */
    public record MapKind(String imageTypeValue, String label) {
        public static final MapKind QSM_CHI = new MapKind("QSM", "QSM chi");
        public static final MapKind R2STAR = new MapKind("R2STAR", "R2*");
        public static final MapKind T2STAR = new MapKind("T2STAR", "T2*");
        public static final MapKind PDFF = new MapKind("PDFF", "PDFF");
        public static final MapKind LIC = new MapKind("LIC", "LIC");
        public static final MapKind FIELD_MAP = new MapKind("FIELD_MAP", "field map");

        /**
         * The kind a map's unit says: ppm/ppb → χ (QSM), 1/s → R2*, ms/s → T2*, % → PDFF, mg Fe/g → LIC, Hz → field map;
         * empty for units that say no kind (a.u., rad, …).
         */
        public static java.util.Optional<MapKind> forUnit(org.ferrum.core.PhysicalUnit unit) {
            return java.util.Optional.ofNullable(
                    switch (unit) {
                        case PPM, PPB -> QSM_CHI;
                        case PER_SECOND -> R2STAR;
                        case MILLISECOND, SECOND -> T2STAR;
                        case PERCENT -> PDFF;
                        case MG_FE_PER_G_DRY_WEIGHT, MG_FE_PER_G_WET_WEIGHT -> LIC;
                        case HERTZ -> FIELD_MAP;
                        default -> null;
                    });
        }

        public MapKind {
            if (!imageTypeValue.matches("[A-Z0-9_ ]{1,16}")) {
                throw new IllegalArgumentException(
                        "Image Type value must be 1-16 of A-Z 0-9 _ space: '" + imageTypeValue + "'");
            }
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * One image of the source series: its SOP class and instance UIDs and, if known, its Image Position
     * (Patient) in mm (null if unknown).
     */
    public record SourceInstance(String sopClassUid, String sopInstanceUid, double[] imagePosition) {
        public SourceInstance {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
            imagePosition = imagePosition == null ? null : imagePosition.clone();
        }
    }

    /**
     * The series a map was derived from: one of its data sets (patient, study, frame of reference and
     * acquisition attributes are read from it) and its instances (may be empty if unknown).
     */
    public record SourceSeries(DicomDataset attributes, List<SourceInstance> instances) {
        public SourceSeries {
            Objects.requireNonNull(attributes, "attributes");
            instances = List.copyOf(instances);
        }

        /** The source series made of these data sets (the first supplies the attributes). */
        public static SourceSeries of(List<? extends DicomDataset> datasets) throws DicomFormatException {
            if (datasets.isEmpty()) {
                throw new IllegalArgumentException("a source series needs at least one data set");
            }
            List<SourceInstance> instances = new ArrayList<>();
            for (DicomDataset d : datasets) {
                Optional<String> cls = d.string(SOP_CLASS_UID), inst = d.string(SOP_INSTANCE_UID);
                if (cls.isPresent() && inst.isPresent()) {
                    double[] pos = d.numbers(IMAGE_POSITION_PATIENT);
                    instances.add(new SourceInstance(cls.get(), inst.get(), pos.length == 3 ? pos : null));
                }
            }
            return new SourceSeries(datasets.get(0), instances);
        }
    }

    /**
     * What was written: the folder, the files in slice order, the UIDs, and the value mapping
     * ({@code v = stored · slope + intercept}; the quantisation step is {@code slope}).
     */
    public record Result(
            Path folder,
            List<Path> files,
            String studyInstanceUid,
            String seriesInstanceUid,
            String frameOfReferenceUid,
            double slope,
            double intercept) {}

    private final MapKind kind;
    private SourceSeries source;
    private Integer seriesNumber;
    private String seriesDescription;
    private String derivationDescription;
    private Clock clock = Clock.systemDefaultZone();

    private DerivedMapExport(MapKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** An export of a map of this kind. */
    public static DerivedMapExport of(MapKind kind) {
        return new DerivedMapExport(kind);
    }

    /** The series the map was derived from (patient, study, references). */
    public DerivedMapExport source(SourceSeries series) {
        this.source = series;
        return this;
    }

    /** Series Number; default the source's series number + 1000, or 1000 without a source. */
    public DerivedMapExport seriesNumber(int number) {
        this.seriesNumber = number;
        return this;
    }

    /** Series Description (LO, ≤ 64 characters); default {@code "Ferrum <label> (<unit>)"}, e.g. "Ferrum QSM chi (ppm)". */
    public DerivedMapExport seriesDescription(String description) {
        this.seriesDescription = description;
        return this;
    }

    /** Derivation Description (ST, ≤ 1024 characters): how the map was made (method, parameters). */
    public DerivedMapExport derivationDescription(String description) {
        this.derivationDescription = description;
        return this;
    }

    /** The clock giving content and creation dates and times (tests fix it). */
    public DerivedMapExport clock(Clock c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    /**
     * Writes {@code map} as one MR image file per slice into {@code newFolder}, which must not exist or
     * be empty.
     *
     * @throws IllegalArgumentException if the map is 4-D with more than one frame, larger than 65535 in a
     *                                  dimension, or has non-orthogonal in-plane axes
     * @throws IOException              if the folder exists and is not empty, or writing fails
     */
    public Result write(Volume<FloatType> map, Path newFolder) throws IOException {
        if (map.frames() != 1) {
            throw new IllegalArgumentException(
                    "a derived map is one 3-D volume, this one has " + map.frames() + " frames");
        }
        Volume<FloatType> volume = map.frame(0);
        int cols = checkedSize(volume, 0), rows = checkedSize(volume, 1), slices = checkedSize(volume, 2);
        Geometry g = volume.geometry();
        double[][] dir = g.axisDirections();
        double[] size = g.voxelSize();
        double dot = dir[0][0] * dir[1][0] + dir[0][1] * dir[1][1] + dir[0][2] * dir[1][2];
        if (Math.abs(dot) > 1e-4) {
            throw new IllegalArgumentException("the map's in-plane axes are not orthogonal (cosine " + dot
                    + "); DICOM image planes need orthogonal rows and columns: resample first");
        }
        double[] normal = cross(dir[0], dir[1]);
        double[] kStep = {g.get(0, 2), g.get(1, 2), g.get(2, 2)};
        double spacing = Math.abs(dotProduct(kStep, normal));

        if (Files.exists(newFolder)) {
            try (Stream<Path> s = Files.list(newFolder)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(newFolder + ": the DICOM export folder must be new or empty");
                }
            }
        }

        Scaling scaling = Scaling.of(volume.image());
        LocalDateTime now = LocalDateTime.now(clock);
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss.SSS", Locale.ROOT));

        WritableDataset series = seriesAttributes(volume.unit(), scaling, date, time);
        String studyUid = series.string(STUDY_INSTANCE_UID).orElseThrow();
        String seriesUid = series.string(SERIES_INSTANCE_UID).orElseThrow();
        String forUid = series.string(FRAME_OF_REFERENCE_UID).orElseThrow();

        boolean created = !Files.exists(newFolder);
        Files.createDirectories(newFolder);
        List<Path> written = new ArrayList<>();
        boolean done = false;
        try {
            for (int k = 0; k < slices; k++) {
                WritableDataset slice = copy(series);
                double[] ipp = g.toPatient(0, 0, k);
                slice.putString(SOP_INSTANCE_UID, Vr.UI, Uids.newUid())
                        .putIntegers(INSTANCE_NUMBER, k + 1)
                        .putDecimals(IMAGE_POSITION_PATIENT, ipp)
                        .putDecimals(
                                IMAGE_ORIENTATION_PATIENT,
                                dir[0][0],
                                dir[0][1],
                                dir[0][2],
                                dir[1][0],
                                dir[1][1],
                                dir[1][2])
                        .putDecimals(PIXEL_SPACING, size[1], size[0])
                        .putDecimals(SLICE_THICKNESS, spacing)
                        .putDecimals(SPACING_BETWEEN_SLICES, spacing)
                        .putDecimals(SLICE_LOCATION, dotProduct(ipp, normal))
                        .putInts(ROWS, Vr.US, rows)
                        .putInts(COLUMNS, Vr.US, cols);
                addReferences(slice, ipp, normal, spacing);
                slice.putBytes(PIXEL_DATA, Vr.OW, pixels(volume.image(), k, cols, rows, scaling));
                if (slice.hasNonAsciiText()) {
                    slice.putString(SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192");
                }
                Path file = newFolder.resolve(String.format(Locale.ROOT, "MR_%04d.dcm", k + 1));
                DicomWriter.write(file, slice);
                written.add(file);
            }
            done = true;
        } finally {
            if (!done) {
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
                if (created) {
                    try {
                        Files.deleteIfExists(newFolder);
                    } catch (IOException ignored) {
                        // not empty after all: leave it
                    }
                }
            }
        }
        return new Result(
                newFolder, List.copyOf(written), studyUid, seriesUid, forUid, scaling.slope, scaling.intercept);
    }

    // ---- the attributes shared by all slices -------------------------------------------------------

    private WritableDataset seriesAttributes(PhysicalUnit unit, Scaling scaling, String date, String time)
            throws DicomFormatException {
        WritableDataset d = new WritableDataset("derived " + kind.imageTypeValue() + " map");
        if (source != null) {
            for (Object[] c : COPIED) {
                copyAttribute(source.attributes(), d, (Integer) c[0], (Vr) c[1]);
            }
        } else {
            d.putString(PATIENT_NAME, Vr.PN, "FERRUM^ANONYMOUS")
                    .putString(PATIENT_ID, Vr.LO, "FERRUM-NO-SOURCE")
                    .putString(STUDY_DESCRIPTION, Vr.LO, "Ferrum derived map without a source study")
                    .putString(STUDY_DATE, Vr.DA, date)
                    .putString(STUDY_TIME, Vr.TM, time);
        }
        // Type 1 identifiers: keep the source's study and frame of reference, else new ones.
        if (!Uids.isValid(d.string(STUDY_INSTANCE_UID).orElse(""))) {
            d.putString(STUDY_INSTANCE_UID, Vr.UI, Uids.newUid());
        }
        if (!Uids.isValid(d.string(FRAME_OF_REFERENCE_UID).orElse(""))) {
            d.putString(FRAME_OF_REFERENCE_UID, Vr.UI, Uids.newUid());
        }
        // Type 2 attributes: present, empty when unknown (PS3.5 §7.4.3).
        for (int[] t : new int[][] {
            {PATIENT_NAME},
            {PATIENT_ID},
            {PATIENT_BIRTH_DATE},
            {PATIENT_SEX},
            {STUDY_DATE},
            {STUDY_TIME},
            {REFERRING_PHYSICIAN_NAME},
            {STUDY_ID},
            {ACCESSION_NUMBER},
            {POSITION_REFERENCE_INDICATOR},
            {PATIENT_POSITION},
            {SCAN_OPTIONS},
            {MR_ACQUISITION_TYPE},
            {REPETITION_TIME}
        }) {
            if (!d.contains(t[0])) {
                d.putString(t[0], vrOf(t[0]), (String) null);
            }
        }
        // MR Image module (C.8.3.1): Scanning Sequence and Sequence Variant are type 1; "RM" is research mode.
        if (d.string(SCANNING_SEQUENCE).isEmpty()) {
            d.putString(SCANNING_SEQUENCE, Vr.CS, "RM");
        }
        if (d.string(SEQUENCE_VARIANT).isEmpty()) {
            d.putString(SEQUENCE_VARIANT, Vr.CS, "NONE");
        }
        d.putString(ECHO_TIME, Vr.DS, (String) null).putString(ECHO_TRAIN_LENGTH, Vr.IS, (String) null);

        String unitText = unit.symbol();
        String description =
                seriesDescription != null ? seriesDescription : "Ferrum " + kind.label() + " (" + unitText + ")";
        d.putString(SOP_CLASS_UID, Vr.UI, Uids.MR_IMAGE_STORAGE)
                .putString(IMAGE_TYPE, Vr.CS, "DERIVED", "SECONDARY", kind.imageTypeValue())
                .putString(INSTANCE_CREATION_DATE, Vr.DA, date)
                .putString(INSTANCE_CREATION_TIME, Vr.TM, time)
                .putString(SERIES_DATE, Vr.DA, date)
                .putString(SERIES_TIME, Vr.TM, time)
                .putString(CONTENT_DATE, Vr.DA, date)
                .putString(CONTENT_TIME, Vr.TM, time)
                .putString(MODALITY, Vr.CS, "MR")
                .putString(MANUFACTURER, Vr.LO, "Ferrum")
                .putString(MANUFACTURER_MODEL_NAME, Vr.LO, "Ferrum")
                .putString(SOFTWARE_VERSIONS, Vr.LO, Uids.IMPLEMENTATION_VERSION_NAME)
                .putString(SERIES_DESCRIPTION, Vr.LO, description)
                .putString(SERIES_INSTANCE_UID, Vr.UI, Uids.newUid())
                .putIntegers(SERIES_NUMBER, seriesNumber());
        d.putString(DERIVATION_DESCRIPTION, Vr.ST, derivation(unitText));

        // Image Pixel module (C.7.6.3): 16-bit signed grey values.
        d.putInts(SAMPLES_PER_PIXEL, Vr.US, 1)
                .putString(PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .putInts(BITS_ALLOCATED, Vr.US, 16)
                .putInts(BITS_STORED, Vr.US, 16)
                .putInts(HIGH_BIT, Vr.US, 15)
                .putInts(PIXEL_REPRESENTATION, Vr.US, 1)
                .putInts(PIXEL_PADDING_VALUE, Vr.SS, PADDING_VALUE);

        // Modality LUT (C.11.1): the physical value; Rescale Type names the unit for viewers that show it.
        d.putString(RESCALE_INTERCEPT, Vr.DS, scaling.interceptText)
                .putString(RESCALE_SLOPE, Vr.DS, scaling.slopeText)
                .putString(RESCALE_TYPE, Vr.LO, unitText);

        // VOI LUT (C.11.2): windows in physical units; LINEAR_EXACT allows widths below 1 (C.11.2.1.3.2).
        d.putDecimals(WINDOW_CENTER, scaling.windowCenter)
                .putDecimals(WINDOW_WIDTH, scaling.windowWidth)
                .putString(WINDOW_CENTER_WIDTH_EXPLANATION, Vr.LO, scaling.windowExplanation);
        if (scaling.windowWidth < 1) {
            d.putString(VOI_LUT_FUNCTION, Vr.CS, "LINEAR_EXACT");
        }

        // Real World Value Mapping (C.7.6.16.2.11): same linear map, with the unit as a UCUM code.
        UcumUnits.Code code = UcumUnits.codeOf(unit);
        WritableDataset unitItem = new WritableDataset("measurement units code")
                .putString(CODE_VALUE, Vr.SH, code.value())
                .putString(CODING_SCHEME_DESIGNATOR, Vr.SH, UcumUnits.CODING_SCHEME)
                .putString(CODING_SCHEME_VERSION, Vr.SH, UcumUnits.CODING_SCHEME_VERSION)
                .putString(CODE_MEANING, Vr.LO, code.meaning());
        WritableDataset mapping = new WritableDataset("real world value mapping")
                .putString(LUT_EXPLANATION, Vr.LO, truncate(kind.label() + " in " + unitText, 64))
                .putSequence(MEASUREMENT_UNITS_CODE_SEQUENCE, List.of(unitItem))
                .putString(LUT_LABEL, Vr.SH, kind.imageTypeValue())
                .putInts(REAL_WORLD_VALUE_LAST_VALUE_MAPPED, Vr.SS, STORED_LIMIT)
                .putInts(REAL_WORLD_VALUE_FIRST_VALUE_MAPPED, Vr.SS, -STORED_LIMIT)
                .putDoubles(REAL_WORLD_VALUE_INTERCEPT, scaling.intercept)
                .putDoubles(REAL_WORLD_VALUE_SLOPE, scaling.slope);
        d.putSequence(REAL_WORLD_VALUE_MAPPING_SEQUENCE, List.of(mapping));
        return d;
    }

    private int seriesNumber() throws DicomFormatException {
        if (seriesNumber != null) {
            return seriesNumber;
        }
        if (source != null) {
            OptionalInt n = safeInteger(source.attributes(), SERIES_NUMBER);
            if (n.isPresent()) {
                return n.getAsInt() + 1000;
            }
        }
        return 1000;
    }

    private String derivation(String unitText) {
        StringBuilder sb = new StringBuilder();
        sb.append(derivationDescription != null ? derivationDescription : "Ferrum " + kind.label() + " map");
        sb.append("; values in ").append(unitText).append(" = stored value x Rescale Slope + Rescale Intercept");
        if (source != null) {
            try {
                source.attributes().string(SERIES_INSTANCE_UID).ifPresent(uid -> sb.append("; derived from series ")
                        .append(uid));
            } catch (DicomFormatException e) {
                // no usable source series UID: the description says less
            }
        }
        return truncate(sb.toString(), 1024);
    }

    private static OptionalInt safeInteger(DicomDataset d, int tag) {
        try {
            return d.integer(tag);
        } catch (DicomFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static void copyAttribute(DicomDataset from, WritableDataset to, int tag, Vr vr) {
        if (!from.contains(tag)) {
            return;
        }
        try {
            List<String> values = from.strings(tag);
            to.putString(tag, vr, values.toArray(String[]::new));
        } catch (DicomFormatException | IllegalArgumentException e) {
            // A malformed source attribute is left out (type 2 ones are then written empty), never fatal.
        }
    }

    private static Vr vrOf(int tag) {
        for (Object[] c : COPIED) {
            if ((Integer) c[0] == tag) {
                return (Vr) c[1];
            }
        }
        throw new IllegalStateException("no VR for " + Integer.toHexString(tag));
    }

    private void addReferences(WritableDataset slice, double[] ipp, double[] normal, double spacing)
            throws DicomFormatException {
        if (source == null || source.instances().isEmpty()) {
            return;
        }
        List<SourceInstance> all = source.instances();
        boolean positionsKnown = all.stream().allMatch(s -> s.imagePosition() != null);
        List<SourceInstance> here = new ArrayList<>();
        for (SourceInstance s : all) {
            if (!positionsKnown) {
                here.add(s);
            } else {
                double[] p = s.imagePosition();
                double along = (p[0] - ipp[0]) * normal[0] + (p[1] - ipp[1]) * normal[1] + (p[2] - ipp[2]) * normal[2];
                if (Math.abs(along) <= Math.max(spacing, 1e-6) / 2) {
                    here.add(s);
                }
            }
        }
        if (here.isEmpty()) {
            return;
        }
        List<WritableDataset> items = new ArrayList<>();
        for (SourceInstance s : here) {
            items.add(new WritableDataset("referenced image")
                    .putString(REFERENCED_SOP_CLASS_UID, Vr.UI, s.sopClassUid())
                    .putString(REFERENCED_SOP_INSTANCE_UID, Vr.UI, s.sopInstanceUid()));
        }
        slice.putSequence(SOURCE_IMAGE_SEQUENCE, items);
        Optional<String> seriesUid = source.attributes().string(SERIES_INSTANCE_UID);
        if (seriesUid.isPresent() && Uids.isValid(seriesUid.get())) {
            slice.putSequence(
                    REFERENCED_SERIES_SEQUENCE,
                    List.of(new WritableDataset("referenced series")
                            .putString(SERIES_INSTANCE_UID, Vr.UI, seriesUid.get())
                            .putSequence(REFERENCED_INSTANCE_SEQUENCE, items)));
        }
    }

    private static WritableDataset copy(WritableDataset d) {
        // The series attributes are immutable once built; a slice gets its own data set on top of them.
        WritableDataset c = new WritableDataset(d.source());
        c.putAllFrom(d);
        return c;
    }

    // ---- pixels and scaling ---------------------------------------------------------------------------

    private static int checkedSize(Volume<FloatType> v, int d) {
        long n = v.dimension(d);
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("dimension " + d + " of the map is " + n + "; DICOM allows 1..65535");
        }
        return (int) n;
    }

    private static byte[] pixels(RandomAccessibleInterval<FloatType> image, int k, int cols, int rows, Scaling s) {
        ByteBuffer b = ByteBuffer.allocate(2 * cols * rows).order(ByteOrder.LITTLE_ENDIAN);
        RandomAccess<FloatType> ra = image.randomAccess();
        long[] pos = {0, 0, k};
        for (int r = 0; r < rows; r++) {
            pos[1] = r;
            for (int c = 0; c < cols; c++) {
                pos[0] = c;
                ra.setPosition(pos);
                b.putShort((short) s.stored(ra.get().get()));
            }
        }
        return b.array();
    }

    /** The per-series value mapping and display window. */
    static final class Scaling {
        final String slopeText, interceptText;
        final double slope, intercept;
        final double windowCenter, windowWidth;
        final String windowExplanation;

        private Scaling(double slope, double intercept, double center, double width, String explanation) {
            this.slopeText = WritableDataset.decimalString(slope);
            this.interceptText = WritableDataset.decimalString(intercept);
            // Encode with exactly the numbers a reader parses back from the DS text.
            this.slope = Double.parseDouble(slopeText);
            this.intercept = Double.parseDouble(interceptText);
            this.windowCenter = center;
            this.windowWidth = width;
            this.windowExplanation = explanation;
        }

        static Scaling of(RandomAccessibleInterval<FloatType> image) {
            float[] finite = finiteValues(image);
            if (finite.length == 0) {
                return new Scaling(1, 0, 0, 1, "NO VALUES");
            }
            Arrays.sort(finite);
            double min = finite[0], max = finite[finite.length - 1];
            double slope, intercept;
            if (max == min) {
                slope = 1;
                intercept = min;
            } else {
                // A little below 2·32767 levels, so DS rounding of slope and intercept can never push an end
                // of the range past ±32767.
                slope = (max - min) / 65532.0;
                intercept = min + (max - min) / 2;
            }
            double lo = percentile(finite, 0.01), hi = percentile(finite, 0.99);
            double center, width;
            String explanation;
            if (min < 0 && max > 0) {
                // Signed maps (χ, field): symmetric about zero, so dia- and paramagnetic look alike.
                double m = Math.max(Math.abs(lo), Math.abs(hi));
                center = 0;
                width = 2 * m;
                explanation = "SYMMETRIC 1-99 PCT";
            } else {
                center = (lo + hi) / 2;
                width = hi - lo;
                explanation = "1-99 PERCENTILE";
            }
            if (!(width > 0)) {
                width = Math.max(Math.abs(center), 1);
            }
            return new Scaling(slope, intercept, center, width, explanation);
        }

        /** The stored value of a physical value: padding for NaN/±∞, else the nearest level, clamped. */
        int stored(float v) {
            if (!Float.isFinite(v)) {
                return PADDING_VALUE;
            }
            long sv = Math.round((v - intercept) / slope);
            return (int) Math.max(-STORED_LIMIT, Math.min(STORED_LIMIT, sv));
        }

        private static float[] finiteValues(RandomAccessibleInterval<FloatType> image) {
            long n = image.size();
            float[] out = new float[(int) Math.min(n, Integer.MAX_VALUE - 8)];
            int count = 0;
            for (FloatType t : net.imglib2.view.Views.flatIterable(image)) {
                float v = t.get();
                if (Float.isFinite(v) && count < out.length) {
                    out[count++] = v;
                }
            }
            return Arrays.copyOf(out, count);
        }

        private static double percentile(float[] sorted, double p) {
            return sorted[(int) Math.round(p * (sorted.length - 1))];
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dotProduct(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
