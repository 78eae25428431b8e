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

import java.nio.file.Path;

/**
 * Everything assembly needs to know about one 2-D image (a classic file, a frame of an enhanced file, or a
 * tile of a Siemens mosaic), read once at scan time so that assembly never re-reads headers.
 *
 * @param file            the file holding the pixels
 * @param frame           zero-based frame number within the file
 * @param tile            zero-based tile of a mosaic frame, or -1
 * @param storedColumns   columns of the stored frame (the whole mosaic for a tile)
 * @param rows            rows of this image
 * @param columns         columns of this image
 * @param position        ImagePositionPatient of the image's first voxel centre (LPS mm); for a tile,
 *                        already moved from the mosaic's corner to the tile's slice
 * @param orientation     ImageOrientationPatient: row direction cosines then column direction cosines
 * @param rowSpacing      PixelSpacing[0], mm between the centres of adjacent rows
 * @param columnSpacing   PixelSpacing[1], mm between the centres of adjacent columns
 * @param sliceNormal     the slice direction for mosaics (CSA SliceNormalVector), else null (row × column)
 * @param sliceSpacing    SpacingBetweenSlices, or NaN
 * @param sliceThickness  SliceThickness, or NaN
 * @param echoNumber      EchoNumbers, or 0 if unknown
 * @param echoTimeMs      EchoTime / EffectiveEchoTime in ms, or NaN
 * @param kind            magnitude, phase, …
 * @param vendor          from Manufacturer
 * @param stored          the scaling attributes of this frame
 * @param instanceNumber  InstanceNumber, or 0
 * @param temporalIndex   TemporalPositionIndex / TemporalPositionIdentifier, or 0
 * @param acquisitionTime acquisition time of day in s, or NaN
 * @param geFieldMap      true for a frame of a GE direct field map series (kind decided per location later)
 * @param bValue          diffusion b-value in s/mm², or NaN if the image says none ({@link DiffusionTags})
 * @param gradient        diffusion gradient direction as a unit LPS vector, or null (none, or b = 0)
 */
record FrameHeader(
        Path file,
        int frame,
        int tile,
        int storedColumns,
        int rows,
        int columns,
        double[] position,
        double[] orientation,
        double rowSpacing,
        double columnSpacing,
        double[] sliceNormal,
        double sliceSpacing,
        double sliceThickness,
        int echoNumber,
        double echoTimeMs,
        ImageKind kind,
        PhaseScaling.Vendor vendor,
        PhaseScaling.StoredScaling stored,
        int instanceNumber,
        int temporalIndex,
        double acquisitionTime,
        boolean geFieldMap,
        double bValue,
        double[] gradient) {

    FrameHeader withKind(ImageKind k) {
        return new FrameHeader(
                file,
                frame,
                tile,
                storedColumns,
                rows,
                columns,
                position,
                orientation,
                rowSpacing,
                columnSpacing,
                sliceNormal,
                sliceSpacing,
                sliceThickness,
                echoNumber,
                echoTimeMs,
                k,
                vendor,
                stored,
                instanceNumber,
                temporalIndex,
                acquisitionTime,
                false,
                bValue,
                gradient);
    }

    /** The same image placed at {@code p} with orientation {@code o} (for frames whose file gives no position). */
    FrameHeader withPlacement(double[] p, double[] o) {
        return new FrameHeader(
                file,
                frame,
                tile,
                storedColumns,
                rows,
                columns,
                p,
                o,
                rowSpacing,
                columnSpacing,
                sliceNormal,
                sliceSpacing,
                sliceThickness,
                echoNumber,
                echoTimeMs,
                kind,
                vendor,
                stored,
                instanceNumber,
                temporalIndex,
                acquisitionTime,
                geFieldMap,
                bValue,
                gradient);
    }

    /** The unit normal of the image plane: the mosaic's slice normal, else row × column direction. */
    double[] normal() {
        if (sliceNormal != null) {
            return sliceNormal;
        }
        double[] o = orientation;
        double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }

    /** Where the frame is named in messages. */
    String where() {
        return file.getFileName()
                + (frame > 0 || tile >= 0 ? " frame " + (frame + 1) : "")
                + (tile >= 0 ? " tile " + (tile + 1) : "");
    }
}
