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
package org.ferrum.relaxometry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.io.nifti.NiftiWriter;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.pipeline.testkit.TestData;
import org.ferrum.relaxometry.MeasurementNoise;
import org.ferrum.relaxometry.t1.FatT1;
import org.ferrum.relaxometry.t1.SpgrSignal;
import org.ferrum.relaxometry.t1.VfaSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relax.read.vfa and relax.t1.vfa through the harness: files, units, B1 detection, fat, and every refusal. */
class VfaT1MappingOperatorTest {

    private static final VoxelGrid GRID = new VoxelGrid(6, 5, 2, 1, 1, 2);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 2);
    private static final double[] ANGLES = {2, 5, 10, 18};
    private static final double TR = 0.0054;

    /** Writes flip-N images (T1 from 0.5 to 2 s along x, κ = 1) with sidecars; returns the folder. */
    private static Path writeBids(Path dir, double[] angles, boolean excitationField, double b0) throws IOException {
        for (int i = 0; i < angles.length; i++) {
            float[] frame = new float[GRID.size()];
            for (int v = 0; v < frame.length; v++) {
                frame[v] = (float) SpgrSignal.signal(1000, Math.toRadians(angles[i]), TR, 1 / t1At(v));
            }
            Path image = dir.resolve("sub-01_flip-" + (i + 1) + "_VFA.nii.gz");
            NiftiWriter.nifti1()
                    .write(
                            ScaledVolume.unscaled(VolumeArrays.volume(frame, GRID, GEOMETRY, PhysicalUnit.ARBITRARY)),
                            image);
            BidsSidecar s = BidsSidecar.empty()
                    .with(BidsSidecar.FLIP_ANGLE, angles[i])
                    .with(excitationField ? "RepetitionTimeExcitation" : BidsSidecar.REPETITION_TIME, TR);
            if (b0 > 0) {
                s = s.with(BidsSidecar.MAGNETIC_FIELD_STRENGTH, b0);
            }
            s.write(BidsSidecar.pathFor(image));
        }
        return dir;
    }

    private static double t1At(int v) {
        return 0.5 + 1.5 * (v % GRID.nx()) / (GRID.nx() - 1.0);
    }

    private static VfaSeries read(Path dir) throws Exception {
        return OperatorHarness.of(new ReadVfaOperator())
                .set(ReadVfaOperator.PATH, dir.toString())
                .run()
                .output(ReadVfaOperator.VFA);
    }

    @Test
    void readsBidsFolderAndFitsT1(@TempDir Path dir) throws Exception {
        // Files named out of angle order on purpose: frames must come sorted by flip angle.
        VfaSeries vfa = read(writeBids(dir, new double[] {10, 2, 18, 5}, true, 3.0));
        assertEquals(4, vfa.signal().frames());
        assertEquals(2.0, vfa.flipAnglesDegrees()[0]);
        assertEquals(18.0, vfa.flipAnglesDegrees()[3]);
        assertEquals(TR, vfa.repetitionTime(), 1e-12);
        assertEquals(3.0, vfa.fieldStrength());
        for (String method : new String[] {"nonlinear", "despot1"}) {
            OperatorHarness h = OperatorHarness.of(new VfaT1MappingOperator())
                    .input(VfaT1MappingOperator.VFA, vfa)
                    .set(VfaT1MappingOperator.METHOD, method)
                    .run();
            float[] t1 = VolumeArrays.frame(h.output(VfaT1MappingOperator.T1), 0);
            float[] water = VolumeArrays.frame(h.output(VfaT1MappingOperator.T1_WATER), 0);
            float[] status = VolumeArrays.frame(h.output(VfaT1MappingOperator.STATUS), 0);
            float[] m0 = VolumeArrays.frame(h.output(VfaT1MappingOperator.M0), 0);
            for (int v = 0; v < GRID.size(); v++) {
                assertEquals(t1At(v), t1[v], 1e-4 * t1At(v), method + " voxel " + v);
                assertEquals(1000, m0[v], 0.1);
                assertEquals(t1[v], water[v], "no pdff: t1_water is t1");
                assertEquals(FitStatus.CONVERGED.code(), status[v]);
            }
            assertTrue(
                    h.logLines().stream().anyMatch(l -> l.contains("no B1 map")),
                    h.logLines().toString());
        }
    }

    @Test
    void repetitionTimeFieldAndAnotherGlob(@TempDir Path dir) throws Exception {
        writeBids(dir, ANGLES, false, 0);
        for (int i = 1; i <= ANGLES.length; i++) {
            Path from = dir.resolve("sub-01_flip-" + i + "_VFA.nii.gz");
            Files.move(from, dir.resolve("spgr_fa" + i + ".nii.gz"));
            Files.move(BidsSidecar.pathFor(from), dir.resolve("spgr_fa" + i + ".json"));
        }
        OperatorHarness h = OperatorHarness.of(new ReadVfaOperator())
                .set(ReadVfaOperator.PATH, dir.toString())
                .set(ReadVfaOperator.GLOB, "spgr_fa*.nii.gz")
                .run();
        VfaSeries vfa = h.output(ReadVfaOperator.VFA);
        assertEquals(TR, vfa.repetitionTime(), 1e-12);
        assertTrue(Double.isNaN(vfa.fieldStrength()));
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("MagneticFieldStrength")),
                h.warnings().toString());
        String refused = OperatorHarness.of(new ReadVfaOperator())
                .set(ReadVfaOperator.PATH, dir.toString())
                .runExpectingBadInput();
        assertTrue(refused.contains("none matches '*_VFA.nii*'"), refused);
    }

    @Test
    void readerRefusalsNameFileAndField(@TempDir Path dir) throws Exception {
        Path missingAngle = Files.createDirectory(dir.resolve("a"));
        writeBids(missingAngle, ANGLES, true, 3);
        Path json = missingAngle.resolve("sub-01_flip-2_VFA.json");
        BidsSidecar.read(json).without(BidsSidecar.FLIP_ANGLE).write(json);
        assertRefused(missingAngle, "sub-01_flip-2_VFA.json", "has no FlipAngle");

        Path missingTr = Files.createDirectory(dir.resolve("b"));
        writeBids(missingTr, ANGLES, true, 3);
        Path json2 = missingTr.resolve("sub-01_flip-3_VFA.json");
        BidsSidecar.read(json2).without("RepetitionTimeExcitation").write(json2);
        assertRefused(missingTr, "sub-01_flip-3_VFA.json", "neither RepetitionTimeExcitation nor RepetitionTime");

        Path one = Files.createDirectory(dir.resolve("c"));
        writeBids(one, new double[] {12}, true, 3);
        assertRefused(one, "1 VFA image(s)", "at least 2 flip angles");

        Path trInMs = Files.createDirectory(dir.resolve("d"));
        writeBids(trInMs, ANGLES, true, 3);
        Path json3 = trInMs.resolve("sub-01_flip-1_VFA.json");
        BidsSidecar.read(json3).with("RepetitionTimeExcitation", 5.4 * 1000).write(json3);
        assertRefused(trInMs, "sub-01_flip-1_VFA.json", "not a TR in s");

        Path mixedTr = Files.createDirectory(dir.resolve("e"));
        writeBids(mixedTr, ANGLES, true, 3);
        Path json4 = mixedTr.resolve("sub-01_flip-4_VFA.json");
        BidsSidecar.read(json4).with("RepetitionTimeExcitation", 0.008).write(json4);
        assertRefused(mixedTr, "sub-01_flip-4_VFA.json", "VFA needs one TR");

        Path noSidecar = Files.createDirectory(dir.resolve("f"));
        writeBids(noSidecar, ANGLES, true, 3);
        Files.delete(noSidecar.resolve("sub-01_flip-1_VFA.json"));
        assertRefused(noSidecar, "sub-01_flip-1_VFA.nii.gz", "has no JSON sidecar");

        assertRefused(Files.createDirectory(dir.resolve("empty")), "empty", "neither images matching");
    }

    @Test
    void dicomFolderGoesThroughTheConverter() {
        // A multi-echo GRE (one flip angle): read as DICOM, then refused for want of a second flip angle.
        String m = OperatorHarness.of(new ReadVfaOperator())
                .set(
                        ReadVfaOperator.PATH,
                        TestData.path("dicom", "heudiconv", "MEGRE", "mag").toString())
                .runExpectingBadInput();
        assertTrue(m.contains("(DICOM)") && m.contains("at least 2 different flip angles"), m);
    }

    private static void assertRefused(Path folder, String names, String says) {
        String m = OperatorHarness.of(new ReadVfaOperator())
                .set(ReadVfaOperator.PATH, folder.toString())
                .runExpectingBadInput();
        assertTrue(m.contains(names) && m.contains(says) && m.contains("'path'"), m);
    }

    /** Signals at κ per voxel (from a B1 field), T1 1 s. */
    private static VfaSeries series(float[] kappa, double t1) {
        float[][] frames = new float[ANGLES.length][GRID.size()];
        for (int i = 0; i < ANGLES.length; i++) {
            for (int v = 0; v < GRID.size(); v++) {
                frames[i][v] = (float) SpgrSignal.signal(1000, Math.toRadians(ANGLES[i]) * kappa[v], TR, 1 / t1);
            }
        }
        return new VfaSeries(VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.ARBITRARY), ANGLES, TR, 3.0);
    }

    @Test
    void b1AsRatioOrPercentIsDetectedAndSaid() throws Exception {
        float[] kappa = new float[GRID.size()];
        for (int v = 0; v < kappa.length; v++) {
            kappa[v] = 0.8f + 0.4f * v / kappa.length;
        }
        VfaSeries vfa = series(kappa, 1.0);
        float[] percent = new float[kappa.length];
        for (int v = 0; v < kappa.length; v++) {
            percent[v] = 100 * kappa[v];
        }
        for (float[] map : new float[][] {kappa, percent}) {
            OperatorHarness h = OperatorHarness.of(new VfaT1MappingOperator())
                    .input(VfaT1MappingOperator.VFA, vfa)
                    .input(VfaT1MappingOperator.B1, VolumeArrays.volume(map, GRID, GEOMETRY, PhysicalUnit.ARBITRARY))
                    .run();
            float[] t1 = VolumeArrays.frame(h.output(VfaT1MappingOperator.T1), 0);
            for (float v : t1) {
                assertEquals(1.0, v, 1e-4);
            }
            String expected = map == kappa ? "B1 map read as a ratio" : "B1 map read as percent";
            assertTrue(
                    h.logLines().stream().anyMatch(l -> l.startsWith(expected)),
                    h.logLines().toString());
        }
        Volume<FloatType> otherGrid = VolumeArrays.volume(
                new float[6 * 5 * 3], new VoxelGrid(6, 5, 3, 1, 1, 2), GEOMETRY, PhysicalUnit.ARBITRARY);
        String m = OperatorHarness.of(new VfaT1MappingOperator())
                .input(VfaT1MappingOperator.VFA, vfa)
                .input(VfaT1MappingOperator.B1, otherGrid)
                .runExpectingBadInput();
        assertTrue(m.contains("'vfa'") && m.contains("'b1'"), m);
    }

    @Test
    void waterT1FromPdffWithLiteratureFatOrFatRegion() throws Exception {
        // Columns 0–4: 50 % fat marrow (water T1 1.2 s); column 5: pure fat (T1 = 3 T literature value).
        double fat = FatT1.literature(3.0);
        float[][] frames = new float[ANGLES.length][GRID.size()];
        float[] pdff = new float[GRID.size()];
        float[] fatMask = new float[GRID.size()];
        MeasurementNoise noise = new MeasurementNoise(0.01, 5);
        for (int v = 0; v < GRID.size(); v++) {
            boolean pureFat = v % GRID.nx() == GRID.nx() - 1;
            pdff[v] = pureFat ? 100 : 50;
            fatMask[v] = pureFat ? 1 : 0;
            for (int i = 0; i < ANGLES.length; i++) {
                double a = Math.toRadians(ANGLES[i]);
                frames[i][v] = (float)
                        noise.noisyMagnitude(SpgrSignal.signalWaterFat(1000, a, TR, 1 / 1.2, 1 / fat, pdff[v] / 100.0));
            }
        }
        VfaSeries vfa =
                new VfaSeries(VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.ARBITRARY), ANGLES, TR, 3.0);
        Volume<FloatType> pdffVolume = VolumeArrays.volume(pdff, GRID, GEOMETRY, PhysicalUnit.PERCENT);
        for (boolean useFatRegion : new boolean[] {false, true}) {
            OperatorHarness h = OperatorHarness.of(new VfaT1MappingOperator())
                    .input(VfaT1MappingOperator.VFA, vfa)
                    .input(VfaT1MappingOperator.PDFF, pdffVolume);
            if (useFatRegion) {
                h.input(
                        VfaT1MappingOperator.FAT_MASK,
                        VolumeArrays.volume(fatMask, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS));
            }
            h.run();
            float[] t1 = VolumeArrays.frame(h.output(VfaT1MappingOperator.T1), 0);
            float[] water = VolumeArrays.frame(h.output(VfaT1MappingOperator.T1_WATER), 0);
            float[] statusWater = VolumeArrays.frame(h.output(VfaT1MappingOperator.STATUS_WATER), 0);
            for (int v = 0; v < GRID.size(); v++) {
                if (fatMask[v] == 0) {
                    assertEquals(1.2, water[v], 0.01, "water T1, voxel " + v);
                    assertTrue(t1[v] < 0.7, "apparent T1 biased by fat: " + t1[v]);
                } else {
                    assertEquals(FitStatus.NOT_FITTED.code(), statusWater[v], "PDFF 100 % > max_pdff");
                    assertEquals(fat, t1[v], 0.01 * fat);
                }
            }
            String source = useFatRegion ? "median apparent T1 in 'fat_mask'" : "literature value for 3.0 T";
            assertTrue(
                    h.logLines().stream().anyMatch(l -> l.contains(source)),
                    h.logLines().toString());
        }
        // fat T1 given in ms is read as ms, and said.
        OperatorHarness h = OperatorHarness.of(new VfaT1MappingOperator())
                .input(VfaT1MappingOperator.VFA, vfa)
                .input(VfaT1MappingOperator.PDFF, pdffVolume)
                .set(VfaT1MappingOperator.FAT_T1, fat * 1000)
                .run();
        assertEquals(1.2, VolumeArrays.frame(h.output(VfaT1MappingOperator.T1_WATER), 0)[0], 0.01);
        assertTrue(
                h.logLines().stream().anyMatch(l -> l.contains("read as ms")),
                h.logLines().toString());
        // No field strength and no fat region: refused, naming what to give.
        VfaSeries noField = new VfaSeries(vfa.signal(), ANGLES, TR, Double.NaN);
        String m = OperatorHarness.of(new VfaT1MappingOperator())
                .input(VfaT1MappingOperator.VFA, noField)
                .input(VfaT1MappingOperator.PDFF, pdffVolume)
                .runExpectingBadInput();
        assertTrue(m.contains("'fat_t1'") && m.contains("MagneticFieldStrength"), m);
    }

    @Test
    void voxelsWithoutT1GetAStatusNotANumber() throws Exception {
        float[] kappa = new float[GRID.size()];
        java.util.Arrays.fill(kappa, 1);
        VfaSeries good = series(kappa, 1.0);
        float[][] frames = new float[ANGLES.length][];
        for (int i = 0; i < ANGLES.length; i++) {
            frames[i] = VolumeArrays.frame(good.signal(), i);
            frames[i][3] = (float) (1000 * Math.sin(Math.toRadians(ANGLES[i]))); // the T1 → 0 limit: below t1_min
            frames[i][4] = 0; // no signal
        }
        VfaSeries vfa =
                new VfaSeries(VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.ARBITRARY), ANGLES, TR, 3.0);
        float[] maskValues = new float[GRID.size()];
        java.util.Arrays.fill(maskValues, 1);
        maskValues[7] = 0;
        OperatorHarness h = OperatorHarness.of(new VfaT1MappingOperator())
                .input(VfaT1MappingOperator.VFA, vfa)
                .input(
                        VfaT1MappingOperator.MASK,
                        VolumeArrays.volume(maskValues, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS))
                .run();
        float[] t1 = VolumeArrays.frame(h.output(VfaT1MappingOperator.T1), 0);
        float[] status = VolumeArrays.frame(h.output(VfaT1MappingOperator.STATUS), 0);
        assertTrue(Float.isNaN(t1[4]));
        assertEquals(FitStatus.FAILED.code(), status[4]);
        assertEquals(FitStatus.STALLED.code(), status[3], "T1 at the range limit is flagged");
        assertEquals(0.005, t1[3], 1e-6);
        assertEquals(FitStatus.NOT_FITTED.code(), status[7]);
        assertEquals(0, t1[7]);
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("see the status map")),
                h.warnings().toString());
    }

    @Test
    void parameterRefusals() {
        float[] kappa = new float[GRID.size()];
        java.util.Arrays.fill(kappa, 1);
        String m = OperatorHarness.of(new VfaT1MappingOperator())
                .input(VfaT1MappingOperator.VFA, series(kappa, 1))
                .set(VfaT1MappingOperator.T1_MIN, 5.0)
                .set(VfaT1MappingOperator.T1_MAX, 2.0)
                .runExpectingBadInput();
        assertTrue(m.contains("'t1_min'") && m.contains("'t1_max'"), m);
        OperatorHarness.of(new VfaT1MappingOperator())
                .input(VfaT1MappingOperator.VFA, series(kappa, 1))
                .cancel()
                .runExpectingCancellation();
        assertTrue(String.format(Locale.ROOT, "%s", new VfaT1MappingOperator().descriptor())
                        .length()
                > 0);
    }
}
