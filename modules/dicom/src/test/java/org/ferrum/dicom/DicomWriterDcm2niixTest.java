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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.ferrum.io.VolumeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported series converted by dcm2niix (the field's reference converter) gives the input map back.
 *
 * <p>What dcm2niix does with our files (v1.0.20220720, checked by this test): it stores the int16 stored
 * values with NIfTI {@code scl_slope}/{@code scl_inter} = Rescale Slope/Intercept; it ignores the Real
 * World Value Mapping (it reads RWV only for Philips files) and Pixel Padding Value, so NaN voxels come
 * out as {@code −32768 · slope + intercept}. It flips the row axis into NIfTI's convention; the test
 * compares voxels through both affines, so any such reordering is allowed.
 */
class DicomWriterDcm2niixTest {

    @TempDir
    Path tmp;

    @Test
    void dcm2niixReadsTheObliqueChiMapBackWithinOneQuantisationStep() throws Exception {
        Volume<FloatType> chi = SyntheticMaps.obliqueChi();
        DerivedMapExport.Result written =
                DerivedMapExport.of(DerivedMapExport.MapKind.QSM_CHI).write(chi, tmp.resolve("chi"));

        Path nifti = runDcm2niix(written.folder(), tmp.resolve("nii"));
        Volume<FloatType> back = VolumeFiles.readFloat(nifti);

        assertArrayEquals(new long[] {SyntheticMaps.NX, SyntheticMaps.NY, SyntheticMaps.NZ}, back.dimensions());
        Geometry in = chi.geometry(), out = back.geometry();
        assertArrayEquals(in.voxelSize(), out.voxelSize(), 1e-4);

        double padding = DerivedMapExport.PADDING_VALUE * written.slope() + written.intercept();
        RandomAccess<FloatType> src = chi.image().randomAccess(),
                dst = back.image().randomAccess();
        int compared = 0, nan = 0;
        double worst = 0;
        for (int k = 0; k < SyntheticMaps.NZ; k++) {
            for (int j = 0; j < SyntheticMaps.NY; j++) {
                for (int i = 0; i < SyntheticMaps.NX; i++) {
                    double[] p = out.toPatient(i, j, k);
                    double[] idx = in.toVoxel(p[0], p[1], p[2]);
                    long[] nearest = new long[3];
                    for (int d = 0; d < 3; d++) {
                        nearest[d] = Math.round(idx[d]);
                        // dcm2niix's grid must coincide with ours: within 1e-3 mm along each axis
                        assertEquals(nearest[d], idx[d], 1e-3 / in.voxelSize()[d], "voxel " + i + "," + j + "," + k);
                    }
                    src.setPosition(nearest);
                    dst.setPosition(new long[] {i, j, k});
                    float expected = src.get().get(), actual = dst.get().get();
                    if (Float.isNaN(expected)) {
                        assertEquals(padding, actual, written.slope(), "padding voxel " + i + "," + j + "," + k);
                        nan++;
                    } else {
                        worst = Math.max(worst, Math.abs(expected - actual));
                        compared++;
                    }
                }
            }
        }
        assertEquals(SyntheticMaps.NY * SyntheticMaps.NZ + 2, nan);
        assertTrue(compared > 2000);
        // half a quantisation step, plus float32 rounding in dcm2niix's scl_slope/scl_inter and in our floats
        assertTrue(worst <= written.slope() / 2 + 1e-6, "worst error " + worst + " ppm, step " + written.slope());
        assertTrue(written.slope() < 1e-5, "step " + written.slope());
    }

    @Test
    void dcm2niixSidecarCarriesTheSeriesDescriptionAndDerivedImageType() throws Exception {
        DerivedMapExport.Result written =
                DerivedMapExport.of(DerivedMapExport.MapKind.R2STAR).write(SyntheticMaps.r2star(), tmp.resolve("r2s"));
        Path nifti = runDcm2niix(written.folder(), tmp.resolve("nii"));
        String json = Files.readString(
                Path.of(nifti.toString().replaceFirst("\\.nii(\\.gz)?$", ".json")), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"SeriesDescription\": \"Ferrum R2* (1/s)\""), json);
        assertTrue(json.replaceAll("\\s", "").contains("\"ImageType\":[\"DERIVED\",\"SECONDARY\",\"R2STAR\"]"), json);
        Volume<FloatType> back = VolumeFiles.readFloat(nifti);
        Volume<FloatType> in = SyntheticMaps.r2star();
        assertTrue(
                back.geometry().approximatelyEquals(flippedRows(in), 1e-3)
                        || back.geometry().approximatelyEquals(in.geometry(), 1e-3),
                back.geometry().toString());
    }

    /** The axis-aligned input seen with its row (j) axis reversed, as dcm2niix stores it. */
    private static Geometry flippedRows(Volume<FloatType> v) {
        double[] a = v.geometry().affine();
        long ny = v.dimension(1);
        for (int r = 0; r < 3; r++) {
            a[r * 4 + 3] += a[r * 4 + 1] * (ny - 1);
            a[r * 4 + 1] = -a[r * 4 + 1];
        }
        return Geometry.ofAffine(a);
    }

    /** Runs dcm2niix on {@code dicomDir} and returns the one NIfTI it wrote. */
    static Path runDcm2niix(Path dicomDir, Path outDir) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        ProcessBuilder pb = new ProcessBuilder(
                        "dcm2niix", "-z", "n", "-f", "%s_%d", "-o", outDir.toString(), dicomDir.toString())
                .redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            fail(
                    "dcm2niix is not on PATH: install the Debian package dcm2niix (.ci/run does this when it runs as root): "
                            + e.getMessage());
            return null;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("dcm2niix did not finish within 60 s:\n" + log);
        }
        assertEquals(0, p.exitValue(), "dcm2niix failed:\n" + log);
        try (Stream<Path> s = Files.list(outDir)) {
            List<Path> niftis =
                    s.filter(f -> f.getFileName().toString().endsWith(".nii")).toList();
            assertEquals(1, niftis.size(), "dcm2niix should write one NIfTI, wrote " + niftis + ":\n" + log);
            return niftis.get(0);
        }
    }
}
