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

/**
 * Content hashes (SHA-256, hex) of input files and folders, for cache keys and provenance. A folder's
 * hash covers the relative names and contents of all regular files below it, in sorted order. Hashes
 * are remembered per path, size and modification time, so unchanged inputs are not read twice.
 */
final class FileFingerprints {

    private final Map<String, String> memo = new ConcurrentHashMap<>();

    /** The hash of a file or folder, or null if the path does not exist (e.g. an output path). */
    String hash(Path path) throws IOException {
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
                listing.append(path.relativize(f).toString().replace('\\', '/')).append('\u0000').append(hash(f)).append('\n');
            }
            return NodeSignature.sha256(listing.toString());
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        String memoKey = path.toAbsolutePath().normalize() + "\u0000" + a.size() + "\u0000" + a.lastModifiedTime().toMillis();
        String known = memo.get(memoKey);
        if (known != null) {
            return known;
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                md.update(buffer, 0, n);
            }
        }
        String h = HexFormat.of().formatHex(md.digest());
        memo.put(memoKey, h);
        return h;
    }
}
