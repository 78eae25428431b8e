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
package org.ferrum.pipeline.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --conformance}: files recognised by columns, the pass table, failures listed, exit status. */
class ConformanceCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Reads "label,x,ref" files: measured = x, reference = ref, atol 0.1. */
    private static final class XSuite implements ConformanceSuite {
        @Override
        public String name() {
            return "test suite x";
        }

        @Override
        public boolean accepts(ConformanceFile file) {
            return file.hasColumns("label", "x", "ref");
        }

        @Override
        public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
            List<ConformanceCase> cases = new ArrayList<>();
            List<String> lines = Files.readAllLines(file.path());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length != 3) {
                    throw new IOException(file.path().getFileName() + ": line '" + line + "' has " + f.length
                            + " fields, expected 3");
                }
                cases.add(ConformanceCase.judged(
                        f[0], "x (1)", Double.parseDouble(f[2]), Double.parseDouble(f[1]), 0.1, 0));
            }
            return new ConformanceReport(name(), file.path(), cases, List.of());
        }
    }

    private ConformanceCommand command() {
        return new ConformanceCommand(
                List.of(new XSuite()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passingFilesGiveZeroAndATableRowEach() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.csv"), "label,x,ref\nc1,1.05,1\nc2,2,2\n");
        // found by its columns, whatever its name; in a sub-folder
        Files.writeString(
                dir.resolve("sub/anything.csv"),
                "ref,x,label\n1,1,c\n".replace("ref,x,label", "label,x,ref").replace("1,1,c", "c,1,1"));
        Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        Files.writeString(dir.resolve("LICENSE"), "text");
        Path csv = dir.resolve("report");
        assertEquals(HeadlessRunner.OK, command().run(dir, csv), stdout() + err);
        String s = stdout();
        assertTrue(s.contains("a.csv") && s.contains("2 / 2") && s.contains("0.5"), s);
        assertTrue(s.contains("sub/anything.csv") && s.contains("1 / 1"), s);
        assertTrue(s.contains("not recognised by any installed suite (not judged): other.csv"), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith("PASS: 3 of 3 cases passed in 2 files")), s);
        List<String> rows = Files.readAllLines(csv.resolve("conformance.csv"));
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("a.csv,test suite x,c1,x (1),1.0,1.05,"), rows.get(1));
    }

    @Test
    void aFailedCaseFailsTheRunAndIsListed() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "label,x,ref\nc1,1.5,1\nc2,2,2\n");
        assertEquals(HeadlessRunner.FAILURE, command().run(dir, null));
        String s = stdout();
        assertTrue(s.contains("1 / 2") && s.contains("FAIL"), s);
        assertTrue(s.contains("failed a.csv c1 x (1): reference 1, Ferrum 1.5, tolerance 0.1"), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith("FAIL: 1 of 2 cases passed")), s);
    }

    @Test
    void anUnreadableFileIsNamedAndFailsTheRun() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "label,x,ref\nc1,1\n");
        assertEquals(HeadlessRunner.FAILURE, command().run(dir, null));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("could not run bad.csv (test suite x): bad.csv: line 'c1,1' has 2 fields"), e);
    }

    @Test
    void noRecognisedFileOrNoFolderIsNotAPass() throws IOException {
        Files.writeString(dir.resolve("other.csv"), "a,b\n");
        assertEquals(HeadlessRunner.FAILURE, command().run(dir, null));
        assertTrue(stdout().contains("no reference-suite file found"), stdout());
        assertEquals(HeadlessRunner.BAD_INPUT, command().run(dir.resolve("missing"), null));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing: not a folder"));
    }
}
