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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.io.VolumeFormatException;

/**
 * Block-indexed gzip: the layout of the {@code .nii.gz} files Ferrum writes, which several cores can
 * compress and decompress at once and which every other gzip reader still reads as one stream.
 *
 * <p><b>Layout.</b> The file is a series of complete gzip members, which RFC 1952 §2.2 allows ("a gzip
 * file consists of a series of members"); decompressing them one after the other, as {@code gzip -d},
 * zlib's {@code gzread} (FSL's znzlib), nibabel and {@link java.util.zip.GZIPInputStream} do, gives
 * the uncompressed NIfTI file byte for byte. Every member has this form (RFC 1952 §2.3; integers
 * little-endian):
 * <pre>
 *  offset    bytes      field
 *   0         1         ID1 = 0x1f, ID2 = 0x8b, CM = 8 (deflate)            (bytes 0–2)
 *   3         1         FLG = FEXTRA (4) alone: no name, comment or header CRC
 *   4         4         MTIME = 0 (none)
 *   8         1         XFL = 4 (fastest compression), OS = 255 (unknown)   (bytes 8–9)
 *  10         2         XLEN, the length of the extra field (12 as written)
 *  12         XLEN      extra field: subfields SI1 SI2 LEN data (§2.3.1.1), one of them
 *                         SI1 = 'F', SI2 = 'B' ("Ferrum block"), LEN = 8, data =
 *                         MSIZE (uint32): bytes in this whole member, from ID1 to the end of ISIZE
 *                         USIZE (uint32): uncompressed bytes in this member
 *  12+XLEN   MSIZE−20−XLEN  raw deflate data (RFC 1951)
 *  MSIZE−8   4          CRC32 of the uncompressed bytes
 *  MSIZE−4   4          ISIZE = USIZE
 * </pre>
 * This is the idea of BGZF (SAM/BAM format specification §4.1), whose members carry their size in an
 * extra subfield 'BC' so that a reader finds block boundaries by hopping from header to header without
 * inflating. BGZF's size is 16-bit, which caps a block at 64 KiB; the 'FB' subfield holds 32-bit sizes
 * instead, and the uncompressed size too, so that a reader knows where each block's output belongs
 * before inflating anything. Readers that do not know 'FB' skip it, as RFC 1952 requires.
 *
 * <p><b>Content.</b> The first member holds the NIfTI header and extensions (vox_offset bytes) alone, so
 * that the header is read by inflating a few hundred bytes. The following members hold the voxel data
 * in blocks of {@value #BLOCK_BYTES} uncompressed bytes (1.5 MiB; the last block is shorter), a
 * multiple of 48 and so of every voxel and element size: each block is a whole number of array elements
 * and is copied into the image on its own. Blocks are deflated at level 1 ({@link Deflater#BEST_SPEED}).
 *
 * <p><b>Reading.</b> {@link #index} calls a file block-indexed if its first member's header carries the
 * 'FB' subfield with FLG = FEXTRA; any other gzip file (one stream, or members without the subfield, as
 * gzip, nibabel or dcm2niix write) is left to a sequential reader. In a block-indexed file every member
 * must be such a block, and a member without the subfield, bytes that are not a member, a member
 * running past the end of the file, deflate data that are corrupt, end early or leave bytes unused, or
 * a CRC32 or ISIZE that does not match are each a {@link VolumeFormatException} naming the block, its
 * byte offset in the file and the problem. Blocks larger than {@value #MAX_BLOCK_BYTES} bytes are
 * refused, so that a damaged size field cannot make the reader allocate gigabytes.
 */
final class BlockGzip {

    /** Uncompressed bytes per voxel block: 48 · 2¹⁵ (1.5 MiB), a multiple of every element size. */
    static final int BLOCK_BYTES = 48 << 15;

    /** The largest block (uncompressed or compressed) a reader accepts: 64 MiB. */
    static final int MAX_BLOCK_BYTES = 1 << 26;

    /** Subfield identifier 'F' 'B' (RFC 1952 §2.3.1.1: two letters, SI2 ≠ 0). */
    static final byte SI1 = 'F', SI2 = 'B';

    private static final int FEXTRA = 4;
    private static final int FIXED_HEADER_BYTES = 12; // ID1 … OS, XLEN
    private static final int SUBFIELD_DATA_BYTES = 8; // MSIZE, USIZE
    private static final int HEADER_BYTES = FIXED_HEADER_BYTES + 4 + SUBFIELD_DATA_BYTES;
    private static final int TRAILER_BYTES = 8; // CRC32, ISIZE
    private static final int XFL_FASTEST = 4;
    private static final int OS_UNKNOWN = 255;

    /** Blocks compressed per round of the writer, per thread: enough to keep threads busy, little memory. */
    private static final int BLOCKS_PER_THREAD_PER_ROUND = 4;

    /**
     * One member of a block-indexed file.
     *
     * @param index  its rank in the file, from 0
     * @param offset its first byte in the file
     * @param bytes  its size in the file (MSIZE)
     * @param start  the position of its first uncompressed byte in the uncompressed stream
     * @param size   its uncompressed size (USIZE)
     */
    record Block(int index, long offset, int bytes, long start, int size) {

        long end() {
            return start + size;
        }
    }

    /** A member header that does not fit the layout; the text says why. */
    private static final class BadMember extends Exception {
        private static final long serialVersionUID = 1L;

        BadMember(String problem) {
            super(problem, null, false, false);
        }
    }

    /** The sizes a member header gives, and the length of that header. */
    private record Header(int length, long bytes, long size) {}

    private BlockGzip() {}

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code header} and then the voxels (in file order, {@code order}) to {@code out} as a
     * block-indexed gzip file: one member for the header, one per {@value #BLOCK_BYTES} bytes of voxels.
     * Blocks are compressed in parallel ({@link ParallelLoop}) a few per thread at a time, and written
     * in order.
     */
    static void write(FileChannel out, byte[] header, StoredVoxels voxels, ByteOrder order) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            writeFully(out, member(header, header.length, deflater));
        } finally {
            deflater.end();
        }
        int unit = voxels.elementBytes();
        int perBlock = BLOCK_BYTES / unit;
        long elements = voxels.elementCount();
        long blocks = (elements + perBlock - 1) / perBlock;
        int round = Parallelism.threads() * BLOCKS_PER_THREAD_PER_ROUND;
        ByteBuffer[] members = new ByteBuffer[(int) Math.min(round, blocks)];
        for (long first = 0; first < blocks; first += round) {
            long roundStart = first;
            int count = (int) Math.min(round, blocks - first);
            ParallelLoop.forEachChunk(count, 1, Cancellation.NEVER, (from, to) -> {
                Deflater d = new Deflater(Deflater.BEST_SPEED, true);
                try {
                    for (long i = from; i < to; i++) {
                        long at = (roundStart + i) * perBlock;
                        int n = (int) Math.min(perBlock, elements - at);
                        ByteBuffer data = ByteBuffer.allocate(n * unit).order(order);
                        voxels.writeAt(data, (int) at);
                        members[(int) i] = member(data.array(), data.capacity(), d);
                    }
                } finally {
                    d.end();
                }
            });
            for (int i = 0; i < count; i++) {
                writeFully(out, members[i]);
                members[i] = null;
            }
        }
    }

    /**
     * One complete member holding {@code data[0, length)}, as laid out in the class comment (the one
     * place a member is made). The result's position is 0 and its limit the member's size.
     */
    static ByteBuffer member(byte[] data, int length, Deflater deflater) {
        deflater.reset();
        deflater.setInput(data, 0, length);
        deflater.finish();
        // Level 1 never expands by more than a few bytes per 16 KiB (stored blocks); grow if it does anyway.
        byte[] out = new byte[HEADER_BYTES + length + (length >>> 10) + 64 + TRAILER_BYTES];
        int end = HEADER_BYTES;
        while (!deflater.finished()) {
            if (end == out.length - TRAILER_BYTES) {
                out = Arrays.copyOf(out, 2 * out.length);
            }
            end += deflater.deflate(out, end, out.length - TRAILER_BYTES - end);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        int bytes = end + TRAILER_BYTES;
        ByteBuffer m = ByteBuffer.wrap(out, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
        m.put(0, (byte) 0x1f)
                .put(1, (byte) 0x8b)
                .put(2, (byte) 8)
                .put(3, (byte) FEXTRA)
                .putInt(4, 0)
                .put(8, (byte) XFL_FASTEST)
                .put(9, (byte) OS_UNKNOWN)
                .putShort(10, (short) (4 + SUBFIELD_DATA_BYTES))
                .put(12, SI1)
                .put(13, SI2)
                .putShort(14, (short) SUBFIELD_DATA_BYTES)
                .putInt(16, bytes)
                .putInt(20, length)
                .putInt(end, (int) crc.getValue())
                .putInt(end + 4, length);
        return m;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The blocks of a block-indexed file, found by hopping from member header to member header without
     * inflating; {@code null} if the first member's header does not carry the 'FB' subfield (then the
     * file is some other gzip file, for a sequential reader).
     *
     * @throws VolumeFormatException if the first member carries the subfield but a later member, or the
     *                               sizes in any, do not fit the layout
     */
    static List<Block> index(FileChannel ch, Path file) throws IOException {
        long fileSize = ch.size();
        List<Block> blocks = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES);
        long offset = 0;
        long start = 0;
        while (offset < fileSize) {
            int index = blocks.size();
            Header h;
            try {
                buffer = headerBytes(ch, offset, buffer);
                h = parseHeader(buffer);
            } catch (BadMember e) {
                if (index == 0) {
                    return null;
                }
                throw problem(file, index, offset, e.getMessage());
            }
            if (h.size > MAX_BLOCK_BYTES || h.bytes > MAX_BLOCK_BYTES || h.bytes < h.length + 2L + TRAILER_BYTES) {
                throw problem(
                        file,
                        index,
                        offset,
                        "has implausible sizes in its 'FB' subfield (" + h.bytes + " bytes holding " + h.size
                                + " uncompressed)");
            }
            if (offset + h.bytes > fileSize) {
                throw problem(
                        file,
                        index,
                        offset,
                        "is truncated: its header gives " + h.bytes + " bytes but the file ends after "
                                + (fileSize - offset));
            }
            blocks.add(new Block(index, offset, (int) h.bytes, start, (int) h.size));
            offset += h.bytes;
            start += h.size;
        }
        return blocks.isEmpty() ? null : blocks;
    }

    /** Uncompressed bytes in all blocks. */
    static long uncompressedBytes(List<Block> blocks) {
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).end();
    }

    /**
     * True if every block that starts inside [dataStart, dataStart + dataBytes) of the uncompressed
     * stream starts on an element boundary, so each block's share of the data is whole elements. Always
     * so for files {@link #write} makes; other block files are left to a sequential reader.
     */
    static boolean elementAligned(List<Block> blocks, long dataStart, long dataBytes, int elementBytes) {
        for (Block b : blocks) {
            if (b.start > dataStart && b.start < dataStart + dataBytes && (b.start - dataStart) % elementBytes != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Inflates all blocks in parallel, verifying each (see {@link #inflate}), and copies the part of each
     * that falls in [dataStart, dataStart + data size) of the uncompressed stream into {@code voxels}
     * (elements in byte order {@code order}). Requires {@link #elementAligned} and enough blocks to hold
     * the data.
     */
    static void read(
            FileChannel ch, List<Block> blocks, long dataStart, StoredVoxels voxels, ByteOrder order, Path file)
            throws IOException {
        int unit = voxels.elementBytes();
        long dataEnd = dataStart + voxels.elementCount() * unit;
        try {
            ParallelLoop.forEachChunk(blocks.size(), 0, Cancellation.NEVER, (from, to) -> {
                Inflater inflater = new Inflater(true);
                byte[] member = new byte[0];
                byte[] out = new byte[0];
                try {
                    for (int i = (int) from; i < to; i++) {
                        Block b = blocks.get(i);
                        if (member.length < b.bytes) {
                            member = new byte[b.bytes];
                        }
                        if (out.length <= b.size) {
                            out = new byte[b.size + 1];
                        }
                        inflate(ch, b, member, out, inflater, file);
                        long first = Math.max(b.start, dataStart);
                        long last = Math.min(b.end(), dataEnd);
                        if (first < last) {
                            ByteBuffer part = ByteBuffer.wrap(out, (int) (first - b.start), (int) (last - first))
                                    .order(order);
                            voxels.readAt(part, (int) ((first - dataStart) / unit));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    inflater.end();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads block {@code b} into {@code member} and inflates it into {@code out[0, b.size)} (the one
     * place a member is read), checking that the header still gives the indexed sizes, that the deflate
     * data end exactly at the trailer and inflate to exactly USIZE bytes, and that CRC32 and ISIZE match.
     *
     * @param member scratch of at least {@code b.bytes()} bytes
     * @param out    receives the uncompressed bytes; at least {@code b.size() + 1} long, to detect excess
     */
    static void inflate(FileChannel ch, Block b, byte[] member, byte[] out, Inflater inflater, Path file)
            throws IOException {
        ByteBuffer m = ByteBuffer.wrap(member, 0, b.bytes).order(ByteOrder.LITTLE_ENDIAN);
        int read = NiftiReader.readFully(ch, m, b.offset);
        if (read < b.bytes) {
            throw problem(file, b, "is truncated: the file ended after " + read + " of its " + b.bytes + " bytes");
        }
        m.clear();
        Header h;
        try {
            h = parseHeader(m);
        } catch (BadMember e) {
            throw problem(file, b, e.getMessage());
        }
        if (h.bytes != b.bytes || h.size != b.size) {
            throw problem(file, b, "changed while being read");
        }
        int trailer = b.bytes - TRAILER_BYTES;
        inflater.reset();
        inflater.setInput(member, h.length, trailer - h.length);
        int n = 0;
        try {
            while (!inflater.finished() && n <= b.size) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && !inflater.finished()) {
                    throw problem(
                            file,
                            b,
                            "is truncated or corrupt: its deflate data stop after " + n + " of " + b.size + " bytes");
                }
                n += k;
            }
        } catch (DataFormatException e) {
            throw problem(file, b, "has corrupt deflate data after " + n + " bytes (" + e.getMessage() + ")");
        }
        if (n != b.size) {
            throw problem(
                    file,
                    b,
                    "inflates to " + (n > b.size ? "more than " + b.size : String.valueOf(n)) + " bytes, not the "
                            + b.size + " its header gives");
        }
        if (inflater.getRemaining() != 0) {
            throw problem(
                    file,
                    b,
                    "has " + inflater.getRemaining() + " stray bytes between its deflate data and its trailer");
        }
        CRC32 crc = new CRC32();
        crc.update(out, 0, n);
        long stored = m.getInt(trailer) & 0xffffffffL;
        if (stored != crc.getValue()) {
            throw problem(
                    file,
                    b,
                    String.format(
                            "fails its CRC-32 check (stored %08x, data give %08x): corrupt data",
                            stored, crc.getValue()));
        }
        long isize = m.getInt(trailer + 4) & 0xffffffffL;
        if (isize != b.size) {
            throw problem(file, b, "has ISIZE " + isize + " in its trailer but holds " + b.size + " bytes");
        }
    }

    /**
     * The member header at the start of {@code b} (little-endian, limit = the bytes available, from 0):
     * the one place a member header is parsed.
     */
    private static Header parseHeader(ByteBuffer b) throws BadMember {
        if (b.limit() < FIXED_HEADER_BYTES) {
            throw new BadMember("is truncated: the file ends " + b.limit() + " bytes into its gzip header");
        }
        if ((b.get(0) & 0xff) != 0x1f || (b.get(1) & 0xff) != 0x8b || b.get(2) != 8) {
            throw new BadMember("is not a gzip deflate member (RFC 1952 ID1, ID2, CM)");
        }
        if (b.get(3) != FEXTRA) {
            throw new BadMember(String.format("has gzip flags %02x instead of FEXTRA alone", b.get(3) & 0xff));
        }
        int length = FIXED_HEADER_BYTES + (b.getShort(10) & 0xffff);
        if (b.limit() < length) {
            throw new BadMember("is truncated: the file ends inside its gzip extra field");
        }
        for (int p = FIXED_HEADER_BYTES; p + 4 <= length; ) {
            int len = b.getShort(p + 2) & 0xffff;
            if (b.get(p) == SI1 && b.get(p + 1) == SI2 && len == SUBFIELD_DATA_BYTES && p + 4 + len <= length) {
                return new Header(length, b.getInt(p + 4) & 0xffffffffL, b.getInt(p + 8) & 0xffffffffL);
            }
            p += 4 + len;
        }
        throw new BadMember("has no 'FB' block subfield in its gzip header");
    }

    /**
     * The header bytes of the member at {@code offset}: the fixed part and the whole extra field, or as
     * much of them as the file holds; in {@code buffer} if it is large enough, else in a larger one.
     */
    private static ByteBuffer headerBytes(FileChannel ch, long offset, ByteBuffer buffer)
            throws IOException, BadMember {
        buffer.clear().limit(FIXED_HEADER_BYTES);
        int n = NiftiReader.readFully(ch, buffer, offset);
        if (n == FIXED_HEADER_BYTES && buffer.get(3) == FEXTRA) {
            int length =
                    FIXED_HEADER_BYTES + (buffer.order(ByteOrder.LITTLE_ENDIAN).getShort(10) & 0xffff);
            if (buffer.capacity() < length) {
                buffer = ByteBuffer.allocate(length).put(buffer.flip());
            }
            buffer.limit(length);
            n += NiftiReader.readFully(ch, buffer, offset + n);
        }
        buffer.order(ByteOrder.LITTLE_ENDIAN).position(0).limit(n);
        return buffer;
    }

    private static VolumeFormatException problem(Path file, Block b, String what) {
        return problem(file, b.index, b.offset, what);
    }

    private static VolumeFormatException problem(Path file, int index, long offset, String what) {
        return new VolumeFormatException(file, "gzip block " + index + " at byte " + offset + " " + what);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
