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
package org.ferrum.io.bids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.TestData;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.io.nifti.NiftiWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BIDS multi-echo folder made from the real MriResearchTools GRE (51×51×41 × 3 echoes): each
 * echo split into its own file, magnitude and phase, keeping the files' float32 values and their
 * scl_slope of 1/855, with sidecars EchoTime 4/8/12 ms (per the data's PROVENANCE.txt) and 3 T (an
 * assumed field strength: the upstream test data does not state it).
 */
class BidsMultiEchoTest {

    private static final double[] TE = {0.004, 0.008, 0.012};

    @TempDir
    Path dir;

    private ScaledVolume<?> mag;
    private ScaledVolume<?> phase;

    @BeforeEach
    void readRealData() throws IOException {
        mag = new NiftiReader().read(TestData.file("gre/mriresearchtools-small/Mag.nii"));
        phase = new NiftiReader().read(TestData.file("gre/mriresearchtools-small/Phase.nii"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ScaledVolume<?> echo(ScaledVolume<?> v, int e) {
        RandomAccessibleInterval<FloatType> frame = Views.hyperSlice(
                (RandomAccessibleInterval<FloatType>) v.stored().image(), 3, e);
        Volume<FloatType> copy = Volumes.copyFloat(
                new Volume<>(frame, v.stored().geometry(), v.stored().unit()));
        return new ScaledVolume(copy, v.slope(), v.intercept());
    }

    private Path writeEcho(ScaledVolume<?> v, int e, String part, BidsSidecar sidecar, String ext) throws IOException {
        Path f = dir.resolve("sub-01_echo-" + (e + 1) + "_part-" + part + "_MEGRE" + ext);
        NiftiWriter.nifti1().write(echo(v, e), f);
        if (sidecar != null) {
            sidecar.write(BidsSidecar.pathFor(f));
        }
        return f;
    }

    private static BidsSidecar sidecar(int e) {
        return BidsSidecar.empty()
                .with(BidsSidecar.ECHO_TIME, TE[e])
                .with(BidsSidecar.MAGNETIC_FIELD_STRENGTH, 3.0)
                .with("ProtocolName", "gre_qsm");
    }

    private void writeFolder(boolean withPhase) throws IOException {
        for (int e : new int[] {2, 0, 1}) { // order on disk must not matter
            writeEcho(mag, e, "mag", sidecar(e), e == 1 ? ".nii" : ".nii.gz");
            if (withPhase) {
                writeEcho(phase, e, "phase", sidecar(e), ".nii.gz");
            }
        }
    }

    private void fails(Path expectedFile, String expectedProblem) {
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> BidsMultiEcho.read(dir));
        assertTrue(e.getMessage().startsWith(expectedFile.getFileName() + ": "), e.getMessage());
        assertTrue(
                e.getMessage().contains(expectedProblem), "expected '" + expectedProblem + "' in: " + e.getMessage());
    }

    @Test
    void readsRealGreSplitIntoEchoes() throws IOException {
        writeFolder(true);
        MultiEchoGre gre = BidsMultiEcho.read(dir);
        assertEquals(3, gre.echoCount());
        assertEquals(EchoTimes.ofSeconds(TE), gre.acquisition().echoTimes());
        assertEquals(3.0, gre.acquisition().fieldStrengthTesla());
        assertArrayEquals(new long[] {51, 51, 41, 3}, gre.magnitude().dimensions());
        assertArrayEquals(
                mag.stored().geometry().affine(), gre.magnitude().geometry().affine(), 0);
        // magnitude: the standard's scaled value, slope · stored
        float[] m = Volumes.floats(gre.magnitude());
        float[] expectedMag = Volumes.floats(mag.toFloat());
        assertArrayEquals(expectedMag, m, 0f);
        // phase: the stored values are radians and the slope of 1/855 is ignored (PhaseEncoding rule 2)
        Volume<FloatType> ph = gre.phase().orElseThrow();
        assertEquals(PhysicalUnit.RADIAN, ph.unit());
        float[] p = Volumes.floats(ph);
        float[] storedPhase = (float[]) ((net.imglib2.img.basictypeaccess.array.FloatArray)
                        ((net.imglib2.img.array.ArrayImg<?, ?>) phase.stored().image()).update(null))
                .getCurrentStorageArray();
        assertArrayEquals(storedPhase, p, 0f);
        for (float x : p) {
            assertTrue(x >= -(float) Math.PI && x <= (float) Math.PI);
        }
    }

    @Test
    void magnitudeOnly() throws IOException {
        writeFolder(false);
        MultiEchoGre gre = BidsMultiEcho.read(dir);
        assertFalse(gre.phase().isPresent());
        assertEquals(3, gre.echoCount());
    }

    @Test
    void writeThenReadRoundTrip() throws IOException {
        writeFolder(true);
        MultiEchoGre gre = BidsMultiEcho.read(dir);
        Path out = dir.resolve("out");
        BidsMultiEcho.write(gre, out, "sub-02");
        assertTrue(Files.exists(out.resolve("sub-02_echo-3_part-phase_MEGRE.nii.gz")));
        assertEquals(
                "rad",
                BidsSidecar.read(out.resolve("sub-02_echo-3_part-phase_MEGRE.json"))
                        .units()
                        .get());
        MultiEchoGre back = BidsMultiEcho.read(out);
        assertEquals(gre.acquisition(), back.acquisition());
        assertArrayEquals(Volumes.floats(gre.magnitude()), Volumes.floats(back.magnitude()), 0f);
        assertArrayEquals(
                Volumes.floats(gre.phase().get()), Volumes.floats(back.phase().get()), 0f);
    }

    @Test
    void siemensTwelveBitPhaseIsConvertedToRadians() throws IOException {
        for (int e = 0; e < 2; e++) {
            writeEcho(mag, e, "mag", sidecar(e), ".nii");
            var img = ArrayImgs.shorts(51, 51, 41);
            short[] s = img.update(null).getCurrentStorageArray();
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (i % 4096); // 0..4095
            }
            Volume<ShortType> v = new Volume<>(img, mag.stored().geometry(), PhysicalUnit.ARBITRARY);
            Path f = dir.resolve("sub-01_echo-" + (e + 1) + "_part-phase_MEGRE.nii");
            NiftiWriter.nifti1().write(ScaledVolume.unscaled(v), f);
            sidecar(e).write(BidsSidecar.pathFor(f));
        }
        float[] p = Volumes.floats(BidsMultiEcho.read(dir).phase().get());
        assertEquals(-Math.PI, p[0], 1e-6); // 0 → −π
        assertEquals(0, p[2048], 1e-6); // 2048 → 0
        assertEquals(Math.PI * 2047 / 2048, p[4095], 1e-6);
    }

    @Test
    void missingEcho() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        writeEcho(mag, 2, "mag", sidecar(2), ".nii");
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> BidsMultiEcho.read(dir));
        assertTrue(e.getMessage().contains("echo 2 of series 'sub-01_MEGRE' is missing"), e.getMessage());
    }

    @Test
    void phaseWithoutMagnitude() throws IOException {
        Path p = writeEcho(phase, 0, "phase", sidecar(0), ".nii");
        fails(p, "phase without magnitude");
    }

    @Test
    void phaseEchoWithoutItsMagnitude() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        writeEcho(phase, 0, "phase", sidecar(0), ".nii");
        Path p = writeEcho(phase, 1, "phase", sidecar(1), ".nii");
        fails(p, "phase of echo 2 has no magnitude image");
    }

    @Test
    void magnitudeEchoWithoutPhase() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        writeEcho(phase, 0, "phase", sidecar(0), ".nii");
        Path m = writeEcho(mag, 1, "mag", sidecar(1), ".nii");
        fails(m, "echo 2 has a magnitude but no phase image");
    }

    @Test
    void mismatchedDimensions() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        Volume<FloatType> small =
                Volumes.createFloat(new long[] {51, 51, 40}, mag.stored().geometry(), PhysicalUnit.ARBITRARY);
        Path f = dir.resolve("sub-01_echo-2_part-mag_MEGRE.nii");
        NiftiWriter.nifti1().write(ScaledVolume.unscaled(small), f);
        sidecar(1).write(BidsSidecar.pathFor(f));
        fails(f, "dimensions 51×51×40 differ from 51×51×41");
    }

    @Test
    void mismatchedGeometry() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        Volume<FloatType> moved =
                Volumes.createFloat(new long[] {51, 51, 41}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.ARBITRARY);
        Path f = dir.resolve("sub-01_echo-2_part-mag_MEGRE.nii");
        NiftiWriter.nifti1().write(ScaledVolume.unscaled(moved), f);
        sidecar(1).write(BidsSidecar.pathFor(f));
        fails(f, "geometry");
    }

    @Test
    void missingEchoTime() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        Path f = writeEcho(mag, 1, "mag", sidecar(1).without(BidsSidecar.ECHO_TIME), ".nii");
        fails(BidsSidecar.pathFor(f), "no EchoTime");
    }

    @Test
    void echoTimeInMilliseconds() throws IOException {
        Path f = writeEcho(mag, 0, "mag", sidecar(0).with(BidsSidecar.ECHO_TIME, 4.0), ".nii");
        fails(BidsSidecar.pathFor(f), "milliseconds?");
    }

    @Test
    void missingSidecar() throws IOException {
        Path f = writeEcho(mag, 0, "mag", null, ".nii");
        fails(BidsSidecar.pathFor(f), "missing: the sidecar of " + f.getFileName());
    }

    @Test
    void missingFieldStrength() throws IOException {
        Path f = writeEcho(mag, 0, "mag", sidecar(0).without(BidsSidecar.MAGNETIC_FIELD_STRENGTH), ".nii");
        fails(BidsSidecar.pathFor(f), "no MagneticFieldStrength");
    }

    @Test
    void echoTimesOutOfOrder() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(1), ".nii");
        Path f = writeEcho(mag, 1, "mag", sidecar(0), ".nii");
        fails(BidsSidecar.pathFor(f), "is not after echo 1");
    }

    @Test
    void phaseInUnknownUnits() throws IOException {
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        Volume<FloatType> weird =
                Volumes.createFloat(new long[] {51, 51, 41}, mag.stored().geometry(), PhysicalUnit.ARBITRARY);
        LoopBuilder.setImages(weird.image()).forEachPixel(x -> x.set(100.5f));
        Volumes.floats(weird)[0] = -100.5f;
        Path f = dir.resolve("sub-01_echo-1_part-phase_MEGRE.nii");
        NiftiWriter.nifti1().write(ScaledVolume.unscaled(weird), f);
        sidecar(0).write(BidsSidecar.pathFor(f));
        fails(f, "phase values span [-100.500, 100.500]");
    }

    @Test
    void emptyFolderAndTwoSeries() throws IOException {
        fails(dir, "no multi-echo images");
        writeEcho(mag, 0, "mag", sidecar(0), ".nii");
        NiftiWriter.nifti1().write(echo(mag, 0), dir.resolve("sub-01_acq-b_echo-1_part-mag_MEGRE.nii"));
        fails(dir, "holds 2 multi-echo series");
    }
}
