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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ferrum.core.Geometry;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFormatException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block-indexed {@code .nii.gz} ({@link BlockGzip}): ordinary gzip to other readers, bit-exact round
 * trips, foreign gzip still read, damage reported as {@link VolumeFormatException}.
 */
class BlockGzipTest {

    @TempDir
    Path dir;

    /** Float32 elements in one block. */
    private static final int FLOATS_PER_BLOCK = BlockGzip.BLOCK_BYTES / 4;

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of("smaller than a block", NiftiDatatype.FLOAT32, new long[] {5, 4, 3}),
                Arguments.of("exactly two blocks", NiftiDatatype.FLOAT32, new long[] {
                    96, 64, 2L * FLOATS_PER_BLOCK / (96 * 64)
                }),
                Arguments.of("4-D, three blocks and a bit", NiftiDatatype.FLOAT32, new long[] {64, 64, 40, 5}),
                Arguments.of("int16, one block and a bit", NiftiDatatype.INT16, new long[] {100, 90, 100}),
                Arguments.of("RGB24 (3-byte voxels)", NiftiDatatype.RGB24, new long[] {200, 100, 30}),
                Arguments.of("complex128", NiftiDatatype.COMPLEX128, new long[] {64, 64, 30}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void otherReadersSeeTheUncompressedFileAndOursIsBitExact(String name, NiftiDatatype t, long[] dims)
            throws Exception {
        ScaledVolume<?> v = NiftiRoundTripTest.randomVolume(t, dims, NiftiRoundTripTest.oblique(true), 11);
        Path plain = dir.resolve("v.nii");
        Path gz = dir.resolve("v.nii.gz");
        NiftiWriter.nifti1().write(v, plain);
        NiftiWriter.nifti1().write(v, gz);
        byte[] expected = Files.readAllBytes(plain);

        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertArrayEquals(expected, in.readAllBytes(), "java.util.zip.GZIPInputStream");
        }
        List<BlockGzip.Block> blocks = index(gz);
        assertNotNull(blocks, "our file is block-indexed");
        long dataBytes = expected.length - 352L;
        assertEquals(1 + (dataBytes + BlockGzip.BLOCK_BYTES - 1) / BlockGzip.BLOCK_BYTES, blocks.size());
        assertEquals(352, blocks.get(0).size(), "the header is a block of its own");
        assertEquals(expected.length, BlockGzip.uncompressedBytes(blocks));

        ScaledVolume<?> back = new NiftiReader().read(gz);
        assertArrayEquals(dims, back.stored().dimensions());
        NiftiRoundTripTest.assertBitExact(NiftiRoundTripTest.storage(v), NiftiRoundTripTest.storage(back));
        assertEquals(v.slope(), back.slope());
        NiftiRoundTripTest.assertSameAffine(v.stored().geometry(), back.stored().geometry());
    }

    @Test
    void systemGzipReadsOurFile() throws Exception {
        Path gzip = onPath("gzip");
        Assumptions.assumeTrue(gzip != null, "no gzip on PATH");
        ScaledVolume<?> v = NiftiRoundTripTest.randomVolume(
                NiftiDatatype.FLOAT32, new long[] {64, 64, 40, 5}, Geometry.identity(), 3);
        Path plain = dir.resolve("v.nii");
        Path gz = dir.resolve("v.nii.gz");
        NiftiWriter.nifti1().write(v, plain);
        NiftiWriter.nifti1().write(v, gz);
        Path out = dir.resolve("gzip-out.nii");
        Process p = new ProcessBuilder(gzip.toString(), "-dc", gz.toString())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gzip -dc finished");
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.exitValue(), "gzip -dc exit status; stderr: " + err);
        assertTrue(err.isEmpty(), "gzip -dc warned: " + err);
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(out));
    }

    @Test
    void sameResultOnOneThreadAndOnMany() throws IOException {
        ScaledVolume<?> v =
                NiftiRoundTripTest.randomVolume(NiftiDatatype.INT32, new long[] {128, 128, 60}, Geometry.identity(), 5);
        int before = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 3}) {
                Parallelism.setThreads(threads);
                Path f = dir.resolve("t" + threads + ".nii.gz");
                NiftiWriter.nifti1().write(v, f);
                NiftiRoundTripTest.assertBitExact(
                        NiftiRoundTripTest.storage(v), NiftiRoundTripTest.storage(new NiftiReader().read(f)));
            }
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("t1.nii.gz")),
                    Files.readAllBytes(dir.resolve("t3.nii.gz")),
                    "the file does not depend on the thread count");
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void foreignSingleStreamGzipStillReads() throws IOException {
        ScaledVolume<?> v = NiftiRoundTripTest.randomVolume(
                NiftiDatatype.FLOAT32, new long[] {64, 64, 40, 5}, Geometry.identity(), 4);
        byte[] nii = plainBytes(v);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(nii);
        }
        Path f = Files.write(dir.resolve("foreign.nii.gz"), out.toByteArray());
        assertNull(index(f), "a single stream is not block-indexed");
        NiftiRoundTripTest.assertBitExact(
                NiftiRoundTripTest.storage(v), NiftiRoundTripTest.storage(new NiftiReader().read(f)));
    }

    @Test
    void foreignMembersWithoutTheSubfieldStillRead() throws IOException {
        ScaledVolume<?> v =
                NiftiRoundTripTest.randomVolume(NiftiDatatype.INT16, new long[] {64, 64, 40}, Geometry.identity(), 6);
        byte[] nii = plainBytes(v);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] part : new int[][] {{0, 1000}, {1000, 200_001}, {200_001, nii.length}}) { // like `cat a.gz b.gz`
            try (GZIPOutputStream gz = new GZIPOutputStream(out) {
                @Override
                public void close() throws IOException {
                    finish(); // keep the shared output open
                }
            }) {
                gz.write(nii, part[0], part[1] - part[0]);
            }
        }
        Path f = Files.write(dir.resolve("members.nii.gz"), out.toByteArray());
        assertNull(index(f));
        NiftiRoundTripTest.assertBitExact(
                NiftiRoundTripTest.storage(v), NiftiRoundTripTest.storage(new NiftiReader().read(f)));
    }

    @Test
    void blocksSplitAnywhereStillRead() throws IOException {
        ScaledVolume<?> v =
                NiftiRoundTripTest.randomVolume(NiftiDatatype.FLOAT64, new long[] {40, 30, 20}, Geometry.identity(), 8);
        byte[] nii = plainBytes(v);
        // Header across two blocks, and block boundaries inside voxels: read sequentially.
        Path odd = Files.write(dir.resolve("odd.nii.gz"), blockFile(nii, 100, 1001, 77_777));
        assertEquals(4, index(odd).size());
        assertFalse(BlockGzip.elementAligned(index(odd), 352, nii.length - 352, 8));
        NiftiRoundTripTest.assertBitExact(
                NiftiRoundTripTest.storage(v), NiftiRoundTripTest.storage(new NiftiReader().read(odd)));
        // Header and some data together, boundaries on whole elements: read in parallel.
        Path aligned = Files.write(dir.resolve("aligned.nii.gz"), blockFile(nii, 352 + 8 * 1000, 352 + 8 * 20_000));
        assertTrue(BlockGzip.elementAligned(index(aligned), 352, nii.length - 352, 8));
        NiftiRoundTripTest.assertBitExact(
                NiftiRoundTripTest.storage(v), NiftiRoundTripTest.storage(new NiftiReader().read(aligned)));
        assertEquals(
                new NiftiReader().readHeader(dir.resolve("odd.nii.gz")).toString(),
                new NiftiReader().readHeader(aligned).toString());
    }

    // ------------------------------------------------------------------ damage

    @Test
    void truncatedInsideABlock() throws IOException {
        Path full = bytesVolume("full.nii.gz");
        List<BlockGzip.Block> blocks = index(full);
        BlockGzip.Block b = blocks.get(2);
        byte[] all = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.nii.gz"), Arrays.copyOf(all, (int) (b.offset() + b.bytes() / 2)));
        readFails(cut, "gzip block 2 at byte " + b.offset() + " is truncated");
        Path inHeader = Files.write(dir.resolve("cut-header.nii.gz"), Arrays.copyOf(all, (int) (b.offset() + 7)));
        readFails(inHeader, "gzip block 2 at byte " + b.offset() + " is truncated");
    }

    @Test
    void truncatedAtABlockBoundary() throws IOException {
        Path full = bytesVolume("full.nii.gz");
        BlockGzip.Block last = index(full).get(index(full).size() - 1);
        byte[] all = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("short.nii.gz"), Arrays.copyOf(all, (int) last.offset()));
        readFails(cut, "gzip blocks hold only " + last.start() + " bytes (truncated file?)");
    }

    @Test
    void flippedDataByteFailsTheCrc() throws IOException {
        Path full = bytesVolume("full.nii.gz"); // random bytes: deflate stores them, so a flip changes only the data
        BlockGzip.Block b = index(full).get(2);
        byte[] all = Files.readAllBytes(full);
        all[(int) (b.offset() + b.bytes() / 2)] ^= 0x10;
        Path f = Files.write(dir.resolve("flipped.nii.gz"), all);
        readFails(f, "gzip block 2 at byte " + b.offset() + " fails its CRC-32 check");
    }

    @Test
    void flippedTrailerByteFailsTheCrcOrIsize() throws IOException {
        Path full = bytesVolume("full.nii.gz");
        BlockGzip.Block b = index(full).get(1);
        byte[] all = Files.readAllBytes(full);
        int trailer = (int) (b.offset() + b.bytes() - 8);
        all[trailer] ^= 1;
        readFails(
                Files.write(dir.resolve("crc.nii.gz"), all),
                "gzip block 1 at byte " + b.offset() + " fails its CRC-32 check");
        all[trailer] ^= 1;
        all[trailer + 4] ^= 1;
        readFails(Files.write(dir.resolve("isize.nii.gz"), all), "gzip block 1 at byte " + b.offset() + " has ISIZE");
    }

    @Test
    void corruptDeflateData() throws IOException {
        ScaledVolume<?> v = NiftiRoundTripTest.randomVolume(
                NiftiDatatype.INT16, new long[] {100, 100, 100}, Geometry.identity(), 9);
        Arrays.fill((short[]) NiftiRoundTripTest.storage(v), (short) 7); // compresses well: real deflate codes
        Path full = dir.resolve("sevens.nii.gz");
        NiftiWriter.nifti1().write(v, full);
        BlockGzip.Block b = index(full).get(1);
        byte[] all = Files.readAllBytes(full);
        for (int i = 24; i < 40; i++) {
            all[(int) b.offset() + i] ^= 0x5a;
        }
        readFails(Files.write(dir.resolve("garbled.nii.gz"), all), "gzip block 1 at byte " + b.offset() + " ");
    }

    @Test
    void damagedSizeFieldOrTrailingBytes() throws IOException {
        Path full = bytesVolume("full.nii.gz");
        BlockGzip.Block b = index(full).get(1);
        byte[] all = Files.readAllBytes(full);
        byte[] bigger = all.clone();
        bigger[(int) b.offset() + 19] = 0x7f; // MSIZE's top byte: ~2 GB
        readFails(
                Files.write(dir.resolve("msize.nii.gz"), bigger),
                "gzip block 1 at byte " + b.offset() + " has implausible sizes");
        byte[] shifted = all.clone();
        shifted[(int) b.offset() + 16] += 1; // one byte too long: the next member starts one byte late
        readFails(
                Files.write(dir.resolve("shifted.nii.gz"), shifted),
                "gzip block 2 at byte " + (index(full).get(2).offset() + 1));
        byte[] trailing = Arrays.copyOf(all, all.length + 3);
        int n = index(full).size();
        readFails(
                Files.write(dir.resolve("trailing.nii.gz"), trailing),
                "gzip block " + n + " at byte " + all.length + " is truncated");
        byte[] garbage = Arrays.copyOf(all, all.length + 40);
        garbage[all.length] = 'x';
        readFails(
                Files.write(dir.resolve("garbage.nii.gz"), garbage),
                "gzip block " + n + " at byte " + all.length + " is not a gzip deflate member");
    }

    // ------------------------------------------------------------------ helpers

    private static void readFails(Path file, String expectedProblem) {
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> new NiftiReader().read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.getFileName() + ": "), message);
        assertTrue(message.contains(expectedProblem), "expected '" + expectedProblem + "' in: " + message);
    }

    /** A uint8 volume of random bytes, 4 data blocks (the last one partial), written by our writer. */
    private Path bytesVolume(String name) throws IOException {
        ScaledVolume<?> v = NiftiRoundTripTest.randomVolume(
                NiftiDatatype.UINT8, new long[] {128, 128, 300}, Geometry.identity(), 10);
        Path f = dir.resolve(name);
        NiftiWriter.nifti1().write(v, f);
        assertEquals(5, index(f).size());
        return f;
    }

    private byte[] plainBytes(ScaledVolume<?> v) throws IOException {
        Path plain = dir.resolve("plain-" + System.nanoTime() + ".nii");
        NiftiWriter.nifti1().write(v, plain);
        return Files.readAllBytes(plain);
    }

    /** {@code bytes} as block members split at the given uncompressed offsets. */
    private static byte[] blockFile(byte[] bytes, int... splits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            int from = 0;
            for (int i = 0; i <= splits.length; i++) {
                int to = i < splits.length ? splits[i] : bytes.length;
                ByteBuffer m = BlockGzip.member(Arrays.copyOfRange(bytes, from, to), to - from, deflater);
                out.write(m.array(), 0, m.limit());
                from = to;
            }
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static List<BlockGzip.Block> index(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return BlockGzip.index(ch, f);
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
