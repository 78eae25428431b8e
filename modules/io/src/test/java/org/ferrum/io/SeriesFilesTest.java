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
        VolumeFormatException r = assertThrows(
                VolumeFormatException.class,
                () -> SeriesFiles.readMultiEchoGre(dir.resolve("gre"), Cancellation.NEVER));
        assertEquals(
                "gre: no series reader is installed (DICOM folders are read by the module ferrum-dicom)",
                r.getMessage());
        VolumeFormatException w = assertThrows(
                VolumeFormatException.class,
                () -> SeriesFiles.write(
                        Volumes.createFloat(new long[] {2, 2, 2}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.PPM),
                        dir.resolve("chi"),
                        "test"));
        assertEquals(
                "chi: no series writer is installed (DICOM series are written by the module ferrum-dicom)",
                w.getMessage());
    }
}
