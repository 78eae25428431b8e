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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one check that a path Ferrum is about to read is a regular file (symbolic links followed). Opening a
 * FIFO blocks until some other process writes to it, and a device such as {@code /dev/zero} never ends, so a
 * reader or a hash over either would hang; a socket cannot be opened at all. Such paths are refused before
 * they are opened, with a message that says what the path is.
 */
public final class RegularFiles {

    /** File-type bits of {@code st_mode} (POSIX {@code S_IFMT}) and the kinds a reader must not open. */
    private static final int S_IFMT = 0170000;

    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private RegularFiles() {}

    /**
     * Returns normally if {@code path} is a regular file, or a regular file behind symbolic links.
     *
     * @throws NoSuchFileException  if nothing is there (or a link points nowhere)
     * @throws VolumeFormatException naming the path and what it is (a folder, a FIFO, a device, a socket)
     */
    public static void require(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return;
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        throw new VolumeFormatException(
                path,
                "is " + kind(path) + ", not a regular file; Ferrum reads data only from"
                        + " regular files (copy the data into a file first)");
    }

    /** What a path that exists is, in words: "a folder", "a FIFO (named pipe)", "a character device"… */
    public static String kind(Path path) {
        if (Files.isDirectory(path)) {
            return "a folder";
        }
        if (Files.isRegularFile(path)) {
            return "a regular file";
        }
        int mode;
        try {
            mode = ((Number) Files.getAttribute(path, "unix:mode")).intValue() & S_IFMT;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
        return switch (mode) {
            case S_IFIFO -> "a FIFO (named pipe), which would block until another program writes to it";
            case S_IFCHR -> "a character device, whose data may never end";
            case S_IFBLK -> "a block device";
            case S_IFSOCK -> "a socket";
            default -> "a special file";
        };
    }
}
