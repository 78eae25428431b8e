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
package org.ferrum.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ferrum.core.statistics.RepeatabilityCoefficient;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Every export format produces a valid file; CSV round-trips the plotted numbers; a failed export changes nothing. */
class ChartExportTest {

    @TempDir
    Path dir;

    @Test
    void pngDecodesAtTheRequestedSize() throws IOException {
        PlottedChart p = LicOverTimeChart.create("FE-001", Cohort.licVisits());
        Path png = dir.resolve("lic.png");
        ChartExport.write(p.chart(), p.data(), png, ChartExport.Format.PNG, 640, 400);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertNoLeftovers();
        // an exported figure is a normal file others may read (the temporary file's rw------- was kept before)
        if (java.nio.file.Files.getFileAttributeView(png, java.nio.file.attribute.PosixFileAttributeView.class)
                != null) {
            assertEquals(
                    "rw-r--r--",
                    java.nio.file.attribute.PosixFilePermissions.toString(
                            java.nio.file.Files.getPosixFilePermissions(png)));
        }
    }

    @Test
    void svgIsXmlWithTheSeriesAndBandsAsText() throws Exception {
        Path svg = dir.resolve("lic.svg");
        ChartExport.write(LicOverTimeChart.create("FE-001", Cohort.licVisits()), svg);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            words.add(texts.item(i).getTextContent());
        }
        assertTrue(words.contains(LicOverTimeChart.QSM), words.toString());
        assertTrue(words.contains(LicOverTimeChart.R2STAR), words.toString());
        assertTrue(words.contains("< 3.2 low"), "band label escaped and kept: " + words);
    }

    @Test
    void pdfIsAPdfDocumentOfSomeSize() throws IOException {
        Path pdf = dir.resolve("iron.pdf");
        ChartExport.write(IronBalanceChart.create(Cohort.ironBalance()), pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"), text.substring(0, 8));
        assertTrue(text.stripTrailing().endsWith("%%EOF"));
        assertTrue(bytes.length > 5_000, "a chart, not an empty page: " + bytes.length + " bytes");
        assertTrue(text.contains("/Page"));
    }

    @Test
    void csvRoundTripsThePlottedValuesWithUnitsInTheHeader() throws IOException {
        PlottedChart p = LicOverTimeChart.create("FE-001, liver", Cohort.licVisits());
        Path csv = dir.resolve("lic.csv");
        ChartExport.write(p, csv);
        List<List<String>> rows = parseCsv(Files.readString(csv));
        assertEquals(List.of("subject", "date", "LIC from QSM [mg Fe/g dw]", "LIC from R2* [mg Fe/g dw]"), rows.get(0));
        assertEquals(6, rows.size());
        List<LicObservation> visits = Cohort.licVisits();
        for (int i = 0; i < visits.size(); i++) {
            List<String> r = rows.get(i + 1);
            assertEquals("FE-001, liver", r.get(0), "a comma inside a field is quoted and read back");
            assertEquals(visits.get(i).date(), LocalDate.parse(r.get(1)));
            assertEquals(visits.get(i).licQsm(), Double.parseDouble(r.get(2)));
            double r2s = r.get(3).isEmpty() ? Double.NaN : Double.parseDouble(r.get(3));
            assertEquals(visits.get(i).licR2star(), r2s);
        }
        assertEquals("", rows.get(4).get(3), "missing R2* is an empty field");
    }

    @Test
    void csvOfTheIronBalanceCarriesTheFittedLine() throws IOException {
        Path csv = dir.resolve("iron.csv");
        ChartExport.write(IronBalanceChart.create(Cohort.ironBalance()), csv);
        List<List<String>> rows = parseCsv(Files.readString(csv));
        assertEquals("transfusional iron intake [mg Fe/kg/day]", rows.get(0).get(2));
        assertEquals(9, rows.size());
        double[] fitted = rows.subList(1, 5).stream()
                .mapToDouble(r -> Double.parseDouble(r.get(4)))
                .toArray();
        assertArrayEquals(new double[] {1.9, 3.8, 5.7, 7.6}, fitted, 1e-12); // 0 + 1.9·intake
    }

    @Test
    void aFailedExportLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path png = dir.resolve("chart.png");
        Files.writeString(png, "old");
        XYPlot broken = new XYPlot(new XYSeriesCollection(), new NumberAxis(), new NumberAxis(), null) {
            @Override
            public void draw(
                    Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
                throw new IllegalStateException("renderer failed");
            }
        };
        JFreeChart chart = new JFreeChart(broken);
        assertThrows(IllegalStateException.class, () -> ChartExport.write(chart, null, png, ChartExport.Format.PNG));
        assertEquals("old", Files.readString(png));
        assertNoLeftovers();
        // and a good export replaces it
        ChartExport.write(TumourResponseChart.create("ADC", Cohort.tumour(), RepeatabilityCoefficient.given(15)), png);
        assertTrue(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png))) != null);
    }

    @Test
    void formatFromTheFileName() {
        assertEquals(ChartExport.Format.SVG, ChartExport.Format.ofFileName("a.b.SVG"));
        assertThrows(IllegalArgumentException.class, () -> ChartExport.Format.ofFileName("chart.jpg"));
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(f -> f.getFileName().toString().endsWith(".part"))
                    .toList();
            assertTrue(parts.isEmpty(), parts.toString());
        }
    }

    /** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
    @Test
    void csvTextCellsCannotRunAsSpreadsheetFormulas() {
        ChartData data = ChartData.builder(
                        new ChartData.Column("=subject", ""), new ChartData.Column("lic", "mg Fe/g dw"))
                .row("=HYPERLINK(\"http://evil.example\",\"x\")", -1.5)
                .row("@cmd", 2.0)
                .row("S01", 3.0)
                .build();
        assertEquals(
                "\"'=subject\",lic [mg Fe/g dw]\r\n"
                        + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-1.5\r\n"
                        + "\"'@cmd\",2.0\r\n"
                        + "S01,3.0\r\n",
                data.toCsv());
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
