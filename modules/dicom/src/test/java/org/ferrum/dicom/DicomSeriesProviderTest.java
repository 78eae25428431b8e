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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.SeriesFiles;
import org.ferrum.io.spi.SeriesWriter;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** io's series SPI reaches DICOM through Lookup (issue 16): what io.read.gre and the viewer's Export as DICOM… call. */
class DicomSeriesProviderTest {

    @TempDir
    Path dir;

    @Test
    void readsAMultiEchoFolderAndWritesAMapReferencingItsSourceThroughIo() throws Exception {
        assertTrue(SeriesFiles.reader().orElseThrow() instanceof DicomSeriesProvider);
        assertTrue(SeriesFiles.writer().orElseThrow() instanceof DicomSeriesProvider);

        MultiEchoGre gre =
                SeriesFiles.readMultiEchoGre(TestData.path("dicom", "heudiconv", "MEGRE"), Cancellation.NEVER);
        assertEquals(3, gre.echoCount());
        assertTrue(gre.phase().isPresent());

        Volume<FloatType> m = gre.magnitude().frame(0);
        Volume<FloatType> chi =
                Volumes.createFloat(m.dimensions(), m.geometry(), PhysicalUnit.PPM); // a map on the GRE's grid
        assertEquals(Optional.of("QSM chi"), SeriesFiles.writer().orElseThrow().mapKind(PhysicalUnit.PPM));
        assertEquals(Optional.empty(), SeriesFiles.writer().orElseThrow().mapKind(PhysicalUnit.ARBITRARY));
        SeriesWriter.Written w = SeriesFiles.write(chi, dir.resolve("chi"), "test export");
        assertEquals(chi.dimension(2), w.files().size());
        assertEquals("QSM chi", w.kind());
        assertTrue(w.source().orElseThrow().startsWith("series 2 “"), w.source().toString());
        assertEquals(
                DicomParser.readHeader(w.files().get(0)).dataset().string(0x00100010),
                DicomParser.readHeader(firstFile()).dataset().string(0x00100010),
                "the source's patient");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SeriesFiles.write(chi.withUnit(PhysicalUnit.ARBITRARY), dir.resolve("x"), "test"));
        assertTrue(e.getMessage().contains("says no map kind"), e.getMessage());
    }

    private static Path firstFile() throws IOException {
        try (Stream<Path> s = Files.list(TestData.path("dicom", "heudiconv", "MEGRE", "mag"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }
}
