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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A Siemens CSA header (the private "SIEMENS CSA HEADER" elements, e.g. the image header (0029,1010)):
 * named elements, each with a list of text values.
 *
 * <p>Layout of the CSA2 ("SV10") form, little-endian throughout, as the public descriptions of the format
 * give it (NiBabel's documentation "Siemens format DICOM with CSA header", section "CSA header"): the 4
 * bytes {@code SV10}, 4 unused bytes, a uint32 tag count {@code n} (1…128) and a uint32 (77); then
 * {@code n} tags, each: a 64-byte NUL-terminated name, int32 VM, a 4-byte VR, int32 SyngoDT, int32 item
 * count {@code m}, int32 (77 or 205); then {@code m} items, each: four int32 whose second is the value
 * length {@code L}, then {@code L} bytes of text (NUL-padded) and padding to a multiple of 4. The older
 * CSA1 form has no {@code SV10} prefix and starts directly with the tag count; its item lengths are read
 * the same way.
 *
 * <p>Every length is checked against the remaining bytes: a malformed header is a
 * {@link DicomFormatException}-worthy {@link IllegalArgumentException} here (callers add the file), never an
 * allocation sized by an unchecked length.
 */
final class SiemensCsaHeader {

    private static final int MAX_TAGS = 1000;
    private static final int MAX_ITEMS = 10000;

    private final Map<String, List<String>> elements;

    private SiemensCsaHeader(Map<String, List<String>> elements) {
        this.elements = elements;
    }

    /**
     * Parses a CSA header.
     *
     * @throws IllegalArgumentException naming the byte offset where the header is malformed
     */
    public static SiemensCsaHeader parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        if (bytes.length >= 4 && bytes[0] == 'S' && bytes[1] == 'V' && bytes[2] == '1' && bytes[3] == '0') {
            pos = 8;
        }
        require(bytes, pos, 8);
        int n = b.getInt(pos);
        pos += 8;
        if (n < 0 || n > MAX_TAGS) {
            throw new IllegalArgumentException("CSA header: implausible tag count " + n + " at offset " + (pos - 8));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int t = 0; t < n; t++) {
            require(bytes, pos, 84);
            int nameLen = 0;
            while (nameLen < 64 && bytes[pos + nameLen] != 0) {
                nameLen++;
            }
            String name = new String(bytes, pos, nameLen, StandardCharsets.ISO_8859_1);
            int items = b.getInt(pos + 76);
            pos += 84;
            if (items < 0 || items > MAX_ITEMS) {
                throw new IllegalArgumentException("CSA header: implausible item count " + items + " for " + name);
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                require(bytes, pos, 16);
                int len = b.getInt(pos + 4);
                pos += 16;
                if (len < 0 || len > bytes.length - pos) {
                    throw new IllegalArgumentException("CSA header: value length " + len + " of " + name
                            + " runs past the end (" + (bytes.length - pos) + " bytes left at offset " + pos + ")");
                }
                int end = pos;
                while (end < pos + len && bytes[end] != 0) {
                    end++;
                }
                String v = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1).trim();
                if (!v.isEmpty()) {
                    values.add(v);
                }
                pos += len + ((4 - len % 4) % 4);
                pos = Math.min(pos, bytes.length);
            }
            out.putIfAbsent(name, Collections.unmodifiableList(values));
        }
        return new SiemensCsaHeader(Collections.unmodifiableMap(out));
    }

    private static void require(byte[] bytes, int pos, int n) {
        if (pos < 0 || pos > bytes.length - n) {
            throw new IllegalArgumentException(
                    "CSA header truncated: need " + n + " bytes at offset " + pos + " of " + bytes.length);
        }
    }

    /** The element names, in header order. */
    public List<String> names() {
        return List.copyOf(elements.keySet());
    }

    /** The non-empty text values of an element (empty if absent). */
    public List<String> values(String name) {
        return elements.getOrDefault(name, List.of());
    }

    /** The first value, if any. */
    public Optional<String> string(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The first value as an integer, if present and numeric. */
    public OptionalInt integer(String name) {
        OptionalDouble d = number(name);
        return d.isPresent() && d.getAsDouble() == Math.rint(d.getAsDouble())
                ? OptionalInt.of((int) d.getAsDouble())
                : OptionalInt.empty();
    }

    /** The first value as a number, if present and numeric. */
    public OptionalDouble number(String name) {
        double[] v = numbers(name);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** All values as numbers; empty if absent or not numeric. */
    public double[] numbers(String name) {
        List<String> v = values(name);
        double[] out = new double[v.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.parseDouble(v.get(i));
            }
        } catch (NumberFormatException e) {
            return new double[0];
        }
        return out;
    }
}
