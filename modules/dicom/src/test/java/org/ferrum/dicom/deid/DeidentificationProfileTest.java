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
package org.ferrum.dicom.deid;

import static org.ferrum.dicom.deid.DeidentificationOption.CLEAN_DESCRIPTORS;
import static org.ferrum.dicom.deid.DeidentificationOption.CLEAN_GRAPHICS;
import static org.ferrum.dicom.deid.DeidentificationOption.RETAIN_DEVICE_IDENTITY;
import static org.ferrum.dicom.deid.DeidentificationOption.RETAIN_FULL_DATES;
import static org.ferrum.dicom.deid.DeidentificationOption.RETAIN_INSTITUTION_IDENTITY;
import static org.ferrum.dicom.deid.DeidentificationOption.RETAIN_MODIFIED_DATES;
import static org.ferrum.dicom.deid.DeidentificationOption.RETAIN_SAFE_PRIVATE;
import static org.ferrum.dicom.deid.DeidentificationOption.RETAIN_UIDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ferrum.dicom.deid.DeidentificationProfile.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped Table E.1-1 and safe private list, checked against values typed by hand from DICOM PS3.15 Annex E (not
 * read back from the file), the option resolution of {@link DeidentificationProfile#action}, and the load errors.
 */
class DeidentificationProfileTest {

    private static final DeidentificationProfile P = DeidentificationProfile.standard();
    private static final Set<DeidentificationOption> NONE = EnumSet.noneOf(DeidentificationOption.class);

    private static Rule rule(int tag) {
        return P.rule(tag)
                .orElseThrow(() ->
                        new AssertionError(String.format("(%04X,%04X) not in the table", tag >>> 16, tag & 0xFFFF)));
    }

    @Test
    void theTableHasTheStandardsSize() {
        // PS3.15 2026c Table E.1-1 has 656 rows; its "Private attributes" row is kept out of the file (see
        // isSafePrivate), the other 655 are tag rows. A later edition only adds rows.
        int n = P.rules().size();
        assertTrue(n >= 655 && n <= 760, "rows: " + n);
        assertEquals(n, new HashSet<>(P.rules().stream().map(Rule::tagPattern).toList()).size(), "tags are unique");
        assertEquals("Accession Number", P.rules().get(0).name(), "the standard's (alphabetical) order");
        assertSame(P, DeidentificationProfile.standard(), "parsed once");
    }

    @Test
    void parsedOnceUnderConcurrentFirstUse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<DeidentificationProfile> get = DeidentificationProfile::standard;
            List<Future<DeidentificationProfile>> all = pool.invokeAll(List.of(get, get, get, get, get, get, get, get));
            for (Future<DeidentificationProfile> f : all) {
                assertSame(P, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Basic Profile column, typed from PS3.15 Table E.1-1. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "00100010; Patient's Name; Z",
                "00100020; Patient ID; Z/D", // Z up to 2023b at least; Z/D in 2026c
                "00100030; Patient's Birth Date; Z",
                "00100040; Patient's Sex; Z",
                "00101010; Patient's Age; X",
                "00101020; Patient's Size; X",
                "00101030; Patient's Weight; X",
                "00101000; Other Patient IDs; X",
                "00101040; Patient's Address; X",
                "00102160; Ethnic Group; X",
                "00080020; Study Date; Z",
                "00080030; Study Time; Z",
                "00080021; Series Date; X/D",
                "00080022; Acquisition Date; X/Z",
                "0008002A; Acquisition DateTime; X/Z/D",
                "00080023; Content Date; Z/D",
                "00080033; Content Time; Z/D",
                "00080050; Accession Number; Z",
                "00080080; Institution Name; X/Z/D",
                "00080081; Institution Address; X",
                "00080090; Referring Physician's Name; Z",
                "00081010; Station Name; X/Z/D",
                "00081030; Study Description; X",
                "0008103E; Series Description; X",
                "00081050; Performing Physician's Name; X",
                "00081070; Operators' Name; X/Z/D",
                "00081140; Referenced Image Sequence; X/Z/U*",
                "00080018; SOP Instance UID; U",
                "0020000D; Study Instance UID; U",
                "0020000E; Series Instance UID; U",
                "00200052; Frame of Reference UID; U",
                "00200010; Study ID; Z",
                "00181000; Device Serial Number; X/Z/D",
                "00181030; Protocol Name; X/D",
                "00204000; Image Comments; X",
                "00102110; Allergies; X",
                "FFFCFFFC; Data Set Trailing Padding; X",
                "FFFAFFFA; Digital Signatures Sequence; X",
                "00080012; Instance Creation Date; X/D",
                "00080013; Instance Creation Time; X/Z/D",
                "00181012; Date of Secondary Capture; X",
                "00181203; Calibration DateTime; Z",
                "0040A030; Verification DateTime; D",
                "00080017; Acquisition UID; U",
                "00380030; Discharge Date; X",
                "00100043; Sex Parameters for Clinical Use Category Sequence; X",
                "00081301; Principal Diagnosis Code Sequence; X",
                "300A0054; Table Top Position Alignment UID; U",
            })
    void basicProfileAsTheStandardGivesIt(String hex, String name, String basic) {
        Rule r = rule(Integer.parseUnsignedInt(hex, 16));
        assertEquals(name, r.name());
        assertEquals(basic, r.basic());
        assertEquals(basic, P.action(r, NONE));
    }

    /** Option columns, typed from PS3.15 Table E.1-1: (tag, option, entry). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "00080020, RETAIN_MODIFIED_DATES, C",
        "00080020, RETAIN_FULL_DATES, K",
        "0008002A, RETAIN_MODIFIED_DATES, C",
        "00080033, RETAIN_FULL_DATES, K",
        "0020000D, RETAIN_UIDS, K",
        "00080018, RETAIN_UIDS, K",
        "00080080, RETAIN_INSTITUTION_IDENTITY, K",
        "00080081, RETAIN_INSTITUTION_IDENTITY, K",
        "00081010, RETAIN_DEVICE_IDENTITY, K",
        "00181000, RETAIN_DEVICE_IDENTITY, K",
        "00101010, RETAIN_PATIENT_CHARACTERISTICS, K",
        "00100040, RETAIN_PATIENT_CHARACTERISTICS, K",
        "00101020, RETAIN_PATIENT_CHARACTERISTICS, K",
        "00101030, RETAIN_PATIENT_CHARACTERISTICS, K",
        "00102160, RETAIN_PATIENT_CHARACTERISTICS, K",
        "0008103E, CLEAN_DESCRIPTORS, C",
        "00181030, CLEAN_DESCRIPTORS, C",
        "00204000, CLEAN_DESCRIPTORS, C",
        "00102110, RETAIN_PATIENT_CHARACTERISTICS, C",
        "00102110, CLEAN_DESCRIPTORS, C",
        "00181002, RETAIN_UIDS, K",
        "00181002, RETAIN_DEVICE_IDENTITY, K",
        "00080055, RETAIN_DEVICE_IDENTITY, C",
        "00081120, RETAIN_UIDS, K",
        "00100043, RETAIN_PATIENT_CHARACTERISTICS, K",
        "00181200, RETAIN_DEVICE_IDENTITY, K",
        "00181200, RETAIN_MODIFIED_DATES, C",
    })
    void optionColumnsAsTheStandardGivesThem(String hex, DeidentificationOption option, String entry) {
        Rule r = rule(Integer.parseUnsignedInt(hex, 16));
        assertEquals(entry, r.byOption().get(option));
        assertEquals(entry, P.action(r, EnumSet.of(option)));
    }

    @Test
    void attributesWithoutAnOptionEntryKeepTheBasicAction() {
        Rule name = rule(0x00100010);
        assertTrue(name.byOption().isEmpty(), "Patient's Name has no option entry");
        assertEquals(
                "Z",
                P.action(
                        name,
                        EnumSet.allOf(DeidentificationOption.class).stream()
                                .filter(o -> o != RETAIN_FULL_DATES)
                                .collect(() -> EnumSet.noneOf(DeidentificationOption.class), Set::add, Set::addAll)));
        assertEquals(
                "Z",
                P.action(rule(0x00100030), EnumSet.of(RETAIN_FULL_DATES)),
                "Patient's Birth Date is not longitudinal: no date option keeps it");
        assertEquals("U", P.action(rule(0x0020000D), EnumSet.of(RETAIN_MODIFIED_DATES, CLEAN_DESCRIPTORS)));
    }

    @Test
    void groupPatternsMatchEveryRepeatingGroup() {
        for (int g = 0x6000; g <= 0x601E; g += 2) {
            assertEquals("Overlay Data", rule(g << 16 | 0x3000).name());
            assertEquals("Overlay Comments", rule(g << 16 | 0x4000).name());
        }
        Rule curve = rule(0x50040010);
        assertEquals("(50xx,xxxx)", curve.tagPattern());
        assertEquals("Curve Data", curve.name());
        assertEquals("X", curve.basic());
        assertEquals("C", P.action(curve, EnumSet.of(CLEAN_GRAPHICS)));
        assertEquals("C", P.action(rule(0x60003000), EnumSet.of(CLEAN_GRAPHICS)));
        assertEquals("(60xx,3000)", rule(0x60003000).tagPattern());
        assertFalse(P.rule(0x60000010).isPresent(), "Overlay Rows (6000,0010) is not listed");
    }

    @Test
    void privateAndUnlistedAttributesHaveNoRule() {
        assertFalse(P.rule(0x0019100C).isPresent(), "private: the safe list decides");
        assertFalse(P.rule(0x00290010).isPresent(), "private creator");
        assertFalse(P.rule(0x50010010).isPresent(), "odd group 5001 is private, not Curve Data");
        for (int tag : new int[] {0x00080016, 0x00080060, 0x00180081, 0x00280010, 0x7FE00010, 0x00200037}) {
            assertFalse(P.rule(tag).isPresent(), Integer.toHexString(tag) + " is not in Table E.1-1");
        }
    }

    @Test
    void bothDateOptionsAreRefused() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> P.action(rule(0x00080020), EnumSet.of(RETAIN_FULL_DATES, RETAIN_MODIFIED_DATES)));
        assertTrue(
                e.getMessage().contains("retain-full-dates") && e.getMessage().contains("retain-modified-dates"));
    }

    @Test
    void theFirstChosenColumnInTheStandardsOrderWins() {
        String table = header() + row("(0008,0001)", "Test One", "X", "", "K", "", "", "", "", "", "C");
        DeidentificationProfile p = DeidentificationProfile.parse(
                "t.tsv", new StringReader(table), "s.tsv", new StringReader(safeHeader()));
        Rule r = p.rule(0x00080001).orElseThrow();
        assertEquals("K", p.action(r, EnumSet.of(CLEAN_DESCRIPTORS, RETAIN_UIDS)), "Retain UIDs comes first");
        assertEquals("C", p.action(r, EnumSet.of(CLEAN_DESCRIPTORS)));
        assertEquals("X", p.action(r, EnumSet.of(RETAIN_DEVICE_IDENTITY, RETAIN_SAFE_PRIVATE)));
    }

    @Test
    void deviceDatesUnderDeviceIdentityAndModifiedDatesFollowTheColumnOrder() {
        Rule lastCalibration = rule(0x00181200); // Date of Last Calibration: Rtn. Dev. Id. K, Rtn. Long. Modif. C
        assertEquals("K", P.action(lastCalibration, EnumSet.of(RETAIN_DEVICE_IDENTITY, RETAIN_MODIFIED_DATES)));
        assertEquals("C", P.action(lastCalibration, EnumSet.of(RETAIN_MODIFIED_DATES)));
        assertEquals("X", P.action(lastCalibration, EnumSet.of(RETAIN_INSTITUTION_IDENTITY)));
    }

    @Test
    void theMostSpecificPatternWins() {
        String table = header()
                + row("(60xx,xxxx)", "Any Overlay", "X")
                + row("(60xx,3000)", "Overlay Data", "X", "", "", "", "", "", "", "", "", "", "C")
                + row("(6002,3000)", "One Overlay's Data", "Z");
        DeidentificationProfile p = DeidentificationProfile.parse(
                "t.tsv", new StringReader(table), "s.tsv", new StringReader(safeHeader()));
        assertEquals("One Overlay's Data", p.rule(0x60023000).orElseThrow().name());
        assertEquals("Overlay Data", p.rule(0x60043000).orElseThrow().name());
        assertEquals("Any Overlay", p.rule(0x60040010).orElseThrow().name());
        assertEquals(
                List.of("Any Overlay", "Overlay Data", "One Overlay's Data"),
                p.rules().stream().map(Rule::name).toList(),
                "rules() keeps the file's order");
    }

    /** One safe element per vendor, each in the block its creator reserved (low byte only, PS3.5 7.8.1). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "SIEMENS MR HEADER, 0019100C", // B_value (E.3.10-1)
        "SIEMENS MR HEADER, 0019110E", // Diffusion gradient direction, creator in (0019,0011)
        "SIEMENS MR HEADER, 00191027", // B_matrix (E.3.10-1)
        "SIEMENS MR HEADER, 0019100A", // NumberOfImagesInMosaic (Ferrum)
        "SIEMENS CSA HEADER, 00291010", // CSA image header (Ferrum)
        "GEMS_PARM_01, 00431039", // slop_int_6..9, first value the b-value (E.3.10-1)
        "GEMS_ACQU_01, 001910BB", // gradient x (Ferrum)
        "GEMS_ACQU_01, 001910BD", // gradient z (Ferrum)
        "GEMS_ACQU_01, 0019109E", // internal pulse sequence name (E.3.10-1)
        "Philips Imaging DD 001, 20011003", // diffusion B-factor (E.3.10-1)
        "Philips MR Imaging DD 001, 2005100E", // scale slope (E.3.10-1)
        "Philips MR Imaging DD 001, 2005100D", // scale intercept (E.3.10-1)
        "Philips MR Imaging DD 001, 200510B1", // diffusion direction AP (Ferrum)
        "Philips MR Imaging DD 005, 2005140F", // private per-frame sequence (Ferrum)
    })
    void safePrivateForEachVendor(String creator, String hex) {
        assertTrue(P.isSafePrivate(creator, Integer.parseUnsignedInt(hex, 16)), creator + " " + hex);
    }

    @Test
    void unsafeOrMisattributedPrivateElements() {
        assertFalse(P.isSafePrivate("SIEMENS CSA HEADER", 0x00291020), "CSA series header embeds protocol text");
        assertFalse(P.isSafePrivate("SIEMENS MR HEADER", 0x00191012), "not listed");
        assertFalse(P.isSafePrivate("GEMS_ACQU_01", 0x0019100C), "Siemens' element under GE's creator");
        assertFalse(P.isSafePrivate("SIEMENS MR HEADER", 0x001910BB), "GE's element under Siemens' creator");
        assertFalse(P.isSafePrivate("siemens mr header", 0x0019100C), "creators compare exactly");
        assertFalse(P.isSafePrivate("SIEMENS MR HEADER", 0x00190010), "the Private Creator element itself");
        assertFalse(P.isSafePrivate("SIEMENS MR HEADER", 0x0018100C), "even group");
        assertFalse(P.isSafePrivate(null, 0x0019100C));
        assertTrue(P.isSafePrivate("SIEMENS MR HEADER ", 0x0019100C), "padding space of an even-length value");
    }

    // ---- load errors: one message with file:line and what is wrong

    private static String header() {
        return "# comment\n\ntag\tname\tbasic\tretain_safe_private\tretain_uids\tretain_device_identity"
                + "\tretain_institution_identity\tretain_patient_characteristics\tretain_full_dates"
                + "\tretain_modified_dates\tclean_descriptors\tclean_structured_content\tclean_graphics\n";
    }

    /** A table row with the ten option cells given in the standard's column order (missing trailing ones empty). */
    private static String row(String tag, String name, String basic, String... options) {
        String[] cells = new String[10];
        java.util.Arrays.fill(cells, "");
        System.arraycopy(options, 0, cells, 0, options.length);
        return tag + "\t" + name + "\t" + basic + "\t" + String.join("\t", cells) + "\n";
    }

    private static String safeHeader() {
        return "private_creator\tgroup\telement\tname\tsource\twhy\n";
    }

    private static String tableError(String rows) {
        return assertThrows(
                        IllegalStateException.class,
                        () -> DeidentificationProfile.parse(
                                "t.tsv", new StringReader(header() + rows), "s.tsv", new StringReader(safeHeader())))
                .getMessage();
    }

    private static String safeError(String rows) {
        String table = header() + row("(0010,0010)", "Patient's Name", "Z");
        return assertThrows(
                        IllegalStateException.class,
                        () -> DeidentificationProfile.parse(
                                "t.tsv",
                                new StringReader(table),
                                "s.tsv",
                                new StringReader("# c\n" + safeHeader() + rows)))
                .getMessage();
    }

    @Test
    void malformedTableRowsNameFileAndLine() {
        assertEquals(
                "t.tsv:4: 12 tab-separated fields, expected 13 (tag, name, basic, retain_safe_private, "
                        + "retain_uids, retain_device_identity, retain_institution_identity, retain_patient_characteristics, "
                        + "retain_full_dates, retain_modified_dates, clean_descriptors, clean_structured_content, "
                        + "clean_graphics)",
                tableError("(0010,0010)\tPatient's Name\tZ" + "\t".repeat(9) + "\n"));
        assertEquals(
                "t.tsv:4: tag '(0010,001)' is not (gggg,eeee) in upper-case hex, x for any digit",
                tableError(row("(0010,001)", "Patient's Name", "Z")));
        assertTrue(tableError(row("(0010,0010)", "Patient's Name", "Q"))
                .startsWith("t.tsv:4: basic action 'Q' is not one of"));
        assertTrue(tableError(row("(0008,0020)", "Study Date", "Z", "", "", "", "", "", "K", "CC"))
                .startsWith("t.tsv:4: column retain_modified_dates: 'CC' is not one of"));
        assertEquals(
                "t.tsv:5: tag (0010,0010) already listed on line 4",
                tableError(row("(0010,0010)", "Patient's Name", "Z") + row("(0010,0010)", "Patient's Name", "Z")));
        assertEquals(
                "t.tsv:4: tag (0019,100C) is private (odd group): private attributes belong in s.tsv",
                tableError(row("(0019,100C)", "B Value", "X")));
        assertEquals(
                "t.tsv:5: pattern (60x0,3000) overlaps (600x,3000) and is as specific: which one applies would "
                        + "be ambiguous",
                tableError(row("(600x,3000)", "A", "X") + row("(60x0,3000)", "B", "X")));
        assertEquals("t.tsv:4: attribute name is empty", tableError(row("(0010,0010)", " ", "Z")));
        assertTrue(assertThrows(
                        IllegalStateException.class,
                        () -> DeidentificationProfile.parse(
                                "t.tsv", new StringReader("tag\tname\n"), "s.tsv", new StringReader(safeHeader())))
                .getMessage()
                .startsWith("t.tsv:1: header must be the tab-separated columns tag name basic"));
        assertEquals("t.tsv: no rows", tableError(""));
    }

    @Test
    void malformedSafePrivateRowsNameFileAndLine() {
        String ok = "\tB_value\tPS3.15 E.3.10-1\tb-value\n";
        assertEquals(
                "s.tsv:3: group '0018' is not a private (odd, 4 upper-case hex digits) group",
                safeError("SIEMENS MR HEADER\t0018\t0x0C" + ok));
        assertEquals(
                "s.tsv:3: element '0C' is not the low byte as 0xEE (upper-case hex)",
                safeError("SIEMENS MR HEADER\t0019\t0C" + ok));
        assertEquals(
                "s.tsv:3: private creator ' SIEMENS MR HEADER' is empty or has surrounding spaces",
                safeError(" SIEMENS MR HEADER\t0019\t0x0C" + ok));
        assertEquals(
                "s.tsv:3: source 'dcm2niix' is neither 'PS3.15 E.3.10-1' nor 'Ferrum: read by <Class>'",
                safeError("SIEMENS MR HEADER\t0019\t0x0C\tB_value\tdcm2niix\tb-value\n"));
        assertEquals(
                "s.tsv:3: why is empty: say what the attribute carries",
                safeError("SIEMENS MR HEADER\t0019\t0x0C\tB_value\tFerrum: read by DiffusionTags\t\n"));
        assertEquals(
                "s.tsv:4: (0019,xx0C) of 'SIEMENS MR HEADER' already listed on line 3",
                safeError("SIEMENS MR HEADER\t0019\t0x0C" + ok + "SIEMENS MR HEADER\t0019\t0x0C" + ok));
        assertEquals(
                "s.tsv:3: 5 tab-separated fields, expected 6 (private_creator, group, element, name, source, why)",
                safeError("SIEMENS MR HEADER\t0019\t0x0C\tB_value\tPS3.15 E.3.10-1\n"));
    }
}
