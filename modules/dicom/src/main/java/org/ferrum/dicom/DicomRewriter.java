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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites a parsed DICOM file element by element in its <em>original</em> transfer syntax, asking a {@link Policy}
 * what to do with each attribute of the data set, at every nesting level.
 *
 * <p>Contract: an element the policy keeps is copied byte for byte (header and value, in the file's VR encoding and
 * byte order); encapsulated pixel data (PS3.5 §A.4) is therefore passed through unchanged. A kept sequence is walked
 * (the policy decides for every element of every item) and re-emitted with the same length form (defined or
 * undefined, PS3.5 §7.5) it had. A file whose policy keeps every element yields the same data set bytes, except that
 * group length elements (gggg,0000), retired in the data set (PS3.5 §7.2), are dropped because edits would make
 * them wrong. Replacement values are encoded in the data set's own encoding (implicit or explicit VR, little or big
 * endian). A deflated data set (PS3.5 §A.5) is written inflated, as Explicit VR Little Endian, and the Transfer
 * Syntax UID changes accordingly: the only case where the syntax changes.
 *
 * <p>File Meta Information (PS3.10 §7.1) is rebuilt in Explicit VR Little Endian with its group length: Media
 * Storage SOP Instance UID = the written SOP Instance UID (0008,0018); Implementation Class UID and Version Name are
 * Ferrum's (PS3.7 D.3.3.2: they name the implementation that wrote the file); the AE titles (0002,0016–0018) and
 * private information (0002,0100/0102) are dropped, as they can name the sending site. The preamble is written as
 * zeros.
 */
public final class DicomRewriter {

    /** What to do with one element. */
    public sealed interface Decision permits Keep, Remove, Replace, KeepIfBlockUsed, EmptySequence {}

    /** Copy the element (a sequence is walked, its items' elements decided in turn). */
    public record Keep() implements Decision {}

    /** Leave the element out. */
    public record Remove() implements Decision {}

    /**
     * Write the element with this value instead: {@code text} (padded to even length, UI with NUL, else space) for
     * text VRs, or {@code bytes} (already in the data set's byte order) for binary VRs. Exactly one is non-null.
     */
    public record Replace(String text, byte[] bytes) implements Decision {
        public static Replace text(String t) {
            return new Replace(t, null);
        }

        public static Replace bytes(byte[] b) {
            return new Replace(null, b);
        }
    }

    /**
     * For a Private Creator element (gggg,0010–00FF, PS3.5 §7.8.1): keep it if and only if some element of the block
     * it reserves is kept in the same data set.
     */
    public record KeepIfBlockUsed() implements Decision {}

    /** Write the sequence with no items (zero length). */
    public record EmptySequence() implements Decision {}

    /** The PS3.6 keyword of a tag Ferrum's dictionary knows, else empty (for reports outside this package). */
    public static String keyword(int tag) {
        return Tags.keyword(tag).orElse("");
    }

    /** The tag as {@code (gggg,eeee)}. */
    public static String hex(int tag) {
        return Tags.hex(tag);
    }

    /** True for a tag in a private (odd) group, PS3.5 §7.8. */
    public static boolean isPrivate(int tag) {
        return Tags.isPrivate(tag);
    }

    public static final Keep KEEP = new Keep();
    public static final Remove REMOVE = new Remove();
    public static final KeepIfBlockUsed KEEP_IF_BLOCK_USED = new KeepIfBlockUsed();
    public static final EmptySequence EMPTY_SEQUENCE = new EmptySequence();

    /** An element offered to the policy. */
    public static final class Element {
        private final ParsedDataset owner;
        private final int index;
        private final String parentPath;
        private final int depth;
        private final boolean sequence;
        private final boolean bigEndian;

        Element(ParsedDataset owner, int index, String parentPath, int depth, boolean sequence, boolean bigEndian) {
            this.owner = owner;
            this.index = index;
            this.parentPath = parentPath;
            this.depth = depth;
            this.sequence = sequence;
            this.bigEndian = bigEndian;
        }

        public int tag() {
            return owner.tagAt(index);
        }

        /** The VR (explicit, or the dictionary's for implicit VR; UN when unknown; SQ for sequences). */
        public Vr vr() {
            return sequence ? Vr.SQ : owner.vrAt(index);
        }

        /** 0 for the top-level data set, 1 inside an item of a top-level sequence, … */
        public int depth() {
            return depth;
        }

        /** True if the element is a sequence whose items will be walked when kept. */
        public boolean isSequence() {
            return sequence;
        }

        /** True for encapsulated pixel data (fragments, PS3.5 §A.4). */
        public boolean isEncapsulated() {
            return !sequence && owner.undefinedLengthAt(index);
        }

        /** Bytes of the value (0 for an empty one). */
        public int length() {
            return owner.lengthAt(index);
        }

        /** True if binary values are big endian (PS3.5 §A.3). */
        public boolean bigEndian() {
            return bigEndian;
        }

        /** Where the element is, for reports: {@code (0008,1140)[0]>(0008,1155)}. */
        public String path() {
            return parentPath.isEmpty() ? Tags.hex(tag()) : parentPath + ">" + Tags.hex(tag());
        }

        /** The value bytes as stored (a copy), empty for sequences and encapsulated values. */
        public byte[] value() {
            if (sequence || isEncapsulated()) {
                return new byte[0];
            }
            int off = owner.offsetAt(index);
            return Arrays.copyOfRange(owner.buffer(), off, off + owner.lengthAt(index));
        }

        /** The text values, decoded with the data set's Specific Character Set and trimmed as PS3.5 §6.2 says. */
        public List<String> strings() throws DicomFormatException {
            return owner.strings(tag());
        }

        /** The data set (top level or item) that holds the element, to read its neighbours. */
        public DicomDataset owner() {
            return owner;
        }

        /**
         * For a private data element (odd group, element xx10–xxFF above the creators): the value of the Private
         * Creator reserving its block, trimmed; empty if none (an orphan private element).
         */
        public Optional<String> privateCreator() throws DicomFormatException {
            int tag = tag();
            if (!Tags.isPrivate(tag) || (tag & 0xFFFF) < 0x1000) {
                return Optional.empty();
            }
            int creator = (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
            return owner.string(creator).map(String::trim);
        }
    }

    /** An attribute to add to (or set in) the top-level data set. {@code items} is non-null for SQ. */
    public record NewElement(int tag, Vr vr, String text, List<List<NewElement>> items) {
        public static NewElement text(int tag, Vr vr, String text) {
            return new NewElement(tag, vr, text, null);
        }

        public static NewElement sequence(int tag, List<List<NewElement>> items) {
            return new NewElement(tag, Vr.SQ, null, items);
        }
    }

    /** Decides element by element. Called from one thread per file. */
    public interface Policy {
        /** What to do with {@code e}. Called in tag order within each data set, parents before their items. */
        Decision decide(Element e) throws DicomFormatException;

        /**
         * Attributes to set in the top-level data set once every element has been decided (replacing any element
         * with the same tag); empty for none.
         */
        List<NewElement> additions();
    }

    /** The rewritten Part 10 file and the SOP Instance UID it carries (empty if it has none). */
    public record Result(byte[] bytes, String sopInstanceUid, boolean syntaxChanged) {}

    private static final byte[] ZERO4 = new byte[4];

    private final DicomFile file;
    private final Policy policy;
    private final boolean bigEndian;
    private String writtenSopInstance = "";

    private DicomRewriter(DicomFile file, Policy policy) {
        this.file = file;
        this.policy = policy;
        this.bigEndian = file.transferSyntax().byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
    }

    /**
     * Rewrites {@code file} (read whole with {@link DicomParser#read}, not header only) under {@code policy}.
     *
     * @throws DicomFormatException     if a value the policy reads is malformed
     * @throws IllegalArgumentException if the file was read header only
     */
    public static Result rewrite(DicomFile file, Policy policy) throws DicomFormatException {
        if (file.headerOnly()) {
            throw new IllegalArgumentException(file.path() + " was read without its pixel data");
        }
        return new DicomRewriter(file, policy).run();
    }

    private Result run() throws DicomFormatException {
        ParsedDataset main = (ParsedDataset) file.dataset();
        TransferSyntax ts = file.transferSyntax();
        Sink body = new Sink(main.buffer().length + 1024);
        emitDataset(main, body, ts.explicitVr(), bigEndian, "", 0, true);
        boolean syntaxChanged = ts.deflated();
        String tsUid = syntaxChanged ? Uids.EXPLICIT_VR_LITTLE_ENDIAN : file.transferSyntaxUid();

        // File Meta Information, rebuilt in tag order (PS3.10 §7.1).
        java.util.TreeMap<Integer, Object[]> metaElements = new java.util.TreeMap<>(Integer::compareUnsigned);
        ParsedDataset fm = (ParsedDataset) file.fileMeta();
        for (int i = 0; i < fm.size(); i++) {
            int off = fm.offsetAt(i);
            metaElements.put(
                    fm.tagAt(i), new Object[] {fm.vrAt(i), Arrays.copyOfRange(fm.buffer(), off, off + fm.lengthAt(i))});
        }
        for (int dropped : new int[] {
            Tags.FileMetaInformationGroupLength,
            Tags.SourceApplicationEntityTitle,
            0x00020017,
            0x00020018,
            0x00020100,
            0x00020102
        }) {
            metaElements.remove(dropped);
        }
        metaElements.putIfAbsent(Tags.FileMetaInformationVersion, new Object[] {Vr.OB, new byte[] {0, 1}});
        metaElements.putIfAbsent(
                Tags.MediaStorageSOPClassUID,
                new Object[] {Vr.UI, text(main.string(Tags.SOPClassUID).orElse(""), Vr.UI)});
        metaElements.put(Tags.MediaStorageSOPInstanceUID, new Object[] {Vr.UI, text(writtenSopInstance, Vr.UI)});
        metaElements.put(Tags.TransferSyntaxUID, new Object[] {Vr.UI, text(tsUid, Vr.UI)});
        metaElements.put(Tags.ImplementationClassUID, new Object[] {Vr.UI, text(Uids.IMPLEMENTATION_CLASS_UID, Vr.UI)});
        metaElements.put(
                Tags.ImplementationVersionName, new Object[] {Vr.SH, text(Uids.IMPLEMENTATION_VERSION_NAME, Vr.SH)});
        Sink meta = new Sink(512);
        for (var m : metaElements.entrySet()) {
            byte[] value = (byte[]) m.getValue()[1];
            header(meta, m.getKey(), (Vr) m.getValue()[0], value.length, true, false);
            meta.put(value);
        }

        Sink out = new Sink(132 + 12 + meta.size + body.size);
        out.put(new byte[128]);
        out.put(new byte[] {'D', 'I', 'C', 'M'});
        header(out, Tags.FileMetaInformationGroupLength, Vr.UL, 4, true, false);
        out.u32(meta.size, false);
        out.put(meta.buf, 0, meta.size);
        out.put(body.buf, 0, body.size);
        return new Result(out.toArray(), writtenSopInstance, syntaxChanged);
    }

    private static final Comparator<NewElement> BY_TAG = (a, b) -> Integer.compareUnsigned(a.tag(), b.tag());

    private void emitDataset(
            ParsedDataset ds, Sink out, boolean explicit, boolean be, String path, int depth, boolean top)
            throws DicomFormatException {
        int n = ds.size();
        Decision[] decisions = new Decision[n];
        boolean[] sequence = new boolean[n];
        List<List<DicomDataset>> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tag = ds.tagAt(i);
            List<DicomDataset> its = itemsOf(ds, i);
            items.add(its);
            sequence[i] = its != null;
            if ((tag & 0xFFFF) == 0 || (tag >>> 16) == 0x0002) {
                decisions[i] = REMOVE; // group lengths (PS3.5 §7.2) and stray meta elements
                continue;
            }
            decisions[i] = policy.decide(new Element(ds, i, path, depth, sequence[i], be));
        }
        for (int i = 0; i < n; i++) {
            if (decisions[i] instanceof KeepIfBlockUsed) {
                int tag = ds.tagAt(i);
                int group = tag >>> 16;
                int block = tag & 0xFF;
                boolean used = false;
                for (int j = 0; j < n && !used; j++) {
                    int t = ds.tagAt(j);
                    used = t >>> 16 == group
                            && (t & 0xFFFF) >= 0x1000
                            && ((t >>> 8) & 0xFF) == block
                            && !(decisions[j] instanceof Remove)
                            && !(decisions[j] instanceof KeepIfBlockUsed);
                }
                decisions[i] = used ? KEEP : REMOVE;
            }
        }
        List<NewElement> adds = top ? new ArrayList<>(policy.additions()) : new ArrayList<>();
        adds.sort(BY_TAG);
        int a = 0;
        for (int i = 0; i < n; i++) {
            int tag = ds.tagAt(i);
            while (a < adds.size() && Integer.compareUnsigned(adds.get(a).tag(), tag) < 0) {
                emitNew(adds.get(a++), out, explicit, be, top);
            }
            if (a < adds.size() && adds.get(a).tag() == tag) {
                emitNew(adds.get(a++), out, explicit, be, top);
                continue;
            }
            Decision d = decisions[i];
            int off = ds.offsetAt(i);
            int len = ds.lengthAt(i);
            Vr vr = ds.vrAt(i);
            if (d instanceof Remove) {
                continue;
            }
            if (d instanceof EmptySequence || (d instanceof Replace && sequence[i])) {
                header(out, tag, explicitSqVr(ds, i, explicit), 0, explicit, be);
                continue;
            }
            if (d instanceof Replace r) {
                byte[] value = r.text() != null ? text(r.text(), vr) : r.bytes();
                header(out, tag, vr, value.length, explicit, be);
                out.put(value);
                if (top && tag == Tags.SOPInstanceUID && r.text() != null) {
                    writtenSopInstance = r.text().trim();
                }
                continue;
            }
            // Keep
            if (top && tag == Tags.SOPInstanceUID) {
                writtenSopInstance = ds.string(tag).orElse("").trim();
            }
            if (sequence[i]) {
                emitSequence(ds, i, items.get(i), out, explicit, be, path, depth);
            } else {
                int headerLength = explicit && (vr.longLength() || ds.undefinedLengthAt(i)) ? 12 : 8;
                int from = off - headerLength;
                int end = off + len;
                out.put(ds.buffer(), from, end - from);
            }
        }
        while (a < adds.size()) {
            emitNew(adds.get(a++), out, explicit, be, top);
        }
    }

    /** The VR code a sequence element had in an explicit-VR header: SQ, or UN for a sequence stored as UN. */
    private static Vr explicitSqVr(ParsedDataset ds, int i, boolean explicit) {
        if (!explicit) {
            return Vr.SQ;
        }
        return originalVr(ds, i);
    }

    /** The two VR letters in the element's explicit-VR header (12-byte header for SQ/UN). */
    private static Vr originalVr(ParsedDataset ds, int i) {
        Vr vr = ds.vrAt(i);
        if (vr == Vr.UN || ds.undefinedLengthAt(i) || vr == Vr.SQ) {
            int h = ds.offsetAt(i) - 12 + 4;
            if (h >= 0) {
                Vr v = DatasetReader.vrOf(ds.buffer()[h], ds.buffer()[h + 1]);
                if (v != null) {
                    return v;
                }
            }
        }
        return vr;
    }

    /**
     * The items of element {@code i} if it is a sequence: an SQ, a UN of undefined length (PS3.5 §6.2.2), or a UN of
     * defined length whose value starts with an Item tag (an implicit-VR file's sequence not in the dictionary, or a
     * converter's untyped one) that parses as implicit VR little endian items. Else null.
     */
    private static List<DicomDataset> itemsOf(ParsedDataset ds, int i) {
        Vr vr = ds.vrAt(i);
        if (vr == Vr.SQ) {
            try {
                return ds.sequence(ds.tagAt(i));
            } catch (DicomFormatException e) {
                return null;
            }
        }
        if (vr == Vr.UN && !ds.undefinedLengthAt(i) && ds.lengthAt(i) >= 8) {
            byte[] b = ds.buffer();
            int o = ds.offsetAt(i);
            if ((b[o] & 0xFF) == 0xFE && (b[o + 1] & 0xFF) == 0xFF && b[o + 2] == 0x00 && (b[o + 3] & 0xFF) == 0xE0) {
                try {
                    return ds.sequence(ds.tagAt(i));
                } catch (DicomFormatException | RuntimeException e) {
                    return null; // not a sequence after all: an opaque value
                }
            }
        }
        return null;
    }

    private void emitSequence(
            ParsedDataset ds,
            int i,
            List<DicomDataset> items,
            Sink out,
            boolean explicit,
            boolean be,
            String path,
            int depth)
            throws DicomFormatException {
        int tag = ds.tagAt(i);
        boolean undefined = ds.undefinedLengthAt(i);
        Vr headerVr = explicitSqVr(ds, i, explicit);
        // Items of a sequence stored as UN are implicit VR little endian (PS3.5 §6.2.2).
        boolean asUn = ds.vrAt(i) == Vr.UN || (explicit && headerVr == Vr.UN);
        boolean childExplicit = !asUn && explicit;
        boolean childBe = !asUn && be;
        int lengthAt;
        if (explicit) {
            lengthAt = headerLongStart(out, tag, headerVr, be);
        } else {
            out.tag(tag, be);
            lengthAt = out.size;
            out.put(ZERO4);
        }
        int start = out.size;
        String base = (path.isEmpty() ? "" : path + ">") + Tags.hex(tag);
        for (int k = 0; k < items.size(); k++) {
            out.tag(Tags.Item, childBe);
            int itemLengthAt = out.size;
            out.put(ZERO4);
            int itemStart = out.size;
            emitDataset(
                    (ParsedDataset) items.get(k), out, childExplicit, childBe, base + "[" + k + "]", depth + 1, false);
            if (undefined) {
                out.patch32(itemLengthAt, 0xFFFFFFFFL, childBe);
                out.tag(Tags.ItemDelimitationItem, childBe);
                out.put(ZERO4);
            } else {
                out.patch32(itemLengthAt, out.size - itemStart, childBe);
            }
        }
        if (undefined) {
            out.patch32(lengthAt, 0xFFFFFFFFL, be);
            out.tag(Tags.SequenceDelimitationItem, childBe);
            out.put(ZERO4);
        } else {
            out.patch32(lengthAt, out.size - start, be);
        }
    }

    /** Writes an explicit-VR long header with a zero length; returns where the length goes. */
    private static int headerLongStart(Sink out, int tag, Vr vr, boolean be) {
        out.tag(tag, be);
        out.put((byte) vr.name().charAt(0));
        out.put((byte) vr.name().charAt(1));
        out.put((byte) 0);
        out.put((byte) 0);
        int at = out.size;
        out.put(ZERO4);
        return at;
    }

    private void emitNew(NewElement e, Sink out, boolean explicit, boolean be, boolean top) {
        if (e.items() == null) {
            byte[] value = text(e.text(), e.vr());
            header(out, e.tag(), e.vr(), value.length, explicit, be);
            out.put(value);
            if (top && e.tag() == Tags.SOPInstanceUID) {
                writtenSopInstance = e.text().trim();
            }
            return;
        }
        int lengthAt;
        if (explicit) {
            lengthAt = headerLongStart(out, e.tag(), Vr.SQ, be);
        } else {
            out.tag(e.tag(), be);
            lengthAt = out.size;
            out.put(ZERO4);
        }
        int start = out.size;
        for (List<NewElement> item : e.items()) {
            out.tag(Tags.Item, be);
            int itemLengthAt = out.size;
            out.put(ZERO4);
            int itemStart = out.size;
            List<NewElement> sorted = new ArrayList<>(item);
            sorted.sort(BY_TAG);
            for (NewElement c : sorted) {
                emitNew(c, out, explicit, be, false);
            }
            out.patch32(itemLengthAt, out.size - itemStart, be);
        }
        out.patch32(lengthAt, out.size - start, be);
    }

    /** A text value padded to even length: UI with NUL, other text VRs with a space (PS3.5 §6.2). */
    static byte[] text(String s, Vr vr) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[b.length] = vr == Vr.UI || !vr.isText() ? 0 : (byte) ' ';
        return p;
    }

    /** An element header in the given encoding (PS3.5 §7.1.2, §7.1.3). */
    static void header(Sink out, int tag, Vr vr, int length, boolean explicit, boolean be) {
        out.tag(tag, be);
        if (!explicit) {
            out.u32(length, be);
        } else if (vr.longLength()) {
            out.put((byte) vr.name().charAt(0));
            out.put((byte) vr.name().charAt(1));
            out.put((byte) 0);
            out.put((byte) 0);
            out.u32(length, be);
        } else {
            out.put((byte) vr.name().charAt(0));
            out.put((byte) vr.name().charAt(1));
            if (be) {
                out.put((byte) (length >>> 8));
                out.put((byte) length);
            } else {
                out.put((byte) length);
                out.put((byte) (length >>> 8));
            }
        }
    }

    /** A growable byte array with patchable 32-bit lengths. */
    static final class Sink {
        byte[] buf;
        int size;

        Sink(int capacity) {
            buf = new byte[Math.max(capacity, 64)];
        }

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void put(byte b) {
            room(1);
            buf[size++] = b;
        }

        void put(byte[] b) {
            put(b, 0, b.length);
        }

        void put(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        void u16(int v, boolean be) {
            if (be) {
                put((byte) (v >>> 8));
                put((byte) v);
            } else {
                put((byte) v);
                put((byte) (v >>> 8));
            }
        }

        void u32(long v, boolean be) {
            room(4);
            size += 4;
            patch32(size - 4, v, be);
        }

        void tag(int tag, boolean be) {
            u16(tag >>> 16, be);
            u16(tag & 0xFFFF, be);
        }

        void patch32(int at, long v, boolean be) {
            for (int k = 0; k < 4; k++) {
                int shift = be ? 24 - 8 * k : 8 * k;
                buf[at + k] = (byte) (v >>> shift);
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
