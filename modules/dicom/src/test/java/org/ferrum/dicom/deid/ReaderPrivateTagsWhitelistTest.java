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
package org.ferrum.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every private attribute that Ferrum's DICOM reading uses must be on the safe list, or a de-identified copy made
 * with the Retain Safe Private Option would lose what Ferrum needs to read it (b-values, mosaic geometry, Philips
 * scaling...). The private tags are found by scanning the dicom module's main sources for tag literals
 * ({@code 0xGGGGEEEE} and {@code tag(0xGGGG, 0xEEEE)}) with an odd group, so a new constant anywhere is caught
 * without anyone remembering to list it. {@code Tags.java} is skipped: it is the data dictionary that names
 * attributes for dumps and reads no value (checked below: its private constants are used nowhere else).
 */
class ReaderPrivateTagsWhitelistTest {

    private static final Pattern LITERAL = Pattern.compile("0x([0-9A-Fa-f]{4})([0-9A-Fa-f]{4})\\b");
    private static final Pattern CALL = Pattern.compile("tag\\(0x([0-9A-Fa-f]{4}),\\s*0x([0-9A-Fa-f]{4})\\)");

    private static Path mainSources() {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path dir = base.resolve("src/main/java/org/ferrum/dicom");
        assertTrue(Files.isDirectory(dir), "dicom main sources not found at " + dir.toAbsolutePath());
        return dir;
    }

    /** (group, low byte) of each private tag literal → the source files that hold it. */
    private static Map<String, Set<String>> privateTagsInSources() throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(mainSources())) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            if (f.getFileName().toString().equals("Tags.java")) {
                continue;
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (Pattern p : List.of(LITERAL, CALL)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    int group = Integer.parseInt(m.group(1), 16);
                    int element = Integer.parseInt(m.group(2), 16);
                    // odd groups above 0008 are private (PS3.5 7.8); below xx10 are creators and group lengths
                    if ((group & 1) == 1 && group > 0x0008 && group != 0xFFFF && element >= 0x1000) {
                        String key = String.format("%04X,0x%02X", group, element & 0xFF);
                        found.computeIfAbsent(key, k -> new TreeSet<>())
                                .add(f.getFileName().toString().replace(".java", ""));
                    }
                }
            }
        }
        return found;
    }

    /** (group, low byte) → source cell of each row of the shipped safe-private.tsv whose source names Ferrum. */
    private static Map<String, String> ferrumRows() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        try (InputStream in = DeidentificationProfile.class.getResourceAsStream(DeidentificationProfile.SAFE_PRIVATE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.startsWith("private_creator") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f[4].contains(DeidentificationProfile.SOURCE_FERRUM)) {
                    rows.put(f[1] + "," + f[2], f[4]);
                }
            }
        }
        return rows;
    }

    @Test
    void everyPrivateTagTheReaderUsesIsWhitelisted() throws IOException {
        Map<String, Set<String>> used = privateTagsInSources();
        assertTrue(used.size() >= 15, "the scan found the reader's private tags: " + used);
        Map<String, String> listed = ferrumRows();
        List<String> missing = new ArrayList<>();
        for (var e : used.entrySet()) {
            if (!listed.containsKey(e.getKey())) {
                missing.add("(" + e.getKey() + ") used in " + e.getValue());
            }
        }
        assertEquals(
                List.of(),
                missing,
                "private tags read by modules/dicom but not in safe-private.tsv with a " + "'Ferrum: read by' source");
    }

    @Test
    void everyFerrumRowIsReallyReadAndNamesAnExistingClass() throws IOException {
        Map<String, Set<String>> used = privateTagsInSources();
        for (var e : ferrumRows().entrySet()) {
            assertTrue(
                    used.containsKey(e.getKey()),
                    "safe-private.tsv says Ferrum reads (" + e.getKey()
                            + ") but no main source of modules/dicom holds that tag");
            for (String source : e.getValue().split("; ")) {
                if (source.startsWith(DeidentificationProfile.SOURCE_FERRUM)) {
                    String cls = source.substring(DeidentificationProfile.SOURCE_FERRUM.length());
                    assertTrue(
                            Files.isRegularFile(mainSources().resolve(cls + ".java")),
                            "source names class " + cls + ", which modules/dicom does not have");
                }
            }
        }
    }

    @Test
    void theDictionarysPrivateEntriesAreReadNowhere() throws IOException {
        Pattern use = Pattern.compile("Tags\\.(Siemens|GE|Philips)\\w*");
        try (Stream<Path> s = Files.walk(mainSources())) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.getFileName().toString().equals("Tags.java")) {
                    continue;
                }
                Matcher m = use.matcher(Files.readString(f, StandardCharsets.UTF_8));
                assertTrue(
                        !m.find(),
                        f.getFileName() + " reads " + (m.hitEnd() ? "" : m.group())
                                + " through the dictionary: the scan skips Tags.java, list the tag where it is read");
            }
        }
    }
}
