package org.ferrum.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code testdata/} folder: system property {@code ferrum.testdata} (set by surefire), else found upwards from the working directory. */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        String p = System.getProperty("ferrum.testdata");
        if (p != null && Files.isDirectory(Path.of(p))) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata/gre"))) {
                return d.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/ not found; set -Dferrum.testdata");
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
