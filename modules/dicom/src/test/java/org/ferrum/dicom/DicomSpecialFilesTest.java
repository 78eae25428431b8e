package org.ferrum.dicom;

import static org.ferrum.io.RegularFilesTest.fifo;
import static org.ferrum.io.RegularFilesTest.linkToDevZero;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.ferrum.io.VolumeFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Special files are refused before they are opened (issue 14, item 10), by the DICOM parser as by io's readers (io's RegularFilesTest). */
@Timeout(20)
class DicomSpecialFilesTest {

    @TempDir
    Path dir;

    @Test
    void specialFilesAreNotReadAsDicom() throws Exception {
        Path f = fifo(dir, "IM0001");
        assertThrows(VolumeFormatException.class, () -> DicomParser.read(f));
        Path z = linkToDevZero(dir, "IM0002");
        assertThrows(VolumeFormatException.class, () -> DicomParser.readHeader(z));
    }

}
