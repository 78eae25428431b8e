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

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything de-identification derives from the project secret, by HMAC-SHA256 (RFC 2104) keyed with the secret's
 * bytes, so that the same input maps to the same output in every file, batch and run that uses the same secret, and
 * nobody without the secret can invert or recompute the mapping (a plain hash of a Patient ID or a date could be
 * found by trying every value).
 *
 * <ul>
 *   <li>{@link #uid}: {@code 2.25.} followed by the first 128 bits of HMAC(secret, UID) read as an unsigned integer in
 *       decimal, no leading zeros (a UUID-derived UID, PS3.5 B.2; at most 44 characters).
 *   <li>{@link #pseudonym}: {@code FERRUM-} + the first 10 hex digits of HMAC(secret, "patient-id:" + Patient ID).
 *   <li>{@link #dateShiftDays}: −365 − (first 64 bits of HMAC(secret, "date-shift:" + Patient ID) mod 3286), whole
 *       days in [−3650, −365].
 *   <li>{@link #valueHash}: the first 16 hex digits of HMAC(secret, "audit:" + value bytes), which the audit writes in
 *       place of an old value (equal values give equal hashes within a project).
 *   <li>{@link #nameLabel}: the first 16 hex digits of HMAC(secret, "name:" + kind + ":" + value), a short keyed label
 *       for an output folder or file name (a study, series or SOP instance by its original UID).
 *   <li>{@link #inputName}: {@code in-} + the first 16 hex digits of HMAC(secret, "input:" + relative path), which
 *       messages and the audit write in place of an input file's path (folder and file names often carry PHI).
 * </ul>
 *
 * Thread-safe (one {@link Mac} per thread).
 */
public final class DeidentificationKeys {

    /** Shortest secret accepted: 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;

    static final int MIN_SHIFT_DAYS = 365;
    static final int MAX_SHIFT_DAYS = 3650;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    /**
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public DeidentificationKeys(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the de-identification secret has " + secret.length + " bytes; at least "
                    + MIN_SECRET_BYTES + " are needed");
        }
        key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    byte[] hmac(String prefix, byte[] value) {
        Mac m = mac.get();
        m.update(prefix.getBytes(StandardCharsets.US_ASCII));
        return m.doFinal(value);
    }

    /** The UID that replaces {@code uid} (trimmed of NUL and space padding first). */
    public String uid(String uid) {
        byte[] h = hmac("", trimUid(uid).getBytes(StandardCharsets.US_ASCII));
        return "2.25." + new BigInteger(1, Arrays.copyOf(h, 16));
    }

    /** The pseudonym for a patient, written as both Patient's Name and Patient ID. */
    public String pseudonym(String patientId) {
        byte[] h = hmac("patient-id:", patientId.trim().getBytes(StandardCharsets.UTF_8));
        return "FERRUM-" + HexFormat.of().withUpperCase().formatHex(h, 0, 5);
    }

    /** Whole days, in [−3650, −365], added to every date of this patient. */
    public int dateShiftDays(String patientId) {
        byte[] h = hmac("date-shift:", patientId.trim().getBytes(StandardCharsets.UTF_8));
        long v = ByteBuffer.wrap(h, 0, 8).getLong();
        return -(MIN_SHIFT_DAYS + (int) Math.floorMod(v, (long) (MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1)));
    }

    /** The keyed hash the audit writes for an old value. */
    public String valueHash(byte[] value) {
        return HexFormat.of().formatHex(hmac("audit:", value), 0, 8);
    }

    /**
     * A 16-hex-digit keyed label for {@code value} of the given kind ({@code study}, {@code series}, {@code sop},
     * ...): equal for the same secret, kind and value; 64 bits, so two different values of one kind share a label
     * with probability about n²/2⁶⁵ (the run reports such a clash instead of overwriting).
     */
    public String nameLabel(String kind, String value) {
        return HexFormat.of().formatHex(hmac("name:" + kind + ":", value.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** The name that stands for an input file (by its path relative to the input folder, '/'-separated). */
    public String inputName(String relativePath) {
        return "in-" + HexFormat.of().formatHex(hmac("input:", relativePath.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    static String trimUid(String uid) {
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == 0 || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && uid.charAt(start) == ' ') {
            start++;
        }
        return uid.substring(start, end);
    }
}
