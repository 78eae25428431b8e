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
package org.ferrum.io.table;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ferrum.io.AtomicFiles;

/**
 * Label tables (the names and colours of a label map's values) in the two formats that segmentation tools exchange.
 *
 * <h2>BIDS {@code dseg.tsv}</h2>
 * The table beside a discrete segmentation {@code <prefix>_dseg.nii.gz} (BIDS specification, "Derivatives: imaging data
 * types, segmentations", discrete segmentation lookup table): tab-separated values with a header row; the columns
 * {@code index} (integer) and {@code name} are required, {@code color} ({@code #rrggbb}) is optional, other columns
 * ({@code abbreviation}, {@code mapping}) are allowed and ignored; {@code n/a} is an absent value. {@link #writeDseg}
 * writes {@code index, name} and, if any label has a colour, {@code color}.
 *
 * <h2>FreeSurfer colour look-up table</h2>
 * The format of FreeSurfer's {@code FreeSurferColorLUT.txt}: one label per line, six whitespace-separated fields
 * {@code index name R G B A} (R, G, B, A integers 0–255); lines starting with {@code #} and blank lines are comments.
 * Names cannot hold spaces in this format, so {@link #writeFreeSurferLut} writes each run of white space in a name as
 * one {@code _}; A is written as 0 and ignored when read (the label map's overlay has its own opacity). A label without a
 * colour is written grey (128 128 128).
 *
 * <p>Every refusal is one {@link TableFormatException} line naming the file and the line, e.g.
 * {@code "labels.tsv: line 3: index 2 appears twice (first on line 2)"}.
 */
public final class LabelTableFiles {

    private static final Pattern WHITE = Pattern.compile("\\s+");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int GREY = 0x808080;

    private LabelTableFiles() {}

    /** Reads a label table, {@code .tsv} as BIDS dseg, anything else ({@code .txt}, {@code .ctbl}, …) as a FreeSurfer LUT. */
    public static LabelTable read(Path file) throws IOException {
        return isTsv(file) ? readDseg(file) : readFreeSurferLut(file);
    }

    /** Writes a label table, {@code .tsv} as BIDS dseg, anything else as a FreeSurfer LUT. */
    public static void write(LabelTable table, Path file) throws IOException {
        if (isTsv(file)) {
            writeDseg(table, file);
        } else {
            writeFreeSurferLut(table, file);
        }
    }

    private static boolean isTsv(Path file) {
        return file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
    }

    // ---- BIDS dseg.tsv ---------------------------------------------------------------------------------------------

    public static LabelTable readDseg(Path file) throws IOException {
        return readDseg(name(file), lines(file));
    }

    /**
     * A dseg table given as text (e.g. a resource), {@code where} naming it in messages.
     *
     * @throws TableFormatException as {@link #readDseg(Path)}
     */
    public static LabelTable readDseg(String where, String text) throws TableFormatException {
        return readDseg(where, new ArrayList<>(List.of(text.split("\r?\n", -1))));
    }

    private static LabelTable readDseg(String where, List<String> lines) throws TableFormatException {
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new TableFormatException(where + ": line 1: no header (a dseg.tsv starts with the column names, "
                    + "index and name at least)");
        }
        String[] header = lines.get(0).split("\t", -1);
        int index = -1, name = -1, color = -1;
        for (int c = 0; c < header.length; c++) {
            String h = header[c].strip();
            if (c == 0 && h.startsWith("\uFEFF")) {
                h = h.substring(1);
            }
            switch (h) {
                case "index" -> index = c;
                case "name" -> name = c;
                case "color" -> color = c;
                default -> {}
            }
        }
        if (index < 0 || name < 0) {
            throw new TableFormatException(where + ": line 1: no '" + (index < 0 ? "index" : "name")
                    + "' column (a dseg.tsv needs index and name; the header is '"
                    + lines.get(0).replace('\t', ' ') + "')");
        }
        List<LabelTable.Label> labels = new ArrayList<>();
        Map<Integer, Integer> firstLine = new HashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            int lineNo = n + 1;
            if (line.isEmpty() && n == lines.size() - 1) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != header.length) {
                throw new TableFormatException(where + ": line " + lineNo + ": " + cells.length
                        + " cells, but the header has " + header.length + " columns (cells are separated by tabs)");
            }
            int ix = index(cells[index].strip(), where, lineNo);
            String nm = cells[name].strip();
            if (nm.isEmpty() || nm.equals("n/a")) {
                throw new TableFormatException(where + ": line " + lineNo + ": label " + ix + " has no name");
            }
            int rgb = -1;
            if (color >= 0) {
                String c = cells[color].strip();
                if (!c.isEmpty() && !c.equals("n/a")) {
                    if (!HEX.matcher(c).matches()) {
                        throw new TableFormatException(where + ": line " + lineNo + ": color '" + c
                                + "' is not #rrggbb (six hexadecimal digits)");
                    }
                    rgb = Integer.parseInt(c.substring(1), 16);
                }
            }
            Integer first = firstLine.putIfAbsent(ix, lineNo);
            if (first != null) {
                throw new TableFormatException(
                        where + ": line " + lineNo + ": index " + ix + " appears twice (first on line " + first + ")");
            }
            labels.add(new LabelTable.Label(ix, nm, rgb));
        }
        return new LabelTable(labels);
    }

    public static void writeDseg(LabelTable table, Path file) throws IOException {
        boolean colours = table.labels().stream().anyMatch(LabelTable.Label::hasColour);
        StringBuilder out = new StringBuilder(colours ? "index\tname\tcolor\n" : "index\tname\n");
        for (LabelTable.Label l : table.labels()) {
            if (l.name().matches("(?s).*[\t\r\n].*")) {
                throw new IllegalArgumentException("label " + l.index() + "'s name '" + l.name()
                        + "' holds a tab or a line break, which a dseg.tsv cannot hold");
            }
            out.append(l.index()).append('\t').append(l.name());
            if (colours) {
                out.append('\t').append(l.hexColour().orElse("n/a"));
            }
            out.append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

    // ---- FreeSurfer LUT --------------------------------------------------------------------------------------------

    public static LabelTable readFreeSurferLut(Path file) throws IOException {
        List<String> lines = lines(file);
        String where = name(file);
        List<LabelTable.Label> labels = new ArrayList<>();
        Map<Integer, Integer> firstLine = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            int lineNo = n + 1;
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = WHITE.split(line);
            if (f.length != 6) {
                throw new TableFormatException(where + ": line " + lineNo + ": " + f.length
                        + " fields, but a colour table line has 6: index name R G B A");
            }
            int ix = index(f[0], where, lineNo);
            int r = channel(f[2], "R", where, lineNo),
                    g = channel(f[3], "G", where, lineNo),
                    b = channel(f[4], "B", where, lineNo);
            channel(f[5], "A", where, lineNo);
            Integer first = firstLine.putIfAbsent(ix, lineNo);
            if (first != null) {
                throw new TableFormatException(
                        where + ": line " + lineNo + ": index " + ix + " appears twice (first on line " + first + ")");
            }
            labels.add(new LabelTable.Label(ix, f[1], (r << 16) | (g << 8) | b));
        }
        return new LabelTable(labels);
    }

    public static void writeFreeSurferLut(LabelTable table, Path file) throws IOException {
        StringBuilder out =
                new StringBuilder("# Label colour table (FreeSurferColorLUT.txt format): index name R G B A\n");
        for (LabelTable.Label l : table.labels()) {
            int c = l.hasColour() ? l.rgb() : GREY;
            out.append(String.format(
                            Locale.ROOT,
                            "%-5d %-32s %3d %3d %3d %d%n",
                            l.index(),
                            WHITE.matcher(l.name().strip()).replaceAll("_"),
                            (c >> 16) & 0xFF,
                            (c >> 8) & 0xFF,
                            c & 0xFF,
                            0)
                    .replace(System.lineSeparator(), "\n"));
        }
        AtomicFiles.writeString(file, out.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static List<String> lines(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new ArrayList<>(List.of(text.split("\r?\n", -1)));
        } catch (CharacterCodingException e) {
            throw new TableFormatException(name(file) + ": not UTF-8 text", e);
        }
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static int index(String cell, String where, int lineNo) throws TableFormatException {
        try {
            int ix = Integer.parseInt(cell);
            if (ix >= 0) {
                return ix;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TableFormatException(
                where + ": line " + lineNo + ": index '" + cell + "' is not a whole number 0 or more");
    }

    private static int channel(String cell, String what, String where, int lineNo) throws TableFormatException {
        try {
            int v = Integer.parseInt(cell);
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TableFormatException(
                where + ": line " + lineNo + ": " + what + " '" + cell + "' is not a whole number from 0 to 255");
    }
}
