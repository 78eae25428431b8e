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

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.AtomicFiles;
import org.openide.util.Lookup;

/**
 * {@code --conformance DIR [--out DIR]}: runs every reference-suite file under a folder through the
 * {@link ConformanceSuite}s installed (found through Lookup, so each method module brings its own), prints one table
 * row per file (cases passed / total, the worst error as a fraction of its tolerance), lists failed cases, and
 * returns {@link HeadlessRunner#OK} only if every case of every recognised file passed and at least one file was
 * recognised. Files are recognised by their content (CSV header columns, JSON keys), never by name; {@code .csv} and
 * {@code .json} files no suite accepts are listed as not recognised and do not fail the run. With {@code --out}, every
 * case goes to {@code conformance.csv} there.
 */
public final class ConformanceCommand {

    /** Failed cases printed per file; the CSV has them all. */
    static final int FAILED_CASES_SHOWN = 10;

    private final Collection<? extends ConformanceSuite> suites;
    private final PrintStream out;
    private final PrintStream err;

    public ConformanceCommand(Collection<? extends ConformanceSuite> suites, PrintStream out, PrintStream err) {
        this.suites = suites.stream()
                .sorted(Comparator.comparing(ConformanceSuite::name))
                .toList();
        this.out = out;
        this.err = err;
    }

    /** With the suites registered in {@code Lookup.getDefault()}. */
    public static ConformanceCommand installed(PrintStream out, PrintStream err) {
        return new ConformanceCommand(Lookup.getDefault().lookupAll(ConformanceSuite.class), out, err);
    }

    /** Runs every file under {@code folder}; writes {@code conformance.csv} into {@code csvFolder} when not null. */
    public int run(Path folder, Path csvFolder) {
        if (!Files.isDirectory(folder)) {
            err.println("--conformance " + folder + ": not a folder");
            return HeadlessRunner.BAD_INPUT;
        }
        if (suites.isEmpty()) {
            err.println("--conformance: no conformance suite is installed (the method modules bring them)");
            return HeadlessRunner.FAILURE;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".csv") || n.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            err.println("--conformance " + folder + ": cannot list the folder: " + e.getMessage());
            return HeadlessRunner.FAILURE;
        }
        List<ConformanceReport> reports = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            ConformanceFile candidate;
            try {
                candidate = ConformanceFile.of(file);
            } catch (IOException e) {
                unreadable.add(folder.relativize(file) + ": " + e.getMessage());
                continue;
            }
            boolean accepted = false;
            for (ConformanceSuite suite : suites) {
                if (!suite.accepts(candidate)) {
                    continue;
                }
                accepted = true;
                try {
                    reports.add(suite.run(candidate, Cancellation.NEVER));
                } catch (IOException | RuntimeException e) {
                    unreadable.add(folder.relativize(file) + " (" + suite.name() + "): " + e.getMessage());
                }
            }
            if (!accepted) {
                unrecognised.add(folder.relativize(file).toString());
            }
        }
        printTable(folder, reports);
        for (String u : unreadable) {
            err.println("could not run " + u);
        }
        if (!unrecognised.isEmpty()) {
            out.println("not recognised by any installed suite (not judged): " + String.join(", ", unrecognised));
        }
        if (csvFolder != null) {
            try {
                Files.createDirectories(csvFolder);
                AtomicFiles.writeString(csvFolder.resolve("conformance.csv"), csv(folder, reports));
            } catch (IOException e) {
                err.println("--out " + csvFolder + ": cannot write conformance.csv: " + e.getMessage());
                return HeadlessRunner.FAILURE;
            }
        }
        long cases = reports.stream().mapToLong(r -> r.cases().size()).sum();
        long passed = reports.stream().mapToLong(ConformanceReport::passed).sum();
        boolean ok =
                !reports.isEmpty() && unreadable.isEmpty() && reports.stream().allMatch(ConformanceReport::allPassed);
        out.println((ok ? "PASS" : "FAIL") + ": " + passed + " of " + cases + " cases passed in " + reports.size()
                + " file" + (reports.size() == 1 ? "" : "s")
                + (unreadable.isEmpty() ? "" : "; " + unreadable.size() + " could not be run")
                + (reports.isEmpty() ? "; no reference-suite file found in " + folder : ""));
        return ok ? HeadlessRunner.OK : HeadlessRunner.FAILURE;
    }

    private void printTable(Path folder, List<ConformanceReport> reports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"file", "suite", "passed", "worst error / tolerance", "worst case", "result"});
        for (ConformanceReport r : reports) {
            var worst = r.worst();
            rows.add(new String[] {
                folder.relativize(r.file()).toString(),
                r.suite(),
                r.passed() + " / " + r.cases().size(),
                worst.map(c -> format(c.errorOverTolerance())).orElse("-"),
                worst.map(c -> c.label() + ", " + c.quantity()).orElse("-"),
                r.allPassed() ? "pass" : "FAIL"
            });
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                b.append(String.format(Locale.ROOT, "%-" + width[c] + "s", rows.get(i)[c]));
                if (c < width.length - 1) {
                    b.append("  ");
                }
            }
            out.println(b.toString().stripTrailing());
            if (i == 0) {
                out.println("-".repeat(b.toString().stripTrailing().length()));
            }
        }
        for (ConformanceReport r : reports) {
            for (String note : r.notes()) {
                out.println(folder.relativize(r.file()) + ": " + note);
            }
            List<ConformanceCase> failed =
                    r.cases().stream().filter(c -> !c.passed()).toList();
            for (int i = 0; i < Math.min(failed.size(), FAILED_CASES_SHOWN); i++) {
                ConformanceCase c = failed.get(i);
                out.println("  failed " + folder.relativize(r.file()) + " " + c.label() + " " + c.quantity()
                        + ": reference " + format(c.reference()) + ", Ferrum " + format(c.measured())
                        + ", tolerance " + format(c.tolerance()));
            }
            if (failed.size() > FAILED_CASES_SHOWN) {
                out.println("  … and " + (failed.size() - FAILED_CASES_SHOWN) + " more failed cases in "
                        + folder.relativize(r.file()));
            }
        }
    }

    private static String csv(Path folder, List<ConformanceReport> reports) {
        StringBuilder b = new StringBuilder(
                "file,suite,case,quantity,reference,measured,atol,rtol,error,error_over_tolerance,judged,passed,note\n");
        for (ConformanceReport r : reports) {
            for (ConformanceCase c : r.cases()) {
                b.append(quote(folder.relativize(r.file()).toString()))
                        .append(',')
                        .append(quote(r.suite()))
                        .append(',')
                        .append(quote(c.label()))
                        .append(',')
                        .append(quote(c.quantity()))
                        .append(',')
                        .append(c.reference())
                        .append(',')
                        .append(c.measured())
                        .append(',')
                        .append(c.atol())
                        .append(',')
                        .append(c.rtol())
                        .append(',')
                        .append(c.error())
                        .append(',')
                        .append(c.errorOverTolerance())
                        .append(',')
                        .append(c.judged())
                        .append(',')
                        .append(c.passed())
                        .append(',')
                        .append(quote(c.note()))
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        // 4 significant digits without trailing zeros: 1, 0.5, 2.345
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}
