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
package org.ferrum.core;

/**
 * Text cells of the CSV files Ferrum writes, made safe to open in a spreadsheet: the one place where every CSV writer
 * of the project (pipeline tables, study export, chart data) quotes text and neutralises formulas.
 *
 * <p><b>Formula injection.</b> Spreadsheets (Excel, LibreOffice Calc, Google Sheets) run a cell as a formula when its
 * text starts with {@code =}, {@code +}, {@code -} or {@code @}, and some also after a leading tab, carriage return or
 * NUL; a subject code or region name such as {@code =HYPERLINK("http://…", "x")} would then act when a colleague
 * opens the export. As the OWASP "CSV Injection" page recommends (and ASVS requirement 1.2.10 repeats, adding NUL),
 * such a text is written inside a quoted cell with a single quote in front: {@code "'=HYPERLINK(…)"}, which a
 * spreadsheet shows as text.
 *
 * <p><b>Round trip.</b> {@link #restore} undoes {@link #neutralize} exactly, so Ferrum's own CSV readers get the
 * original text back. A text that itself starts with a quote followed by one of those characters or by another quote
 * (e.g. {@code '=x} or {@code ''a}) gets one more quote in front too, so the two cases stay distinct:
 * {@code =x} is written {@code '=x}, {@code '=x} is written {@code ''=x}. Any other text starting with a quote (e.g.
 * {@code 'a}) is written as it is, and read back as it is — so a hand-made file with {@code 'note} keeps its quote.
 * Only quoted cells are restored when reading; Ferrum quotes every text cell it writes.
 *
 * <p>Numbers are not text: Ferrum writes them unquoted and unchanged ({@code -1.5} stays a number in a spreadsheet).
 */
public final class CsvCells {

    /** The quote put in front of a text a spreadsheet would run as a formula. */
    public static final char FORMULA_GUARD = '\'';

    private CsvCells() {}

    /** True if a spreadsheet would treat a cell starting with {@code c} as a formula (OWASP's list, and NUL). */
    public static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\0';
    }

    /**
     * The text as it goes inside a quoted cell: with {@link #FORMULA_GUARD} in front if it starts like a formula, or
     * if it starts with the guard followed by a formula start or by another guard (so that {@link #restore} can tell
     * the two apart); otherwise unchanged.
     */
    public static String neutralize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (isFormulaStart(first) || first == FORMULA_GUARD && text.length() > 1 && isGuarded(text.charAt(1))) {
            return FORMULA_GUARD + text;
        }
        return text;
    }

    /** The inverse of {@link #neutralize}: {@code restore(neutralize(s)).equals(s)} for every string. */
    public static String restore(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == FORMULA_GUARD && isGuarded(cell.charAt(1))) {
            return cell.substring(1);
        }
        return cell;
    }

    private static boolean isGuarded(char second) {
        return isFormulaStart(second) || second == FORMULA_GUARD;
    }

    /** A text cell, always quoted (RFC 4180 §2.5–2.7: a quote inside is doubled), with formulas neutralised. */
    public static String quoted(String text) {
        return '"' + neutralize(text).replace("\"", "\"\"") + '"';
    }

    /**
     * A text cell quoted only where it must be: when it holds a comma, a quote or a line break (RFC 4180), or when it
     * had to be neutralised (the guard is only safe inside quotes). For headers and for writers that leave plain
     * text unquoted.
     */
    public static String field(String text) {
        boolean plain = neutralize(text).equals(text)
                && text.indexOf(',') < 0
                && text.indexOf('"') < 0
                && text.indexOf('\n') < 0
                && text.indexOf('\r') < 0;
        return plain ? text : quoted(text);
    }
}
