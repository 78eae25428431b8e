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
import java.util.Objects;

/**
 * A file that a {@link DicomScanner} found but could not use, with the reason in words a user can act on
 * (e.g. "not a DICOM file (no DICM prefix)", "truncated: value of PixelSpacing (0028,0030) runs past the end
 * of the file", "no SeriesInstanceUID"), and which of three cases it is ({@link Kind}): a README or a NIfTI
 * file in the tree is no fault of the DICOM data and is counted apart from a broken DICOM file.
 *
 * @param path   the file
 * @param reason why it was left out, one line
 * @param kind   not DICOM at all, DICOM without an image, or DICOM that could not be read
 */
public record UnreadableFile(Path path, String reason, Kind kind) {

    /** Why a file is not part of a series. */
    public enum Kind {
        /** Not a DICOM file at all (no DICM prefix, no group 0002/0008 element at the start): README, .json, .nii… */
        NOT_DICOM,
        /** A DICOM object that is not an image of a series (DICOMDIR, structured report, presentation state…). */
        NOT_AN_IMAGE,
        /** A DICOM file that is truncated, malformed or unsupported, or could not be read. */
        UNREADABLE
    }

    public UnreadableFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
    }

    /** A DICOM file that could not be read ({@link Kind#UNREADABLE}). */
    public UnreadableFile(Path path, String reason) {
        this(path, reason, Kind.UNREADABLE);
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
