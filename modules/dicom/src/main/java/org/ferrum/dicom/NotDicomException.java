package org.ferrum.dicom;

import java.nio.file.Path;

/** The file is not DICOM at all (no Part 10 preamble and prefix, no DICOM element at its start). */
final class NotDicomException extends DicomFormatException {

    private static final long serialVersionUID = 1L;

    public NotDicomException(Path file, String problem) {
        super(file, problem);
    }
}
