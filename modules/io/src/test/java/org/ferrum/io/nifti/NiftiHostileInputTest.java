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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.imglib2.type.numeric.integer.ShortType;
import org.ferrum.io.HostileInput;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and suspect NIfTI files (issue 14, items 5 and 9), generated here: each is refused with one
 * exact line naming the file and the field, within 2 s and 512 MB — measured on the reading thread here
 * and, for all threads, in a child JVM with {@code -Xmx512m}.
 */
class NiftiHostileInputTest {

    private static final long TWO_SECONDS = 2_000_000_000L;
    private static final long MB_512 = 512L << 20;

    @TempDir
    static Path dir;

    /** file → the exact message of its refusal. */
    private static final Map<Path, String> CORPUS = new LinkedHashMap<>();

    @BeforeAll
    static void writeCorpus() throws IOException {
        // 1. A small .nii.gz claiming 1200×1200×1400 float32 (8 GB): was inflated for 84 s into an 8.4 GB image.
        RawNifti bomb = new RawNifti();
        bomb.dim = new long[] {3, 1200, 1200, 1400, 1, 1, 1, 1};
        bomb.data = new byte[16_000];
        new Random(14).nextBytes(bomb.data);
        Path gz = bomb.write(dir.resolve("claims-8GB.nii.gz"));
        long gzBytes = Files.size(gz);
        CORPUS.put(
                gz,
                "claims-8GB.nii.gz: header says 1200×1200×1400 float32 (8064000000 bytes from offset 352) but a gzip file of "
                        + gzBytes + " bytes inflates to at most " + gzBytes * 1032
                        + " (deflate expands at most 1032:1)");

        // 2. The same header on a plain file of 16 kB.
        Path plain = bomb.write(dir.resolve("claims-8GB.nii"));
        CORPUS.put(
                plain,
                "claims-8GB.nii: header says 1200×1200×1400 float32 (8064000000 bytes from offset 352) but the file holds "
                        + Files.size(plain) + " bytes");

        // 3, 4. Infinite scl_slope: was read as "unscaled".
        RawNifti inf = int16();
        inf.sclSlope = Double.POSITIVE_INFINITY;
        CORPUS.put(
                inf.write(dir.resolve("slope-inf.nii")),
                "slope-inf.nii: scl_slope = Infinity is not a usable scale factor"
                        + " (finite, or 0 for no scaling, nifti1.h \"DATA SCALING\")");
        inf.sclSlope = Double.NEGATIVE_INFINITY;
        CORPUS.put(
                inf.write(dir.resolve("slope-minus-inf.nii")),
                "slope-minus-inf.nii: scl_slope = -Infinity is not a usable"
                        + " scale factor (finite, or 0 for no scaling, nifti1.h \"DATA SCALING\")");

        // 5. A usable slope with a NaN intercept: was read with intercept 0.
        RawNifti inter = int16();
        inter.sclSlope = 2;
        inter.sclInter = Double.NaN;
        CORPUS.put(
                inter.write(dir.resolve("inter-nan.nii")),
                "inter-nan.nii: scl_inter = NaN with scl_slope = 2.0: a scaled image" + " needs a finite intercept");

        // 6. dim[1] shrunk from 4 to 3: was read as a 3×3×2 image from the first 18 voxels.
        RawNifti shrunk = int16();
        shrunk.data = new byte[4 * 3 * 2 * 2];
        shrunk.dim = new long[] {3, 3, 3, 2, 1, 1, 1, 1};
        CORPUS.put(
                shrunk.write(dir.resolve("dim1-shrunk.nii")),
                "dim1-shrunk.nii: header says 3×3×2 int16 (36 bytes from offset"
                        + " 352) but the file holds 48 bytes from offset 352, 12 more (is a dim[] size wrong?)");

        // 7. dim[0] = 3 on 4-D data (dim[4] = 3): was read as the first volume only.
        RawNifti fourD = new RawNifti();
        fourD.data = new byte[4 * 3 * 2 * 3 * 4];
        fourD.dim = new long[] {3, 4, 3, 2, 3, 1, 1, 1};
        CORPUS.put(
                fourD.write(dir.resolve("dim0-3-on-4d.nii")),
                "dim0-3-on-4d.nii: header says 4×3×2 float32 (96 bytes from offset"
                        + " 352) but the file holds 288 bytes from offset 352, 192 more; dim[0] = 3 leaves out dim[4] = 3, which the data"
                        + " fill exactly");
        // 8. The same, gzip-compressed as other tools write it (one stream).
        CORPUS.put(
                fourD.write(dir.resolve("dim0-3-on-4d.nii.gz")),
                "dim0-3-on-4d.nii.gz: header says 4×3×2 float32 (96 bytes"
                        + " from offset 352) but the decompressed stream goes on after the image (448 bytes) (is a dim[] size wrong?)");
    }

    private static RawNifti int16() {
        RawNifti r = new RawNifti();
        r.datatype = 4;
        r.bitpix = 16;
        return r;
    }

    @Test
    void everyHostileFileIsRefusedWithItsLineWithin2sAnd512MB() {
        assertEquals(8, CORPUS.size());
        for (Map.Entry<Path, String> e : CORPUS.entrySet()) {
            HostileInput.Outcome o = HostileInput.read(HostileInput.Way.NIFTI, e.getKey());
            assertTrue(o.refused(), e.getKey() + ": " + o.line());
            assertEquals(e.getValue(), o.refusal());
            assertFalse(o.refusal().contains("\n"), o.refusal());
            assertTrue(o.nanos() < TWO_SECONDS, e.getKey() + ": " + o.line());
            assertTrue(o.allocatedBytes() < MB_512, e.getKey() + ": " + o.line());
        }
    }

    /**
     * In a JVM of 512 MB, every file of the corpus, and an 8 GB (sparse) plain file whose data are all
     * there, are refused, each within 2 s; the 8 GB file because it cannot fit, said before allocating.
     */
    @Test
    void inAChildJvmOf512MBEveryFileIsRefused() throws Exception {
        RawNifti big = new RawNifti();
        big.dim = new long[] {3, 1200, 1200, 1400, 1, 1, 1, 1};
        big.data = new byte[0];
        Path sparse = dir.resolve("8GB-sparse.nii");
        Files.write(sparse, big.bytes());
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(352 + 8_064_000_000L);
        }
        List<String> reads = new ArrayList<>();
        CORPUS.keySet().forEach(f -> reads.add("NIFTI=" + f));
        reads.add("NIFTI=" + sparse);
        HostileInput.ChildRun run = HostileInput.inChildJvm(512, reads);
        run.lines().forEach(System.out::println); // the figures quoted in modules/io/README.md
        assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
        assertEquals(reads.size(), run.lines().size(), String.join("\n", run.lines()));
        for (String line : run.lines()) {
            double seconds = Double.parseDouble(line.substring(line.indexOf('\t') + 1, line.indexOf(" s,")));
            assertTrue(seconds < 2, line);
        }
        String last = run.lines().get(reads.size() - 1);
        assertTrue(
                last.contains(
                        "8GB-sparse.nii: image of 2016000000 float32 voxels needs 8064000000 bytes, more than the "),
                last);
        assertTrue(last.contains(" bytes this Java VM may use (raise -Xmx to read it)"), last);
    }

    /**
     * A NaN scl_slope reads as unscaled, as nifti1_io and nibabel (which writes NaN for "no scaling") do;
     * on integer data it is said, on float data not.
     */
    @Test
    void nanSlopeReadsUnscaledWithAWarningOnIntegerData() throws IOException {
        RawNifti r = int16();
        r.sclSlope = Double.NaN;
        r.sclInter = Double.NaN;
        Path f = r.write(dir.resolve("slope-nan.nii"));
        ScaledVolume<?> v = new NiftiReader().read(f);
        assertEquals(1.0, v.slope());
        assertEquals(0.0, v.intercept());
        assertTrue(v.stored().pixelType() instanceof ShortType);
        assertEquals(
                List.of("scl_slope is NaN: read as unscaled (stored int16 values), as nifti1_io and nibabel do; if this"
                        + " image was meant to be scaled, every value is off by the lost slope"),
                v.warnings());
        List<String> said = new ArrayList<>();
        VolumeFiles.readFloat(f, said::add);
        assertEquals(List.of("slope-nan.nii: " + v.warnings().get(0)), said);

        RawNifti floats = new RawNifti();
        floats.sclSlope = Double.NaN;
        floats.sclInter = Double.NaN;
        ScaledVolume<?> nibabel = new NiftiReader().read(floats.write(dir.resolve("nibabel-float.nii")));
        assertEquals(1.0, nibabel.slope());
        assertEquals(List.of(), nibabel.warnings());
    }

    /** The standard's "no scaling" (slope 0) stays silent, and a file whose data fill it exactly still reads. */
    @Test
    void slopeZeroAndExactFilesStillRead() throws IOException {
        RawNifti r = int16();
        r.sclSlope = 0;
        r.sclInter = 5;
        ScaledVolume<?> v = new NiftiReader().read(r.write(dir.resolve("slope-zero.nii")));
        assertEquals(1.0, v.slope());
        assertEquals(List.of(), v.warnings());
        ScaledVolume<?> gz = new NiftiReader().read(r.write(dir.resolve("slope-zero.nii.gz")));
        assertEquals(List.of(), gz.warnings());
    }
}
