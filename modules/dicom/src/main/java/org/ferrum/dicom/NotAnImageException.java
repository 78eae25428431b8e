package org.ferrum.dicom;

import java.nio.file.Path;

/** A readable DICOM object that is not an image of a series (no SeriesInstanceUID, no Rows/Columns). */
final class NotAnImageException extends DicomFormatException {

    private static final long serialVersionUID = 1L;

    public NotAnImageException(Path file, String problem) {
        super(file, problem);
    }
}
