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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 items 12–14: LIC per region, the cohort chart's lines and bands, the export's size, DPI and memory. */
class RegionsBandsAndExportTest {

    @TempDir
    Path dir;

    @Test
    void licChartHasTwoSeriesPerRegionAndARegionColumn() {
        Map<String, List<LicObservation>> regions = new LinkedHashMap<>();
        LocalDate d = LocalDate.of(2025, 3, 1);
        regions.put(
                "right lobe", List.of(new LicObservation(d, 8.1, 7.9), new LicObservation(d.plusMonths(6), 6.0, 6.2)));
        regions.put("left lobe", List.of(new LicObservation(d, 3.2, 3.0)));
        PlottedChart p = LicOverTimeChart.create("S1", regions, ClinicalBand.licThresholds(), "per region");
        var ds = p.chart().getXYPlot().getDataset();
        assertEquals(4, ds.getSeriesCount());
        assertEquals("right lobe — " + LicOverTimeChart.QSM, ds.getSeriesKey(0));
        assertEquals("left lobe — " + LicOverTimeChart.R2STAR, ds.getSeriesKey(3));
        assertEquals(3.0, ds.getYValue(3, 0));
        assertTrue(p.data().toCsv().startsWith("subject,region,date,"), p.data().toCsv());
    }

    /** The last date tick label lies inside the chart (it was cut in half at the right edge). */
    @Test
    void theLastDateLabelIsNotClipped() {
        LocalDate d = LocalDate.of(2022, 6, 14);
        List<LicObservation> visits = List.of(
                new LicObservation(d, 12, 13),
                new LicObservation(d.plusDays(300), 10, 11),
                new LicObservation(d.plusDays(640), 9, 9.5),
                new LicObservation(LocalDate.of(2024, 12, 20), 8, 8.4));
        for (int width : new int[] {500, 640, 800, 1000, 1200}) {
            JFreeChart chart = LicOverTimeChart.create("DEMO-T01", visits).chart();
            BufferedImage img = new BufferedImage(width, 420, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, width, 420), info);
            Rectangle2D data = info.getPlotInfo().getDataArea();
            DateAxis axis = (DateAxis) chart.getXYPlot().getDomainAxis();
            Font font = axis.getTickLabelFont();
            FontRenderContext frc = g.getFontRenderContext();
            double rightmost = 0;
            for (Object t : axis.refreshTicks(g, new org.jfree.chart.axis.AxisState(), data, RectangleEdge.BOTTOM)) {
                ValueTick tick = (ValueTick) t;
                double x = axis.valueToJava2D(tick.getValue(), data, RectangleEdge.BOTTOM);
                double w = font.getStringBounds(tick.getText(), frc).getWidth();
                rightmost = Math.max(rightmost, x + w / 2);
            }
            g.dispose();
            assertTrue(rightmost <= width, "at " + width + " px the last date label ends at " + rightmost);
        }
    }

    @Test
    void twoSubjectsGetNoLineThreeGetALineWithABandAndNoNaNIsPrinted() {
        List<IronBalancePoint> pts = List.of(
                new IronBalancePoint("a", 1.0, 0.2, "two"),
                new IronBalancePoint("b", 3.0, 0.5, "two"),
                new IronBalancePoint("c", 2, 1, "three"),
                new IronBalancePoint("d", 4, 2, "three"),
                new IronBalancePoint("e", 5, 3, "three"),
                new IronBalancePoint("f", 1, 1, "flat"),
                new IronBalancePoint("g", 1, 2, "flat"),
                new IronBalancePoint("h", 1, 3, "flat"));
        DoseGroupLines fits = DoseGroupLines.fit(pts);
        assertFalse(fits.lines().containsKey("two"));
        assertTrue(fits.unfitted().get("two").contains("n = 2"), fits.unfitted().toString());
        assertTrue(fits.lines().containsKey("three"));
        PlottedChart p = IronBalanceChart.create(pts);
        List<String> notes = p.chart().getSubtitles().stream()
                .filter(TextTitle.class::isInstance)
                .map(t -> ((TextTitle) t).getText())
                .toList();
        assertTrue(notes.stream().noneMatch(n -> n.contains("NaN")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("flat:") && n.contains("R² undefined")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("two: no line (n = 2")), notes.toString());
        // the band of "three": y = 1/3·… fitted to (1,2),(2,4),(3,5): b = 1.5, a = 2/3, s² = 1/6; at x̄ = 2 the
        // half-width is
        // t(0.975, 1)·s·√(1/3) = 12.706·0.40825·0.57735 = 2.9948
        YIntervalSeriesCollection band =
                (YIntervalSeriesCollection) p.chart().getXYPlot().getDataset(2);
        assertEquals(2, band.getSeriesCount(), "a band for each fitted group (three, flat)");
        int mid = IronBalanceChart.BAND_STEPS / 2;
        assertEquals(2.0, band.getXValue(0, mid), 1e-12);
        assertEquals(2.9948, band.getEndYValue(0, mid) - band.getYValue(0, mid), 1e-3);
        assertTrue(band.getEndYValue(0, 0) - band.getYValue(0, 0) > 2.9948, "the band widens away from the mean");
    }

    @Test
    void pngCarriesItsSizeAndResolutionAndTheExportIsConfirmedAndRemembered() throws Exception {
        PlottedChart p = LicOverTimeChart.create("FE-001", Cohort.licVisits());
        PlottedChartPanel panel = new PlottedChartPanel(p);
        Path folder = Files.createDirectories(dir.resolve("figures"));
        Path png = folder.resolve("lic.png");
        String done = panel.export(png, 1600, 1000, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(1000, img.getHeight());
        assertEquals(300, ChartExport.pngDpi(png), 0.05);
        assertTrue(done.startsWith("Wrote lic.png (1600 × 1000 px, 300 DPI, "), done);
        assertTrue(done.endsWith("to " + folder.toAbsolutePath()), done);
        PlottedChartPanel.ExportChooser next = new PlottedChartPanel.ExportChooser();
        assertEquals(
                folder.toAbsolutePath().toFile(),
                next.getCurrentDirectory().getAbsoluteFile(),
                "starts in the last folder");
        assertEquals(1600, next.width.getValue());
        assertEquals(1000, next.height.getValue());
        assertEquals(300, next.dpiValue());
        assertEquals(PlottedChartPanel.NAME_WIDTH, next.width.getName());
        // the default export records the screen's 96 DPI
        Path plain = dir.resolve("plain.png");
        ChartExport.write(p, plain);
        assertEquals(96, ChartExport.pngDpi(plain), 0.05);
    }
}
