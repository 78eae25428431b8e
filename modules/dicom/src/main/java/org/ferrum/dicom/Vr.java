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

/**
 * DICOM value representations (PS3.5 §6.2, Table 6.2-1). {@link #longLength()} tells whether explicit-VR
 * encoding uses the 2-byte-reserved + 4-byte length form (PS3.5 §7.1.2).
 */
public enum Vr {
    AE,
    AS,
    AT,
    CS,
    DA,
    DS,
    DT,
    FL,
    FD,
    IS,
    LO,
    LT,
    OB,
    OD,
    OF,
    OL,
    OV,
    OW,
    PN,
    SH,
    SL,
    SQ,
    SS,
    ST,
    SV,
    TM,
    UC,
    UI,
    UL,
    UN,
    UR,
    US,
    UT,
    UV;

    /** True for the VRs whose explicit-VR length field is 32 bits (PS3.5 Table 7.1-1). */
    public boolean longLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, UC, UN, UR, UT, SV, UV -> true;
            default -> false;
        };
    }

    /** True for character-string VRs whose values are text. */
    public boolean isText() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
            default -> false;
        };
    }

    /** The VR with this two-letter code, or null if there is none. */
    public static Vr of(char a, char b) {
        for (Vr v : values()) {
            String n = v.name();
            if (n.charAt(0) == a && n.charAt(1) == b) {
                return v;
            }
        }
        return null;
    }
}
