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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.ferrum.dicom.Vr;
import org.junit.jupiter.api.Test;

/** The engine's documented rules, value by value. */
class DeidentifierRulesTest {

    @Test
    void datesMoveByWholeDaysAcrossMonthYearAndLeapDay() {
        assertEquals("20231231", Deidentifier.shiftDate("20240101", -1));
        assertEquals("20240229", Deidentifier.shiftDate("20250301", -366));
        assertEquals("20230101", Deidentifier.shiftDate("2024.01.01", -365), "the old YYYY.MM.DD form (PS3.5 §6.2)");
        assertNull(Deidentifier.shiftDate("20241301", -1), "no month 13");
        assertNull(Deidentifier.shiftDate("UNKNOWN", -1));
    }

    @Test
    void dateTimesKeepTimeOffsetAndPrecision() {
        assertEquals("20231231235959.123456+0100", Deidentifier.shiftDateTime("20240101235959.123456+0100", -1));
        assertEquals("202312", Deidentifier.shiftDateTime("202401", -1), "month precision kept");
        assertEquals("2023", Deidentifier.shiftDateTime("2024", -1), "year precision kept");
        assertNull(Deidentifier.shiftDateTime("20", -1));
    }

    @Test
    void compoundActionsFollowTheTypeInTheMrIods() {
        assertEquals("Z", Deidentifier.resolve("Z/D", 0x00080020, Vr.DA)); // Study Date, type 2
        assertEquals("D", Deidentifier.resolve("Z/D", 0x00080023, Vr.DA)); // Content Date, type 1 in Enhanced MR
        assertEquals("X", Deidentifier.resolve("X/Z", 0x00080022, Vr.DA)); // Acquisition Date, type 3
        assertEquals("Z", Deidentifier.resolve("X/Z", 0x00200010, Vr.SH)); // Study ID, type 2
        assertEquals("X", Deidentifier.resolve("X/D", 0x00080021, Vr.DA)); // Series Date, type 3
        assertEquals("D", Deidentifier.resolve("X/Z/D", 0x0008002A, Vr.DT)); // Acquisition DateTime
        assertEquals("X", Deidentifier.resolve("X/Z/D", 0x00081010, Vr.SH)); // Station Name
        assertEquals("U", Deidentifier.resolve("X/Z/U*", 0x00081155, Vr.UI));
        assertEquals("K", Deidentifier.resolve("X/Z/U*", 0x00081140, Vr.SQ)); // walked, its UIDs remapped
        assertEquals("X", Deidentifier.resolve("X/Z/U*", 0x00081150, Vr.LO));
    }

    @Test
    void implicitVrUnknownsTakeTheirVrFromTheStandardsName() {
        assertEquals(Vr.UI, Deidentifier.vrOf(Vr.UN, "Instance Creator UID"));
        assertEquals(Vr.DT, Deidentifier.vrOf(Vr.UN, "Frame Acquisition DateTime"));
        assertEquals(Vr.DA, Deidentifier.vrOf(Vr.UN, "Instance Creation Date"));
        assertEquals(Vr.TM, Deidentifier.vrOf(Vr.UN, "Instance Creation Time"));
        assertEquals(Vr.PN, Deidentifier.vrOf(Vr.UN, "Operators' Name"));
        assertEquals(Vr.LO, Deidentifier.vrOf(Vr.UN, "Device Serial Number"));
        assertEquals(Vr.SH, Deidentifier.vrOf(Vr.SH, "Station Name"), "a known VR is kept");
    }

    @Test
    void descriptorsStayOnlyIfEveryWordIsSafe() {
        Deidentifier d = new Deidentifier(
                DeidentificationProfile.standard(),
                EnumSet.of(DeidentificationOption.CLEAN_DESCRIPTORS),
                "thirty-two bytes of a test key!!".getBytes(StandardCharsets.US_ASCII),
                false);
        assertTrue(d.isSafeDescriptor("t2_swi_tra_p2_1.5mm"));
        assertTrue(d.isSafeDescriptor("ep2d_diff_b1000 AX"));
        assertTrue(d.isSafeDescriptor("GRE_QSM 3D"));
        assertFalse(d.isSafeDescriptor("QSM Jane Doe"));
        assertFalse(d.isSafeDescriptor("T1 20190312"), "a date-like number");
        assertFalse(d.isSafeDescriptor("St Elsewhere brain"));
    }

    @Test
    void keysAreDeterministicAndWithinTheirRanges() {
        DeidentificationKeys k =
                new DeidentificationKeys("thirty-two bytes of a test key!!".getBytes(StandardCharsets.US_ASCII));
        String u = k.uid("1.2.840.113619.2.1.1.1\0");
        assertEquals(u, k.uid("1.2.840.113619.2.1.1.1"), "NUL padding ignored");
        assertTrue(u.matches("2\\.25\\.[1-9][0-9]{0,38}"), u);
        assertTrue(u.length() <= 64);
        assertTrue(k.pseudonym("PAT01").matches("FERRUM-[0-9A-F]{10}"));
        for (int p = 0; p < 200; p++) {
            int days = k.dateShiftDays("patient " + p);
            assertTrue(days <= -365 && days >= -3650, String.valueOf(days));
        }
    }
}
