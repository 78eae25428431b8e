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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported series read back with Ferrum's own Part 10 parser: file structure, every type 1 attribute
 * of the MR Image IOD, geometry to 1e-3 mm, values within half a quantisation step, NaN as padding, the
 * unit from the real world value mapping, new UIDs, and the references to the source series.
 */
class DicomWriterTest {

    @TempDir
    Path tmp;

    /**
     * Type 1 attributes of the MR Image IOD (PS3.3 A.4) modules we write, which must be present and
     * non-empty: SOP Common, General Study, General Series, Frame of Reference, Image Plane, Image Pixel,
     * MR Image (C.12.1, C.7.2.1, C.7.3.1, C.7.4.1, C.7.6.2, C.7.6.3, C.8.3.1).
     */
    static final int[] TYPE_1 = {
        DerivedMapExport.SOP_CLASS_UID,
        DerivedMapExport.SOP_INSTANCE_UID,
        DerivedMapExport.STUDY_INSTANCE_UID,
        DerivedMapExport.MODALITY,
        DerivedMapExport.SERIES_INSTANCE_UID,
        DerivedMapExport.FRAME_OF_REFERENCE_UID,
        DerivedMapExport.PIXEL_SPACING,
        DerivedMapExport.IMAGE_ORIENTATION_PATIENT,
        DerivedMapExport.IMAGE_POSITION_PATIENT,
        DerivedMapExport.SAMPLES_PER_PIXEL,
        DerivedMapExport.PHOTOMETRIC_INTERPRETATION,
        DerivedMapExport.ROWS,
        DerivedMapExport.COLUMNS,
        DerivedMapExport.BITS_ALLOCATED,
        DerivedMapExport.BITS_STORED,
        DerivedMapExport.HIGH_BIT,
        DerivedMapExport.PIXEL_REPRESENTATION,
        DerivedMapExport.PIXEL_DATA,
        DerivedMapExport.IMAGE_TYPE,
        DerivedMapExport.SCANNING_SEQUENCE,
        DerivedMapExport.SEQUENCE_VARIANT,
        DerivedMapExport.RESCALE_INTERCEPT,
        DerivedMapExport.RESCALE_SLOPE,
        DerivedMapExport.REAL_WORLD_VALUE_MAPPING_SEQUENCE
    };

    /** Type 2 (present, may be empty) attributes of the same modules, plus Patient and General Equipment. */
    static final int[] TYPE_2 = {
        DerivedMapExport.PATIENT_NAME, DerivedMapExport.PATIENT_ID, DerivedMapExport.PATIENT_BIRTH_DATE,
        DerivedMapExport.PATIENT_SEX, DerivedMapExport.STUDY_DATE, DerivedMapExport.STUDY_TIME,
        DerivedMapExport.REFERRING_PHYSICIAN_NAME, DerivedMapExport.STUDY_ID, DerivedMapExport.ACCESSION_NUMBER,
        DerivedMapExport.SERIES_NUMBER, DerivedMapExport.POSITION_REFERENCE_INDICATOR, DerivedMapExport.MANUFACTURER,
        DerivedMapExport.INSTANCE_NUMBER, DerivedMapExport.SLICE_THICKNESS, DerivedMapExport.SCAN_OPTIONS,
        DerivedMapExport.MR_ACQUISITION_TYPE, DerivedMapExport.ECHO_TIME, DerivedMapExport.ECHO_TRAIN_LENGTH,
        DerivedMapExport.PATIENT_POSITION, DerivedMapExport.REPETITION_TIME
    };

    @Test
    void ourParserReadsTheObliqueChiMapBack() throws IOException {
        Volume<FloatType> chi = SyntheticMaps.obliqueChi();
        DerivedMapExport.Result r =
                DerivedMapExport.of(DerivedMapExport.MapKind.QSM_CHI).write(chi, tmp.resolve("chi"));
        assertEquals(SyntheticMaps.NZ, r.files().size());

        List<DicomFile> files = new ArrayList<>();
        for (Path f : r.files()) {
            files.add(DicomParser.read(f));
        }
        // Geometry: the affine rebuilt from the DICOM plane attributes equals the volume's to 1e-3 mm.
        DicomDataset first = files.get(0).dataset(), second = files.get(1).dataset();
        double[] iop = first.numbers(DerivedMapExport.IMAGE_ORIENTATION_PATIENT);
        double[] spacing = first.numbers(DerivedMapExport.PIXEL_SPACING);
        double[] p0 = first.numbers(DerivedMapExport.IMAGE_POSITION_PATIENT),
                p1 = second.numbers(DerivedMapExport.IMAGE_POSITION_PATIENT);
        double[] m = new double[12];
        for (int r3 = 0; r3 < 3; r3++) {
            m[r3 * 4] = iop[r3] * spacing[1]; // i: along a row, column spacing
            m[r3 * 4 + 1] = iop[3 + r3] * spacing[0]; // j: down a column, row spacing
            m[r3 * 4 + 2] = p1[r3] - p0[r3];
            m[r3 * 4 + 3] = p0[r3];
        }
        assertTrue(
                Geometry.ofAffine(m).approximatelyEquals(chi.geometry(), 1e-3),
                Geometry.ofAffine(m) + " vs " + chi.geometry());
        for (int k = 0; k < files.size(); k++) {
            assertArrayEquals(
                    chi.geometry().toPatient(0, 0, k),
                    files.get(k).dataset().numbers(DerivedMapExport.IMAGE_POSITION_PATIENT),
                    1e-3);
        }
        assertEquals(2.0, first.number(DerivedMapExport.SPACING_BETWEEN_SLICES).orElseThrow(), 1e-6);
        assertEquals(SyntheticMaps.NX, first.integer(DerivedMapExport.COLUMNS).orElseThrow());
        assertEquals(SyntheticMaps.NY, first.integer(DerivedMapExport.ROWS).orElseThrow());

        // Values: stored × slope + intercept within half a step; NaN ↔ Pixel Padding Value.
        double slope = first.number(DerivedMapExport.RESCALE_SLOPE).orElseThrow();
        double intercept = first.number(DerivedMapExport.RESCALE_INTERCEPT).orElseThrow();
        int padding = first.integer(DerivedMapExport.PIXEL_PADDING_VALUE).orElseThrow();
        assertEquals(DerivedMapExport.PADDING_VALUE, padding);
        assertEquals(r.slope(), slope, 0);
        RandomAccess<FloatType> ra = chi.image().randomAccess();
        double worst = 0;
        int nan = 0;
        for (int k = 0; k < files.size(); k++) {
            FrameSamples s = PixelData.decodeFrame(files.get(k), 0);
            assertTrue(s.isInteger() && s.signed());
            int[] sv = s.integers();
            for (int j = 0; j < SyntheticMaps.NY; j++) {
                for (int i = 0; i < SyntheticMaps.NX; i++) {
                    ra.setPosition(new long[] {i, j, k});
                    float expected = ra.get().get();
                    int stored = sv[j * SyntheticMaps.NX + i];
                    if (Float.isNaN(expected)) {
                        assertEquals(padding, stored);
                        nan++;
                    } else {
                        assertNotEquals(padding, stored);
                        worst = Math.max(worst, Math.abs(stored * slope + intercept - expected));
                    }
                }
            }
        }
        assertEquals(SyntheticMaps.NY * SyntheticMaps.NZ + 2, nan);
        assertTrue(worst <= slope / 2 + 1e-7, "worst " + worst + " step " + slope);

        // The unit and the same linear map from the Real World Value Mapping.
        assertEquals(Optional.of(PhysicalUnit.PPM), UcumUnits.unitOf(first));
        DicomDataset rwv = first.sequence(DerivedMapExport.REAL_WORLD_VALUE_MAPPING_SEQUENCE)
                .get(0);
        assertEquals(slope, rwv.number(DerivedMapExport.REAL_WORLD_VALUE_SLOPE).orElseThrow(), 0);
        assertEquals(
                intercept,
                rwv.number(DerivedMapExport.REAL_WORLD_VALUE_INTERCEPT).orElseThrow(),
                0);
        assertEquals(
                -32767,
                rwv.integer(DerivedMapExport.REAL_WORLD_VALUE_FIRST_VALUE_MAPPED)
                        .orElseThrow());
        assertEquals(
                32767,
                rwv.integer(DerivedMapExport.REAL_WORLD_VALUE_LAST_VALUE_MAPPED).orElseThrow());
        DicomDataset unit =
                rwv.sequence(DerivedMapExport.MEASUREMENT_UNITS_CODE_SEQUENCE).get(0);
        assertEquals("ppm", unit.string(DerivedMapExport.CODE_VALUE).orElseThrow());
        assertEquals(
                "UCUM", unit.string(DerivedMapExport.CODING_SCHEME_DESIGNATOR).orElseThrow());

        // Descriptions and the window: symmetric about 0 for χ.
        assertEquals(List.of("DERIVED", "SECONDARY", "QSM"), first.strings(DerivedMapExport.IMAGE_TYPE));
        assertEquals(
                "Ferrum QSM chi (ppm)",
                first.string(DerivedMapExport.SERIES_DESCRIPTION).orElseThrow());
        assertEquals(0, first.number(DerivedMapExport.WINDOW_CENTER).orElseThrow(), 0);
        double width = first.number(DerivedMapExport.WINDOW_WIDTH).orElseThrow();
        assertTrue(width > 0.3 && width < 1.2, "width " + width);
        assertEquals(
                "LINEAR_EXACT", first.string(DerivedMapExport.VOI_LUT_FUNCTION).orElseThrow());
    }

    @Test
    void everyFileIsPart10ExplicitLittleEndianWithAllRequiredAttributes() throws IOException {
        DerivedMapExport.Result r =
                DerivedMapExport.of(DerivedMapExport.MapKind.R2STAR).write(SyntheticMaps.r2star(), tmp.resolve("r2s"));
        Set<String> sopInstances = new HashSet<>();
        for (Path f : r.files()) {
            byte[] bytes = Files.readAllBytes(f);
            assertArrayEquals(new byte[128], Arrays.copyOf(bytes, 128), "zero preamble");
            assertEquals("DICM", new String(bytes, 128, 4, StandardCharsets.US_ASCII));
            DicomFile file = DicomParser.read(f);
            assertEquals(Uids.EXPLICIT_VR_LITTLE_ENDIAN, file.transferSyntaxUid());
            DicomDataset meta = file.fileMeta(), d = file.dataset();
            assertEquals(Uids.MR_IMAGE_STORAGE, meta.string(0x00020002).orElseThrow());
            assertEquals(
                    d.string(DerivedMapExport.SOP_INSTANCE_UID).orElseThrow(),
                    meta.string(0x00020003).orElseThrow());
            assertEquals(Uids.IMPLEMENTATION_CLASS_UID, meta.string(0x00020012).orElseThrow());
            assertEquals(
                    Uids.IMPLEMENTATION_VERSION_NAME, meta.string(0x00020013).orElseThrow());
            for (int tag : TYPE_1) {
                assertTrue(
                        d.contains(tag)
                                && (d.vr(tag).orElseThrow() == Vr.SQ
                                        ? !d.sequence(tag).isEmpty()
                                        : d.bytes(tag).map(b -> b.length > 0).orElse(false)),
                        String.format("type 1 (%08X) in %s", tag, f));
            }
            for (int tag : TYPE_2) {
                assertTrue(d.contains(tag), String.format("type 2 (%08X) in %s", tag, f));
            }
            assertEquals(
                    Uids.MR_IMAGE_STORAGE,
                    d.string(DerivedMapExport.SOP_CLASS_UID).orElseThrow());
            for (int tag : new int[] {
                DerivedMapExport.SOP_INSTANCE_UID,
                DerivedMapExport.SERIES_INSTANCE_UID,
                DerivedMapExport.STUDY_INSTANCE_UID,
                DerivedMapExport.FRAME_OF_REFERENCE_UID
            }) {
                String uid = d.string(tag).orElseThrow();
                assertTrue(uid.startsWith("2.25.") && Uids.isValid(uid), uid);
            }
            assertEquals(
                    r.seriesInstanceUid(),
                    d.string(DerivedMapExport.SERIES_INSTANCE_UID).orElseThrow());
            assertTrue(
                    sopInstances.add(d.string(DerivedMapExport.SOP_INSTANCE_UID).orElseThrow()),
                    "SOP instance UIDs are unique");
            // no source: the clearly labelled placeholder patient
            assertEquals(
                    "FERRUM^ANONYMOUS", d.string(DerivedMapExport.PATIENT_NAME).orElseThrow());
            assertEquals(
                    "FERRUM-NO-SOURCE", d.string(DerivedMapExport.PATIENT_ID).orElseThrow());
            assertEquals(Optional.of(PhysicalUnit.PER_SECOND), UcumUnits.unitOf(d));
            assertEquals(
                    "/s",
                    d.sequence(DerivedMapExport.REAL_WORLD_VALUE_MAPPING_SEQUENCE)
                            .get(0)
                            .sequence(DerivedMapExport.MEASUREMENT_UNITS_CODE_SEQUENCE)
                            .get(0)
                            .string(DerivedMapExport.CODE_VALUE)
                            .orElseThrow());
            assertFalse(d.contains(DerivedMapExport.VOI_LUT_FUNCTION), "R2* window is wider than 1: plain LINEAR");
        }
        // positive map: the window spans its 1st to 99th percentile
        DicomDataset d = DicomParser.read(r.files().get(0)).dataset();
        double c = d.number(DerivedMapExport.WINDOW_CENTER).orElseThrow(),
                w = d.number(DerivedMapExport.WINDOW_WIDTH).orElseThrow();
        assertTrue(c - w / 2 >= 20 && c + w / 2 <= 900 && w > 700, c + "/" + w);
    }

    @Test
    void sourceSeriesGivesPatientStudyFrameOfReferenceAndPerSliceReferences() throws IOException {
        Volume<FloatType> map = SyntheticMaps.r2star();
        String study = "1.2.826.0.1.3680043.2.1125.1",
                forUid = "1.2.826.0.1.3680043.2.1125.2",
                srcSeries = "1.2.826.0.1.3680043.2.1125.3";
        List<WritableDataset> sources = new ArrayList<>();
        for (int echo = 0; echo < 2; echo++) {
            for (int k = 0; k < map.dimension(2); k++) {
                WritableDataset s = new WritableDataset("source " + echo + "/" + k)
                        .putString(DerivedMapExport.SOP_CLASS_UID, Vr.UI, Uids.MR_IMAGE_STORAGE)
                        .putString(
                                DerivedMapExport.SOP_INSTANCE_UID,
                                Vr.UI,
                                "1.2.826.0.1.3680043.2.1125.4." + echo + "." + k)
                        .putString(DerivedMapExport.PATIENT_NAME, Vr.PN, "Müller^Jörg")
                        .putString(DerivedMapExport.PATIENT_ID, Vr.LO, "LIV-007")
                        .putString(DerivedMapExport.PATIENT_SEX, Vr.CS, "M")
                        .putString(DerivedMapExport.STUDY_INSTANCE_UID, Vr.UI, study)
                        .putString(DerivedMapExport.STUDY_DATE, Vr.DA, "20250314")
                        .putString(DerivedMapExport.ACCESSION_NUMBER, Vr.SH, "ACC42")
                        .putString(DerivedMapExport.SERIES_INSTANCE_UID, Vr.UI, srcSeries)
                        .putIntegers(DerivedMapExport.SERIES_NUMBER, 12)
                        .putString(DerivedMapExport.FRAME_OF_REFERENCE_UID, Vr.UI, forUid)
                        .putString(DerivedMapExport.SCANNING_SEQUENCE, Vr.CS, "GR")
                        .putString(DerivedMapExport.ECHO_TIME, Vr.DS, echo == 0 ? "1.2" : "2.4")
                        .putDecimals(
                                DerivedMapExport.IMAGE_POSITION_PATIENT,
                                map.geometry().toPatient(0, 0, k));
                sources.add(s);
            }
        }
        Clock fixed = Clock.fixed(Instant.parse("2025-03-15T10:20:30.123Z"), ZoneOffset.UTC);
        DerivedMapExport.Result r = DerivedMapExport.of(DerivedMapExport.MapKind.R2STAR)
                .source(DerivedMapExport.SourceSeries.of(sources))
                .derivationDescription("R2* by log-linear fit of 2 echoes")
                .clock(fixed)
                .write(map, tmp.resolve("r2s"));
        assertEquals(study, r.studyInstanceUid());
        assertEquals(forUid, r.frameOfReferenceUid());
        assertNotEquals(srcSeries, r.seriesInstanceUid());
        for (int k = 0; k < r.files().size(); k++) {
            DicomDataset d = DicomParser.read(r.files().get(k)).dataset();
            assertEquals("Müller^Jörg", d.string(DerivedMapExport.PATIENT_NAME).orElseThrow());
            assertEquals(
                    "ISO_IR 192",
                    d.string(DerivedMapExport.SPECIFIC_CHARACTER_SET).orElseThrow());
            assertEquals("LIV-007", d.string(DerivedMapExport.PATIENT_ID).orElseThrow());
            assertEquals("ACC42", d.string(DerivedMapExport.ACCESSION_NUMBER).orElseThrow());
            assertEquals(study, d.string(DerivedMapExport.STUDY_INSTANCE_UID).orElseThrow());
            assertEquals(
                    forUid, d.string(DerivedMapExport.FRAME_OF_REFERENCE_UID).orElseThrow());
            assertEquals(1012, d.integer(DerivedMapExport.SERIES_NUMBER).orElseThrow());
            assertEquals("GR", d.string(DerivedMapExport.SCANNING_SEQUENCE).orElseThrow());
            assertTrue(d.string(DerivedMapExport.ECHO_TIME).isEmpty(), "a multi-echo map has no echo time");
            assertEquals("20250315", d.string(DerivedMapExport.CONTENT_DATE).orElseThrow());
            assertEquals("102030.123", d.string(DerivedMapExport.CONTENT_TIME).orElseThrow());
            assertTrue(d.string(DerivedMapExport.DERIVATION_DESCRIPTION)
                    .orElseThrow()
                    .startsWith("R2* by log-linear fit of 2 echoes"));

            // Source Image Sequence: the two echoes at this slice position.
            List<String> refs = new ArrayList<>();
            for (DicomDataset item : d.sequence(DerivedMapExport.SOURCE_IMAGE_SEQUENCE)) {
                assertEquals(
                        Uids.MR_IMAGE_STORAGE,
                        item.string(DerivedMapExport.REFERENCED_SOP_CLASS_UID).orElseThrow());
                refs.add(item.string(DerivedMapExport.REFERENCED_SOP_INSTANCE_UID)
                        .orElseThrow());
            }
            assertEquals(List.of("1.2.826.0.1.3680043.2.1125.4.0." + k, "1.2.826.0.1.3680043.2.1125.4.1." + k), refs);
            List<DicomDataset> series = d.sequence(DerivedMapExport.REFERENCED_SERIES_SEQUENCE);
            assertEquals(1, series.size());
            assertEquals(
                    srcSeries,
                    series.get(0).string(DerivedMapExport.SERIES_INSTANCE_UID).orElseThrow());
            assertEquals(
                    2,
                    series.get(0)
                            .sequence(DerivedMapExport.REFERENCED_INSTANCE_SEQUENCE)
                            .size());
        }
    }

    @Test
    void refusesANonEmptyFolderAndLeavesNothingBehindOnBadInput() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(folder.resolve("other.txt"), "x");
        assertThrows(IOException.class, () -> DerivedMapExport.of(DerivedMapExport.MapKind.PDFF)
                .write(SyntheticMaps.r2star(), folder));

        // sheared in-plane axes cannot be a DICOM image plane
        Volume<FloatType> sheared = new Volume<>(
                ArrayImgs.floats(4, 4, 2),
                Geometry.ofAffine(1, 0.5, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0),
                PhysicalUnit.PERCENT);
        assertThrows(IllegalArgumentException.class, () -> DerivedMapExport.of(DerivedMapExport.MapKind.PDFF)
                .write(sheared, tmp.resolve("s")));
        assertFalse(Files.exists(tmp.resolve("s")));
    }

    @Test
    void allNaNAndConstantMapsStillWriteValidScaling() throws IOException {
        var nan = ArrayImgs.floats(3, 3, 1);
        nan.forEach(t -> t.set(Float.NaN));
        DerivedMapExport.Result r = DerivedMapExport.of(DerivedMapExport.MapKind.LIC)
                .write(new Volume<>(nan, Geometry.identity(), PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT), tmp.resolve("nan"));
        DicomFile f = DicomParser.read(r.files().get(0));
        assertTrue(Arrays.stream(PixelData.decodeFrame(f, 0).integers())
                .allMatch(v -> v == DerivedMapExport.PADDING_VALUE));
        assertEquals(Optional.of(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT), UcumUnits.unitOf(f.dataset()));

        var constant = ArrayImgs.floats(3, 3, 1);
        constant.forEach(t -> t.set(7.25f));
        r = DerivedMapExport.of(DerivedMapExport.MapKind.LIC)
                .write(
                        new Volume<>(constant, Geometry.identity(), PhysicalUnit.MG_FE_PER_G_WET_WEIGHT),
                        tmp.resolve("const"));
        f = DicomParser.read(r.files().get(0));
        for (int sv : PixelData.decodeFrame(f, 0).integers()) {
            assertEquals(7.25, sv * r.slope() + r.intercept(), 1e-9);
        }
        assertEquals(Optional.of(PhysicalUnit.MG_FE_PER_G_WET_WEIGHT), UcumUnits.unitOf(f.dataset()));
    }

    @Test
    void uidsAreUuidDerivedDecimalAndValid() {
        UUID u = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");
        assertEquals("2.25.340282366920938463463374607431768211455", Uids.fromUuid(u));
        assertEquals("2.25.0", Uids.fromUuid(new UUID(0, 0)));
        assertEquals("2.25.1", Uids.fromUuid(new UUID(0, 1)));
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < 1000; n++) {
            String uid = Uids.newUid();
            assertTrue(Uids.isValid(uid) && uid.length() <= 44, uid);
            assertTrue(seen.add(uid));
        }
        assertTrue(Uids.isValid(Uids.IMPLEMENTATION_CLASS_UID));
        assertFalse(Uids.isValid("1.02.3"));
        assertFalse(Uids.isValid("1..3"));
    }

    @Test
    void everyUnitHasAUcumCodeThatReadsBack() {
        for (PhysicalUnit u : PhysicalUnit.values()) {
            UcumUnits.Code c = UcumUnits.codeOf(u);
            assertEquals(Optional.of(u), UcumUnits.unitOf(c.value(), c.meaning()), u.name());
        }
        assertEquals("/s", UcumUnits.codeOf(PhysicalUnit.PER_SECOND).value());
        assertEquals(
                "mg/g", UcumUnits.codeOf(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT).value());
        assertEquals(Optional.of(PhysicalUnit.PER_SECOND), UcumUnits.unitOf("1/s", null));
        assertEquals(Optional.empty(), UcumUnits.unitOf("furlong", null));
    }

    @Test
    void decimalStringsFitSixteenCharactersAndKeepPrecision() {
        for (double v : new double[] {
            0,
            1,
            -1,
            0.1,
            1.0 / 3,
            -91.25,
            123456.789012345,
            5.112006475380E-6,
            -3.2e-12,
            1e300,
            -1e-300,
            Math.PI * 1e7,
            -0.0324999988079071
        }) {
            String s = WritableDataset.decimalString(v);
            assertTrue(s.length() <= 16, s);
            double back = Double.parseDouble(s);
            assertEquals(v, back, Math.abs(v) * 1e-9, s);
        }
        assertThrows(IllegalArgumentException.class, () -> WritableDataset.decimalString(Double.NaN));
    }
}
