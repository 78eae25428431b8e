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
package org.ferrum.io.nifti;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where each header field Ferrum uses lives in a NIfTI-1 (348-byte) and a NIfTI-2 (540-byte) header,
 * and how wide it is. One table for both versions, so the reader and the writer share a single
 * parser/formatter instead of two copies of the layout. Offsets and widths are those of the structs
 * {@code nifti_1_header} (nifti1.h) and {@code nifti_2_header} (nifti2.h); NIfTI-2 widens integers to
 * 64 bits and floats to doubles and reorders the fields.
 */
enum NiftiField {
    SIZEOF_HDR(0, Kind.I32, 0, Kind.I32, 1),
    MAGIC(344, Kind.TEXT, 4, Kind.TEXT, 1, 4, 8),
    DIM(40, Kind.I16, 16, Kind.I64, 8),
    INTENT_P(56, Kind.F32, 80, Kind.F64, 3),
    INTENT_CODE(68, Kind.I16, 504, Kind.I32, 1),
    DATATYPE(70, Kind.I16, 12, Kind.I16, 1),
    BITPIX(72, Kind.I16, 14, Kind.I16, 1),
    PIXDIM(76, Kind.F32, 104, Kind.F64, 8),
    VOX_OFFSET(108, Kind.F32, 168, Kind.I64, 1),
    SCL_SLOPE(112, Kind.F32, 176, Kind.F64, 1),
    SCL_INTER(116, Kind.F32, 184, Kind.F64, 1),
    XYZT_UNITS(123, Kind.U8, 500, Kind.I32, 1),
    DESCRIP(148, Kind.TEXT, 240, Kind.TEXT, 1, 80, 80),
    QFORM_CODE(252, Kind.I16, 344, Kind.I32, 1),
    SFORM_CODE(254, Kind.I16, 348, Kind.I32, 1),
    /** quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z (contiguous in both versions). */
    QUATERN(256, Kind.F32, 352, Kind.F64, 6),
    /** srow_x[4], srow_y[4], srow_z[4] (contiguous in both versions). */
    SROW(280, Kind.F32, 400, Kind.F64, 12),
    INTENT_NAME(328, Kind.TEXT, 508, Kind.TEXT, 1, 16, 16);

    /** Primitive encodings of header fields. */
    enum Kind {
        U8(1),
        I16(2),
        I32(4),
        I64(8),
        F32(4),
        F64(8),
        TEXT(0);

        final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }
    }

    private final int offset1;
    private final Kind kind1;
    private final int offset2;
    private final Kind kind2;
    final int count;
    private final int textLength1;
    private final int textLength2;

    NiftiField(int offset1, Kind kind1, int offset2, Kind kind2, int count) {
        this(offset1, kind1, offset2, kind2, count, 0, 0);
    }

    NiftiField(int offset1, Kind kind1, int offset2, Kind kind2, int count, int textLength1, int textLength2) {
        this.offset1 = offset1;
        this.kind1 = kind1;
        this.offset2 = offset2;
        this.kind2 = kind2;
        this.count = count;
        this.textLength1 = textLength1;
        this.textLength2 = textLength2;
    }

    private int offset(int version, int index) {
        Kind k = version == 1 ? kind1 : kind2;
        return (version == 1 ? offset1 : offset2) + index * k.bytes;
    }

    /** Element {@code index} of this field as a number (the buffer's byte order is the header's). */
    double real(ByteBuffer header, int version, int index) {
        int at = offset(version, index);
        return switch (version == 1 ? kind1 : kind2) {
            case U8 -> header.get(at) & 0xff;
            case I16 -> header.getShort(at);
            case I32 -> header.getInt(at);
            case I64 -> header.getLong(at);
            case F32 -> header.getFloat(at);
            case F64 -> header.getDouble(at);
            case TEXT -> throw new IllegalStateException(name() + " is text");
        };
    }

    /** Element {@code index} as an integer; for float fields the value truncated (callers check integrality). */
    long integer(ByteBuffer header, int version, int index) {
        Kind k = version == 1 ? kind1 : kind2;
        int at = offset(version, index);
        return switch (k) {
            case U8 -> header.get(at) & 0xff;
            case I16 -> header.getShort(at);
            case I32 -> header.getInt(at);
            case I64 -> header.getLong(at);
            default -> (long) real(header, version, index);
        };
    }

    /** All elements as doubles. */
    double[] reals(ByteBuffer header, int version) {
        double[] v = new double[count];
        for (int n = 0; n < count; n++) {
            v[n] = real(header, version, n);
        }
        return v;
    }

    /** A text field up to its first NUL, as ISO-8859-1 (the fields are C char arrays). */
    String text(ByteBuffer header, int version) {
        int length = version == 1 ? textLength1 : textLength2;
        int at = offset(version, 0);
        byte[] b = new byte[length];
        header.get(at, b);
        int end = 0;
        while (end < length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Writes element {@code index}; integers are range-checked by the caller. */
    void put(ByteBuffer header, int version, int index, double value) {
        int at = offset(version, index);
        switch (version == 1 ? kind1 : kind2) {
            case U8 -> header.put(at, (byte) value);
            case I16 -> header.putShort(at, (short) value);
            case I32 -> header.putInt(at, (int) value);
            case I64 -> header.putLong(at, (long) value);
            case F32 -> header.putFloat(at, (float) value);
            case F64 -> header.putDouble(at, value);
            case TEXT -> throw new IllegalStateException(name() + " is text");
        }
    }

    /** Writes a text field, truncated to leave room for a terminating NUL. */
    void putText(ByteBuffer header, int version, String value) {
        int length = version == 1 ? textLength1 : textLength2;
        byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(b.length, length - 1);
        int at = offset(version, 0);
        for (int i = 0; i < length; i++) {
            header.put(at + i, i < n ? b[i] : 0);
        }
    }

    /** Writes raw bytes (for the magic, which is not NUL-terminated text in NIfTI-2). */
    void putBytes(ByteBuffer header, int version, byte[] value) {
        header.put(offset(version, 0), value);
    }
}
