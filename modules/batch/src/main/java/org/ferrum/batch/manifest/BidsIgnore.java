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
package org.ferrum.batch.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a BIDS dataset's {@code .bidsignore} leaves out, plus the folders BIDS itself sets apart
 * ({@code derivatives/}, {@code sourcedata/}, {@code code/}: BIDS "Common principles", "Storage of derived datasets"
 * and "Source vs. raw vs. derived data"). Patterns follow {@code .gitignore}, as the BIDS validator reads them: blank
 * lines and {@code #} comments skipped; a trailing {@code /} matches folders only; a pattern with a {@code /} before
 * its end is anchored at the dataset root, one without matches a name at any depth; {@code *}, {@code ?},
 * {@code [..]} and {@code **} as in globs. Negation ({@code !}) is not supported and such lines are ignored.
 */
final class BidsIgnore {

    private record Rule(PathMatcher matcher, boolean anchored, boolean foldersOnly) {}

    private final Path root;
    private final List<Rule> rules = new ArrayList<>();

    private BidsIgnore(Path root) {
        this.root = root;
    }

    /** The rules of {@code root/.bidsignore} (if any) and BIDS' own. */
    static BidsIgnore of(Path root) throws IOException {
        BidsIgnore ignore = new BidsIgnore(root);
        for (String fixed : List.of("/derivatives/", "/sourcedata/", "/code/")) {
            ignore.add(fixed);
        }
        Path file = root.resolve(".bidsignore");
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String p = line.strip();
                if (!p.isEmpty() && !p.startsWith("#") && !p.startsWith("!")) {
                    ignore.add(p);
                }
            }
        }
        return ignore;
    }

    private void add(String pattern) {
        boolean foldersOnly = pattern.endsWith("/");
        String p = foldersOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return;
        }
        rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + p), anchored, foldersOnly));
    }

    /** True if {@code path} (inside the dataset) or a folder above it is ignored. */
    boolean ignores(Path path) {
        Path relative = root.relativize(path.toAbsolutePath().normalize());
        for (int k = 1; k <= relative.getNameCount(); k++) {
            Path prefix = relative.subpath(0, k);
            boolean folder = k < relative.getNameCount() || Files.isDirectory(path);
            for (Rule r : rules) {
                if (r.foldersOnly && !folder) {
                    continue;
                }
                if (r.matcher.matches(r.anchored ? prefix : prefix.getFileName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
