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
package org.ferrum.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ferrum.io.RegularFiles;

/**
 * Content hashes (SHA-256, hex) of input files and folders, for cache keys and provenance. A folder's
 * hash covers the relative names and contents of all regular files below it, in sorted order. Hashes
 * are remembered per path, size and modification time, so unchanged inputs are not read twice (only once a
 * file is a few seconds old: a same-size rewrite within one time-stamp tick would otherwise go unseen).
 * Only regular files are read (a FIFO or device is refused by {@link RegularFiles#require}; inside a folder
 * such entries are not hashed), and never past the size the file had when reading began.
 */
public final class FileFingerprints {

    /** Coarsest common modification-time resolution (FAT), plus margin. */
    private static final long SETTLE_MILLIS = 3000;

    private final Map<String, String> memo = new ConcurrentHashMap<>();

    /** The hash of a file or folder, or null if the path does not exist (e.g. an output path). */
    public String hash(Path path) throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(path)) {
                files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
            }
            StringBuilder listing = new StringBuilder();
            for (Path f : files) {
                listing.append(path.relativize(f).toString().replace('\\', '/'))
                        .append('\u0000')
                        .append(hash(f))
                        .append('\n');
            }
            return NodeSignature.sha256(listing.toString());
        }
        // A FIFO would block the open and a device (a link to /dev/zero) never reach its end: refuse them.
        RegularFiles.require(path);
        long now = System.currentTimeMillis();
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        String memoKey = path.toAbsolutePath().normalize() + "\u0000" + a.size() + "\u0000"
                + a.lastModifiedTime().toInstant() + "\u0000" + a.fileKey();
        String known = memo.get(memoKey);
        if (known != null) {
            return known;
        }
        // A file modified within the file system's timestamp resolution of now may be rewritten with the same
        // size and time stamp (same tick; 2 s on FAT): remember its hash only once it is older than that.
        boolean settled = a.lastModifiedTime().toMillis() < now - SETTLE_MILLIS;
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // Bounded: exactly the size the file had when we looked; a file that grows or shrinks meanwhile is
        // being written by someone, and its hash would describe neither version.
        byte[] buffer = new byte[1 << 20];
        long left = a.size();
        try (InputStream in = Files.newInputStream(path)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(path + ": shrank from " + a.size() + " bytes while it was being read");
                }
                md.update(buffer, 0, n);
                left -= n;
            }
            if (in.read() >= 0) {
                throw new IOException(path + ": grew beyond " + a.size() + " bytes while it was being read");
            }
        }
        String h = HexFormat.of().formatHex(md.digest());
        if (settled) {
            memo.put(memoKey, h);
        }
        return h;
    }
}
