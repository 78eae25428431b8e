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

import java.math.BigInteger;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Unique identifiers for the DICOM objects Ferrum creates, and the well-known UIDs it writes.
 *
 * <p>New UIDs use the UUID-derived root of PS3.5 §B.2: {@code "2.25."} followed by the 128-bit value of a
 * random (version 4) UUID written as an unsigned decimal integer without leading zeros. This needs no
 * registered organisation root, and with 122 random bits collisions are not a practical concern. Such a
 * UID is at most 5 + 39 = 44 characters, within the 64 that PS3.5 §9.1 allows.
 */
public final class Uids {

    /** Explicit VR Little Endian transfer syntax (PS3.5 §A.2). */
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    /** MR Image Storage SOP class (PS3.4 Table B.5-1). */
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

    /**
     * Ferrum's implementation class UID for the file meta information (PS3.7 §D.3.3.2): fixed, derived
     * from one UUID chosen once for this implementation, so files written by any Ferrum build carry it.
     */
    public static final String IMPLEMENTATION_CLASS_UID =
            fromUuid(UUID.fromString("6ddf45f8-bf43-4afe-b54f-ee339000bccd"));
    /** Implementation Version Name (SH, at most 16 characters), changed when the writer's output changes. */
    public static final String IMPLEMENTATION_VERSION_NAME = "FERRUM_0.1";

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private Uids() {}

    /** A new UID {@code 2.25.<decimal of a random UUID>}. */
    public static String newUid() {
        return fromUuid(UUID.randomUUID());
    }

    /** The UID {@code 2.25.<decimal>} of a UUID (its 128 bits read as an unsigned integer). */
    public static String fromUuid(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int n = 0; n < 8; n++) {
            bytes[n] = (byte) (hi >>> (56 - 8 * n));
            bytes[8 + n] = (byte) (lo >>> (56 - 8 * n));
        }
        return "2.25." + new BigInteger(1, bytes);
    }

    /**
     * True if {@code uid} is a syntactically valid UID (PS3.5 §9.1): at most 64 characters, digits and
     * dots only, components without leading zeros (except a lone 0).
     */
    public static boolean isValid(String uid) {
        return uid != null
                && !uid.isEmpty()
                && uid.length() <= 64
                && UID.matcher(uid).matches();
    }
}
