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

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ferrum.io.nifti.NiftiReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Special files given as inputs are refused before they are opened (issue 14, item 10): a FIFO blocked the
 * NIfTI reader forever, and a link to /dev/zero would never end. Each read below would hang without the check;
 * the timeout turns a hang into a failure.
 */
@Timeout(20)
public
class RegularFilesTest { // public: its FIFO and /dev/zero helpers serve modules/dicom's tests too (io's test jar)

    @TempDir
    Path dir;

    /** A FIFO made with mkfifo(1). */
    public static Path fifo(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(f), "mkfifo is available");
        return f;
    }

    public static Path linkToDevZero(Path dir, String name) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "a /dev/zero");
        return Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/zero"));
    }

    @Test
    void fifoGivenAsNiftiIsRefusedNamingWhatItIs() throws Exception {
        Path f = fifo(dir, "phase.nii");
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeFiles.read(f));
        assertEquals(
                "phase.nii: is a FIFO (named pipe), which would block until another program writes to it, not a regular file;"
                        + " Ferrum reads data only from regular files (copy the data into a file first)",
                e.getMessage());
        assertThrows(VolumeFormatException.class, () -> new NiftiReader().read(f));
        assertThrows(VolumeFormatException.class, () -> new NiftiReader().readHeader(f));
    }

    @Test
    void linkToDevZeroGivenAsNiftiIsRefused() throws Exception {
        Path z = linkToDevZero(dir, "chi.nii.gz");
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeFiles.readFloat(z));
        assertTrue(e.getMessage().startsWith("chi.nii.gz: is a character device"), e.getMessage());
    }

    @Test
    void regularFilesLinksToThemAndMissingFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        RegularFiles.require(file);
        RegularFiles.require(Files.createSymbolicLink(dir.resolve("link"), file));
        assertThrows(NoSuchFileException.class, () -> RegularFiles.require(dir.resolve("missing")));
        assertEquals("a folder", RegularFiles.kind(dir));
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> RegularFiles.require(dir));
        assertTrue(e.getMessage().contains("is a folder, not a regular file"), e.getMessage());
    }
}
