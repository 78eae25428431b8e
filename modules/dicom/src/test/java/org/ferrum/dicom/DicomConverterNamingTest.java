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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The output names of {@link DicomConverter}: {@link NameTemplate}'s placeholders, suffixes and character
 * rules, checked against names dcm2niix gave the same data (the reference outputs in
 * {@code testdata/dicom/*}/Ref and runs of dcm2niix v1.0.20220720 with other templates).
 */
class DicomConverterNamingTest {

    /** The attributes of the first file of dcm_qa_fmap's Siemens series 2, as far as naming uses them. */
    static WritableDataset siemensFieldMap() {
        return new WritableDataset("e1_01.dcm")
                .putString(Tags.Manufacturer, Vr.LO, "SIEMENS")
                .putString(Tags.ProtocolName, Vr.LO, "gre_field_magph")
                .putString(Tags.SeriesDescription, Vr.LO, "gre_field_magph")
                .putIntegers(Tags.SeriesNumber, 2)
                .putIntegers(Tags.AcquisitionNumber, 1)
                .putIntegers(Tags.InstanceNumber, 1)
                .putString(Tags.StudyDate, Vr.DA, "20210715")
                .putString(Tags.StudyTime, Vr.TM, "135915.648000")
                .putString(Tags.SequenceName, Vr.SH, "*fm2d2r");
    }

    @Test
    void dcm2niixDefaultTemplateWithFolderProtocolRoundedStudyTimeAndSeries() throws Exception {
        // dcm2niix -f %f_%p_%t_%s on the folder 2_gre_field_magph:
        // 2_gre_field_magph_gre_field_magph_20210715135916_2_e1
        String base = NameTemplate.DEFAULT.expand(siemensFieldMap(), "2_gre_field_magph", OptionalInt.of(1));
        assertEquals("2_gre_field_magph_gre_field_magph_20210715135916_2", base);
        assertEquals(
                "2_gre_field_magph_gre_field_magph_20210715135916_2_e1",
                NameTemplate.DEFAULT.outputName(base, OptionalInt.of(1), 2, ""));
    }

    @Test
    void referenceTemplatesGiveTheReferenceNames() throws Exception {
        NameTemplate fmap = NameTemplate.parse("%m_%s_%p");
        String base = fmap.expand(siemensFieldMap(), "In", OptionalInt.of(2));
        assertEquals("Si_2_gre_field_magph", base);
        assertEquals("Si_2_gre_field_magph_e2", fmap.outputName(base, OptionalInt.of(2), 2, ""));
        // a series holding only echo 2 (Siemens phase difference) still says which echo
        assertEquals(
                "Si_3_gre_field_magph_e2_ph", fmap.outputName("Si_3_gre_field_magph", OptionalInt.of(2), 1, "_ph"));
        // one echo numbered 1: no suffix (GE field map + magnitude)
        assertEquals(
                "GE_6_CV_Neuro_HH_Adv_fieldmaphz",
                fmap.outputName("GE_6_CV_Neuro_HH_Adv", OptionalInt.of(1), 1, "_fieldmaphz"));
        assertEquals("GE_6_CV_Neuro_HH_Adv", fmap.outputName("GE_6_CV_Neuro_HH_Adv", OptionalInt.of(1), 1, ""));
        assertEquals(
                "Ph_801_WIP_B0_NS_e2_fieldmaphz",
                fmap.outputName("Ph_801_WIP_B0_NS", OptionalInt.of(2), 2, "_fieldmaphz"));
        // no echo number at all: no suffix
        assertEquals("x", fmap.outputName("x", OptionalInt.empty(), 0, ""));
    }

    @Test
    void spacesAndUnsafeCharactersBecomeUnderscoresOthersAreKept() throws Exception {
        WritableDataset d = siemensFieldMap()
                .putString(Tags.ProtocolName, Vr.LO, "EPI PE=AP")
                .putString(Tags.SeriesDescription, Vr.LO, "REST1 w SMS PF7-8");
        assertEquals("EPI_PE=AP_2", NameTemplate.parse("%p_%s").expand(d, "In", OptionalInt.empty()));
        assertEquals(
                "Siemens_REST1_w_SMS_PF7-8_2",
                NameTemplate.parse("%f_%d_%s").expand(d, "Siemens", OptionalInt.empty()));
        // dcm2niix -f 'a b:c*d?e=f,g(h)i&j#k+l~m^n[o]p{q}r<s>t|u"v' gave exactly this
        assertEquals(
                "a_b_c_d_e=f,g(h)i&j#k+l~m^n[o]p{q}r_s_t_u_v",
                NameTemplate.sanitize("a b:c*d?e=f,g(h)i&j#k+l~m^n[o]p{q}r<s>t|u\"v"));
    }

    @Test
    void otherPlaceholdersAsDcm2niixExpandsThem() throws Exception {
        // dcm2niix -f %s_%e_%m_%v_%x_%u_%z_%r gave 2_1_Si_Siemens_1_1_fm2d2r_1 (StudyID 1 in that file)
        WritableDataset d = siemensFieldMap().putString(Tags.StudyID, Vr.SH, "1");
        NameTemplate t = NameTemplate.parse("%s_%e_%m_%v_%x_%u_%z_%r");
        assertTrue(t.namesEcho());
        String base = t.expand(d, "Siemens", OptionalInt.of(1));
        assertEquals("2_1_Si_Siemens_1_1_fm2d2r_1", base);
        assertEquals(base, t.outputName(base, OptionalInt.of(1), 2, ""), "%e in the template: no _e suffix");
        assertEquals(base + "_ph", t.outputName(base, OptionalInt.of(1), 2, "_ph"));
    }

    @Test
    void studyTimeRoundsToTheSecondAndMissingPartsAreZeros() throws Exception {
        assertEquals("20210715135916", NameTemplate.studyDateTime(siemensFieldMap()));
        assertEquals(
                "19700101000000",
                NameTemplate.studyDateTime(new WritableDataset("ge")
                        .putString(Tags.StudyDate, Vr.DA, "19700101")
                        .putString(Tags.StudyTime, Vr.TM, "")));
        assertEquals(
                "20200929001457",
                NameTemplate.studyDateTime(new WritableDataset("ge")
                        .putString(Tags.StudyDate, Vr.DA, "20200929")
                        .putString(Tags.StudyTime, Vr.TM, "001457")));
        assertEquals(
                "00000000120000",
                NameTemplate.studyDateTime(new WritableDataset("x").putString(Tags.StudyTime, Vr.TM, "12")));
        assertEquals(
                "20200101235959",
                NameTemplate.studyDateTime(new WritableDataset("x")
                        .putString(Tags.StudyDate, Vr.DA, "20200101")
                        .putString(Tags.StudyTime, Vr.TM, "235959.7")));
    }

    @Test
    void absentAttributesExpandToNothingAndAnEmptyNameIsReplaced() throws Exception {
        WritableDataset empty = new WritableDataset("empty");
        assertEquals("_", NameTemplate.parse("%p_%d").expand(empty, "", OptionalInt.empty()));
        assertEquals("series", NameTemplate.parse("%p").expand(empty, "", OptionalInt.empty()));
    }

    @Test
    void badTemplatesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.parse("%f_%w"))
                .getMessage()
                .contains("%w"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.parse("%f_%"))
                .getMessage()
                .contains("lone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.parse("sub/%f"))
                .getMessage()
                .contains("separator"));
        assertThrows(IllegalArgumentException.class, () -> NameTemplate.parse("  "));
        assertFalse(NameTemplate.parse("%f_%p").namesEcho());
    }

    @Test
    void collidingNamesGetLetters() {
        assertEquals("a", NameTemplate.disambiguate("a", Set.of()));
        assertEquals("aa", NameTemplate.disambiguate("a", Set.of("a")));
        assertEquals("ab", NameTemplate.disambiguate("a", Set.of("a", "aa")));
    }

    @Test
    void vendorNamesAsDcm2niixWritesThem() {
        assertEquals("Siemens", NameTemplate.vendor("SIEMENS"));
        assertEquals("Siemens", NameTemplate.vendor("Siemens Healthineers"));
        assertEquals("GE", NameTemplate.vendor("GE MEDICAL SYSTEMS"));
        assertEquals("Philips", NameTemplate.vendor("Philips Medical Systems"));
        assertEquals("Acme Imaging", NameTemplate.vendor(" Acme Imaging "));
        assertEquals("Ph", NameTemplate.vendorShort("Philips"));
        assertEquals("Ac", NameTemplate.vendorShort("Acme"));
    }
}
