package org.ferrum.io.dicom;

import java.nio.file.Path;

/** Decoder for JPEG 2000 codestreams (ISO 15444-1), transfer syntaxes 1.2.840.10008.1.2.4.90 and .91. */
final class Jpeg2000Decoder {

    private Jpeg2000Decoder() {
    }

    static DecodedImage decode(byte[] codestream, Path file) throws DicomFormatException {
        throw new DicomFormatException(file, "JPEG 2000 decoder not yet available");
    }
}
