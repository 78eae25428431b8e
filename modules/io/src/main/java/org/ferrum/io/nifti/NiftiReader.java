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

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.io.RegularFiles;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.spi.VolumeReader;
import org.openide.util.lookup.ServiceProvider;

/**
 * Reads single-file NIfTI-1 and NIfTI-2 images ({@code .nii}, and gzip-compressed {@code .nii.gz},
 * recognised by the gzip magic bytes whatever the name), little- or big-endian.
 *
 * <p>Contract: {@link #read} returns the voxels in the file's own datatype (see {@link NiftiDatatype})
 * on an {@code ArrayImg}, 3-D for dim[0] ≤ 3 and 4-D for dim[0] ≥ 4 (sizes past dim[4] must be 1, except a
 * vector image dim = {5, x, y, z, 1, c}, read as x, y, z, c: see {@link NiftiHeader#isVectorField()}),
 * with the header's effective slope and intercept, the geometry chosen as documented in
 * {@link NiftiHeader}, and the unit recorded in descrip (else {@link PhysicalUnit#ARBITRARY}).
 * Voxels start at vox_offset, so extensions between the header and the data are skipped whatever
 * they hold. The data must be exactly what the header describes: fewer bytes, or more (a header whose
 * dim[] was changed, or whose dim[0] leaves out a dimension the data fill), are refused. Nothing is
 * allocated for the image before the bytes are known to be there: the file size for a plain file, and for
 * gzip 1032 × the file size (deflate's largest expansion), and never more than the heap can hold.
 * Anything that does not fit the standard is a {@link VolumeFormatException} naming the file and the
 * problem; what reads but is doubtful (a NaN scl_slope on integer data) is in
 * {@link ScaledVolume#warnings()}.
 *
 * <p>gzip: a block-indexed file as {@link NiftiWriter} writes it (see {@link BlockGzip}) is inflated
 * block by block on all {@link org.ferrum.core.parallel.Parallelism#threads() threads}, each block
 * straight into its place in the image, every block's CRC32 and ISIZE verified. Any other gzip file
 * (one stream, or members without the block subfield, as gzip, nibabel or dcm2niix write) is inflated
 * as one sequential stream, which also checks each member's CRC32 and ISIZE.
 */
@ServiceProvider(service = VolumeReader.class, position = 100)
public final class NiftiReader implements VolumeReader {

    private static final int GZIP_BUFFER = 1 << 16;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(NiftiReader.class.getName());

    @Override
    public String formatName() {
        return "NIfTI";
    }

    @Override
    public boolean canRead(Path path) {
        return isNiftiName(path);
    }

    static boolean isNiftiName(Path path) {
        Path name = path.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    /** The header alone (reads at most the first 544 bytes, decompressing if needed). */
    public NiftiHeader readHeader(Path path) throws IOException {
        RegularFiles.require(path);
        try {
            if (isGzip(path)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(path), GZIP_BUFFER)) {
                    return readHeader(in, path);
                } catch (ZipException | EOFException e) {
                    throw corruptGzip(path, e, -1, null);
                }
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                return readHeader(ch, path);
            }
        } catch (RuntimeException e) {
            throw unexpected(path, e);
        }
    }

    @Override
    public ScaledVolume<?> read(Path path) throws IOException {
        RegularFiles.require(path);
        try {
            return isGzip(path) ? readGzip(path) : readPlain(path);
        } catch (RuntimeException e) {
            throw unexpected(path, e);
        }
    }

    private ScaledVolume<?> readPlain(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            NiftiHeader header = readHeader(ch, path);
            long size = ch.size();
            if (size - header.voxOffset < header.dataBytes()) {
                throw new VolumeFormatException(path, expectation(header) + " but the file holds " + size + " bytes");
            }
            checkNoSurplus(path, header, size - header.voxOffset, "the file holds");
            StoredVoxels voxels = StoredVoxels.allocate(header.datatype(), header.imageDimensions(), path);
            ByteBuffer chunk = ByteBuffer.allocateDirect(
                            (int) Math.min(StoredVoxels.CHUNK_BYTES, Math.max(header.dataBytes(), 1)))
                    .order(header.byteOrder);
            long at = header.voxOffset;
            long left = header.dataBytes();
            while (left > 0) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                int n = readFully(ch, chunk, at);
                if (n < chunk.limit()) { // the file shrank while we read it
                    throw new VolumeFormatException(
                            path, expectation(header) + " but only " + (at + n) + " bytes could be read");
                }
                chunk.flip();
                voxels.readFrom(chunk);
                at += n;
                left -= n;
            }
            return volume(header, voxels, path);
        }
    }

    /** A block-indexed file in parallel, else any gzip file as one stream. */
    private ScaledVolume<?> readGzip(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            List<BlockGzip.Block> blocks = BlockGzip.index(ch, path);
            if (blocks != null) {
                NiftiHeader header = readHeader(path); // inflates the start of the first block only
                long total = BlockGzip.uncompressedBytes(blocks);
                if (total < header.voxOffset + header.dataBytes()) {
                    throw new VolumeFormatException(
                            path,
                            expectation(header) + " but its " + blocks.size() + " gzip blocks hold only " + total
                                    + " bytes (truncated file?)");
                }
                checkInflatable(path, header, ch.size());
                checkNoSurplus(path, header, total - header.voxOffset, "its " + blocks.size() + " gzip blocks hold");
                int unit = StoredVoxels.elementBytes(header.datatype());
                if (BlockGzip.elementAligned(blocks, header.voxOffset, header.dataBytes(), unit)) {
                    StoredVoxels voxels = StoredVoxels.allocate(header.datatype(), header.imageDimensions(), path);
                    BlockGzip.read(ch, blocks, header.voxOffset, voxels, header.byteOrder, path);
                    return volume(header, voxels, path);
                }
            }
        }
        return readGzipStream(path);
    }

    private ScaledVolume<?> readGzipStream(Path path) throws IOException {
        NiftiHeader header = null;
        long decompressed = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), GZIP_BUFFER)) {
            header = readHeader(in, path);
            decompressed = header.version == 1 ? NiftiHeader.NIFTI1_SIZE : NiftiHeader.NIFTI2_SIZE;
            decompressed += skipFully(in, header.voxOffset - decompressed);
            if (decompressed < header.voxOffset) {
                throw new VolumeFormatException(
                        path,
                        expectation(header) + " but the decompressed stream ends after " + decompressed + " bytes");
            }
            checkInflatable(path, header, Files.size(path));
            StoredVoxels voxels = StoredVoxels.allocate(header.datatype(), header.imageDimensions(), path);
            byte[] chunk = new byte[(int) Math.min(StoredVoxels.CHUNK_BYTES, Math.max(header.dataBytes(), 1))];
            ByteBuffer view = ByteBuffer.wrap(chunk).order(header.byteOrder);
            long left = header.dataBytes();
            while (left > 0) {
                int want = (int) Math.min(chunk.length, left);
                int n = readFully(in, chunk, want);
                decompressed += n;
                if (n < want) {
                    throw new VolumeFormatException(
                            path,
                            expectation(header) + " but the decompressed stream ends after " + decompressed + " bytes");
                }
                view.clear().limit(n);
                voxels.readFrom(view);
                left -= n;
            }
            // Read to the end so that GZIPInputStream checks the CRC-32 and length in the trailer (RFC 1952 §2.3.1);
            // data after the image means the header does not describe it (stopped at the first surplus chunk).
            long surplus = 0;
            for (int n; surplus == 0 && (n = in.read(chunk, 0, Math.min(chunk.length, 1 << 16))) >= 0; ) {
                surplus += n;
            }
            if (surplus > 0) {
                throw new VolumeFormatException(
                        path,
                        expectation(header) + " but the decompressed stream goes on after the" + " image ("
                                + (header.voxOffset + header.dataBytes()) + " bytes)"
                                + dimensionHint(header, surplus, true));
            }
            return volume(header, voxels, path);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(path, e, decompressed, header);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ScaledVolume<?> volume(NiftiHeader header, StoredVoxels voxels, Path file) {
        PhysicalUnit unit = header.unit().orElse(PhysicalUnit.ARBITRARY);
        Volume<?> stored = new Volume(voxels.image, header.geometry(), unit);
        List<String> warnings = header.warnings();
        warnings.forEach(w -> LOG.warning(file.getFileName() + ": " + w));
        return new ScaledVolume(stored, header.slope(), header.intercept(), warnings);
    }

    /**
     * The largest factor by which deflate (RFC 1951) can expand its input: a match is at most 258
     * bytes (§3.2.5) and, with one-bit codes for its length and distance, costs at least two bits.
     */
    static final long MAX_DEFLATE_RATIO = 1032;

    /**
     * Refuses a gzip file too small to inflate to the image its header describes, before anything is
     * allocated for it (a 16 kB file claiming 8 GB of voxels is damaged or hostile, not a big image).
     */
    private static void checkInflatable(Path path, NiftiHeader header, long compressedBytes)
            throws VolumeFormatException {
        long needed = header.voxOffset + header.dataBytes();
        if (needed / MAX_DEFLATE_RATIO > compressedBytes) {
            throw new VolumeFormatException(
                    path,
                    expectation(header) + " but a gzip file of " + compressedBytes
                            + " bytes inflates to at most " + compressedBytes * MAX_DEFLATE_RATIO
                            + " (deflate expands at most "
                            + MAX_DEFLATE_RATIO + ":1)");
        }
    }

    /**
     * Refuses data beyond what the header accounts for: a header whose dim[] was shrunk (or whose dim[0]
     * leaves out a dimension) would otherwise read as a different, reshaped image.
     *
     * @param available bytes from vox_offset to the end of the (decompressed) file
     */
    private static void checkNoSurplus(Path path, NiftiHeader header, long available, String holds)
            throws VolumeFormatException {
        long surplus = available - header.dataBytes();
        if (surplus > 0) {
            throw new VolumeFormatException(
                    path,
                    expectation(header) + " but " + holds + " " + available + " bytes from offset " + header.voxOffset
                            + ", " + surplus + " more" + dimensionHint(header, surplus, false));
        }
    }

    /** What the surplus suggests: whole volumes left out by dim[0], or a wrong size. */
    private static String dimensionHint(NiftiHeader h, long surplus, boolean partial) {
        long[] dim = h.dim;
        long volume = h.dataBytes() / (dim[0] >= 4 ? Math.max(1, dim[4]) : 1);
        if (!partial && dim[0] < 4 && dim[4] > 1 && surplus == (dim[4] - 1) * volume) {
            return "; dim[0] = " + dim[0] + " leaves out dim[4] = " + dim[4] + ", which the data fill exactly";
        }
        if (!partial && volume > 0 && surplus % volume == 0) {
            return " (" + surplus / volume + " more volume(s) of this size: is dim[" + Math.min(dim[0] + 1, 4)
                    + "] or dim[0] wrong?)";
        }
        return " (is a dim[] size wrong?)";
    }

    /** "header says 51×51×41×3 float32 (1279476 bytes from offset 352)". */
    private static String expectation(NiftiHeader h) {
        return "header says " + h.dimensionText() + " " + h.datatype() + " (" + h.dataBytes() + " bytes from offset "
                + h.voxOffset + ")";
    }

    private static VolumeFormatException corruptGzip(Path path, IOException e, long decompressed, NiftiHeader header) {
        String where = decompressed >= 0 ? " after " + decompressed + " decompressed bytes" : "";
        String expected = header == null ? "" : " (" + expectation(header) + ")";
        String what = e instanceof EOFException ? "gzip stream ends early (truncated file?)" : "gzip stream is corrupt";
        return new VolumeFormatException(path, what + where + expected + ": " + e.getMessage(), e);
    }

    private static VolumeFormatException unexpected(Path path, RuntimeException e) {
        // A safety net: every known problem is reported above; anything else is still the file's fault to the user.
        return new VolumeFormatException(path, "cannot be read as NIfTI (" + e + ")", e);
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b; // RFC 1952 §2.3.1: ID1, ID2
        }
    }

    private static NiftiHeader readHeader(FileChannel ch, Path path) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(NiftiHeader.NIFTI2_SIZE);
        int n = readFully(ch, h, 0);
        return NiftiHeader.parse(h, n, path);
    }

    /** Reads exactly sizeof_hdr bytes from a stream (348 or 540, decided by the first four). */
    private static NiftiHeader readHeader(InputStream in, Path path) throws IOException {
        byte[] h = new byte[NiftiHeader.NIFTI2_SIZE];
        int n = readFully(in, h, 4);
        if (n == 4) {
            ByteBuffer b = ByteBuffer.wrap(h);
            int le = b.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0),
                    be = b.order(java.nio.ByteOrder.BIG_ENDIAN).getInt(0);
            int size = le == NiftiHeader.NIFTI2_SIZE || be == NiftiHeader.NIFTI2_SIZE
                    ? NiftiHeader.NIFTI2_SIZE
                    : NiftiHeader.NIFTI1_SIZE;
            n += readFully(in, h, 4, size - 4);
        }
        return NiftiHeader.parse(ByteBuffer.wrap(h), n, path);
    }

    /** Reads from {@code at} until {@code b} is full or the file ends; returns the bytes read. */
    static int readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int readFully(InputStream in, byte[] b, int length) throws IOException {
        return readFully(in, b, 0, length);
    }

    private static int readFully(InputStream in, byte[] b, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(b, offset + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static long skipFully(InputStream in, long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(count, 1), 1 << 16)];
        long done = 0;
        while (done < count) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, count - done));
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
