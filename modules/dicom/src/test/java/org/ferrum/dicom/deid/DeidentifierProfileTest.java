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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.DicomRewriter;
import org.ferrum.dicom.Vr;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attribute by attribute against PS3.15 Table E.1-1: for one real file of each vendor, an enhanced multi-frame file,
 * every transfer syntax of dcm_qa_ts and pydicom's encodings, every attribute of the input at every nesting level is
 * checked in the output against what the table ({@link DeidentificationProfile#standard()}) says. Expected UIDs and date
 * offsets are recomputed here from their published definitions (HMAC-SHA256 with the secret), not taken from the
 * engine.
 */
class DeidentifierProfileTest {

    static final byte[] SECRET = "test secret: 32 bytes of project".getBytes(StandardCharsets.US_ASCII);

    static Stream<String> files() {
        List<String> f = new ArrayList<>(List.of(
                "dicom/dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm",
                "dicom/heudiconv/MEGRE/phase/00001.dcm",
                "dicom/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2/i22.MRDC.1",
                "dicom/dcm_qa_fmap/In/GE/6_CV_Neuro/i100572.MRDC.17",
                "dicom/dcm_qa_fmap/In/Philips/fmap/IM_0027_fMAP.dcm",
                "dicom/dcm_qa_enh/In/Siemens/XA10/6_1.dcm",
                "dicom/pydicom/MR_small_bigendian.dcm",
                "dicom/pydicom/MR_small_implicit.dcm",
                "dicom/pydicom/MR_small_RLE.dcm",
                "dicom/pydicom/image_dfl.dcm"));
        for (int k = 1; k <= 9; k++) {
            f.add("dicom/dcm_qa_ts/In/" + k + ".dcm");
        }
        return f.stream();
    }

    static final Set<DeidentificationOption> QMRI = EnumSet.of(
            DeidentificationOption.RETAIN_MODIFIED_DATES,
            DeidentificationOption.RETAIN_SAFE_PRIVATE,
            DeidentificationOption.CLEAN_DESCRIPTORS);

    static Deidentifier engine(Set<DeidentificationOption> options, byte[] secret) {
        return new Deidentifier(
                ProfileRules.of(DeidentificationProfile.standard(), options),
                options,
                new DeidentificationKeys(secret),
                false);
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyAttributeFollowsTheProfileWithQuantitativeMriOptions(String name) throws Exception {
        check(name, QMRI);
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyAttributeFollowsTheBasicProfile(String name) throws Exception {
        check(name, EnumSet.noneOf(DeidentificationOption.class));
    }

    private void check(String name, Set<DeidentificationOption> options) throws Exception {
        Path file = TestData.path(name);
        DicomFile in = DicomParser.read(file);
        // pydicom's deflated file is a Secondary Capture: flagged; written here with the pass-through switch
        boolean secondaryCapture = name.endsWith("image_dfl.dcm");
        Deidentifier.Outcome o = new Deidentifier(
                        ProfileRules.of(DeidentificationProfile.standard(), options),
                        options,
                        new DeidentificationKeys(SECRET),
                        secondaryCapture)
                .deidentify(in);
        assertEquals(
                secondaryCapture ? Deidentifier.Status.FLAGGED_WRITTEN : Deidentifier.Status.WRITTEN,
                o.status(),
                o.reason());
        DicomFile out = DicomParser.parse(Path.of("out.dcm"), o.bytes());

        // transfer syntax kept (deflated is re-encoded explicit VR little endian, as documented)
        String ts = in.transferSyntaxUid().equals("1.2.840.10008.1.2.1.99")
                ? "1.2.840.10008.1.2.1"
                : in.transferSyntaxUid();
        assertEquals(ts, out.transferSyntaxUid());
        // encapsulated pixel data byte for byte, native pixel data too
        assertArrayEquals(
                in.dataset().bytes(0x7FE00010).orElse(null),
                out.dataset().bytes(0x7FE00010).orElse(null),
                "pixel data");
        if (in.isEncapsulated()) {
            assertEquals(in.frameCount(), out.frameCount());
            for (int f = 0; f < in.frameCount(); f++) {
                assertEquals(in.fragments(f), out.fragments(f), "fragments of frame " + f);
            }
        }
        // File Meta: Media Storage SOP Instance UID = the new SOP Instance UID
        String sop = out.dataset().string(0x00080018).orElseThrow();
        assertEquals(sop, out.fileMeta().string(0x00020003).orElseThrow());
        assertEquals(
                options.contains(DeidentificationOption.RETAIN_UIDS)
                        ? in.dataset().string(0x00080018).orElseThrow()
                        : uid(in.dataset().string(0x00080018).orElseThrow()),
                sop);

        String patientId = in.dataset().string(0x00100020).orElse("");
        int shift = shiftDays(patientId);
        ProfileRules rules = ProfileRules.of(DeidentificationProfile.standard(), options);
        int[] checked = {0};
        compare(in.dataset(), out.dataset(), rules, options, shift, patientId, 0, checked);
        assertTrue(checked[0] > 20, "attributes checked: " + checked[0]);

        // added attributes (PS3.15 E.1.1, PS3.3 C.7.1.1)
        DicomDataset d = out.dataset();
        assertEquals("YES", d.string(0x00120062).orElseThrow());
        List<DicomDataset> codes = d.sequence(0x00120064);
        assertEquals(1 + options.size(), codes.size());
        assertEquals("113100", codes.get(0).string(0x00080100).orElseThrow());
        assertEquals("DCM", codes.get(0).string(0x00080102).orElseThrow());
        Set<String> optionCodes = new java.util.HashSet<>();
        for (int k = 1; k < codes.size(); k++) {
            optionCodes.add(codes.get(k).string(0x00080100).orElseThrow());
        }
        Set<String> expected = new java.util.HashSet<>();
        options.forEach(x -> expected.add(x.code()));
        assertEquals(expected, optionCodes);
        assertEquals(
                options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES) ? "MODIFIED" : "REMOVED",
                d.string(0x00280303).orElseThrow());
        // the pseudonym
        assertEquals(pseudonym(patientId), d.string(0x00100020).orElseThrow());
        assertEquals(pseudonym(patientId), d.string(0x00100010).orElseThrow());
    }

    private static void compare(
            DicomDataset in,
            DicomDataset out,
            ProfileRules rules,
            Set<DeidentificationOption> options,
            int shift,
            String patientId,
            int depth,
            int[] checked)
            throws Exception {
        boolean shiftDates = options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES);
        for (int tag : in.tags()) {
            String where = in.source() + " " + DicomRewriter.hex(tag);
            if ((tag & 0xFFFF) == 0 || (tag >>> 16) == 0x0002) {
                assertFalse(out.contains(tag), where + ": group length removed");
                continue;
            }
            if (depth == 0
                    && Set.of(0x00120062, 0x00120063, 0x00120064, 0x00280303).contains(tag)) {
                continue;
            }
            checked[0]++;
            Vr vr = in.vr(tag).orElseThrow();
            if ((tag >>> 16 & 1) == 1) {
                int element = tag & 0xFFFF;
                if (element < 0x1000) {
                    continue; // creators: kept exactly when their block is (checked below through the data)
                }
                int creatorTag = (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
                Optional<String> creator = in.string(creatorTag).map(String::trim);
                boolean safe = options.contains(DeidentificationOption.RETAIN_SAFE_PRIVATE)
                        && creator.isPresent()
                        && rules.isSafePrivate(creator.get(), tag);
                if (!safe) {
                    assertFalse(out.contains(tag), where + ": private removed");
                } else {
                    assertTrue(out.contains(tag), where + ": safe private kept");
                    assertEquals(creator, out.string(creatorTag).map(String::trim), where + ": its creator kept");
                    if (vr != Vr.SQ) {
                        assertArrayEquals(
                                in.bytes(tag).orElseThrow(), out.bytes(tag).orElseThrow(), where);
                    }
                }
                continue;
            }
            Optional<ProfileRules.Listed> listed = rules.listed(tag);
            if (listed.isEmpty()) {
                keptOrShifted(in, out, tag, vr, shiftDates, shift, where);
                if (vr == Vr.SQ) {
                    recurse(in, out, tag, rules, options, shift, patientId, depth, checked);
                }
                continue;
            }
            vr = Deidentifier.vrOf(vr, listed.get().name());
            String action = Deidentifier.resolve(listed.get().action(), tag, vr);
            if (depth == 0 && (tag == 0x00100010 || tag == 0x00100020) && !action.equals("K")) {
                assertEquals(pseudonym(patientId), out.string(tag).orElseThrow(), where);
                continue;
            }
            switch (action) {
                case "X" -> assertFalse(out.contains(tag), where + ": X removes");
                case "Z" -> {
                    assertTrue(out.contains(tag), where + ": Z keeps the attribute");
                    if (vr == Vr.SQ) {
                        assertTrue(out.sequence(tag).isEmpty(), where + ": Z empties the sequence");
                    } else {
                        assertEquals(0, out.bytes(tag).map(b -> b.length).orElse(0), where + ": Z zero length");
                    }
                }
                case "D" -> {
                    assertTrue(out.contains(tag), where + ": D keeps the attribute");
                    if (vr == Vr.UI) {
                        assertEquals(uids(in.strings(tag)), out.strings(tag), where);
                    } else if (vr != Vr.SQ) {
                        assertFalse(out.strings(tag).isEmpty(), where + ": D is not empty");
                        if (!in.strings(tag).isEmpty() && !in.strings(tag).equals(out.strings(tag))) {
                            assertNotEquals(in.strings(tag), out.strings(tag), where);
                        }
                    }
                }
                case "U" -> assertEquals(uids(in.strings(tag)), out.strings(tag), where + ": U remaps");
                case "K" -> {
                    keptOrShifted(in, out, tag, vr, shiftDates, shift, where);
                    if (vr == Vr.SQ) {
                        recurse(in, out, tag, rules, options, shift, patientId, depth, checked);
                    }
                }
                case "C" -> {
                    if (vr == Vr.DA || vr == Vr.DT) {
                        assertEquals(shifted(in.strings(tag), vr, shift), out.strings(tag), where + ": date shifted");
                    } else if (vr == Vr.TM) {
                        assertArrayEquals(
                                in.bytes(tag).orElseThrow(), out.bytes(tag).orElseThrow(), where + ": time kept");
                    } else if (vr == Vr.SQ) {
                        recurse(in, out, tag, rules, options, shift, patientId, depth, checked);
                    } else {
                        assertTrue(
                                out.strings(tag).isEmpty() || out.strings(tag).equals(in.strings(tag)),
                                where + ": cleaned descriptor is kept whole or blanked");
                    }
                }
                default -> throw new AssertionError(where + ": unexpected action " + action);
            }
        }
    }

    private static void recurse(
            DicomDataset in,
            DicomDataset out,
            int tag,
            ProfileRules rules,
            Set<DeidentificationOption> options,
            int shift,
            String patientId,
            int depth,
            int[] checked)
            throws Exception {
        List<DicomDataset> a = in.sequence(tag);
        List<DicomDataset> b = out.sequence(tag);
        assertEquals(a.size(), b.size(), in.source() + " " + DicomRewriter.hex(tag) + ": items");
        for (int k = 0; k < a.size(); k++) {
            compare(a.get(k), b.get(k), rules, options, shift, patientId, depth + 1, checked);
        }
    }

    private static void keptOrShifted(
            DicomDataset in, DicomDataset out, int tag, Vr vr, boolean shiftDates, int shift, String where)
            throws Exception {
        assertTrue(out.contains(tag), where + ": kept");
        if (shiftDates && (vr == Vr.DA || vr == Vr.DT) && !in.strings(tag).isEmpty()) {
            assertEquals(shifted(in.strings(tag), vr, shift), out.strings(tag), where + ": date shifted");
        } else if (vr != Vr.SQ) {
            assertArrayEquals(in.bytes(tag).orElse(new byte[0]), out.bytes(tag).orElse(new byte[0]), where + ": kept");
        }
    }

    // ---- the published definitions, recomputed independently ----

    static byte[] hmac(byte[] secret, String message) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(secret, "HmacSHA256"));
        return m.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    static String uid(String original) throws Exception {
        return uid(original, SECRET);
    }

    static String uid(String original, byte[] secret) throws Exception {
        String u = original.replace("\0", "").trim();
        return "2.25." + new BigInteger(1, Arrays.copyOf(hmac(secret, u), 16)).toString(10);
    }

    static List<String> uids(List<String> values) throws Exception {
        List<String> r = new ArrayList<>();
        for (String v : values) {
            r.add(uid(v));
        }
        return r;
    }

    static String pseudonym(String patientId) throws Exception {
        byte[] h = hmac(SECRET, "patient-id:" + patientId.trim());
        StringBuilder sb = new StringBuilder("FERRUM-");
        for (int k = 0; k < 5; k++) {
            sb.append(String.format("%02X", h[k]));
        }
        return sb.toString();
    }

    static int shiftDays(String patientId) throws Exception {
        long v = ByteBuffer.wrap(hmac(SECRET, "date-shift:" + patientId.trim())).getLong();
        int days = -(365 + (int) Math.floorMod(v, 3286L));
        assertTrue(days <= -365 && days >= -3650);
        return days;
    }

    static List<String> shifted(List<String> values, Vr vr, int days) {
        List<String> r = new ArrayList<>();
        for (String v : values) {
            String date = v.trim().replace(".", "");
            if (vr == Vr.DA) {
                r.add(LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE)
                        .plusDays(days)
                        .format(DateTimeFormatter.BASIC_ISO_DATE));
            } else {
                String d8 = LocalDate.parse(v.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE)
                        .plusDays(days)
                        .format(DateTimeFormatter.BASIC_ISO_DATE);
                r.add(d8 + v.trim().substring(8));
            }
        }
        return r;
    }
}
