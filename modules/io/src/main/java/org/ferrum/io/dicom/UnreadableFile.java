package org.ferrum.io.dicom;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that a {@link DicomScanner} found but could not use, with the reason in words a user can act on
 * (e.g. "not a DICOM file (no DICM prefix)", "truncated: value of PixelSpacing (0028,0030) runs past the end
 * of the file", "no SeriesInstanceUID").
 *
 * @param path   the file
 * @param reason why it was left out, one line
 */
public record UnreadableFile(Path path, String reason) {

    public UnreadableFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
