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

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code testdata/} folder: system property {@code ferrum.testdata} (set by surefire), else found upwards from the working directory. */
public final class TestData {

    private TestData() {}

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
