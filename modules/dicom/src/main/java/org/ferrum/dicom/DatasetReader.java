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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Walks the elements of an encoded data set in a byte array (PS3.5 §7) and records where each value lies,
 * building {@link ParsedDataset}s. Values are not copied or decoded here; sequences are walked eagerly
 * (their end is only known by walking them when their length is undefined).
 *
 * <p>Every length is checked against the end of the enclosing item or data before anything is read at
 * it, and nothing is ever allocated from a length read from the file. Nesting deeper than
 * {@link #MAX_DEPTH} sequences is refused (a sequence inside an item inside a sequence … counts one per
 * sequence), so a crafted file cannot exhaust the stack.
 */
final class DatasetReader {

    /** Deepest sequence nesting accepted; real MR files use at most 4 (functional groups → macro → code). */
    static final int MAX_DEPTH = 16;

    static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

    /** What ends the data set being walked. */
    enum Until {
        /** the end of the data (file, or the defined length of an item) */
        END,
        /** an Item Delimitation Item (FFFE,E00D), PS3.5 §7.5.2 */
        ITEM_DELIMITER,
        /** the first element outside group 0002 (file meta information, PS3.10 §7.1) */
        END_OF_GROUP_0002
    }

    /**
     * Thrown when the bytes read so far end before the data set does and the file holds more: the caller
     * reads further and starts again. Never escapes {@link DicomParser}.
     */
    static final class NeedMoreBytes extends Exception {
        private static final long serialVersionUID = 1L;

        /** bytes of the file known to be needed (a lower bound) */
        final long needed;

        NeedMoreBytes(long needed) {
            super(null, null, false, false);
            this.needed = needed;
        }
    }

    /** VR by its two letters, indexed (a − 'A') × 26 + (b − 'A'); null where there is no such VR. */
    private static final Vr[] VR_BY_CODE = new Vr[26 * 26];

    static {
        for (Vr v : Vr.values()) {
            VR_BY_CODE[(v.name().charAt(0) - 'A') * 26 + (v.name().charAt(1) - 'A')] = v;
        }
    }

    private final Path file;
    private final byte[] buf;
    /** bytes of {@link #buf} that hold data read from the file */
    private final int limit;
    /** end of the whole data in {@link #buf} coordinates (≥ limit while the file is read in part) */
    private final long dataEnd;
    /** how to name a position in messages: "offset" or "offset in the inflated data set" */
    private final String offsetWord;

    private final boolean stopBeforePixelData;

    /** the position of the next element header */
    int pos;
    /** set when the walk stopped at the pixel data in header-only mode */
    boolean stoppedBeforePixelData;

    DatasetReader(Path file, byte[] buf, int limit, long dataEnd, String offsetWord, boolean stopBeforePixelData) {
        this.file = file;
        this.buf = buf;
        this.limit = limit;
        this.dataEnd = dataEnd;
        this.offsetWord = offsetWord;
        this.stopBeforePixelData = stopBeforePixelData;
    }

    Path file() {
        return file;
    }

    byte[] buffer() {
        return buf;
    }

    /** The VR with these two ASCII letters, or null. */
    static Vr vrOf(int a, int b) {
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return null;
        }
        return VR_BY_CODE[(a - 'A') * 26 + (b - 'A')];
    }

    int u16(int p, boolean bigEndian) {
        return bigEndian ? ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF) : (buf[p] & 0xFF) | ((buf[p + 1] & 0xFF) << 8);
    }

    long u32(int p, boolean bigEndian) {
        return bigEndian
                ? ((long) (buf[p] & 0xFF) << 24)
                        | ((buf[p + 1] & 0xFF) << 16)
                        | ((buf[p + 2] & 0xFF) << 8)
                        | (buf[p + 3] & 0xFF)
                : ((long) (buf[p + 3] & 0xFF) << 24)
                        | ((buf[p + 2] & 0xFF) << 16)
                        | ((buf[p + 1] & 0xFF) << 8)
                        | (buf[p] & 0xFF);
    }

    private int tagAt(int p, boolean bigEndian) {
        return (u16(p, bigEndian) << 16) | u16(p + 2, bigEndian);
    }

    /**
     * Makes sure bytes up to {@code needEnd} exist within {@code end} (the enclosing item or the data).
     *
     * @param what what is being read there, for the message
     */
    private void ensure(long needEnd, long end, int at, String what) throws DicomFormatException, NeedMoreBytes {
        if (needEnd > end || needEnd > limit) {
            ensure(needEnd, end, at, at, what);
        }
    }

    /** True if bytes up to {@code needEnd} are there; the callers build their message only when not. */
    private boolean fits(long needEnd, long end) {
        return needEnd <= end && needEnd <= limit;
    }

    /** As {@link #ensure(long, long, int, String)}, counting the bytes left from {@code from} for the message. */
    private void ensure(long needEnd, long end, int at, int from, String what)
            throws DicomFormatException, NeedMoreBytes {
        if (needEnd > end) {
            String where = end == dataEnd ? "the end of the file" : "the end of its enclosing item";
            throw error(at, what + " runs past " + where + " (" + Math.max(0, end - from) + " bytes left)");
        }
        if (needEnd > limit) {
            throw new NeedMoreBytes(needEnd);
        }
    }

    DicomFormatException error(int at, String problem) {
        return new DicomFormatException(file, problem + " at " + offsetWord + " " + at);
    }

    /**
     * Walks a data set from {@link #pos} and adds its elements to {@code ds}.
     *
     * @param end       where the data set must end (exclusive, in buffer coordinates)
     * @param until     what ends it
     * @param explicit  explicit VR (PS3.5 §7.1.2) or implicit (§7.1.3)
     * @param bigEndian byte order of headers and binary values (PS3.5 §7.3)
     * @param depth     number of sequences enclosing this data set
     */
    void readDataset(ParsedDataset ds, long end, Until until, boolean explicit, boolean bigEndian, int depth)
            throws DicomFormatException, NeedMoreBytes {
        while (true) {
            if (pos >= end) {
                if (until == Until.ITEM_DELIMITER) {
                    throw error(
                            pos,
                            "item of undefined length in " + ds.source()
                                    + " has no Item Delimitation Item (FFFE,E00D)");
                }
                ds.finish();
                return;
            }
            int at = pos;
            if (until == Until.END_OF_GROUP_0002) {
                ensure(pos + 2L, end, at, "file meta element");
                if (u16(pos, false) != 0x0002) {
                    ds.finish();
                    return;
                }
            }
            ensure(pos + 8L, end, at, "element header");
            int tag = tagAt(pos, bigEndian);
            if ((tag >>> 16) == 0xFFFE) {
                long len = u32(pos + 4, bigEndian);
                if (tag == Tags.ItemDelimitationItem && until == Until.ITEM_DELIMITER) {
                    if (len != 0) {
                        throw error(
                                at,
                                "Item Delimitation Item (FFFE,E00D) with length " + len + " instead of 0 in "
                                        + ds.source());
                    }
                    pos += 8;
                    ds.finish();
                    return;
                }
                throw error(at, "unexpected " + Tags.format(tag) + " in " + ds.source() + " (not inside a sequence)");
            }
            if (depth == 0 && until == Until.END) {
                if (stopBeforePixelData && Integer.compareUnsigned(tag, Tags.FloatPixelData) >= 0) {
                    stoppedBeforePixelData = true;
                    ds.finish();
                    return;
                }
                if (tag == 0 && onlyZerosFrom(pos, end)) {
                    // Some writers pad the file with zero bytes after the last element; (0000,0000) is no attribute.
                    pos = (int) end;
                    ds.finish();
                    return;
                }
            }
            Vr vr;
            long len;
            int headerLength;
            if (explicit) {
                vr = vrOf(buf[pos + 4], buf[pos + 5]);
                if (vr == null) {
                    throw error(
                            at,
                            Tags.format(tag) + " in " + ds.source() + " has an invalid VR code "
                                    + printable(buf[pos + 4], buf[pos + 5]) + " (PS3.5 §6.2)");
                }
                if (vr.longLength()) {
                    if (!fits(pos + 12L, end)) {
                        ensure(pos + 12L, end, at, Tags.format(tag) + " header");
                    }
                    len = u32(pos + 8, bigEndian);
                    headerLength = 12;
                } else {
                    len = u16(pos + 6, bigEndian);
                    headerLength = 8;
                }
            } else {
                vr = Tags.vr(tag);
                len = u32(pos + 4, bigEndian);
                headerLength = 8;
            }
            int valueStart = pos + headerLength;
            if (len == UNDEFINED_LENGTH) {
                pos = valueStart;
                readUndefinedLength(ds, tag, vr, at, valueStart, end, explicit, bigEndian, depth);
                continue;
            }
            if ((len & 1) != 0) {
                throw error(
                        at,
                        Tags.format(tag) + " in " + ds.source() + " has odd value length " + len
                                + " (PS3.5 §7.1.1 requires even)");
            }
            if (!fits(valueStart + len, end)) {
                ensure(valueStart + len, end, at, valueStart, Tags.format(tag) + " value of " + len + " bytes");
            }
            if (vr == Vr.SQ) {
                pos = valueStart;
                List<DicomDataset> items = readSequence(tag, ds, valueStart + len, false, explicit, bigEndian, depth);
                ds.add(tag, vr, valueStart, (int) len, false, items);
            } else {
                ds.add(tag, vr, valueStart, (int) len, false, null);
            }
            pos = valueStart + (int) len;
        }
    }

    private void readUndefinedLength(
            ParsedDataset ds,
            int tag,
            Vr vr,
            int at,
            int valueStart,
            long end,
            boolean explicit,
            boolean bigEndian,
            int depth)
            throws DicomFormatException, NeedMoreBytes {
        boolean encapsulated = vr == Vr.OB || vr == Vr.OW || (!explicit && tag == Tags.PixelData);
        if (vr == Vr.SQ || (vr == Vr.UN && !encapsulated)) {
            // PS3.5 §6.2.2: a UN value of undefined length is a sequence encoded in implicit VR little endian;
            // in an implicit-VR data set an unknown tag of undefined length can only be a sequence too.
            boolean unknown = vr == Vr.UN;
            List<DicomDataset> items =
                    readSequence(tag, ds, end, true, unknown ? false : explicit, unknown ? false : bigEndian, depth);
            ds.add(tag, Vr.SQ, valueStart, pos - valueStart, true, items);
        } else if (encapsulated) {
            int[] fragments = readFragments(tag, ds, end, bigEndian);
            ds.add(tag, vr, valueStart, pos - valueStart, true, fragments);
        } else {
            throw error(
                    at,
                    Tags.format(tag) + " in " + ds.source() + " has undefined length but VR " + vr
                            + " (PS3.5 §7.1: only SQ, UN and encapsulated OB/OW pixel data may)");
        }
    }

    /**
     * Walks the items of a sequence from {@link #pos} (PS3.5 §7.5).
     *
     * @param end       end of the sequence value (defined length) or of the enclosing data (undefined)
     * @param undefined true if the sequence ends with a Sequence Delimitation Item
     */
    List<DicomDataset> readSequence(
            int tag, ParsedDataset parent, long end, boolean undefined, boolean explicit, boolean bigEndian, int depth)
            throws DicomFormatException, NeedMoreBytes {
        if (depth + 1 > MAX_DEPTH) {
            throw error(
                    pos,
                    Tags.format(tag) + " in " + parent.source() + " nests sequences deeper than " + MAX_DEPTH
                            + " levels");
        }
        List<DicomDataset> items = null;
        while (true) {
            if (!undefined && pos >= end) {
                break;
            }
            int at = pos;
            if (!fits(pos + 8L, end)) {
                ensure(pos + 8L, end, at, "item header in " + parent.childPath(tag));
            }
            int itemTag = tagAt(pos, bigEndian);
            long len = u32(pos + 4, bigEndian);
            if (itemTag == Tags.SequenceDelimitationItem) {
                if (!undefined) {
                    throw error(
                            at, "Sequence Delimitation Item in " + parent.childPath(tag) + " whose length is defined");
                }
                pos += 8;
                break;
            }
            if (itemTag != Tags.Item) {
                throw error(
                        at,
                        "expected an Item (FFFE,E000) in " + parent.childPath(tag) + " but found "
                                + Tags.format(itemTag));
            }
            int index = items == null ? 0 : items.size();
            ParsedDataset item = new ParsedDataset(parent, tag, index, buf, bigEndian, depth + 1);
            pos += 8;
            if (len == UNDEFINED_LENGTH) {
                readDataset(item, end, Until.ITEM_DELIMITER, explicit, bigEndian, depth + 1);
            } else {
                if ((len & 1) != 0) {
                    throw error(
                            at,
                            "item " + index + " of " + parent.childPath(tag) + " has odd length " + len
                                    + " (PS3.5 §7.1.1 requires even)");
                }
                if (!fits(pos + len, end)) {
                    ensure(
                            pos + len,
                            end,
                            at,
                            pos,
                            "item " + index + " of " + parent.childPath(tag) + " (" + len + " bytes)");
                }
                readDataset(item, pos + len, Until.END, explicit, bigEndian, depth + 1);
            }
            if (items == null) {
                items = new ArrayList<>();
            }
            items.add(item);
        }
        return items == null ? List.of() : Collections.unmodifiableList(items);
    }

    /**
     * Walks encapsulated pixel data from {@link #pos} (PS3.5 §A.4): items holding the Basic Offset Table and
     * then the fragments, ended by a Sequence Delimitation Item.
     *
     * @return pairs (value offset, length) of every item, the offset table first
     */
    private int[] readFragments(int tag, ParsedDataset ds, long end, boolean bigEndian)
            throws DicomFormatException, NeedMoreBytes {
        int[] pairs = new int[16];
        int n = 0;
        while (true) {
            int at = pos;
            if (!fits(pos + 8L, end)) {
                ensure(pos + 8L, end, at, "fragment header in " + Tags.format(tag));
            }
            int itemTag = tagAt(pos, bigEndian);
            long len = u32(pos + 4, bigEndian);
            if (itemTag == Tags.SequenceDelimitationItem) {
                pos += 8;
                break;
            }
            if (itemTag != Tags.Item) {
                throw error(
                        at,
                        "expected a fragment Item (FFFE,E000) in encapsulated " + Tags.format(tag) + " of "
                                + ds.source() + " but found " + Tags.format(itemTag));
            }
            if (len == UNDEFINED_LENGTH) {
                throw error(
                        at,
                        "fragment " + n / 2 + " of " + Tags.format(tag)
                                + " has undefined length (PS3.5 §A.4 requires a defined length)");
            }
            if ((len & 1) != 0) {
                throw error(
                        at,
                        "fragment " + n / 2 + " of " + Tags.format(tag) + " has odd length " + len
                                + " (PS3.5 §A.4 requires even)");
            }
            if (!fits(pos + 8L + len, end)) {
                ensure(
                        pos + 8L + len,
                        end,
                        at,
                        pos + 8,
                        "fragment " + n / 2 + " of " + Tags.format(tag) + " (" + len + " bytes)");
            }
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, n * 2);
            }
            pairs[n++] = pos + 8;
            pairs[n++] = (int) len;
            pos += 8 + (int) len;
        }
        if (n == 0) {
            throw error(pos, "encapsulated " + Tags.format(tag) + " has no Basic Offset Table item (PS3.5 §A.4)");
        }
        return java.util.Arrays.copyOf(pairs, n);
    }

    private boolean onlyZerosFrom(int p, long end) {
        long stop = Math.min(end, limit);
        if (stop < end) {
            return false;
        }
        for (int i = p; i < stop; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(byte a, byte b) {
        return "0x" + String.format("%02X%02X", a & 0xFF, b & 0xFF)
                + ((a >= 0x20 && a < 0x7F && b >= 0x20 && b < 0x7F) ? " ('" + (char) a + (char) b + "')" : "");
    }
}
