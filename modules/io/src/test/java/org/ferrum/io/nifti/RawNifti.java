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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds NIfTI files byte by byte for tests, from the struct layouts written out here again by
 * hand (nifti1.h / nifti2.h), independently of the production {@code NiftiField} table, so that a
 * mistake in that table cannot cancel itself out in a round trip.
 */
final class RawNifti {
    int version = 1;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    long[] dim = {3, 2, 3, 4, 1, 1, 1, 1};
    int datatype = 16;
    int bitpix = 32;
    double[] pixdim = {1, 1, 1, 1, 1, 1, 1, 1};
    long voxOffset = -1; // -1: right after the header and extensions
    double sclSlope = 0, sclInter = 0;
    int xyztUnits = 2 | 8;
    int qformCode = 0, sformCode = 0;
    double[] quatern = new double[6];
    double[] srow = new double[12];
    String descrip = "";
    byte[] magic = null; // default per version
    byte[] extension = null; // raw extension block after the 4-byte extender (esize-prefixed), or none
    byte[] data = null; // default: zeros of the right size

    int headerSize() {
        return version == 1 ? 348 : 540;
    }

    long dataBytes() {
        long n = 1;
        for (int d = 1; d <= dim[0]; d++) {
            n *= dim[d];
        }
        return n * bitpix / 8;
    }

    byte[] bytes() {
        int ext = extension == null ? 0 : extension.length;
        long offset = voxOffset >= 0 ? voxOffset : headerSize() + 4 + ext;
        byte[] payload = data != null ? data : new byte[(int) dataBytes()];
        ByteBuffer b = ByteBuffer.allocate((int) Math.max(offset, headerSize() + 4 + ext) + payload.length)
                .order(order);
        b.putInt(0, headerSize());
        if (version == 1) {
            for (int i = 0; i < 8; i++) {
                b.putShort(40 + 2 * i, (short) dim[i]);
                b.putFloat(76 + 4 * i, (float) pixdim[i]);
            }
            b.putShort(70, (short) datatype);
            b.putShort(72, (short) bitpix);
            b.putFloat(108, offset);
            b.putFloat(112, (float) sclSlope);
            b.putFloat(116, (float) sclInter);
            b.put(123, (byte) xyztUnits);
            putText(b, 148, descrip, 80);
            b.putShort(252, (short) qformCode);
            b.putShort(254, (short) sformCode);
            for (int i = 0; i < 6; i++) {
                b.putFloat(256 + 4 * i, (float) quatern[i]);
            }
            for (int i = 0; i < 12; i++) {
                b.putFloat(280 + 4 * i, (float) srow[i]);
            }
            b.put(344, magic != null ? magic : new byte[] {'n', '+', '1', 0});
        } else {
            b.put(4, magic != null ? magic : new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
            b.putShort(12, (short) datatype);
            b.putShort(14, (short) bitpix);
            for (int i = 0; i < 8; i++) {
                b.putLong(16 + 8 * i, dim[i]);
                b.putDouble(104 + 8 * i, pixdim[i]);
            }
            b.putLong(168, offset);
            b.putDouble(176, sclSlope);
            b.putDouble(184, sclInter);
            putText(b, 240, descrip, 80);
            b.putInt(344, qformCode);
            b.putInt(348, sformCode);
            for (int i = 0; i < 6; i++) {
                b.putDouble(352 + 8 * i, quatern[i]);
            }
            for (int i = 0; i < 12; i++) {
                b.putDouble(400 + 8 * i, srow[i]);
            }
            b.putInt(500, xyztUnits);
        }
        if (extension != null) {
            b.put(headerSize(), (byte) 1); // extender[0] = 1: extensions follow
            b.put(headerSize() + 4, extension);
        }
        b.put((int) offset, payload);
        return b.array();
    }

    private static void putText(ByteBuffer b, int at, String s, int length) {
        byte[] t = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < Math.min(t.length, length - 1); i++) {
            b.put(at + i, t[i]);
        }
    }

    Path write(Path file) throws IOException {
        byte[] bytes = bytes();
        if (file.getFileName().toString().endsWith(".gz")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            bytes = out.toByteArray();
        }
        Files.write(file, bytes);
        return file;
    }

    /** Float32 voxel data 0, 1, 2, … in the builder's byte order. */
    RawNifti countingFloats() {
        int n = (int) (dataBytes() / 4);
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(order);
        for (int i = 0; i < n; i++) {
            b.putFloat(i);
        }
        data = b.array();
        return this;
    }
}
