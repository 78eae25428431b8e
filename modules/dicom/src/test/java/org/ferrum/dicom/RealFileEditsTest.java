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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volume;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.io.diffusion.FslGradients;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 items 16b, 16c and 17 on the repository's real files, each case made by the minimal edit that
 * reproduces what the public conformance files do (we cannot ship those): ImagePositionPatient (0020,0032) is
 * "removed" by renaming its tag to the undefined (0020,0031) in place (same bytes, same lengths, so nothing else
 * in the file moves), and the results are compared with the installed dcm2niix where it converts the case.
 */
class RealFileEditsTest {

    @TempDir
    Path tmp;

    static final Path GE = TestData.path("dicom/dcm_qa_ge/In/01_Ax_DWI_TENSOR_R2");
    static final Path GE_REF = TestData.path("dicom/dcm_qa_ge/Ref");
    static final Path PHILIPS_ENHANCED = TestData.path("dicom/dcm_qa_fmap/In/Philips/fmap/IM_0027_fMAP.dcm");

    /** The file's bytes with every explicit-VR (0020,0032) DS element before the pixel data renamed to (0020,0031). */
    static byte[] withoutImagePosition(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int pixels = lastIndexOf(b, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
        int renamed = 0;
        for (int i = 0; i + 6 <= pixels; i++) {
            if (b[i] == 0x20
                    && b[i + 1] == 0
                    && b[i + 2] == 0x32
                    && b[i + 3] == 0
                    && b[i + 4] == 'D'
                    && b[i + 5] == 'S') {
                b[i + 2] = 0x31;
                renamed++;
            }
        }
        assertTrue(renamed > 0, "no ImagePositionPatient in " + file);
        return b;
    }

    private static int lastIndexOf(byte[] b, byte[] pattern) {
        for (int i = b.length - pattern.length; i >= 0; i--) {
            boolean match = true;
            for (int k = 0; k < pattern.length && match; k++) {
                match = b[i + k] == pattern[k];
            }
            if (match) {
                return i;
            }
        }
        return b.length;
    }

    /** The GE diffusion series plus an extra file ("XX_0001", a copy of its first file with another InstanceNumber) without ImagePositionPatient. */
    private Path geWithUnplaceableFile() throws IOException {
        Path in = tmp.resolve("ge");
        Files.createDirectories(in);
        try (Stream<Path> s = Files.list(GE)) {
            for (Path f : s.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        byte[] xx = withoutImagePosition(GE.resolve("i22.MRDC.1"));
        int at = lastIndexOf(xx, new byte[] {0x20, 0, 0x13, 0, 'I', 'S', 2, 0}); // InstanceNumber "1 " → "99"
        xx[at + 8] = '9';
        xx[at + 9] = '9';
        Files.write(in.resolve("XX_0001"), xx);
        return in;
    }

    @Test
    void aFileThatCannotBePlacedIsLeftOutNamedAndTheSeriesConverted() throws Exception {
        Path in = geWithUnplaceableFile();
        Path out = tmp.resolve("out");
        ConversionReport r = new DicomConverter(
                        DicomConverter.Options.defaults().withNaming(NameTemplate.parse("%d_%s")))
                .convert(in, out, DicomConverter.SILENT, Cancellation.NEVER);
        assertTrue(r.skipped().isEmpty(), r.skipped().toString());
        assertEquals(1, r.written().size());
        assertArrayEquals(new long[] {256, 256, 2, 7}, r.written().get(0).dimensions());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0);
        assertTrue(
                w.contains("XX_0001") && w.contains("ImagePositionPatient (0020,0032)") && w.contains("the other 14"),
                w);
        // the same pixels as the unedited series
        Path clean = tmp.resolve("clean");
        ConversionReport c = new DicomConverter(
                        DicomConverter.Options.defaults().withNaming(NameTemplate.parse("%d_%s")))
                .convert(GE, clean, DicomConverter.SILENT, Cancellation.NEVER);
        assertArrayEquals(
                Files.readAllBytes(c.written().get(0).image()),
                Files.readAllBytes(r.written().get(0).image()));
    }

    @Test
    void anEnhancedFileWithoutPlanePositionsIsStackedInFrameOrderAsDcm2niixDoes() throws Exception {
        Path in = tmp.resolve("philips");
        Files.createDirectories(in);
        Files.write(in.resolve("IM_0027_fMAP.dcm"), withoutImagePosition(PHILIPS_ENHANCED));
        Path out = tmp.resolve("out");
        ConversionReport r = new DicomConverter(
                        DicomConverter.Options.defaults().withNaming(NameTemplate.parse("%p_%s")))
                .convert(in, out, DicomConverter.SILENT, Cancellation.NEVER);
        assertTrue(r.skipped().isEmpty(), r.skipped().toString());
        assertEquals(2, r.written().size(), r.written().toString());
        for (ConversionReport.Output o : r.written()) {
            assertArrayEquals(new long[] {64, 64, 32}, o.dimensions(), o.image().toString());
        }
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        for (String w : r.warnings()) {
            assertTrue(
                    w.contains("IM_0027_fMAP.dcm")
                            && w.contains("Plane Position (Patient) Sequence (0020,9113)")
                            && w.contains("32 slices in frame order")
                            && w.contains("4 mm apart (SpacingBetweenSlices)")
                            && w.contains("position in the patient is unknown"),
                    w);
        }
        // dcm2niix converts the same edited file into the same voxels in the same order (with no geometry it does not
        // flip the rows either)
        Path dcm = tmp.resolve("dcm2niix");
        run(in, dcm, "%p_%s");
        Volume<FloatType> ours = VolumeFiles.readFloat(out.resolve("WIP_B0_NS_801.nii"));
        Volume<FloatType> theirs = VolumeFiles.readFloat(dcm.resolve("WIP_B0_NS_801_e1.nii"));
        assertArrayEquals(ours.dimensions(), theirs.dimensions());
        RandomAccess<FloatType> a = ours.image().randomAccess(),
                b = theirs.image().randomAccess();
        double worst = 0;
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 64; j++) {
                for (int i = 0; i < 64; i++) {
                    a.setPosition(new long[] {i, j, k});
                    b.setPosition(new long[] {i, j, k});
                    worst = Math.max(
                            worst,
                            Math.abs(a.get().get() - b.get().get())
                                    / Math.max(1, Math.abs(b.get().get())));
                }
            }
        }
        assertTrue(
                worst < 1e-6,
                "worst relative difference " + worst); // float32 rounding of Philips' floating-point values
        // the voxel size is the file's (4 mm in-plane, 4 mm between slices), the origin unknown (0)
        assertArrayEquals(new double[] {4, 4, 4}, ours.geometry().voxelSize(), 1e-6);
    }

    @Test
    void geDiffusionBvalAndBvecMatchDcm2niixInThePatientFrameAndReadBack() throws Exception {
        Path out = tmp.resolve("out");
        ConversionReport r = new DicomConverter(
                        DicomConverter.Options.defaults().withNaming(NameTemplate.parse("%d_%s")))
                .convert(GE.getParent(), out, DicomConverter.SILENT, Cancellation.NEVER);
        assertEquals(1, r.written().size());
        Path nii = r.written().get(0).image();
        Path bval = out.resolve("Ax_DWI_TENSOR_R2_1.bval"), bvec = out.resolve("Ax_DWI_TENSOR_R2_1.bvec");
        assertEquals(
                Files.readString(GE_REF.resolve("Ax_DWI_TENSOR_R2_1.bval")).trim(),
                Files.readString(bval).trim());
        double[][] ours = FslGradients.readBvec(bvec, 7);
        double[][] ref = FslGradients.readBvec(GE_REF.resolve("Ax_DWI_TENSOR_R2_1.bvec"), 7);
        Geometry gOurs = VolumeFiles.readFloat(nii).geometry();
        Geometry gRef =
                VolumeFiles.readFloat(GE_REF.resolve("Ax_DWI_TENSOR_R2_1.nii")).geometry();
        for (int v = 0; v < 7; v++) {
            double[] a = FslGradients.toPatient(ours[v], gOurs), b = FslGradients.toPatient(ref[v], gRef);
            if (v == 0) {
                assertEquals(null, a);
                assertEquals(null, b);
                continue;
            }
            assertArrayEquals(b, a, 2e-5, "volume " + v + " in LPS");
        }
        DiffusionDataset d = DiffusionDataset.read(nii);
        assertEquals(7, d.volumes());
        assertArrayEquals(new double[] {0, 1000, 1000, 1000, 1000, 1000, 1000}, d.bValues(), 0);
        for (int v = 1; v < 7; v++) {
            assertArrayEquals(ours[v], d.bvec(v), 1e-5);
            assertEquals(1, norm(d.direction(v)), 1e-9);
        }
        assertEquals(null, d.direction(0));
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    static void run(Path in, Path out, String template) throws Exception {
        Files.createDirectories(out);
        Process p = new ProcessBuilder("dcm2niix", "-z", "n", "-f", template, "-o", out.toString(), in.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), log);
        assertEquals(0, p.exitValue(), log);
        try (Stream<Path> s = Files.list(out)) {
            List<Path> files = s.toList();
            assertFalse(files.isEmpty(), log);
        }
    }
}
