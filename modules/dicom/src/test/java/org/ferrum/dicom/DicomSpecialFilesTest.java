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
