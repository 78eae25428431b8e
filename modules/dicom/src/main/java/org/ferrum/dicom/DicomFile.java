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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One DICOM Part 10 file as {@link DicomParser} read it: its file meta information, its data set, its
 * transfer syntax, and access to the pixel data frame by frame, as stored (native bytes or encapsulated
 * fragments). {@link PixelData#decodeFrame} turns a frame into sample values.
 *
 * <p>Frames of native pixel data (PS3.5 §8.1.1) follow each other with no padding; each holds
 * Rows × Columns × SamplesPerPixel cells of BitsAllocated bits (32 for FloatPixelData, 64 for
 * DoubleFloatPixelData). Frames of encapsulated pixel data (PS3.5 §A.4) are made of fragments, assigned
 * to frames by the first rule that applies:
 * <ol>
 * <li>the Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002), if present (PS3.3 C.7.6.3.1.8);</li>
 * <li>one frame: all fragments;</li>
 * <li>a non-empty Basic Offset Table: frame i is the fragments whose Item starts at or after offset i and
 *     before offset i+1 (offsets count from the first fragment's Item tag, PS3.5 §A.4);</li>
 * <li>as many fragments as frames: one fragment per frame (always the case for RLE, PS3.5 §G.2);</li>
 * <li>otherwise a new frame starts at each fragment that begins with a codestream's start marker (JPEG SOI
 *     FFD8, JPEG 2000 SOC FF4F or a JP2 signature box); if that does not give NumberOfFrames frames the
 *     file is refused.</li>
 * </ol>
 * Not thread-safe for the first call of a frame accessor (the frame table is built lazily); safe afterwards.
 */
public final class DicomFile {

    private final Path path;
    private final ParsedDataset fileMeta;
    private final ParsedDataset dataset;
    private final TransferSyntax transferSyntax;
    private final String transferSyntaxUid;
    private final boolean headerOnly;

    /** per frame: (offset, length) pairs of its fragments in the buffer; built on first use */
    private int[][] frameFragments;

    DicomFile(
            Path path,
            ParsedDataset fileMeta,
            ParsedDataset dataset,
            TransferSyntax transferSyntax,
            String transferSyntaxUid,
            boolean headerOnly) {
        this.path = Objects.requireNonNull(path);
        this.fileMeta = fileMeta;
        this.dataset = dataset;
        this.transferSyntax = transferSyntax;
        this.transferSyntaxUid = transferSyntaxUid;
        this.headerOnly = headerOnly;
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    /** The file meta information (group 0002), empty for a file without it. */
    public DicomDataset fileMeta() {
        return fileMeta;
    }

    /** The main data set. */
    public DicomDataset dataset() {
        return dataset;
    }

    /** The transfer syntax of the data set. */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** The transfer syntax UID as the file states it (useful for {@link TransferSyntax#UNKNOWN}). */
    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** True if read with {@link DicomParser#readHeader}: no pixel data was read. */
    public boolean headerOnly() {
        return headerOnly;
    }

    /** True if the data set has PixelData, FloatPixelData or DoubleFloatPixelData and it was read. */
    public boolean hasPixelData() {
        return pixelIndex() >= 0;
    }

    /** The pixel data attribute's tag (PixelData, FloatPixelData or DoubleFloatPixelData), if present and read. */
    public OptionalInt pixelDataTag() {
        int i = pixelIndex();
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(dataset.tagAt(i));
    }

    /** True if the pixel data is encapsulated (PS3.5 §A.4), false if native. */
    public boolean isEncapsulated() {
        int i = pixelIndex();
        return i >= 0 && dataset.fragmentsAt(i) != null;
    }

    /**
     * NumberOfFrames (PS3.3 C.7.6.6), or 1 when absent, checked against the pixel data read, so that callers
     * may size arrays by it: native pixel data must hold that many frames of Rows × Columns × SamplesPerPixel
     * cells (at least one byte per 8 cells), and encapsulated pixel data must have at least one fragment per
     * frame (PS3.5 §A.4: a fragment holds data of one frame only).
     */
    public int frameCount() throws DicomFormatException {
        OptionalInt n = dataset.integer(Tags.NumberOfFrames);
        if (n.isEmpty()) {
            return 1;
        }
        int frames = n.getAsInt();
        if (frames < 1) {
            throw new DicomFormatException(
                    path, Tags.format(Tags.NumberOfFrames) + " is " + frames + ", not a positive count");
        }
        int i = headerOnly ? -1 : pixelIndex();
        if (frames > 1 && i >= 0) {
            int[] items = dataset.fragmentsAt(i);
            if (items != null) {
                int fragments = items.length / 2 - 1;
                if (frames > fragments) {
                    throw new DicomFormatException(
                            path,
                            Tags.format(Tags.NumberOfFrames) + " is " + frames + " but the encapsulated "
                                    + Tags.format(dataset.tagAt(i)) + " has only " + fragments
                                    + " fragment(s), at least one per frame"
                                    + " (PS3.5 §A.4)");
                }
            } else {
                int tag = dataset.tagAt(i);
                long cells = (long) Math.max(1, dataset.integer(Tags.Rows).orElse(1))
                        * Math.max(1, dataset.integer(Tags.Columns).orElse(1))
                        * Math.max(1, dataset.integer(Tags.SamplesPerPixel).orElse(1));
                long bits = tag == Tags.FloatPixelData
                        ? 32
                        : tag == Tags.DoubleFloatPixelData
                                ? 64
                                : Math.max(
                                        1, dataset.integer(Tags.BitsAllocated).orElse(1));
                long minFrameBytes = Math.max(1, cells * bits / 8);
                if (frames > dataset.lengthAt(i) / minFrameBytes) {
                    throw new DicomFormatException(
                            path,
                            Tags.format(Tags.NumberOfFrames) + " is " + frames + " but "
                                    + Tags.format(tag) + " holds " + dataset.lengthAt(i) + " bytes, room for at most "
                                    + dataset.lengthAt(i) / minFrameBytes + " frame(s) of " + minFrameBytes + " bytes");
                }
            }
        }
        return frames;
    }

    /**
     * The stored bytes of frame {@code frame} (0-based): for native pixel data a read-only view of the frame's
     * cells in the data set's byte order (PS3.5 §8.1.1; note that for Explicit VR Big Endian, OW values are
     * 16-bit words, so 8-bit samples in OW are swapped in pairs); for encapsulated pixel data the frame's
     * codestream (its fragments joined, copied only if there are several).
     */
    public ByteBuffer frameBytes(int frame) throws DicomFormatException {
        int i = requirePixels();
        byte[] buf = dataset.buffer();
        if (dataset.fragmentsAt(i) == null) {
            long size = nativeFrameBytes(i);
            int frames = frameCount();
            checkFrame(frame, frames);
            long need = size * frames;
            if (need > dataset.lengthAt(i)) {
                throw new DicomFormatException(
                        path,
                        Tags.format(dataset.tagAt(i)) + " holds " + dataset.lengthAt(i) + " bytes but " + frames
                                + " frame(s) of " + size + " bytes need " + need);
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, dataset.offsetAt(i) + (int) (size * frame), (int) size)
                    .slice();
            return bb.asReadOnlyBuffer().order(dataset.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
        checkFrame(frame, frameCount());
        int[] f = frameTable()[frame];
        if (f.length == 2) {
            return ByteBuffer.wrap(buf, f[0], f[1]).slice().asReadOnlyBuffer();
        }
        int total = 0;
        for (int k = 1; k < f.length; k += 2) {
            total += f[k];
        }
        byte[] joined = new byte[total];
        int p = 0;
        for (int k = 0; k < f.length; k += 2) {
            System.arraycopy(buf, f[k], joined, p, f[k + 1]);
            p += f[k + 1];
        }
        return ByteBuffer.wrap(joined).asReadOnlyBuffer();
    }

    /** The fragments of frame {@code frame} of encapsulated pixel data, as read-only views, in order. */
    public List<ByteBuffer> fragments(int frame) throws DicomFormatException {
        int i = requirePixels();
        if (dataset.fragmentsAt(i) == null) {
            throw new DicomFormatException(path, "pixel data is native, not encapsulated: it has no fragments");
        }
        checkFrame(frame, frameCount());
        int[] f = frameTable()[frame];
        List<ByteBuffer> out = new ArrayList<>(f.length / 2);
        for (int k = 0; k < f.length; k += 2) {
            out.add(ByteBuffer.wrap(dataset.buffer(), f[k], f[k + 1]).slice().asReadOnlyBuffer());
        }
        return out;
    }

    /** The frame's codestream as a byte array of its own, for decoders. */
    byte[] frameCodestream(int frame) throws DicomFormatException {
        ByteBuffer bb = frameBytes(frame);
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }

    /** Index of the pixel data element in the main data set, −1 if absent. */
    int pixelIndex() {
        int i = dataset.indexOf(Tags.PixelData);
        if (i < 0) {
            i = dataset.indexOf(Tags.FloatPixelData);
        }
        if (i < 0) {
            i = dataset.indexOf(Tags.DoubleFloatPixelData);
        }
        return i;
    }

    ParsedDataset parsedDataset() {
        return dataset;
    }

    int requirePixels() throws DicomFormatException {
        if (headerOnly) {
            throw new IllegalStateException(path + " was read with readHeader: it has no pixel data loaded");
        }
        int i = pixelIndex();
        if (i < 0) {
            throw new DicomFormatException(
                    path,
                    "no pixel data: the data set has no " + Tags.format(Tags.PixelData) + ", "
                            + Tags.format(Tags.FloatPixelData) + " or " + Tags.format(Tags.DoubleFloatPixelData));
        }
        return i;
    }

    private void checkFrame(int frame, int frames) {
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frames + " in " + path);
        }
    }

    /** Bytes per native frame: Rows × Columns × SamplesPerPixel × bits / 8. */
    private long nativeFrameBytes(int i) throws DicomFormatException {
        int tag = dataset.tagAt(i);
        long rows = require(Tags.Rows);
        long columns = require(Tags.Columns);
        long spp = dataset.integer(Tags.SamplesPerPixel).orElse(1);
        int bits = tag == Tags.FloatPixelData
                ? 32
                : tag == Tags.DoubleFloatPixelData ? 64 : (int) require(Tags.BitsAllocated);
        if (spp < 1 || spp > 4) {
            throw new DicomFormatException(
                    path, Tags.format(Tags.SamplesPerPixel) + " is " + spp + " (1 to 4 expected)");
        }
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new DicomFormatException(
                    path,
                    Tags.format(Tags.BitsAllocated) + " is " + bits
                            + ": only 8, 16, 32 and 64 bits per cell are supported");
        }
        return rows * columns * spp * (bits / 8);
    }

    private long require(int tag) throws DicomFormatException {
        OptionalInt v = dataset.integer(tag);
        if (v.isEmpty() || v.getAsInt() < 1) {
            throw new DicomFormatException(
                    path, Tags.format(tag) + (v.isEmpty() ? " is missing" : " is " + v.getAsInt()));
        }
        return v.getAsInt();
    }

    private int[][] frameTable() throws DicomFormatException {
        if (frameFragments == null) {
            frameFragments = buildFrameTable();
        }
        return frameFragments;
    }

    private int[][] buildFrameTable() throws DicomFormatException {
        int i = requirePixels();
        int[] items = dataset.fragmentsAt(i);
        byte[] buf = dataset.buffer();
        int frames = frameCount();
        int nFragments = items.length / 2 - 1;
        if (nFragments < 1) {
            throw new DicomFormatException(path, "encapsulated " + Tags.format(dataset.tagAt(i)) + " has no fragments");
        }
        int firstItemTag = items[2] - 8;
        int[][] table = new int[frames][];

        // 1. Extended Offset Table
        double[] eot = dataset.numbers(Tags.ExtendedOffsetTable);
        if (eot.length > 0) {
            double[] eotLengths = dataset.numbers(Tags.ExtendedOffsetTableLengths);
            if (eot.length != frames || eotLengths.length != frames) {
                throw new DicomFormatException(
                        path,
                        Tags.format(Tags.ExtendedOffsetTable) + " has " + eot.length + " offsets and "
                                + eotLengths.length + " lengths for " + frames + " frames");
            }
            for (int f = 0; f < frames; f++) {
                table[f] = byOffsets(
                        items, firstItemTag, (long) eot[f], f + 1 < frames ? (long) eot[f + 1] : Long.MAX_VALUE, f);
            }
            return table;
        }
        // 2. one frame
        if (frames == 1) {
            table[0] = java.util.Arrays.copyOfRange(items, 2, items.length);
            return table;
        }
        // 3. Basic Offset Table
        int botLength = items[1];
        if (botLength > 0) {
            if (botLength != 4 * frames) {
                throw new DicomFormatException(
                        path,
                        "Basic Offset Table has " + botLength / 4 + " entries for " + frames + " frames (PS3.5 §A.4)");
            }
            long[] offsets = new long[frames];
            for (int f = 0; f < frames; f++) {
                int p = items[0] + 4 * f;
                offsets[f] = (buf[p] & 0xFFL)
                        | (buf[p + 1] & 0xFFL) << 8
                        | (buf[p + 2] & 0xFFL) << 16
                        | (buf[p + 3] & 0xFFL) << 24;
            }
            for (int f = 0; f < frames; f++) {
                table[f] =
                        byOffsets(items, firstItemTag, offsets[f], f + 1 < frames ? offsets[f + 1] : Long.MAX_VALUE, f);
            }
            return table;
        }
        // 4. one fragment per frame
        if (nFragments == frames) {
            for (int f = 0; f < frames; f++) {
                table[f] = new int[] {items[2 + 2 * f], items[3 + 2 * f]};
            }
            return table;
        }
        // 5. codestream start markers
        if (transferSyntax != TransferSyntax.RLE_LOSSLESS) {
            List<Integer> starts = new ArrayList<>();
            for (int k = 0; k < nFragments; k++) {
                if (startsCodestream(buf, items[2 + 2 * k], items[3 + 2 * k])) {
                    starts.add(k);
                }
            }
            if (starts.size() == frames && starts.get(0) == 0) {
                for (int f = 0; f < frames; f++) {
                    int from = starts.get(f);
                    int to = f + 1 < frames ? starts.get(f + 1) : nFragments;
                    table[f] = java.util.Arrays.copyOfRange(items, 2 + 2 * from, 2 + 2 * to);
                }
                return table;
            }
        }
        throw new DicomFormatException(
                path,
                "cannot tell which of the " + nFragments + " fragments belong to which of the " + frames
                        + " frames: no offset table and the fragments do not start one codestream each (PS3.5 §A.4)");
    }

    private int[] byOffsets(int[] items, int firstItemTag, long from, long to, int frame) throws DicomFormatException {
        int n = 0;
        int firstIndex = -1;
        for (int k = 2; k < items.length; k += 2) {
            long rel = (long) items[k] - 8 - firstItemTag;
            if (rel >= from && rel < to) {
                if (firstIndex < 0) {
                    firstIndex = k;
                    if (rel != from) {
                        break;
                    }
                }
                n++;
            }
        }
        if (n == 0) {
            throw new DicomFormatException(
                    path,
                    "offset table entry " + from + " for frame " + frame
                            + " does not point at the start of a fragment (PS3.5 §A.4)");
        }
        return java.util.Arrays.copyOfRange(items, firstIndex, firstIndex + 2 * n);
    }

    private static boolean startsCodestream(byte[] buf, int off, int len) {
        if (len < 2) {
            return false;
        }
        int a = buf[off] & 0xFF;
        int b = buf[off + 1] & 0xFF;
        if (a == 0xFF && (b == 0xD8 || b == 0x4F)) {
            return true;
        }
        // JP2 signature box: 00 00 00 0C 6A 50 20 20
        return len >= 8
                && a == 0
                && b == 0
                && buf[off + 2] == 0
                && buf[off + 3] == 0x0C
                && buf[off + 4] == 0x6A
                && buf[off + 5] == 0x50;
    }

    @Override
    public String toString() {
        return path + " (" + transferSyntax.displayName() + ")";
    }
}
