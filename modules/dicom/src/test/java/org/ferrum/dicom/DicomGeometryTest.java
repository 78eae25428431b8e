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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/** {@link SliceGeometry}, mosaic tile placement, the CSA header and enhanced per-frame geometry. */
class DicomGeometryTest {

    private static final Path WHERE = Path.of("series");

    @Test
    void obliqueAffineFollowsPs33EquationC7621() throws DicomFormatException {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        double[] iop = {c, s, 0, 0, 0, 1}; // rows run obliquely in the x-y plane, columns along z
        double[] n = SliceGeometry.normal(iop);
        double[] p0 = {10, 20, 30};
        List<double[]> pos = List.of(p0, add(p0, n, 2.5), add(p0, n, 5.0));
        Geometry g = SliceGeometry.affine(WHERE, iop, 0.8, 0.9, pos, Double.NaN, null);
        double[] expect =
                add(add(add(p0, new double[] {c, s, 0}, 0.9 * 3), new double[] {0, 0, 1}, 0.8 * 4), n, 2.5 * 2);
        assertArrayEquals(expect, g.toPatient(3, 4, 2), 1e-9);
        assertArrayEquals(new double[] {0.9, 0.8, 2.5}, g.voxelSize(), 1e-12);
    }

    @Test
    void singleSliceStepsAlongTheNormalBySpacing() throws DicomFormatException {
        Geometry g = SliceGeometry.affine(
                WHERE, new double[] {1, 0, 0, 0, 1, 0}, 1, 1, List.<double[]>of(new double[] {0, 0, 5}), 3.5, null);
        assertArrayEquals(new double[] {0, 0, 8.5}, g.toPatient(0, 0, 1), 1e-12);
    }

    @Test
    void unevenSpacingIsRefused() {
        List<double[]> pos = List.of(new double[] {0, 0, 0}, new double[] {0, 0, 1}, new double[] {0, 0, 3});
        DicomFormatException e = assertThrows(
                DicomFormatException.class,
                () -> SliceGeometry.affine(WHERE, new double[] {1, 0, 0, 0, 1, 0}, 1, 1, pos, Double.NaN, null));
        assertTrue(e.getMessage().contains("inconsistent slice spacing"), e.getMessage());
    }

    @Test
    void coincidentSlicesAreRefused() {
        List<double[]> pos = List.of(new double[] {0, 0, 0}, new double[] {0, 0, 0});
        assertThrows(
                DicomFormatException.class,
                () -> SliceGeometry.affine(WHERE, new double[] {1, 0, 0, 0, 1, 0}, 1, 1, pos, 1, null));
    }

    @Test
    void mosaicTilePositionMovesFromTheMosaicCornerToTheSlice() {
        // dcm_qa_nih: 216×216 mosaic of 72×72 tiles, 3 mm pixels, IPP (−324, −324, 16), 12 mm slice spacing
        double[] iop = {1, 0, 0, 0, 1, 0};
        double[] p0 = Mosaic.tilePosition(
                new double[] {-324, -324, 16}, iop, 3, 3, 216, 216, 72, 72, new double[] {0, 0, 1}, 12, 0);
        assertArrayEquals(new double[] {-108, -108, 16}, p0, 1e-12);
        double[] p4 = Mosaic.tilePosition(
                new double[] {-324, -324, 16}, iop, 3, 3, 216, 216, 72, 72, new double[] {0, 0, 1}, 12, 4);
        assertArrayEquals(new double[] {-108, -108, 64}, p4, 1e-12);
    }

    @Test
    void mosaicTilesAreCutRowByRow() {
        float[] m = new float[6 * 4]; // 2×2 tiles of 3×2
        for (int i = 0; i < m.length; i++) {
            m[i] = i;
        }
        assertArrayEquals(new float[] {3, 4, 5, 9, 10, 11}, Mosaic.tile(m, 6, 2, 3, 1));
        assertArrayEquals(new float[] {12, 13, 14, 18, 19, 20}, Mosaic.tile(m, 6, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Mosaic.tile(m, 6, 2, 3, 4));
    }

    @Test
    void csaHeaderOfARealMosaicGivesImageCountAndSliceNormal() throws IOException {
        DicomDataset ds = DicomParser.readHeader(
                        TestData.path("dicom/dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm"))
                .dataset();
        SiemensCsaHeader csa = SiemensCsaHeader.parse(
                ds.bytes(FrameTags.SIEMENS_CSA_IMAGE_HEADER).orElseThrow());
        assertEquals(5, csa.integer("NumberOfImagesInMosaic").orElseThrow());
        assertArrayEquals(new double[] {0, 0, 1}, csa.numbers("SliceNormalVector"), 1e-9);
        assertTrue(csa.names().size() > 50, csa.names().size() + " elements");
    }

    @Test
    void malformedCsaHeadersAreRefusedWithTheOffset() {
        byte[] b = {'S', 'V', '1', '0', 4, 3, 2, 1, 1, 0, 0, 0, 77, 0, 0, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SiemensCsaHeader.parse(b));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] huge = Arrays.copyOf(b, 16 + 84 + 16);
        huge[16 + 76] = 1; // one item
        huge[16 + 84 + 4] = (byte) 0xFF; // of length 255 in a 116-byte header
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> SiemensCsaHeader.parse(huge));
        assertTrue(e2.getMessage().contains("runs past the end"), e2.getMessage());
    }

    /** Enhanced objects place every frame by its own Plane Position; assembly sorts the frames along the normal. */
    @Test
    void enhancedPerFrameGeometry() throws IOException {
        DicomScan scan = DicomScanner.scan(TestData.path("dicom/dcm_qa_fmap/In/Philips/fmap"));
        DicomSeries s = scan.series().get(0);
        assertEquals(64, s.frameCount());
        assertEquals(List.of(1), List.of(s.files().size()));
        SeriesAssembly.Layout mag = SeriesAssembly.plan(s).get(0);
        assertEquals(ImageKind.MAGNITUDE, mag.kind());
        assertEquals(32, mag.images().length);
        double[] first = mag.images()[0][0].position(), last = mag.images()[31][0].position();
        double[] n = SliceGeometry.normal(mag.images()[0][0].orientation());
        assertEquals(
                31 * 4.0,
                (last[0] - first[0]) * n[0] + (last[1] - first[1]) * n[1] + (last[2] - first[2]) * n[2],
                1e-3);
        assertEquals(4.0, mag.geometry().voxelSize()[2], 1e-4);
    }

    private static double[] add(double[] p, double[] d, double f) {
        return new double[] {p[0] + d[0] * f, p[1] + d[1] * f, p[2] + d[2] * f};
    }
}
