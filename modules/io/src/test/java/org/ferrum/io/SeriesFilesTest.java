package org.ferrum.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The series SPI (issue 16): io registers no provider of its own, and says so naming the folder when none is installed. */
class SeriesFilesTest {

    @TempDir
    Path dir;

    @Test
    void withoutAProviderReadingAndWritingSeriesSayWhatIsMissing() {
        assertTrue(SeriesFiles.reader().isEmpty(), "io itself registers no series reader");
        assertTrue(SeriesFiles.writer().isEmpty(), "io itself registers no series writer");
        VolumeFormatException r = assertThrows(VolumeFormatException.class,
                () -> SeriesFiles.readMultiEchoGre(dir.resolve("gre"), Cancellation.NEVER));
        assertEquals("gre: no series reader is installed (DICOM folders are read by the module ferrum-dicom)", r.getMessage());
        VolumeFormatException w = assertThrows(VolumeFormatException.class, () -> SeriesFiles.write(
                Volumes.createFloat(new long[] {2, 2, 2}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.PPM), dir.resolve("chi"), "test"));
        assertEquals("chi: no series writer is installed (DICOM series are written by the module ferrum-dicom)", w.getMessage());
    }
}
