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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrum.core.Table;
import org.ferrum.core.statistics.CohenKappa;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.FleissKappa;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.table.TableCsv;
import org.ferrum.io.table.TableFormatException;

/**
 * {@code --agreement RATINGS.csv [--weights none|linear|quadratic] [--json FILE]}: inter- or intra-observer agreement
 * of readers who put items into integer categories.
 *
 * <p>RATINGS.csv (RFC 4180, read by {@link TableCsv}) has a column {@code item} (unique, non-empty) and one column per
 * reader, named for the reader, whose cells are integer categories (empty = not rated). Two reader columns give
 * Cohen's kappa ({@link CohenKappa}, weights as asked, default none), more give Fleiss' kappa ({@link FleissKappa},
 * unweighted: {@code --weights linear|quadratic} is refused). For intra-observer agreement, the two columns are one
 * reader's two sessions.
 *
 * <p><b>Missing ratings.</b> An item that some reader did not rate is left out of the statistic (kappa needs every
 * item rated by every reader: Cohen's table pairs ratings, Fleiss' formula assumes m ratings per item); the summary and
 * the JSON give how many and which ({@code items_excluded}, {@code excluded_items}), never silently.
 *
 * <p><b>Bad input</b> (exit 2, one line per problem on stderr): no such file or not a table, no {@code item} column,
 * fewer than two reader columns, a reader column named twice, a cell that is not an integer ({@code file:line:column}),
 * an empty or duplicate item, no item rated by every reader, weights with more than two readers. Line numbers count
 * the header as line 1 and one line per record (a quoted cell spanning lines would shift them, as in the study CSV
 * import). Exit 1 if the JSON cannot be written; it is written atomically, so a failed run leaves none.
 *
 * <p>JSON keys: {@code kappa}, {@code ase} (the general ASE for Cohen, the jackknife SE for Fleiss), {@code ci_low},
 * {@code ci_high} (κ ± 1.96·ase), {@code ase_h0}, {@code n} (items used), and {@code method}, {@code weights},
 * {@code ase_method}, {@code z}, {@code p}, {@code observed_agreement}, {@code expected_agreement}, {@code readers},
 * {@code categories}, {@code items}, {@code items_excluded}, {@code excluded_items}, {@code note}. Undefined figures
 * (e.g. κ when every rating is one category) are JSON {@code null}.
 */
public final class AgreementCommand {

    /** The column that names the items. */
    public static final String ITEM_COLUMN = "item";

    /** Excluded items listed by name in the summary (the JSON lists them all). */
    static final int EXCLUDED_SHOWN = 10;

    private final PrintStream out;
    private final PrintStream err;

    public AgreementCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command; returns {@link HeadlessRunner#OK}, {@link HeadlessRunner#BAD_INPUT} or
     * {@link HeadlessRunner#FAILURE}.
     *
     * @param weights {@code none}, {@code linear}, {@code quadratic}, or null (none)
     * @param json    where to write the JSON, or null
     */
    public int run(Path ratings, String weights, Path json) {
        CohenKappa.Weights w = CohenKappa.Weights.NONE;
        if (weights != null) {
            try {
                w = CohenKappa.Weights.valueOf(weights.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("--weights must be none, linear or quadratic, got '" + weights + "'");
                return HeadlessRunner.BAD_INPUT;
            }
        }
        Table table;
        try {
            table = TableCsv.read(ratings);
        } catch (NoSuchFileException e) {
            err.println(ratings + ": no such file");
            return HeadlessRunner.BAD_INPUT;
        } catch (TableFormatException e) {
            err.println(ratings + ": "
                    + e.getMessage()
                            .replaceFirst(
                                    "^" + java.util.regex.Pattern.quote(String.valueOf(ratings.getFileName())) + ": ",
                                    ""));
            return HeadlessRunner.BAD_INPUT;
        } catch (IOException e) {
            err.println(ratings + ": cannot read: " + e.getMessage());
            return HeadlessRunner.BAD_INPUT;
        }
        Ratings parsed = parse(ratings, table);
        if (!parsed.problems.isEmpty()) {
            parsed.problems.forEach(err::println);
            return HeadlessRunner.BAD_INPUT;
        }
        int readers = parsed.readers.size();
        if (readers > 2 && w != CohenKappa.Weights.NONE) {
            err.println("--weights " + weights + " applies to two readers only (weighted Cohen's kappa); " + ratings
                    + " has " + readers + " readers, for which Fleiss' kappa is unweighted");
            return HeadlessRunner.BAD_INPUT;
        }
        if (parsed.items == 0) {
            err.println(ratings + ": no items (only the header line)");
            return HeadlessRunner.BAD_INPUT;
        }
        if (parsed.complete.isEmpty()) {
            err.println(ratings + ": no item was rated by every reader (" + parsed.excluded.size() + " item"
                    + (parsed.excluded.size() == 1 ? "" : "s") + " with a rating missing)");
            return HeadlessRunner.BAD_INPUT;
        }
        int[][] rows = parsed.complete.toArray(int[][]::new);
        Summary s;
        if (readers == 2) {
            int[] a = new int[rows.length];
            int[] b = new int[rows.length];
            for (int t = 0; t < rows.length; t++) {
                a[t] = rows[t][0];
                b[t] = rows[t][1];
            }
            CohenKappa.Result r = CohenKappa.of(a, b, w);
            s = new Summary(
                    "Cohen's kappa" + (w == CohenKappa.Weights.NONE ? "" : " (" + name(w) + " weights)"),
                    "cohen",
                    name(w),
                    "Fleiss, Cohen & Everitt 1969",
                    r.kappa(),
                    r.ase(),
                    r.ci95(),
                    r.aseH0(),
                    r.z(),
                    r.p(),
                    r.observed(),
                    r.expected(),
                    r.n(),
                    r.categories(),
                    r.note());
        } else {
            FleissKappa.Result r = FleissKappa.ofRatings(rows);
            s = new Summary(
                    "Fleiss' kappa",
                    "fleiss",
                    "none",
                    "jackknife over items",
                    r.kappa(),
                    r.ase(),
                    r.ci95(),
                    r.aseH0(),
                    r.z(),
                    r.p(),
                    r.observed(),
                    r.expected(),
                    r.subjects(),
                    r.categories(),
                    r.note());
        }
        print(ratings, parsed, s);
        if (json != null) {
            try {
                AtomicFiles.writeString(json, json(parsed, s));
            } catch (IOException e) {
                err.println("--json " + json + ": cannot write: " + e.getMessage());
                return HeadlessRunner.FAILURE;
            }
        }
        return HeadlessRunner.OK;
    }

    private static String name(CohenKappa.Weights w) {
        return w.name().toLowerCase(Locale.ROOT);
    }

    /** One kappa, as printed and written. */
    private record Summary(
            String title,
            String method,
            String weights,
            String aseMethod,
            double kappa,
            double ase,
            ConfidenceInterval ci,
            double aseH0,
            double z,
            double p,
            double observed,
            double expected,
            long n,
            int[] categories,
            String note) {}

    /** The table read as ratings, or the problems found in it. */
    private static final class Ratings {
        final List<String> problems = new ArrayList<>();
        final List<String> readers = new ArrayList<>();
        final List<int[]> complete = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();
        int items;
    }

    private static Ratings parse(Path file, Table table) {
        Ratings r = new Ratings();
        List<Table.Column> columns = table.columns();
        int itemColumn = -1;
        List<Integer> readerColumns = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c).name();
            Integer before = seen.putIfAbsent(name, c);
            if (before != null) {
                r.problems.add(file + ":1:" + (c + 1) + ": column '" + name + "' is named twice (also column "
                        + (before + 1) + "): each reader needs a column of their own");
            } else if (name.equals(ITEM_COLUMN)) {
                itemColumn = c;
            } else {
                readerColumns.add(c);
                r.readers.add(name);
            }
        }
        if (itemColumn < 0) {
            r.problems.add(file + ":1: no column '" + ITEM_COLUMN + "' (the header has "
                    + columns.stream().map(Table.Column::name).toList() + ")");
        }
        if (readerColumns.size() < 2) {
            r.problems.add(
                    file + ":1: " + readerColumns.size() + " reader column" + (readerColumns.size() == 1 ? "" : "s")
                            + " besides '" + ITEM_COLUMN + "': agreement needs at least two (one column per reader)");
        }
        if (!r.problems.isEmpty()) {
            return r;
        }
        Map<String, Integer> itemLines = new HashMap<>();
        r.items = table.rowCount();
        for (int row = 0; row < table.rowCount(); row++) {
            int line = row + 2;
            String item = text(table.cell(row, itemColumn));
            if (item.isBlank()) {
                r.problems.add(file + ":" + line + ":" + (itemColumn + 1) + ": the item is empty");
            } else {
                Integer first = itemLines.putIfAbsent(item, line);
                if (first != null) {
                    r.problems.add(file + ":" + line + ":" + (itemColumn + 1) + ": item '" + item
                            + "' already on line " + first + " (each item once; a second reading session is a"
                            + " column of its own)");
                }
            }
            int[] ratings = new int[readerColumns.size()];
            boolean missing = false;
            for (int k = 0; k < readerColumns.size(); k++) {
                int c = readerColumns.get(k);
                Object cell = table.cell(row, c);
                String t = text(cell).strip();
                if (t.isEmpty()) {
                    missing = true;
                    continue;
                }
                Integer v = integer(cell, t);
                if (v == null) {
                    r.problems.add(file + ":" + line + ":" + (c + 1) + ": reader '"
                            + columns.get(c).name() + "': '" + t + "' is not an integer category");
                } else {
                    ratings[k] = v;
                }
            }
            if (missing) {
                r.excluded.add(item);
            } else {
                r.complete.add(ratings);
            }
        }
        return r;
    }

    /** A cell as text: numbers as TableCsv writes them (whole numbers without a fraction), NaN as empty. */
    private static String text(Object cell) {
        if (cell instanceof Double d) {
            if (d.isNaN()) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return (String) cell;
    }

    private static Integer integer(Object cell, String text) {
        if (cell instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d.doubleValue() : null;
        }
        try {
            return Integer.valueOf(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void print(Path file, Ratings parsed, Summary s) {
        out.println(s.title + " of " + parsed.readers.size() + " readers (" + String.join(", ", parsed.readers)
                + ") on " + s.n + " items, categories " + join(s.categories));
        row("kappa", f(s.kappa));
        row("ASE", f(s.ase) + "  (" + s.aseMethod + ")");
        row("95% CI", s.ci.defined() ? f(s.ci.lower()) + " to " + f(s.ci.upper()) : "-");
        row("ASE under H0", f(s.aseH0));
        row("z", f(s.z));
        row("p (two-sided)", Double.isFinite(s.p) ? String.format(Locale.ROOT, "%.4g", s.p) : "-");
        row("agreement", "observed " + f(s.observed) + ", expected by chance " + f(s.expected));
        int excluded = parsed.excluded.size();
        String list = excluded == 0
                ? ""
                : ": " + String.join(", ", parsed.excluded.subList(0, Math.min(excluded, EXCLUDED_SHOWN)))
                        + (excluded > EXCLUDED_SHOWN ? ", … (" + (excluded - EXCLUDED_SHOWN) + " more)" : "");
        row("excluded", excluded + " of " + parsed.items + " items (not rated by every reader)" + list);
        if (!s.note.isEmpty()) {
            out.println("note: " + s.note);
        }
    }

    private void row(String label, String value) {
        out.println(String.format(Locale.ROOT, "  %-14s %s", label, value));
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    private static String join(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int v : values) {
            b.append(b.length() == 0 ? "" : ", ").append(v);
        }
        return b.toString();
    }

    private static String json(Ratings parsed, Summary s) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = mapper.createObjectNode();
        number(o, "kappa", s.kappa);
        number(o, "ase", s.ase);
        number(o, "ci_low", s.ci.lower());
        number(o, "ci_high", s.ci.upper());
        number(o, "ase_h0", s.aseH0);
        o.put("n", s.n);
        o.put("method", s.method);
        o.put("weights", s.weights);
        o.put("ase_method", s.aseMethod);
        number(o, "z", s.z);
        number(o, "p", s.p);
        number(o, "observed_agreement", s.observed);
        number(o, "expected_agreement", s.expected);
        ArrayNode readers = o.putArray("readers");
        parsed.readers.forEach(readers::add);
        ArrayNode categories = o.putArray("categories");
        for (int c : s.categories) {
            categories.add(c);
        }
        o.put("items", parsed.items);
        o.put("items_excluded", parsed.excluded.size());
        ArrayNode excluded = o.putArray("excluded_items");
        parsed.excluded.forEach(excluded::add);
        o.put("note", s.note);
        return mapper.writeValueAsString(o) + "\n";
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
