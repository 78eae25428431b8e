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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ferrum.io.TestData;
import org.ferrum.io.VolumeFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file gives one {@link VolumeFormatException} that names the file and the problem. */
class NiftiBadInputTest {

    @TempDir
    Path dir;

    private static void fails(Path file, String expectedProblem, Executable read) {
        VolumeFormatException e = assertThrows(VolumeFormatException.class, read);
        String message = e.getMessage();
        assertTrue(message.startsWith(file.getFileName() + ": "), message);
        assertTrue(message.contains(expectedProblem), "expected '" + expectedProblem + "' in: " + message);
    }

    private void readFails(Path file, String expectedProblem) {
        fails(file, expectedProblem, () -> new NiftiReader().read(file));
    }

    private void readFails(RawNifti raw, String name, String expectedProblem) throws IOException {
        Path f = raw.write(dir.resolve(name));
        readFails(f, expectedProblem);
    }

    @Test
    void truncatedRealFile() throws IOException {
        Path f = dir.resolve("Phase.nii");
        byte[] all = Files.readAllBytes(TestData.file("gre/mriresearchtools-small/Phase.nii"));
        Files.write(f, Arrays.copyOf(all, 1_000_000));
        readFails(f, "header says 51×51×41×3 float32 (1279692 bytes from offset 352) but the file holds 1000000 bytes");
    }

    @Test
    void truncatedGzip() throws IOException {
        Path full = new RawNifti().countingFloats().write(dir.resolve("full.nii.gz"));
        byte[] all = Files.readAllBytes(full);
        Path f = dir.resolve("cut.nii.gz");
        Files.write(f, Arrays.copyOf(all, all.length - 12));
        readFails(f, "gzip stream ends early");
    }

    @Test
    void gzipWithTooLittleData() throws IOException {
        RawNifti r = new RawNifti();
        r.data = new byte[10];
        readFails(r, "short.nii.gz", "but the decompressed stream ends after 362 bytes");
    }

    @Test
    void corruptGzipBody() throws IOException {
        RawNifti r = new RawNifti();
        r.dim = new long[] {3, 32, 32, 32, 1, 1, 1, 1};
        r.countingFloats();
        Path full = r.write(dir.resolve("ok.nii.gz"));
        byte[] all = Files.readAllBytes(full);
        for (int i = all.length / 2; i < all.length / 2 + 40; i++) {
            all[i] ^= 0x5a;
        }
        Path f = dir.resolve("corrupt.nii.gz");
        Files.write(f, all);
        readFails(f, "gzip stream is corrupt");
    }

    @Test
    void corruptGzipChecksum() throws IOException {
        Path full = new RawNifti().countingFloats().write(dir.resolve("ok.nii.gz"));
        byte[] all = Files.readAllBytes(full);
        all[all.length - 8] ^= 1; // CRC-32 in the gzip trailer
        Path f = dir.resolve("crc.nii.gz");
        Files.write(f, all);
        readFails(f, "gzip stream is corrupt");
    }

    @Test
    void wrongMagic() throws IOException {
        RawNifti r = new RawNifti();
        r.magic = new byte[] {'x', 'y', 'z', 0};
        readFails(r, "magic.nii", "wrong magic 'xyz\\x00' for a NIfTI-1 header");
    }

    @Test
    void twoFilePairIsReportedAsUnsupported() throws IOException {
        RawNifti r = new RawNifti();
        r.magic = new byte[] {'n', 'i', '1', 0};
        readFails(r, "pair.nii", "two-file .hdr/.img pair");
    }

    @Test
    void notNiftiAtAll() throws IOException {
        Path f = dir.resolve("text.nii");
        Files.writeString(f, "hello, this is not an image at all but long enough ".repeat(20));
        readFails(f, "not a NIfTI file: sizeof_hdr is");
    }

    @Test
    void shorterThanHeader() throws IOException {
        Path f = dir.resolve("tiny.nii");
        Files.write(f, Arrays.copyOf(new RawNifti().bytes(), 200));
        readFails(f, "file is 200 bytes, shorter than a NIfTI-1 header (348 bytes)");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = dir.resolve("empty.nii");
        Files.write(f, new byte[0]);
        readFails(f, "too short for a NIfTI header");
    }

    @Test
    void dimensionsLargerThanTheData() throws IOException {
        RawNifti r = new RawNifti();
        r.data = new byte[4 * 24];
        r.dim = new long[] {3, 2, 3, 5, 1, 1, 1, 1}; // 30 voxels, data for 24
        readFails(r, "dims.nii", "header says 2×3×5 float32 (120 bytes from offset 352) but the file holds 448 bytes");
    }

    @Test
    void nonPositiveDimension() throws IOException {
        RawNifti r = new RawNifti();
        r.data = new byte[0];
        r.dim = new long[] {3, 2, -3, 4, 1, 1, 1, 1};
        readFails(r, "neg.nii", "dim[2] = -3 is not a positive size");
    }

    @Test
    void badDimensionCount() throws IOException {
        RawNifti r = new RawNifti();
        r.data = new byte[0];
        r.dim = new long[] {9, 2, 3, 4, 1, 1, 1, 1};
        readFails(r, "dim0.nii", "dim[0] = 9");
    }

    @Test
    void timeSeriesOfVectorsIsRefused() throws IOException {
        // one vector per voxel (dim[4] = 1, dim[5] = 3, ITK/ANTs displacement fields) reads; a series of them does not
        RawNifti r = new RawNifti();
        r.dim = new long[] {5, 2, 3, 4, 2, 3, 1, 1};
        readFails(r, "vec.nii", "dim[5] = 3");
    }

    @Test
    void unknownDatatype() throws IOException {
        RawNifti r = new RawNifti();
        r.datatype = 9999;
        readFails(r, "dt.nii", "unsupported datatype datatype code 9999");
    }

    @Test
    void float128IsUnsupported() throws IOException {
        RawNifti r = new RawNifti();
        r.datatype = 1536;
        r.bitpix = 128;
        readFails(r, "f128.nii", "unsupported datatype FLOAT128 (1536)");
    }

    @Test
    void bitpixContradictsDatatype() throws IOException {
        RawNifti r = new RawNifti();
        r.bitpix = 16;
        readFails(r, "bitpix.nii", "bitpix 16 does not match datatype float32");
    }

    @Test
    void nonFinitePixdim() throws IOException {
        RawNifti r = new RawNifti();
        r.sformCode = 1;
        r.srow = new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        r.pixdim = new double[] {1, 1, Double.NaN, 1, 1, 1, 1, 1};
        readFails(r, "nan.nii", "pixdim[2] = NaN is not a finite voxel size");
    }

    @Test
    void zeroPixdimUnderQform() throws IOException {
        RawNifti r = new RawNifti();
        r.qformCode = 1;
        r.pixdim = new double[] {1, 1, 1, 0, 1, 1, 1, 1};
        readFails(r, "zero.nii", "pixdim[3] = 0.0 is not a positive voxel size");
    }

    @Test
    void singularSform() throws IOException {
        RawNifti r = new RawNifti();
        r.sformCode = 1; // srow all zero
        readFails(r, "sing.nii", "invalid sform affine");
    }

    @Test
    void quaternionLongerThanOne() throws IOException {
        RawNifti r = new RawNifti();
        r.qformCode = 1;
        r.quatern = new double[] {1, 1, 0, 0, 0, 0};
        readFails(r, "quat.nii", "invalid qform");
    }

    @Test
    void voxOffsetInsideHeader() throws IOException {
        RawNifti r = new RawNifti();
        r.voxOffset = 200;
        readFails(r, "off.nii", "vox_offset 200 points into the header");
    }

    @Test
    void headerOnlyFromGzipCorruption() throws IOException {
        Path f = dir.resolve("junk.nii.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7});
        fails(f, "gzip", () -> new NiftiReader().readHeader(f));
        readFails(f, "gzip");
    }
}
