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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.io.diffusion.FslGradients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 17: where each vendor keeps the b-value and gradient, and FSL's bvec frame. */
class DiffusionTagsTest {

    private static final Path F = Path.of("x.dcm");
    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

    @TempDir
    Path tmp;

    private static byte[] fd(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    private static byte[] fl(float v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    }

    @Test
    void standardAttributesAtTheTopLevelAndInTheirSequence() throws Exception {
        WritableDataset seq =
                new WritableDataset("item").putDoubles(DiffusionTags.DIFFUSION_GRADIENT_ORIENTATION, 0, 0.6, 0.8);
        WritableDataset ds = new WritableDataset("t")
                .putDoubles(DiffusionTags.DIFFUSION_B_VALUE, 800)
                .putSequence(DiffusionTags.DIFFUSION_GRADIENT_DIRECTION_SEQUENCE, List.of(seq));
        double[] dw = DiffusionTags.classic(F, ds, PhaseScaling.Vendor.OTHER, AXIAL);
        assertArrayEquals(new double[] {800, 0, 0.6, 0.8}, dw, 1e-12);
        // the enhanced macro: b-value and direction inside the MR Diffusion Sequence item
        WritableDataset macro = new WritableDataset("macro").putDoubles(DiffusionTags.DIFFUSION_B_VALUE, 0);
        assertEquals(0, DiffusionTags.standard(F, macro)[0]);
        assertNull(DiffusionTags.direction(DiffusionTags.standard(F, macro)));
    }

    @Test
    void siemensPrivateTagsAlsoWhenImplicitLeavesThemUn() throws Exception {
        WritableDataset ds = new WritableDataset("s")
                .putBytes(DiffusionTags.SIEMENS_B_VALUE, Vr.UN, "1000".getBytes(StandardCharsets.US_ASCII))
                .putBytes(DiffusionTags.SIEMENS_GRADIENT, Vr.UN, fd(0.6, -0.8, 0));
        assertArrayEquals(
                new double[] {1000, 0.6, -0.8, 0},
                DiffusionTags.classic(F, ds, PhaseScaling.Vendor.SIEMENS, AXIAL),
                1e-12);
        // the same tags are not read for another vendor
        assertEquals(Double.NaN, DiffusionTags.classic(F, ds, PhaseScaling.Vendor.GE, AXIAL)[0]);
    }

    @Test
    void geBiasIsRemovedAndTheGradientIsAlongTheImageAxes() throws Exception {
        WritableDataset ds = new WritableDataset("g")
                .putString(DiffusionTags.GE_B_VALUE, Vr.IS, "1000002000", "8", "0", "0")
                .putDecimals(DiffusionTags.GE_GRADIENT_X, 1)
                .putDecimals(DiffusionTags.GE_GRADIENT_Y, 0)
                .putDecimals(DiffusionTags.GE_GRADIENT_Z, 0);
        // sagittal: rows along −y (anterior), columns along −z (inferior→ foot), normal = row × column
        double[] sag = {0, 1, 0, 0, 0, -1};
        double[] dw = DiffusionTags.classic(F, ds, PhaseScaling.Vendor.GE, sag);
        assertEquals(2000, dw[0]);
        assertArrayEquals(new double[] {0, -1, 0}, new double[] {dw[1], dw[2], dw[3]}, 1e-12); // −x·row
    }

    @Test
    void philipsPrivateTagsAreRlApFh() throws Exception {
        WritableDataset ds = new WritableDataset("p")
                .putBytes(DiffusionTags.PHILIPS_B_FACTOR, Vr.UN, fl(1500))
                .putBytes(DiffusionTags.PHILIPS_GRADIENT_RL, Vr.UN, fl(0))
                .putBytes(DiffusionTags.PHILIPS_GRADIENT_AP, Vr.UN, fl(1))
                .putBytes(DiffusionTags.PHILIPS_GRADIENT_FH, Vr.UN, fl(0));
        assertArrayEquals(
                new double[] {1500, 0, 1, 0}, DiffusionTags.classic(F, ds, PhaseScaling.Vendor.PHILIPS, AXIAL), 1e-6);
    }

    @Test
    void fslFrameFlipsXForAPositiveDeterminantAndRoundTrips() throws Exception {
        Geometry lps = Geometry.axisAligned(2, 2, 3); // voxel axes along +L, +P, +S: determinant > 0
        assertArrayEquals(new double[] {-1, 0, 0}, FslGradients.toFsl(new double[] {1, 0, 0}, lps), 1e-12);
        Geometry flipped = Geometry.ofAffine(2, 0, 0, 0, 0, -2, 0, 0, 0, 0, 3, 0); // rows reversed: determinant < 0
        assertArrayEquals(new double[] {1, 0, 0}, FslGradients.toFsl(new double[] {1, 0, 0}, flipped), 1e-12);
        assertArrayEquals(new double[] {0, -1, 0}, FslGradients.toFsl(new double[] {0, 1, 0}, flipped), 1e-12);
        double[] g = {0.48, 0.6, 0.64};
        assertArrayEquals(g, FslGradients.toPatient(FslGradients.toFsl(g, lps), lps), 1e-12);
        assertArrayEquals(g, FslGradients.toPatient(FslGradients.toFsl(g, flipped), flipped), 1e-12);
        Path bval = tmp.resolve("a.bval"), bvec = tmp.resolve("a.bvec");
        FslGradients.write(
                bval, bvec, new double[] {0, 1000}, new double[][] {{0, 0, 0}, {-0.492355, 0.844098, -0.2123321}});
        assertEquals("0 1000\n", Files.readString(bval));
        assertEquals("0 -0.492355\n0 0.844098\n0 -0.212332\n", Files.readString(bvec));
    }

    @Test
    void aBidsDwiImageReadsBackWithItsGradientsInThePatientFrame() throws Exception {
        // BIDS: sub-01_dwi.nii.gz with sub-01_dwi.bval / .bvec beside it; rows reversed (as dcm2niix stores them)
        Geometry g = Geometry.ofAffine(2, 0, 0, -10, 0, -2, 0, 30, 0, 0, 3, 0);
        org.ferrum.core.Volume<net.imglib2.type.numeric.real.FloatType> v =
                org.ferrum.core.Volumes.createFloat(new long[] {4, 3, 2, 3}, g, org.ferrum.core.PhysicalUnit.ARBITRARY);
        Path nii = tmp.resolve("sub-01_dwi.nii.gz");
        org.ferrum.io.VolumeFiles.write(v, nii);
        double[] lps = {0.6, 0.8, 0};
        FslGradients.write(
                tmp.resolve("sub-01_dwi.bval"),
                tmp.resolve("sub-01_dwi.bvec"),
                new double[] {0, 1000, 2000},
                new double[][] {{0, 0, 0}, FslGradients.toFsl(lps, g), FslGradients.toFsl(new double[] {0, 0, 1}, g)});
        org.ferrum.io.diffusion.DiffusionDataset d = org.ferrum.io.diffusion.DiffusionDataset.read(nii);
        assertEquals(3, d.volumes());
        assertArrayEquals(new double[] {0, 1000, 2000}, d.bValues(), 0);
        assertNull(d.direction(0));
        assertArrayEquals(lps, d.direction(1), 1e-5);
        assertArrayEquals(new double[] {0, 0, 1}, d.direction(2), 1e-5);
        // a missing .bvec is named
        Files.delete(tmp.resolve("sub-01_dwi.bvec"));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                org.ferrum.io.VolumeFormatException.class, () -> org.ferrum.io.diffusion.DiffusionDataset.read(nii));
        assertTrue(e.getMessage().contains("no sub-01_dwi.bvec beside it"), e.getMessage());
    }

    @Test
    void badGradientFilesAreRefusedNamingTheFile() throws Exception {
        Path bvec = tmp.resolve("b.bvec");
        Files.writeString(bvec, "0 1\n0 0\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                org.ferrum.io.VolumeFormatException.class, () -> FslGradients.readBvec(bvec, 2));
        assertTrue(e.getMessage().contains("b.bvec") && e.getMessage().contains("3 lines of 2"), e.getMessage());
        Path bval = tmp.resolve("b.bval");
        Files.writeString(bval, "0 -5\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(
                org.ferrum.io.VolumeFormatException.class, () -> FslGradients.readBval(bval));
        assertTrue(e.getMessage().contains("b-value 2"), e.getMessage());
    }
}
