package org.ferrum.dicom;

import java.nio.file.Path;
import org.ferrum.io.VolumeFormatException;

/**
 * A DICOM file or series that cannot be read as the standard says: the message names the file and,
 * where it applies, the attribute (keyword and tag) or byte offset.
 */
public class DicomFormatException extends VolumeFormatException {

    private static final long serialVersionUID = 1L;

    public DicomFormatException(Path file, String problem) {
        super(file, problem);
    }

    public DicomFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
