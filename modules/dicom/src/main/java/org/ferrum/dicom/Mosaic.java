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

/**
 * Siemens mosaics: a 2-D frame that tiles the N slices of a volume in a ⌈√N⌉ × ⌈√N⌉ grid, row by row
 * (ImageType contains {@code MOSAIC}; N is NumberOfImagesInMosaic in the CSA image header or (0019,100A)).
 *
 * <p>Geometry: ImagePositionPatient of a mosaic is the centre of the top-left voxel of the whole
 * mosaic seen as one large image, placed so that the mosaic's centre is the centre of the first slice
 * (Siemens' convention, as described in NiBabel's "Siemens mosaic format" documentation and checked here
 * against dcm2niix's conversion of dcm_qa_nih). The first slice's own corner is therefore
 * {@code IPP + r·Δc·(C−c)/2 + k·Δr·(R−r)/2}, with r, k the row and column direction cosines, Δc, Δr the
 * column and row spacings, C×R the mosaic size and c×r the tile size. Slice {@code s} lies
 * {@code s · spacing} further along the slice normal, which is the CSA SliceNormalVector (its sign tells
 * the order in which the tiles are stored; without it, row × column).
 */
final class Mosaic {

    private Mosaic() {}

    /** The position of tile {@code s}'s first voxel. */
    static double[] tilePosition(
            double[] ipp,
            double[] iop,
            double rowSpacing,
            double columnSpacing,
            int mosaicRows,
            int mosaicColumns,
            int tileRows,
            int tileColumns,
            double[] normal,
            double sliceSpacing,
            int s) {
        double dc = columnSpacing * (mosaicColumns - tileColumns) / 2.0;
        double dr = rowSpacing * (mosaicRows - tileRows) / 2.0;
        double[] n = normal;
        if (n == null) {
            n = new double[] {
                iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]
            };
        }
        double step = Double.isFinite(sliceSpacing) && sliceSpacing > 0 ? sliceSpacing : 1;
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = ipp[a] + iop[a] * dc + iop[3 + a] * dr + n[a] * step * s;
        }
        return p;
    }

    /**
     * Copies tile {@code s} (row-major, {@code tileColumns × tileRows}) out of a mosaic frame.
     *
     * @throws IllegalArgumentException if the frame is too small to hold the tile
     */
    static float[] tile(float[] mosaic, int mosaicColumns, int tileRows, int tileColumns, int s) {
        int perRow = mosaicColumns / tileColumns;
        int x0 = (s % perRow) * tileColumns, y0 = (s / perRow) * tileRows;
        if ((long) (y0 + tileRows) * mosaicColumns > mosaic.length) {
            throw new IllegalArgumentException("mosaic frame of " + mosaic.length + " samples has no tile " + (s + 1)
                    + " of " + tileColumns + "×" + tileRows + " in " + mosaicColumns + " columns");
        }
        float[] out = new float[tileRows * tileColumns];
        for (int y = 0; y < tileRows; y++) {
            System.arraycopy(mosaic, (y0 + y) * mosaicColumns + x0, out, y * tileColumns, tileColumns);
        }
        return out;
    }
}
