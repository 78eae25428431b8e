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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Value decoding per the {@link DicomDataset} contract (PS3.5 §6.2 padding and multiplicity, §7.3 byte order). */
class DicomDatasetValuesTest {

    private static final Path FILE = Path.of("synthetic.dcm");

    private static DicomDataset parse(SyntheticDicom d) throws DicomFormatException {
        return DicomParser.parse(FILE, d.part10()).dataset();
    }

    @Test
    void textIsTrimmedAndSplitAtBackslashes() throws Exception {
        DicomDataset ds = parse(SyntheticDicom.explicitLittleEndian()
                .text(Tags.ImageType, "CS", "ORIGINAL\\PRIMARY\\P\\ND ")
                .text(Tags.SOPInstanceUID, "UI", "1.2.3")
                .text(Tags.Manufacturer, "LO", "  SIEMENS ")
                .text(Tags.DerivationDescription, "ST", "  a\\b ")
                .text(Tags.StudyDescription, "LO", ""));
        assertEquals(List.of("ORIGINAL", "PRIMARY", "P", "ND"), ds.strings(Tags.ImageType));
        assertEquals("ORIGINAL", ds.string(Tags.ImageType).orElseThrow());
        assertEquals("1.2.3", ds.string(Tags.SOPInstanceUID).orElseThrow(), "trailing NUL of UI removed");
        assertEquals("SIEMENS", ds.string(Tags.Manufacturer).orElseThrow());
        assertEquals(
                List.of("  a\\b"), ds.strings(Tags.DerivationDescription), "ST keeps leading spaces and backslashes");
        assertTrue(ds.contains(Tags.StudyDescription));
        assertEquals(Optional.empty(), ds.string(Tags.StudyDescription));
        assertEquals(List.of(), ds.strings(Tags.PatientName), "absent");
        assertEquals(Optional.empty(), ds.vr(Tags.PatientName));
    }

    @Test
    void decimalAndIntegerStringsParse() throws Exception {
        DicomDataset ds = parse(SyntheticDicom.explicitLittleEndian()
                .text(Tags.EchoNumbers, "IS", " +3")
                .text(Tags.ImagePositionPatient, "DS", "-109.79\\-58.4773\\1e-3 ")
                .text(Tags.EchoTime, "DS", "4.92"));
        assertEquals(3, ds.integer(Tags.EchoNumbers).orElseThrow());
        assertArrayEquals(new double[] {-109.79, -58.4773, 0.001}, ds.numbers(Tags.ImagePositionPatient));
        assertEquals(4.92, ds.number(Tags.EchoTime).orElseThrow());
    }

    @Test
    void junkInNumbersIsAClearError() throws Exception {
        DicomDataset ds = parse(SyntheticDicom.explicitLittleEndian()
                .text(Tags.EchoTime, "DS", "NaN")
                .text(Tags.FlipAngle, "DS", "0x1p3")
                .text(Tags.InstanceNumber, "IS", "12a")
                .text(Tags.SeriesNumber, "IS", "99999999999"));
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> ds.number(Tags.EchoTime));
        assertTrue(e.getMessage().startsWith("synthetic.dcm: (0018,0081) EchoTime"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(DicomFormatException.class, () -> ds.number(Tags.FlipAngle));
        e = assertThrows(DicomFormatException.class, () -> ds.integer(Tags.InstanceNumber));
        assertTrue(e.getMessage().contains("(0020,0013) InstanceNumber"), e.getMessage());
        assertThrows(DicomFormatException.class, () -> ds.integer(Tags.SeriesNumber));
    }

    @Test
    void binaryNumbersInBothByteOrders() throws Exception {
        for (SyntheticDicom d : List.of(SyntheticDicom.explicitLittleEndian(), SyntheticDicom.explicitBigEndian())) {
            DicomDataset ds = parse(d.ss(Tags.GEImageType, -2)
                    .us(Tags.Rows, 54)
                    .us(Tags.AcquisitionMatrix, 0, 64, 54, 0)
                    .ul(Tags.InStackPositionNumber, 0xFFFFFFF0L)
                    .fd(Tags.EffectiveEchoTime, 4.5)
                    .fl(Tags.PhilipsScaleSlope, 0.25f));
            assertEquals(54, ds.integer(Tags.Rows).orElseThrow());
            assertArrayEquals(new double[] {0, 64, 54, 0}, ds.numbers(Tags.AcquisitionMatrix));
            assertEquals(-2, ds.integer(Tags.GEImageType).orElseThrow());
            assertEquals(4294967280.0, ds.number(Tags.InStackPositionNumber).orElseThrow());
            assertThrows(DicomFormatException.class, () -> ds.integer(Tags.InStackPositionNumber), "beyond int");
            assertEquals(4.5, ds.number(Tags.EffectiveEchoTime).orElseThrow());
            assertEquals(0.25, ds.number(Tags.PhilipsScaleSlope).orElseThrow());
            assertEquals(List.of("54"), ds.strings(Tags.Rows));
        }
    }

    @Test
    void binaryLengthNotAMultipleOfTheValueSizeIsAnError() throws Exception {
        DicomDataset ds =
                parse(SyntheticDicom.explicitLittleEndian().element(Tags.EffectiveEchoTime, "FD", new byte[6]));
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> ds.number(Tags.EffectiveEchoTime));
        assertTrue(
                e.getMessage().contains("EffectiveEchoTime") && e.getMessage().contains("multiple of 8"),
                e.getMessage());
    }

    @Test
    void bytesAreTheStoredValue() throws Exception {
        DicomDataset ds = parse(SyntheticDicom.explicitLittleEndian()
                .element(Tags.SiemensCSAImageHeaderInfo, "OB", new byte[] {1, 2, 3, 4}));
        assertArrayEquals(
                new byte[] {1, 2, 3, 4},
                ds.bytes(Tags.SiemensCSAImageHeaderInfo).orElseThrow());
        assertEquals(Optional.empty(), ds.bytes(Tags.SiemensCSASeriesHeaderInfo));
    }

    @Test
    void sequencesOfDefinedAndUndefinedLengthNest() throws Exception {
        SyntheticDicom inner = SyntheticDicom.explicitLittleEndian().text(Tags.CodeValue, "SH", "ppm");
        byte[] innerItem = inner.dataset();
        SyntheticDicom d = SyntheticDicom.explicitLittleEndian()
                .beginSequence(Tags.RealWorldValueMappingSequence)
                .beginItem()
                .text(Tags.LUTLabel, "SH", "chi")
                // a defined-length sequence with one defined-length item inside the undefined-length one
                .header(Tags.MeasurementUnitsCodeSequence, "SQ", 8 + innerItem.length)
                .header(Tags.Item, null, innerItem.length)
                .raw(innerItem)
                .fd(Tags.RealWorldValueSlope, 0.001)
                .endItem()
                .beginItem()
                .endItem()
                .endSequence()
                .text(Tags.Modality, "CS", "MR");
        DicomDataset ds = parse(d);
        List<DicomDataset> items = ds.sequence(Tags.RealWorldValueMappingSequence);
        assertEquals(2, items.size());
        assertEquals("chi", items.get(0).string(Tags.LUTLabel).orElseThrow());
        assertEquals(0.001, items.get(0).number(Tags.RealWorldValueSlope).orElseThrow());
        assertEquals(
                "ppm",
                items.get(0)
                        .sequence(Tags.MeasurementUnitsCodeSequence)
                        .get(0)
                        .string(Tags.CodeValue)
                        .orElseThrow());
        assertTrue(items.get(1).tags().isEmpty());
        assertEquals("MR", ds.string(Tags.Modality).orElseThrow(), "parsing continues after the sequence");
        assertEquals(List.of(), ds.sequence(Tags.ReferencedSeriesSequence));
        assertThrows(DicomFormatException.class, () -> ds.sequence(Tags.Modality));
        assertEquals(Optional.of(Vr.SQ), ds.vr(Tags.RealWorldValueMappingSequence));
    }

    @Test
    void unknownSequenceInImplicitVrIsReadAsASequence() throws Exception {
        int privateSequence = 0x2005140F;
        int unknownPrivate = 0x00291234;
        byte[] item = SyntheticDicom.implicitLittleEndian()
                .fl(Tags.PhilipsScaleSlope, 2f)
                .dataset();
        byte[] unitItem = SyntheticDicom.implicitLittleEndian()
                .text(Tags.CodeMeaning, "LO", "unit-text")
                .dataset();
        SyntheticDicom d = SyntheticDicom.implicitLittleEndian()
                // undefined length and not in the dictionary: PS3.5 §6.2.2 says it is a sequence
                .header(0x00191200, null, 0xFFFFFFFFL)
                .beginItem()
                .text(Tags.CodeValue, "SH", "x")
                .endItem()
                .endSequence()
                // defined length, not in the dictionary: UN, parsed as a sequence when asked
                .header(unknownPrivate, null, 8 + unitItem.length)
                .header(Tags.Item, null, unitItem.length)
                .raw(unitItem)
                .header(privateSequence, null, 8 + item.length)
                .header(Tags.Item, null, item.length)
                .raw(item);
        DicomDataset ds = DicomParser.parse(FILE, SyntheticDicom.part10(SyntheticDicom.IMPLICIT_LE, d.dataset()))
                .dataset();
        assertEquals("x", ds.sequence(0x00191200).get(0).string(Tags.CodeValue).orElseThrow());
        assertEquals(Optional.of(Vr.UN), ds.vr(unknownPrivate));
        assertEquals(
                "unit-text",
                ds.sequence(unknownPrivate).get(0).string(Tags.CodeMeaning).orElseThrow());
        assertEquals(
                2.0,
                ds.sequence(privateSequence)
                        .get(0)
                        .number(Tags.PhilipsScaleSlope)
                        .orElseThrow());
    }

    @Test
    void characterSetUtf8IsHonoured() throws Exception {
        byte[] name = "Müller^Zoë".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DicomDataset ds = parse(SyntheticDicom.explicitLittleEndian()
                .text(Tags.SpecificCharacterSet, "CS", "ISO_IR 192")
                .element(
                        Tags.PatientName,
                        "PN",
                        name.length % 2 == 0 ? name : java.util.Arrays.copyOf(name, name.length + 1)));
        assertEquals("Müller^Zoë", ds.string(Tags.PatientName).orElseThrow().replace("\0", ""));
        DicomDataset latin = parse(SyntheticDicom.explicitLittleEndian().text(Tags.PatientName, "PN", "M\u00fcller"));
        assertEquals("Müller", latin.string(Tags.PatientName).orElseThrow());
    }

    @Test
    void outOfOrderElementsAreSortedAndDuplicatesRefused() throws Exception {
        DicomDataset ds = parse(SyntheticDicom.explicitLittleEndian()
                .text(Tags.Modality, "CS", "MR")
                .text(Tags.ImageType, "CS", "M"));
        assertEquals(List.of(Tags.ImageType, Tags.Modality), ds.tags());
        assertEquals("MR", ds.string(Tags.Modality).orElseThrow());
        DicomFormatException e = assertThrows(
                DicomFormatException.class,
                () -> parse(SyntheticDicom.explicitLittleEndian()
                        .text(Tags.Modality, "CS", "MR")
                        .text(Tags.Modality, "CS", "CT")));
        assertTrue(e.getMessage().contains("(0008,0060) Modality occurs twice"), e.getMessage());
    }

    @Test
    void tagsDictionaryAgreesWithTheConstants() throws Exception {
        int constants = 0;
        for (java.lang.reflect.Field f : Tags.class.getFields()) {
            if (f.getType() == int.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                int tag = f.getInt(null);
                assertEquals(Optional.of(f.getName()), Tags.keyword(tag), Tags.hex(tag));
                constants++;
            }
        }
        assertEquals(Tags.dictionaryTags().length, constants);
        assertEquals("(0018,0081) EchoTime", Tags.format(Tags.EchoTime));
        assertEquals("(0019,1234)", Tags.format(0x00191234));
        assertEquals(Vr.DS, Tags.vr(Tags.EchoTime));
        assertEquals(Vr.UN, Tags.vr(0x00191234));
        assertEquals(Vr.UL, Tags.vr(0x00090000));
        assertEquals(Vr.LO, Tags.vr(0x00290010));
        assertEquals(Optional.of("6"), Tags.vm(Tags.ImageOrientationPatient));
        assertFalse(Tags.keyword(0x00191234).isPresent());
    }
}
