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

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The transfer syntaxes Ferrum recognises (PS3.5 §10 and Annex A; UIDs from PS3.6 Annex A). A transfer
 * syntax fixes how a data set is encoded: VR explicit or implicit (PS3.5 §7.1), byte order (§7.3), whether
 * the whole data set is deflated (§A.5), and whether pixel data is native or encapsulated in fragments
 * (§A.4). Ferrum either decodes a syntax's pixels exactly or refuses it with a clear message
 * ({@link #requireDecodable}): never wrong pixels.
 */
enum TransferSyntax {
    /** The default DICOM transfer syntax, PS3.5 §A.1. */
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, true),
    /** PS3.5 §A.2. */
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, true),
    /** The explicit-VR little-endian data set, deflated (RFC 1951, no zlib header), PS3.5 §A.5. */
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN(
            "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, false, true),
    /** Retired in the standard, still in archives, PS3.5 §A.3. */
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, true),
    /** PackBits-style run-length encoding of byte planes, PS3.5 §A.4.2 and Annex G. */
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", true, false, true, true),
    /** ITU-T T.81 process 1, lossy: not decoded. */
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, true, false),
    /** ITU-T T.81 processes 2 and 4, lossy: not decoded. */
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, true, false),
    /** ITU-T T.81 process 14, any predictor, PS3.5 §A.4.1. */
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, true, true),
    /** ITU-T T.81 process 14 with predictor 1 ("SV1"), the common lossless JPEG, PS3.5 §A.4.1. */
    JPEG_LOSSLESS_SV1(
            "1.2.840.10008.1.2.4.70",
            "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
            true,
            false,
            true,
            true),
    /** ISO/IEC 14495-1 lossless: not decoded. */
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, true, false),
    /** ISO/IEC 14495-1 near-lossless: not decoded. */
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true, false, true, false),
    /** ISO/IEC 15444-1 reversible, PS3.5 §A.4.4. */
    JPEG_2000_LOSSLESS(
            "1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, true, true),
    /** ISO/IEC 15444-1, possibly irreversible; decoded as the codestream says, PS3.5 §A.4.4. */
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, true, true),
    /**
     * Any other UID. Its data set is read as explicit VR little endian with encapsulated pixel data, which
     * is what every transfer syntax defined since 1998 uses (PS3.5 §A.4); its pixels are never decoded.
     */
    UNKNOWN("", "unknown transfer syntax", true, false, true, false);

    private final String uid;
    private final String displayName;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean encapsulated;
    private final boolean decodable;

    TransferSyntax(
            String uid,
            String displayName,
            boolean explicitVr,
            boolean bigEndian,
            boolean encapsulated,
            boolean decodable) {
        this.uid = uid;
        this.displayName = displayName;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.encapsulated = encapsulated;
        this.decodable = decodable;
    }

    /** The UID (empty for {@link #UNKNOWN}; {@link DicomFile#transferSyntaxUid()} keeps the file's). */
    public String uid() {
        return uid;
    }

    /** The name PS3.6 Annex A gives. */
    public String displayName() {
        return displayName;
    }

    /** True if each element carries its VR (PS3.5 §7.1.2), false for implicit VR (§7.1.3). */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** The byte order of the data set's binary values and element headers (PS3.5 §7.3); file meta is always little endian. */
    public ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** True if the data set after the file meta information is deflated (PS3.5 §A.5). */
    public boolean deflated() {
        return this == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
    }

    /** True if pixel data is a sequence of fragments (PS3.5 §A.4) rather than native (§8.1.1). */
    public boolean isEncapsulated() {
        return encapsulated;
    }

    /** True if Ferrum decodes this syntax's pixel data to exact samples. */
    public boolean decodable() {
        return decodable;
    }

    /** The syntax with this UID (trailing NUL and space padding ignored), {@link #UNKNOWN} if none. */
    public static TransferSyntax of(String uid) {
        String u = trimUid(uid);
        for (TransferSyntax ts : values()) {
            if (ts != UNKNOWN && ts.uid.equals(u)) {
                return ts;
            }
        }
        return UNKNOWN;
    }

    /**
     * Throws the "unsupported transfer syntax" error for syntaxes whose pixels Ferrum does not decode.
     *
     * @param uid  the UID as the file states it (for {@link #UNKNOWN})
     * @param file the file, for the message
     */
    public void requireDecodable(String uid, Path file) throws DicomFormatException {
        if (!decodable) {
            String name = this == UNKNOWN ? "(not known to Ferrum)" : displayName;
            throw new DicomFormatException(
                    file,
                    "unsupported transfer syntax " + name + " (" + trimUid(uid)
                            + "): Ferrum cannot decode its pixel data; convert the file to an uncompressed or lossless syntax first");
        }
    }

    private static String trimUid(String uid) {
        if (uid == null) {
            return "";
        }
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
