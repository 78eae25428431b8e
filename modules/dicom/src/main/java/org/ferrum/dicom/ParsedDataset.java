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

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A data set read by {@link DicomParser}: for each element its tag, VR and where its value lies in the file's
 * bytes. Values are decoded only when asked for, per the {@link DicomDataset} contract:
 * <ul>
 * <li>text (PS3.5 §6.2): split at backslashes except for LT, ST, UT and UR, whose values may contain one
 *     (VM 1); trailing spaces and NULs removed, and leading spaces too except for LT, ST and UT where they
 *     are significant;</li>
 * <li>character set (PS3.5 §6.1, PS3.3 C.12.1.1.2): "ISO_IR 192" is UTF-8, the single-byte ISO 8859 parts
 *     map to their Java charsets, anything else (including code extensions) decodes as ISO 8859-1, which
 *     keeps ASCII exact and never fails;</li>
 * <li>binary numbers (US, SS, UL, SL, UV, SV, FL, FD, AT) in the data set's byte order (PS3.5 §7.3); a
 *     length that is not a multiple of the value size is an error;</li>
 * <li>DS and IS (PS3.5 Table 6.2-1) are checked against their character repertoire before parsing, so
 *     "NaN", "Infinity" or hex floats that Java would accept are refused.</li>
 * </ul>
 */
final class ParsedDataset implements DicomDataset {

    private static final int UNDEFINED_FLAG = 1;

    private final ParsedDataset parent;
    /** the root's description; for items built on demand from the parent, the sequence tag and the index */
    private String source;

    private final int sequenceTag;
    private final int itemIndex;
    private final Path file;
    private final byte[] buf;
    private final boolean bigEndian;
    private final int depth;

    private int count;
    private int[] tags = new int[16];
    private Vr[] vrs = new Vr[16];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private byte[] flags = new byte[16];
    /** per element: List&lt;DicomDataset&gt; (sequence) or int[] (fragments), else null; lazily allocated */
    private Object[] parts;

    private boolean sorted = true;
    private Charset charset;
    /**
     * For a main data set read up to the pixel data ({@link DicomParser#readHeader}): the bytes from the
     * first element at or after (7FE0,0008) to the end of the data (0 if there is none); −1 otherwise.
     */
    private long bytesFromPixelData = -1;

    private boolean encapsulatedSyntax;

    /** A root data set (main or file meta). */
    ParsedDataset(Path file, String source, byte[] buf, boolean bigEndian) {
        this.parent = null;
        this.file = file;
        this.source = source;
        this.sequenceTag = 0;
        this.itemIndex = -1;
        this.buf = buf;
        this.bigEndian = bigEndian;
        this.depth = 0;
    }

    /** Item {@code itemIndex} of the sequence {@code sequenceTag} in {@code parent}. */
    ParsedDataset(ParsedDataset parent, int sequenceTag, int itemIndex, byte[] buf, boolean bigEndian, int depth) {
        this.parent = parent;
        this.file = parent.file;
        this.sequenceTag = sequenceTag;
        this.itemIndex = itemIndex;
        this.buf = buf;
        this.bigEndian = bigEndian;
        this.depth = depth;
    }

    // ---- building (DatasetReader) ----

    void add(int tag, Vr vr, int offset, int length, boolean undefinedLength, Object part) throws DicomFormatException {
        if (count > 0) {
            int c = Integer.compareUnsigned(tags[count - 1], tag);
            if (c == 0 || (!sorted && indexOf(tag) >= 0)) {
                throw new DicomFormatException(file, Tags.format(tag) + " occurs twice in " + source());
            }
            if (c > 0) {
                sorted = false;
            }
        }
        if (count == tags.length) {
            int n = count * 2;
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            flags = Arrays.copyOf(flags, n);
            if (parts != null) {
                parts = Arrays.copyOf(parts, n);
            }
        }
        tags[count] = tag;
        vrs[count] = vr;
        offsets[count] = offset;
        lengths[count] = length;
        flags[count] = (byte) (undefinedLength ? UNDEFINED_FLAG : 0);
        if (part != null) {
            if (parts == null) {
                parts = new Object[tags.length];
            }
            parts[count] = part;
        }
        count++;
    }

    /**
     * Called when the data set is complete: PS3.5 §7.1 requires ascending tags; a data set written out of
     * order is put in order (the values are unaffected) so that look-ups stay binary searches.
     */
    void finish() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compareUnsigned(tags[a], tags[b]));
        int[] t = new int[count];
        Vr[] v = new Vr[count];
        int[] o = new int[count];
        int[] l = new int[count];
        byte[] f = new byte[count];
        Object[] p = parts == null ? null : new Object[count];
        for (int i = 0; i < count; i++) {
            int j = order[i];
            t[i] = tags[j];
            v[i] = vrs[j];
            o[i] = offsets[j];
            l[i] = lengths[j];
            f[i] = flags[j];
            if (p != null) {
                p[i] = parts[j];
            }
        }
        tags = t;
        vrs = v;
        offsets = o;
        lengths = l;
        flags = f;
        parts = p;
        sorted = true;
    }

    /** "PerFrameFunctionalGroupsSequence[3] > PlanePositionSequence" for a sequence in this data set, for messages. */
    String childPath(int tag) {
        String k = Tags.keyword(tag).orElse(Tags.hex(tag));
        return parent == null ? k : source() + " > " + k;
    }

    // ---- access for the parser, DicomFile and DicomDump ----

    int indexOf(int tag) {
        if (!sorted) {
            for (int i = 0; i < count; i++) {
                if (tags[i] == tag) {
                    return i;
                }
            }
            return -1;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    int size() {
        return count;
    }

    int tagAt(int i) {
        return tags[i];
    }

    Vr vrAt(int i) {
        return vrs[i];
    }

    int offsetAt(int i) {
        return offsets[i];
    }

    int lengthAt(int i) {
        return lengths[i];
    }

    boolean undefinedLengthAt(int i) {
        return (flags[i] & UNDEFINED_FLAG) != 0;
    }

    /** The (offset, length) pairs of an encapsulated value's items, or null if the element is not encapsulated. */
    int[] fragmentsAt(int i) {
        return parts != null && parts[i] instanceof int[] f ? f : null;
    }

    byte[] buffer() {
        return buf;
    }

    /** See {@link #pixelDataBytesBound()}; set by the parser for header-only reads. */
    void pixelDataWithheld(long bytes, boolean encapsulated) {
        bytesFromPixelData = bytes;
        encapsulatedSyntax = encapsulated;
    }

    /**
     * The most bytes the pixel data of this main data set can hold, known without decoding: the value
     * length of native pixel data, the bytes of the fragments of encapsulated pixel data, for a header-only
     * read the bytes left in the file from the pixel data on, 0 if there is no pixel data; −1 if unknown
     * (items, file meta). What header counts such as NumberOfFrames are checked against before they
     * size anything.
     */
    long pixelDataBytesBound() {
        if (bytesFromPixelData >= 0) {
            return bytesFromPixelData;
        }
        if (parent != null || "file meta information".equals(source)) {
            return -1;
        }
        for (int tag : new int[] {Tags.PixelData, Tags.FloatPixelData, Tags.DoubleFloatPixelData}) {
            int i = indexOf(tag);
            if (i >= 0) {
                int[] fragments = fragmentsAt(i);
                if (fragments == null) {
                    return lengthAt(i);
                }
                long sum = 0;
                for (int k = 3; k < fragments.length; k += 2) {
                    sum += fragments[k] + 8L;
                }
                return sum;
            }
        }
        return 0;
    }

    /** True if {@link #pixelDataBytesBound()} counts encapsulated fragments (each frame takes at least one 8-byte item header). */
    boolean pixelDataEncapsulated() {
        if (bytesFromPixelData >= 0) {
            return encapsulatedSyntax;
        }
        for (int tag : new int[] {Tags.PixelData, Tags.FloatPixelData, Tags.DoubleFloatPixelData}) {
            int i = indexOf(tag);
            if (i >= 0) {
                return fragmentsAt(i) != null;
            }
        }
        return false;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    Path file() {
        return file;
    }

    // ---- DicomDataset ----

    @Override
    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    @Override
    public Optional<Vr> vr(int tag) {
        int i = indexOf(tag);
        return i < 0 ? Optional.empty() : Optional.of(vrs[i]);
    }

    @Override
    public List<Integer> tags() {
        List<Integer> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(tags[i]);
        }
        return List.copyOf(list);
    }

    @Override
    public Optional<String> string(int tag) throws DicomFormatException {
        List<String> all = strings(tag);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<String> strings(int tag) throws DicomFormatException {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0) {
            return List.of();
        }
        Vr vr = vrs[i];
        switch (vr) {
            case SQ:
                throw malformed(i, "is a sequence, not text");
            case US:
            case SS:
            case UL:
            case SL:
            case UV:
            case SV:
            case FL:
            case FD:
            case AT: {
                double[] n = numbers(i, tag);
                List<String> out = new ArrayList<>(n.length);
                for (int k = 0; k < n.length; k++) {
                    if (vr == Vr.AT) {
                        out.add(Tags.hex((int) (long) n[k]));
                    } else if (vr == Vr.FL || vr == Vr.FD) {
                        out.add(Double.toString(n[k]));
                    } else {
                        out.add(Long.toString((long) n[k]));
                    }
                }
                return out;
            }
            default:
                break;
        }
        if (undefinedLengthAt(i)) {
            throw malformed(i, "is encapsulated data, not text");
        }
        String text = new String(buf, offsets[i], lengths[i], textCharset(vr));
        boolean single = vr == Vr.LT || vr == Vr.ST || vr == Vr.UT || vr == Vr.UR;
        boolean keepLeading = vr == Vr.LT || vr == Vr.ST || vr == Vr.UT;
        if (single) {
            String v = trim(text, keepLeading);
            return v.isEmpty() ? List.of() : List.of(v);
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int bs = text.indexOf('\\', start);
            String part = bs < 0 ? text.substring(start) : text.substring(start, bs);
            out.add(trim(part, false));
            if (bs < 0) {
                break;
            }
            start = bs + 1;
        }
        if (out.size() == 1 && out.get(0).isEmpty()) {
            return List.of();
        }
        return out;
    }

    @Override
    public OptionalInt integer(int tag) throws DicomFormatException {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0) {
            return OptionalInt.empty();
        }
        Vr vr = vrs[i];
        if (vr == Vr.IS) {
            List<String> s = strings(tag);
            if (s.isEmpty()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(parseIs(i, s.get(0)));
        }
        double[] n = numbers(i, tag);
        if (n.length == 0) {
            return OptionalInt.empty();
        }
        double v = n[0];
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw malformed(i, "value " + v + " is not a whole number in the int range");
        }
        return OptionalInt.of((int) v);
    }

    @Override
    public OptionalDouble number(int tag) throws DicomFormatException {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0) {
            return OptionalDouble.empty();
        }
        double[] n = numbers(i, tag);
        return n.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(n[0]);
    }

    @Override
    public double[] numbers(int tag) throws DicomFormatException {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0) {
            return new double[0];
        }
        return numbers(i, tag);
    }

    private double[] numbers(int i, int tag) throws DicomFormatException {
        Vr vr = vrs[i];
        int off = offsets[i];
        int len = lengths[i];
        int size;
        switch (vr) {
            case US:
            case SS:
                size = 2;
                break;
            case UL:
            case SL:
            case FL:
            case AT:
                size = 4;
                break;
            case UV:
            case SV:
            case FD:
                size = 8;
                break;
            case DS:
            case IS: {
                List<String> s = strings(tag);
                double[] out = new double[s.size()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = vr == Vr.IS ? parseIs(i, s.get(k)) : parseDs(i, s.get(k));
                }
                return out;
            }
            default:
                throw malformed(i, "has VR " + vr + ", which holds no numbers");
        }
        if (len % size != 0) {
            throw malformed(i, "has length " + len + ", not a multiple of " + size + " for VR " + vr);
        }
        double[] out = new double[len / size];
        for (int k = 0; k < out.length; k++) {
            int p = off + k * size;
            out[k] = switch (vr) {
                case US -> u16(p);
                case SS -> (short) u16(p);
                case UL -> u32(p) & 0xFFFFFFFFL;
                case SL -> u32(p);
                case AT -> ((long) u16(p) << 16) | u16(p + 2);
                case FL -> Float.intBitsToFloat(u32(p));
                case FD -> Double.longBitsToDouble(u64(p));
                case SV -> u64(p);
                case UV -> unsigned(u64(p));
                default -> throw new AssertionError(vr);
            };
        }
        return out;
    }

    @Override
    public Optional<byte[]> bytes(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(buf, offsets[i], offsets[i] + lengths[i]));
    }

    @Override
    public List<DicomDataset> sequence(int tag) throws DicomFormatException {
        int i = indexOf(tag);
        if (i < 0) {
            return List.of();
        }
        Object part = parts == null ? null : parts[i];
        if (part instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<DicomDataset> items = (List<DicomDataset>) list;
            return items;
        }
        if (vrs[i] == Vr.UN && !undefinedLengthAt(i)) {
            // PS3.5 §6.2.2: a sequence stored as UN (an implicit-VR file's unknown private sequence, or one a
            // converter could not type) is encoded in implicit VR little endian.
            if (lengths[i] == 0) {
                return List.of();
            }
            DatasetReader reader =
                    new DatasetReader(file, buf, offsets[i] + lengths[i], offsets[i] + lengths[i], "offset", false);
            reader.pos = offsets[i];
            List<DicomDataset> items;
            try {
                items = reader.readSequence(tag, this, offsets[i] + lengths[i], false, false, false, depth);
            } catch (DatasetReader.NeedMoreBytes e) {
                throw malformed(i, "is UN and does not parse as a sequence");
            } catch (DicomFormatException e) {
                throw new DicomFormatException(
                        file,
                        Tags.format(tag) + " in " + source() + " is UN and does not parse as a sequence: "
                                + e.problem(),
                        e);
            }
            if (parts == null) {
                parts = new Object[tags.length];
            }
            parts[i] = items;
            return items;
        }
        if (lengths[i] == 0) {
            return List.of();
        }
        throw malformed(i, "has VR " + vrs[i] + ", not SQ");
    }

    @Override
    public String source() {
        if (source == null) {
            source = parent.childPath(sequenceTag) + "[" + itemIndex + "]";
        }
        return source;
    }

    @Override
    public String toString() {
        return source() + " (" + count + " attributes)";
    }

    // ---- decoding ----

    private int u16(int p) {
        return bigEndian ? ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF) : (buf[p] & 0xFF) | ((buf[p + 1] & 0xFF) << 8);
    }

    private int u32(int p) {
        return bigEndian
                ? ((buf[p] & 0xFF) << 24)
                        | ((buf[p + 1] & 0xFF) << 16)
                        | ((buf[p + 2] & 0xFF) << 8)
                        | (buf[p + 3] & 0xFF)
                : ((buf[p + 3] & 0xFF) << 24)
                        | ((buf[p + 2] & 0xFF) << 16)
                        | ((buf[p + 1] & 0xFF) << 8)
                        | (buf[p] & 0xFF);
    }

    private long u64(int p) {
        long a = u32(p) & 0xFFFFFFFFL;
        long b = u32(p + 4) & 0xFFFFFFFFL;
        return bigEndian ? (a << 32) | b : (b << 32) | a;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static String trim(String s, boolean keepLeading) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        int start = 0;
        if (!keepLeading) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }

    private int parseIs(int i, String s) throws DicomFormatException {
        // PS3.5 Table 6.2-1: IS is an optionally signed base-10 integer in −2^31 .. 2^31−1.
        int k = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            k = 1;
        }
        if (k == s.length() || s.length() > 12) {
            throw malformed(i, "value \"" + clip(s) + "\" is not an integer string (IS)");
        }
        for (int j = k; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                throw malformed(i, "value \"" + clip(s) + "\" is not an integer string (IS)");
            }
        }
        long v = Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw malformed(i, "value " + s + " is outside the IS range");
        }
        return (int) v;
    }

    private double parseDs(int i, String s) throws DicomFormatException {
        // PS3.5 Table 6.2-1: DS is a fixed or floating point decimal: digits, '+', '-', '.', 'E', 'e'.
        boolean digit = false;
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
                digit = false;
                break;
            }
        }
        if (digit) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw malformed(i, "value \"" + clip(s) + "\" is not a decimal string (DS)");
    }

    private static String clip(String s) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < s.length() && j < 40; j++) {
            char c = s.charAt(j);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }

    private DicomFormatException malformed(int i, String problem) {
        return new DicomFormatException(file, Tags.format(tags[i]) + " in " + source() + " " + problem);
    }

    private Charset textCharset(Vr vr) {
        switch (vr) {
            case SH:
            case LO:
            case ST:
            case LT:
            case PN:
            case UC:
            case UT:
                return charset();
            default:
                return StandardCharsets.ISO_8859_1;
        }
    }

    /** The character set of this data set: its own SpecificCharacterSet, else its parent's (PS3.5 §7.5.1 Note). */
    private Charset charset() {
        if (charset == null) {
            int i = indexOf(Tags.SpecificCharacterSet);
            if (i >= 0 && lengths[i] > 0) {
                String terms = new String(buf, offsets[i], lengths[i], StandardCharsets.ISO_8859_1);
                charset = charsetOf(terms);
            } else {
                charset = parent != null ? parent.charset() : StandardCharsets.ISO_8859_1;
            }
        }
        return charset;
    }

    private static Charset charsetOf(String terms) {
        // PS3.3 C.12.1.1.2, Table C.12-2: the single-byte character sets without code extensions, and UTF-8.
        String first = terms.split("\\\\", -1)[0].trim();
        if (terms.contains("ISO 2022")) {
            return StandardCharsets.ISO_8859_1;
        }
        String name =
                switch (first) {
                    case "ISO_IR 192" -> "UTF-8";
                    case "ISO_IR 101" -> "ISO-8859-2";
                    case "ISO_IR 109" -> "ISO-8859-3";
                    case "ISO_IR 110" -> "ISO-8859-4";
                    case "ISO_IR 144" -> "ISO-8859-5";
                    case "ISO_IR 127" -> "ISO-8859-6";
                    case "ISO_IR 126" -> "ISO-8859-7";
                    case "ISO_IR 138" -> "ISO-8859-8";
                    case "ISO_IR 148" -> "ISO-8859-9";
                    case "ISO_IR 203" -> "ISO-8859-15";
                    case "ISO_IR 166" -> "TIS-620";
                    case "GB18030" -> "GB18030";
                    case "GBK" -> "GBK";
                    default -> "ISO-8859-1";
                };
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
