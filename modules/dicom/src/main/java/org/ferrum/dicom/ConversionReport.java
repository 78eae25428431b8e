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
import java.util.List;
import java.util.Objects;

/**
 * What one {@link DicomConverter#convert} run did: the files written (image and sidecar per output),
 * the series it could not convert with the reason, and the files it could not read as DICOM.
 *
 * @param inputFolder     the folder converted
 * @param written         one entry per output (NIfTI + JSON), in the order written
 * @param skipped         series not converted (nothing of them is left in the output folder)
 * @param unreadable      files under the folder that are not readable DICOM, with the reason
 * @param filesScanned    regular files looked at under the folder
 * @param seriesFound     series found (converted or skipped)
 * @param warnings        what a converted series lost or had decided for it (images left out that cannot be placed,
 *                        frames stacked without positions), one line each naming the series
 * @param notDicom        files under the folder that are not DICOM at all (README, .json, .nii…): ignored, not errors
 */
public record ConversionReport(
        Path inputFolder,
        List<Output> written,
        List<Skipped> skipped,
        List<Unreadable> unreadable,
        int filesScanned,
        int seriesFound,
        List<String> warnings,
        int notDicom) {

    public ConversionReport {
        Objects.requireNonNull(inputFolder, "inputFolder");
        written = List.copyOf(written);
        skipped = List.copyOf(skipped);
        unreadable = List.copyOf(unreadable);
        warnings = List.copyOf(warnings);
    }

    /** A report without warnings, counting every unreadable file as DICOM. */
    public ConversionReport(
            Path inputFolder,
            List<Output> written,
            List<Skipped> skipped,
            List<Unreadable> unreadable,
            int filesScanned,
            int seriesFound) {
        this(inputFolder, written, skipped, unreadable, filesScanned, seriesFound, List.of(), 0);
    }

    /**
     * One converted output.
     *
     * @param series      the series, as a person would name it ({@code "2 gre_field_magph"}: number and description)
     * @param image       the NIfTI written
     * @param sidecar     the BIDS JSON written beside it
     * @param dimensions  the image's dimensions (x, y, z[, t])
     * @param kind        what the voxels are: {@code magnitude}, {@code phase}, {@code real}, {@code imaginary}, {@code fieldmap}
     * @param units       the unit of the voxel values, as in the sidecar's {@code Units}
     */
    public record Output(String series, Path image, Path sidecar, long[] dimensions, String kind, String units) {

        public Output {
            dimensions = dimensions.clone();
        }

        @Override
        public long[] dimensions() {
            return dimensions.clone();
        }

        /** e.g. {@code 64×64×36}. */
        public String dimensionsText() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < dimensions.length; i++) {
                sb.append(i == 0 ? "" : "×").append(dimensions[i]);
            }
            return sb.toString();
        }
    }

    /**
     * A series that was not converted.
     *
     * @param series   the series, as in {@link Output#series}
     * @param reason   one line: what is wrong, naming the file where one file is the cause
     * @param badInput true if the DICOM data is the problem (unsupported or inconsistent), false for a
     *                 failure to write the output or an internal error
     */
    public record Skipped(String series, String reason, boolean badInput) {}

    /** A file that could not be read as DICOM. */
    public record Unreadable(Path file, String reason) {}

    /** True if every series found was converted and at least one was found. */
    public boolean complete() {
        return seriesFound > 0 && skipped.isEmpty();
    }
}
