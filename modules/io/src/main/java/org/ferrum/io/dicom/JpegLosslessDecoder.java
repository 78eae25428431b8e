package org.ferrum.io.dicom;

import java.nio.file.Path;

/** Decoder for lossless JPEG (ITU-T T.81 process 14), transfer syntaxes 1.2.840.10008.1.2.4.57 and .70. */
final class JpegLosslessDecoder {

    private JpegLosslessDecoder() {
    }

    static DecodedImage decode(byte[] codestream, Path file) throws DicomFormatException {
        throw new DicomFormatException(file, "lossless JPEG decoder not yet available");
    }
}
