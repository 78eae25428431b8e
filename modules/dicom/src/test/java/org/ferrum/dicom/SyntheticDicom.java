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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small DICOM byte streams for parser tests, element by element, in one of the three uncompressed
 * encodings (PS3.5 §7.1.2 explicit VR, §7.1.3 implicit VR; §7.3 byte order), so tests can build exactly
 * the (valid or broken) structure they need. {@link #part10} wraps the data set in a preamble, "DICM" and
 * file meta information (PS3.10 §7.1).
 */
final class SyntheticDicom {

    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;
    private final boolean bigEndian;
    private final String transferSyntax;

    private SyntheticDicom(String transferSyntax, boolean explicit, boolean bigEndian) {
        this.transferSyntax = transferSyntax;
        this.explicit = explicit;
        this.bigEndian = bigEndian;
    }

    static SyntheticDicom explicitLittleEndian() {
        return new SyntheticDicom(EXPLICIT_LE, true, false);
    }

    static SyntheticDicom implicitLittleEndian() {
        return new SyntheticDicom(IMPLICIT_LE, false, false);
    }

    static SyntheticDicom explicitBigEndian() {
        return new SyntheticDicom(EXPLICIT_BE, true, true);
    }

    /** An element header with the given length (which may be wrong on purpose, or 0xFFFFFFFF). */
    SyntheticDicom header(int tag, String vr, long length) {
        u16(tag >>> 16);
        u16(tag & 0xFFFF);
        if ((tag >>> 16) == 0xFFFE) {
            u32(length);
        } else if (explicit) {
            out.write(vr.charAt(0));
            out.write(vr.charAt(1));
            Vr v = DatasetReader.vrOf(vr.charAt(0), vr.charAt(1));
            if (v != null && v.longLength()) {
                u16(0);
                u32(length);
            } else {
                u16((int) length);
            }
        } else {
            u32(length);
        }
        return this;
    }

    SyntheticDicom element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    /** A text element, padded to even length with a space (a NUL for UI), PS3.5 §6.2. */
    SyntheticDicom text(int tag, String vr, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length % 2 == 1) {
            byte[] padded = java.util.Arrays.copyOf(b, b.length + 1);
            padded[b.length] = (byte) (vr.equals("UI") ? 0 : ' ');
            b = padded;
        }
        return element(tag, vr, b);
    }

    SyntheticDicom us(int tag, int... values) {
        header(tag, "US", 2L * values.length);
        for (int v : values) {
            u16(v);
        }
        return this;
    }

    SyntheticDicom ss(int tag, int... values) {
        header(tag, "SS", 2L * values.length);
        for (int v : values) {
            u16(v & 0xFFFF);
        }
        return this;
    }

    SyntheticDicom ul(int tag, long... values) {
        header(tag, "UL", 4L * values.length);
        for (long v : values) {
            u32(v);
        }
        return this;
    }

    SyntheticDicom fl(int tag, float... values) {
        header(tag, "FL", 4L * values.length);
        for (float v : values) {
            u32(Float.floatToIntBits(v) & 0xFFFFFFFFL);
        }
        return this;
    }

    SyntheticDicom fd(int tag, double... values) {
        header(tag, "FD", 8L * values.length);
        for (double v : values) {
            u64(Double.doubleToLongBits(v));
        }
        return this;
    }

    /** 16-bit words in the stream's byte order, as OW. */
    SyntheticDicom ow(int tag, int... words) {
        header(tag, "OW", 2L * words.length);
        for (int v : words) {
            u16(v & 0xFFFF);
        }
        return this;
    }

    SyntheticDicom beginSequence(int tag) {
        return header(tag, "SQ", 0xFFFFFFFFL);
    }

    SyntheticDicom beginItem() {
        return header(Tags.Item, null, 0xFFFFFFFFL);
    }

    SyntheticDicom endItem() {
        return header(Tags.ItemDelimitationItem, null, 0);
    }

    SyntheticDicom endSequence() {
        return header(Tags.SequenceDelimitationItem, null, 0);
    }

    SyntheticDicom raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The data set bytes written so far. */
    byte[] dataset() {
        return out.toByteArray();
    }

    /** Preamble, "DICM", file meta information naming this stream's transfer syntax, then the data set. */
    byte[] part10() {
        return part10(transferSyntax, dataset());
    }

    static byte[] part10(String transferSyntaxUid, byte[] dataset) {
        SyntheticDicom meta = explicitLittleEndian();
        SyntheticDicom body = explicitLittleEndian();
        body.element(Tags.FileMetaInformationVersion, "OB", new byte[] {0, 1});
        body.text(Tags.MediaStorageSOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.4");
        body.text(Tags.MediaStorageSOPInstanceUID, "UI", "1.2.3.4");
        body.text(Tags.TransferSyntaxUID, "UI", transferSyntaxUid);
        byte[] metaBody = body.dataset();
        meta.out.writeBytes(new byte[128]);
        meta.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        meta.ul(Tags.FileMetaInformationGroupLength, metaBody.length);
        meta.out.writeBytes(metaBody);
        meta.out.writeBytes(dataset);
        return meta.out.toByteArray();
    }

    private void u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
    }

    private void u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16) & 0xFFFF);
            u16((int) v & 0xFFFF);
        } else {
            u16((int) v & 0xFFFF);
            u16((int) (v >>> 16) & 0xFFFF);
        }
    }

    private void u64(long v) {
        if (bigEndian) {
            u32(v >>> 32);
            u32(v & 0xFFFFFFFFL);
        } else {
            u32(v & 0xFFFFFFFFL);
            u32(v >>> 32);
        }
    }
}
