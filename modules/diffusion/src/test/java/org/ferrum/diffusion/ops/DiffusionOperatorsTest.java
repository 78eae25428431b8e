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
package org.ferrum.diffusion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.diffusion.BiExponentialModel;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.io.diffusion.FslGradients;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.relaxometry.MeasurementNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four operators on a small phantom written as NIfTI + .bval/.bvec: a liver-like square (OSIPI liver: D 1.5·10⁻³
 * mm²/s, f 0.11, D* 0.1 mm²/s, S0 1000) in noise-only background (σ = 10 per channel), two b = 0 and three
 * directions per b &gt; 0.
 */
class DiffusionOperatorsTest {

    static final double D = 0.0015, F = 0.11, DSTAR = 0.1, S0 = 1000, SIGMA = 10;
    static final double[] B = {0, 10, 20, 50, 100, 200, 400, 600, 800};
    static final VoxelGrid GRID = new VoxelGrid(16, 16, 2, 2, 2, 4);

    @TempDir
    Path tmp;

    static boolean inside(int v) {
        int i = v % 16, j = (v / 16) % 16;
        return i >= 4 && i < 12 && j >= 4 && j < 12;
    }

    /** Writes the phantom; {@code withBZero} false drops the b = 0 volumes, {@code background} 0 zero-fills it. */
    Path phantom(String name, boolean withBZero, double background) throws IOException {
        MeasurementNoise noise = new MeasurementNoise(SIGMA, 7);
        List<float[]> frames = new ArrayList<>();
        List<Double> bvals = new ArrayList<>();
        List<double[]> vecs = new ArrayList<>();
        double[][] dirs = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (double b : B) {
            int n = b == 0 ? 2 : 3;
            if (b == 0 && !withBZero) {
                continue;
            }
            for (int g = 0; g < n; g++) {
                float[] f = new float[GRID.size()];
                for (int v = 0; v < f.length; v++) {
                    double s = inside(v) ? BiExponentialModel.signal(b, S0, F, D, DSTAR) : 0;
                    f[v] = inside(v) || background > 0 ? (float) noise.noisyMagnitude(s) : 0f;
                }
                frames.add(f);
                bvals.add(b);
                vecs.add(b == 0 ? new double[3] : dirs[g]);
            }
        }
        Geometry geometry = Geometry.ofAffine(2, 0, 0, -16, 0, 2, 0, -16, 0, 0, 4, 0);
        Volume<FloatType> v =
                VolumeArrays.frames(frames.toArray(new float[0][]), GRID, geometry, PhysicalUnit.ARBITRARY);
        Path nii = tmp.resolve(name + ".nii.gz");
        VolumeFiles.write(v, nii);
        FslGradients.write(
                tmp.resolve(name + ".bval"),
                tmp.resolve(name + ".bvec"),
                bvals.stream().mapToDouble(Double::doubleValue).toArray(),
                vecs.toArray(new double[0][]));
        return nii;
    }

    static DiffusionDataset read(Path nii) throws Exception {
        return OperatorHarness.of(new ReadDwiOperator())
                .set(ReadDwiOperator.PATH, nii.toString())
                .run()
                .output(ReadDwiOperator.DWI);
    }

    Volume<FloatType> mask() {
        boolean[] m = new boolean[GRID.size()];
        for (int v = 0; v < m.length; v++) {
            m[v] = inside(v);
        }
        return VolumeArrays.maskVolume(m, GRID, Geometry.ofAffine(2, 0, 0, -16, 0, 2, 0, -16, 0, 0, 4, 0));
    }

    static double medianInside(Volume<FloatType> map) {
        float[] a = VolumeArrays.frame(map, 0);
        List<Float> in = new ArrayList<>();
        for (int v = 0; v < a.length; v++) {
            if (inside(v)) {
                in.add(a[v]);
            }
        }
        in.sort(Float::compare);
        return in.get(in.size() / 2);
    }

    @Test
    void readTraceAdcAndIvimOnAPhantom() throws Exception {
        DiffusionDataset dwi = read(phantom("dwi", true, SIGMA));
        assertEquals(2 + 8 * 3, dwi.volumes());

        OperatorHarness trace = OperatorHarness.of(new TraceOperator())
                .input(TraceOperator.DWI, dwi)
                .run();
        assertEquals(B.length, trace.output(TraceOperator.TRACE).frames());
        assertArrayEquals(B, trace.output(TraceOperator.TRACE_DWI).bValues(), 1e-9);

        // ADC at b ≥ 200, where the perfusion term has decayed (e^{−200·0.1}): ≈ D
        OperatorHarness adc = OperatorHarness.of(new AdcOperator())
                .input(AdcOperator.DWI, dwi)
                .input(AdcOperator.MASK, mask())
                .set(AdcOperator.B_VALUES, "200,400,600,800")
                .run();
        assertEquals(D, medianInside(adc.output(AdcOperator.ADC)), 0.03 * D);
        assertTrue(
                adc.logLines().stream().anyMatch(l -> l.contains("estimated")),
                adc.logLines().toString());
        float[] status = VolumeArrays.frame(adc.output(AdcOperator.STATUS), 0);
        assertEquals(FitStatus.NOT_FITTED.code(), status[0]);
        assertEquals(FitStatus.CONVERGED.code(), status[8 * 16 + 8]);

        for (String method : List.of("segmented", "full")) {
            OperatorHarness ivim = OperatorHarness.of(new IvimOperator())
                    .input(IvimOperator.DWI, dwi)
                    .input(IvimOperator.MASK, mask())
                    .set(IvimOperator.METHOD, method)
                    .run();
            assertEquals(D, medianInside(ivim.output(IvimOperator.D)), 0.05 * D, method);
            assertEquals(F, medianInside(ivim.output(IvimOperator.F)), 0.03, method);
            assertEquals(DSTAR, medianInside(ivim.output(IvimOperator.DSTAR)), 0.4 * DSTAR, method);
            assertTrue(ivim.warnings().isEmpty(), ivim.warnings().toString());
            assertTrue(Float.isNaN(VolumeArrays.frame(ivim.output(IvimOperator.D), 0)[0]));
        }
    }

    @Test
    void badInputIsRefusedNamingTheFileOrParameter() throws Exception {
        Path nii = phantom("bad", true, SIGMA);
        // a .bval with one value too few
        Path bval = tmp.resolve("bad.bval");
        String[] values = Files.readString(bval).trim().split(" ");
        Files.writeString(bval, String.join(" ", Arrays.copyOf(values, values.length - 1)) + "\n");
        String m = OperatorHarness.of(new ReadDwiOperator())
                .set(ReadDwiOperator.PATH, nii.toString())
                .runExpectingBadInput();
        assertTrue(m.contains("bad.bval") && m.contains("25 b-values") && m.contains("26 volumes"), m);
        m = OperatorHarness.of(new ReadDwiOperator())
                .set(ReadDwiOperator.PATH, tmp.resolve("none.nii").toString())
                .runExpectingBadInput();
        assertTrue(m.contains("'path'") && m.contains("none.nii"), m);

        // a folder is read as DICOM, through the series reader ferrum-dicom registers
        Path folder = Files.createDirectories(tmp.resolve("dicom"));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        m = OperatorHarness.of(new ReadDwiOperator())
                .set(ReadDwiOperator.PATH, folder.toString())
                .runExpectingBadInput();
        assertTrue(m.contains("'path'") && m.contains("dicom") && m.contains("no DICOM series"), m);

        DiffusionDataset dwi = read(phantom("good", true, SIGMA));
        m = OperatorHarness.of(new AdcOperator())
                .input(AdcOperator.DWI, dwi)
                .set(AdcOperator.B_VALUES, "0,300")
                .runExpectingBadInput();
        assertTrue(m.contains("'b_values'") && m.contains("300") && m.contains("0, 10, 20"), m);
        m = OperatorHarness.of(new IvimOperator())
                .input(IvimOperator.DWI, dwi)
                .set(IvimOperator.B_THRESHOLD, 700.0)
                .runExpectingBadInput();
        assertTrue(m.contains("'b_threshold'") && m.contains("700"), m);
        m = OperatorHarness.of(new IvimOperator())
                .input(IvimOperator.DWI, dwi)
                .set(IvimOperator.D_MIN, 0.01)
                .runExpectingBadInput();
        assertTrue(m.contains("D bounds"), m);

        // zero-filled background: σ cannot be estimated; named, with the way out
        DiffusionDataset zeroFilled = read(phantom("zero", true, 0));
        m = OperatorHarness.of(new IvimOperator())
                .input(IvimOperator.DWI, zeroFilled)
                .runExpectingBadInput();
        assertTrue(m.contains("'noise_sigma'") && m.contains("noise_floor"), m);
        OperatorHarness ok = OperatorHarness.of(new IvimOperator())
                .input(IvimOperator.DWI, zeroFilled)
                .input(IvimOperator.MASK, mask())
                .set(IvimOperator.NOISE_FLOOR, false)
                .run();
        assertEquals(D, medianInside(ok.output(IvimOperator.D)), 0.05 * D);
    }

    @Test
    void withoutBZeroIvimWarnsAndAUnfittableVoxelIsCountedNotHidden() throws Exception {
        DiffusionDataset dwi = read(phantom("nob0", false, SIGMA));
        OperatorHarness h = OperatorHarness.of(new IvimOperator())
                .input(IvimOperator.DWI, dwi)
                .set(IvimOperator.NOISE_SIGMA, SIGMA)
                .run();
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("no b = 0") && w.contains("underestimated")),
                h.warnings().toString());
        // without a mask the zero-signal-free background is fitted too; every voxel has a status, NaN where unusable
        float[] status = VolumeArrays.frame(h.output(IvimOperator.STATUS), 0);
        float[] d = VolumeArrays.frame(h.output(IvimOperator.D), 0);
        for (int v = 0; v < status.length; v++) {
            assertEquals(FitStatus.ofCode((int) status[v]).usable(), !Float.isNaN(d[v]), "voxel " + v);
        }
    }

    @Test
    void cancellationStopsTheFit() throws Exception {
        DiffusionDataset dwi = read(phantom("cancel", true, SIGMA));
        OperatorHarness.of(new IvimOperator())
                .input(IvimOperator.DWI, dwi)
                .cancel()
                .runExpectingCancellation();
        OperatorHarness.of(new AdcOperator())
                .input(AdcOperator.DWI, dwi)
                .cancel()
                .runExpectingCancellation();
    }
}
