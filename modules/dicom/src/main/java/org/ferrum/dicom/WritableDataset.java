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
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A DICOM data set being built for writing: attributes in ascending tag order, each with its VR and
 * value, encoded in Explicit VR Little Endian (PS3.5 §7.1.2) by {@link #encode()}. It also reads like
 * any other {@link DicomDataset}, so what is about to be written can be checked with the same getters
 * the parser's data sets offer.
 *
 * <p>Text values are stored as one string with backslash-separated values and padded to even length
 * on encoding (UI with NUL, other text VRs with a space, PS3.5 §6.2). Length limits of the VR are
 * checked when a value is put, so a too-long value fails where it is produced, not in a viewer.
 * Sequences are written with defined lengths.
 */
public final class WritableDataset implements DicomDataset {

    private record Element(Vr vr, Object value) {}

    private final Map<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private final String source;

    /** An empty data set; {@code source} names it in messages. */
    public WritableDataset(String source) {
        this.source = source;
    }

    // ---- putting values ------------------------------------------------------------------------

    /**
     * Puts a text attribute; the values are joined with backslashes. No values, or a single null,
     * gives an empty (zero-length) attribute, as type 2 attributes need.
     *
     * @throws IllegalArgumentException if the VR is not a text VR or a value is longer than the VR allows
     */
    public WritableDataset putString(int tag, Vr vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(vr + " is not a text VR (" + tagName(tag) + ")");
        }
        String joined =
                values.length == 0 || (values.length == 1 && values[0] == null) ? "" : String.join("\\", values);
        int max = maxLength(vr);
        if (vr == Vr.LT || vr == Vr.ST || vr == Vr.UT || vr == Vr.UR) {
            if (joined.length() > max) {
                throw new IllegalArgumentException(
                        tagName(tag) + ": " + vr + " value longer than " + max + " characters");
            }
        } else {
            for (String v : joined.split("\\\\", -1)) {
                if (v.length() > max) {
                    throw new IllegalArgumentException(
                            tagName(tag) + ": " + vr + " value '" + v + "' longer than " + max + " characters");
                }
            }
        }
        elements.put(tag, new Element(vr, joined));
        return this;
    }

    /** Puts a DS (decimal string) attribute, each value formatted in at most 16 characters ({@link #decimalString}). */
    public WritableDataset putDecimals(int tag, double... values) {
        String[] s = new String[values.length];
        for (int n = 0; n < values.length; n++) {
            s[n] = decimalString(values[n]);
        }
        return putString(tag, Vr.DS, s);
    }

    /** Puts an IS (integer string) attribute. */
    public WritableDataset putIntegers(int tag, long... values) {
        String[] s = new String[values.length];
        for (int n = 0; n < values.length; n++) {
            s[n] = Long.toString(values[n]);
        }
        return putString(tag, Vr.IS, s);
    }

    /** Puts a US, SS, UL or SL attribute. */
    public WritableDataset putInts(int tag, Vr vr, int... values) {
        int size =
                switch (vr) {
                    case US, SS -> 2;
                    case UL, SL -> 4;
                    default ->
                        throw new IllegalArgumentException(vr + " is not an integer binary VR (" + tagName(tag) + ")");
                };
        ByteBuffer b = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            boolean fits =
                    switch (vr) {
                        case US -> v >= 0 && v <= 0xFFFF;
                        case SS -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
                        default -> true;
                    };
            if (!fits) {
                throw new IllegalArgumentException(tagName(tag) + ": " + v + " does not fit " + vr);
            }
            if (size == 2) {
                b.putShort((short) v);
            } else {
                b.putInt(v);
            }
        }
        elements.put(tag, new Element(vr, b.array()));
        return this;
    }

    /** Puts an FD attribute. */
    public WritableDataset putDoubles(int tag, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        elements.put(tag, new Element(Vr.FD, b.array()));
        return this;
    }

    /** Puts a binary attribute (OB, OW, …) with its value already encoded little endian. */
    public WritableDataset putBytes(int tag, Vr vr, byte[] value) {
        if (vr.isText() || vr == Vr.SQ) {
            throw new IllegalArgumentException(vr + " is not a binary VR (" + tagName(tag) + ")");
        }
        elements.put(tag, new Element(vr, value.clone()));
        return this;
    }

    /** Puts a sequence (SQ) with the given items (none gives an empty sequence). */
    public WritableDataset putSequence(int tag, List<WritableDataset> items) {
        elements.put(tag, new Element(Vr.SQ, List.copyOf(items)));
        return this;
    }

    /** Puts every attribute of {@code other} (sequence items are shared, they are not modified afterwards). */
    public WritableDataset putAllFrom(WritableDataset other) {
        elements.putAll(other.elements);
        return this;
    }

    /** Removes an attribute if present. */
    public WritableDataset remove(int tag) {
        elements.remove(tag);
        return this;
    }

    // ---- encoding ------------------------------------------------------------------------------

    /** The data set encoded in Explicit VR Little Endian, attributes in ascending tag order. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encodeTo(out);
        return out.toByteArray();
    }

    /** True if any text value needs more than US-ASCII (then Specific Character Set ISO_IR 192 is needed). */
    public boolean hasNonAsciiText() {
        for (Element e : elements.values()) {
            if (e.value instanceof String s
                    && !StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
                return true;
            }
            if (e.value instanceof List<?> items) {
                for (Object item : items) {
                    if (((WritableDataset) item).hasNonAsciiText()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    void encodeTo(ByteArrayOutputStream out) {
        for (Map.Entry<Integer, Element> en : elements.entrySet()) {
            int tag = en.getKey();
            Element e = en.getValue();
            byte[] value = valueBytes(e);
            writeHeader(out, tag, e.vr, value.length);
            out.writeBytes(value);
        }
    }

    private static byte[] valueBytes(Element e) {
        if (e.value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length % 2 == 1) {
                b = Arrays.copyOf(b, b.length + 1);
                b[b.length - 1] = e.vr == Vr.UI ? 0 : (byte) ' ';
            }
            return b;
        }
        if (e.value instanceof byte[] b) {
            return b.length % 2 == 1 ? Arrays.copyOf(b, b.length + 1) : b;
        }
        @SuppressWarnings("unchecked")
        List<WritableDataset> items = (List<WritableDataset>) e.value;
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        for (WritableDataset item : items) {
            byte[] body = item.encode();
            writeTag(seq, 0xFFFEE000);
            writeInt(seq, body.length);
            seq.writeBytes(body);
        }
        return seq.toByteArray();
    }

    /** Writes an explicit VR little endian element header (PS3.5 §7.1.2). */
    static void writeHeader(ByteArrayOutputStream out, int tag, Vr vr, int length) {
        writeTag(out, tag);
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.longLength()) {
            out.write(0);
            out.write(0);
            writeInt(out, length);
        } else {
            if (length > 0xFFFF) {
                throw new IllegalArgumentException(
                        tagName(tag) + ": " + vr + " value of " + length + " bytes exceeds 65535");
            }
            out.write(length & 0xFF);
            out.write((length >>> 8) & 0xFF);
        }
    }

    private static void writeTag(ByteArrayOutputStream out, int tag) {
        int group = tag >>> 16, element = tag & 0xFFFF;
        out.write(group & 0xFF);
        out.write(group >>> 8);
        out.write(element & 0xFF);
        out.write(element >>> 8);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }

    // ---- decimal strings -----------------------------------------------------------------------

    /**
     * {@code value} as a DS value of at most 16 characters (PS3.5 Table 6.2-1), with as many significant
     * digits as fit (at least 10 for values of ordinary magnitude). Parse the result back to learn the
     * exact number a reader will see.
     *
     * @throws IllegalArgumentException for NaN or infinity, which DS cannot hold
     */
    public static String decimalString(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("DS cannot hold " + value);
        }
        if (value == 0) {
            return "0";
        }
        String plain =
                new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        if (plain.length() <= 16) {
            return plain;
        }
        for (int digits = 16; digits >= 1; digits--) {
            String s = trimExponentForm(String.format(Locale.ROOT, "%." + (digits - 1) + "E", value));
            String p = new BigDecimal(s).stripTrailingZeros().toPlainString();
            if (p.length() <= 16) {
                return p;
            }
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("cannot write " + value + " as a DS");
    }

    private static String trimExponentForm(String s) {
        // "1.2300000E+05" → "1.23E+05": DS allows exponents, trailing mantissa zeros waste characters.
        int e = s.indexOf('E');
        String mantissa = s.substring(0, e), exponent = s.substring(e + 1);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int exp = Integer.parseInt(exponent);
        return mantissa + "E" + exp;
    }

    private static int maxLength(Vr vr) {
        return switch (vr) {
            case AE, CS, SH, DS -> 16;
            case AS -> 4;
            case DA -> 8;
            case DT -> 26;
            case IS -> 12;
            case LO, UI, PN -> 64;
            case TM -> 14;
            case ST -> 1024;
            case LT -> 10240;
            default -> Integer.MAX_VALUE - 1;
        };
    }

    private static String tagName(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    // ---- reading (DicomDataset) ----------------------------------------------------------------

    @Override
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    @Override
    public Optional<Vr> vr(int tag) {
        Element e = elements.get(tag);
        return e == null ? Optional.empty() : Optional.of(e.vr);
    }

    @Override
    public List<Integer> tags() {
        return List.copyOf(elements.keySet());
    }

    @Override
    public Optional<String> string(int tag) {
        List<String> all = strings(tag);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<String> strings(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value instanceof String s) || s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : s.split("\\\\", -1)) {
            out.add(v.strip());
        }
        return out;
    }

    @Override
    public OptionalInt integer(int tag) throws DicomFormatException {
        double[] v = numbers(tag);
        return v.length == 0 ? OptionalInt.empty() : OptionalInt.of((int) v[0]);
    }

    @Override
    public OptionalDouble number(int tag) throws DicomFormatException {
        double[] v = numbers(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    @Override
    public double[] numbers(int tag) throws DicomFormatException {
        Element e = elements.get(tag);
        if (e == null) {
            return new double[0];
        }
        if (e.value instanceof String) {
            List<String> s = strings(tag);
            double[] out = new double[s.size()];
            try {
                for (int n = 0; n < out.length; n++) {
                    out[n] = Double.parseDouble(s.get(n));
                }
            } catch (NumberFormatException ex) {
                throw new DicomFormatException(java.nio.file.Path.of(source), tagName(tag) + " is not numeric: " + s);
            }
            return out;
        }
        if (e.value instanceof byte[] b) {
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            return switch (e.vr) {
                case US -> {
                    double[] o = new double[b.length / 2];
                    for (int n = 0; n < o.length; n++) o[n] = buf.getShort() & 0xFFFF;
                    yield o;
                }
                case SS -> {
                    double[] o = new double[b.length / 2];
                    for (int n = 0; n < o.length; n++) o[n] = buf.getShort();
                    yield o;
                }
                case UL -> {
                    double[] o = new double[b.length / 4];
                    for (int n = 0; n < o.length; n++) o[n] = buf.getInt() & 0xFFFFFFFFL;
                    yield o;
                }
                case SL -> {
                    double[] o = new double[b.length / 4];
                    for (int n = 0; n < o.length; n++) o[n] = buf.getInt();
                    yield o;
                }
                case FD -> {
                    double[] o = new double[b.length / 8];
                    for (int n = 0; n < o.length; n++) o[n] = buf.getDouble();
                    yield o;
                }
                default ->
                    throw new DicomFormatException(
                            java.nio.file.Path.of(source), tagName(tag) + " (" + e.vr + ") is not numeric");
            };
        }
        throw new DicomFormatException(java.nio.file.Path.of(source), tagName(tag) + " is a sequence, not a number");
    }

    @Override
    public Optional<byte[]> bytes(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.value instanceof List) {
            return Optional.empty();
        }
        return Optional.of(valueBytes(e));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<DicomDataset> sequence(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value instanceof List)) {
            return List.of();
        }
        return Collections.unmodifiableList((List<DicomDataset>) (List<?>) e.value);
    }

    @Override
    public String source() {
        return source;
    }
}
