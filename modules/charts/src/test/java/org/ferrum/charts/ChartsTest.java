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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ferrum.core.statistics.RepeatabilityCoefficient;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

/** The four charts built and painted headless into images; series, bands and lines checked on the chart and in pixels. */
class ChartsTest {

    static final int W = 800;
    static final int H = 500;

    @Test
    void licOverTimeHasBothMethodsAndTheThresholdBands() {
        PlottedChart p = LicOverTimeChart.create("FE-001", Cohort.licVisits());
        XYPlot plot = p.chart().getXYPlot();
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(LicOverTimeChart.QSM, plot.getDataset().getSeriesKey(0));
        assertEquals(5, plot.getDataset().getItemCount(0));
        assertEquals(4, plot.getDataset().getItemCount(1)); // the missing R2* visit is not a point
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        assertNotEquals(r.getSeriesShape(0).getClass(), r.getSeriesShape(1).getClass(), "distinct markers per method");
        Collection<?> bands = plot.getRangeMarkers(Layer.BACKGROUND);
        assertEquals(4, bands.size());
        assertTrue(plot.getRangeAxis().getLabel().contains("mg Fe/g dw"));
        assertEquals(5, p.data().rows().size());

        // pixels (rows between grid lines): the row at LIC = 1.3 lies in the first (green) band, the row at LIC = 10.3
        // in the third (orange) one
        Painted img = paint(p.chart());
        assertTrue(img.fractionOfRow(1.3, new Color(215, 240, 233)) > 0.5, "green < 3.2 band painted");
        assertTrue(img.fractionOfRow(10.3, blend(new Color(230, 159, 0, 55))) > 0.5, "7–15 band painted");
        assertTrue(img.countColour(ChartStyle.series(0)) > 50, "QSM series drawn");
        assertTrue(img.countColour(ChartStyle.series(1)) > 50, "R2* series drawn");
    }

    @Test
    void theOpenEndedTopBandIsPaintedAboveFifteen() {
        List<LicObservation> heavy = List.of(
                new LicObservation(Cohort.START, 21.5, 19.0),
                new LicObservation(Cohort.START.plusMonths(6), 17.2, 16.1));
        Painted img = paint(LicOverTimeChart.create("FE-002", heavy).chart());
        assertTrue(img.fractionOfRow(18.3, blend(new Color(213, 94, 0, 55))) > 0.5, "≥ 15 band reaches the top");
        assertTrue(img.fractionOfRow(5.3, blend(new Color(240, 228, 66, 60))) > 0.5, "3.2–7 band under the data");
    }

    @Test
    void ironBalanceHasOneLinePerFittedGroupAndItsStatistics() {
        PlottedChart p = IronBalanceChart.create(Cohort.ironBalance());
        XYPlot plot = p.chart().getXYPlot();
        assertEquals(3, plot.getDataset(0).getSeriesCount(), "one scatter series per dose group");
        assertEquals(2, plot.getDataset(1).getSeriesCount(), "lines only where a group can be fitted");
        assertEquals(3, plot.getLegendItems().getItemCount(), "fit lines stay out of the legend");
        List<String> subtitles = subtitles(p.chart());
        assertTrue(
                subtitles.stream()
                        .anyMatch(s -> s.startsWith("DFX 20 mg/kg/day: slope 1.90 ± 0.26 (95 % CI 0.76 to 3.04)")
                                && s.contains("R² = 0.963, n = 4")),
                subtitles.toString());
        assertTrue(subtitles.stream().anyMatch(s -> s.startsWith("DFO 40 mg/kg/day: no line")), subtitles.toString());
        // the fitted line of the first group runs from (1, 1.9) to (4, 7.6)
        assertEquals(1.9, plot.getDataset(1).getYValue(0, 0), 1e-12);
        assertEquals(7.6, plot.getDataset(1).getYValue(0, 1), 1e-12);
        Painted img = paint(p.chart());
        assertTrue(img.countColour(ChartStyle.series(0)) > 100);
        assertTrue(img.countColour(ChartStyle.series(2)) > 20, "the third group's point is drawn");
    }

    @Test
    void tumourResponseHasALinePerLesionAndTheRepeatabilityBand() {
        RepeatabilityCoefficient rc = RepeatabilityCoefficient.given(15);
        PlottedChart p = TumourResponseChart.create("ADC", Cohort.tumour(), rc);
        XYPlot plot = p.chart().getXYPlot();
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(31.0, plot.getDataset().getYValue(0, 2), 1e-9); // 100·(1.31 − 1.00)/1.00
        IntervalMarker band = (IntervalMarker)
                plot.getRangeMarkers(Layer.BACKGROUND).iterator().next();
        assertEquals(-15, band.getStartValue());
        assertEquals(15, band.getEndValue());
        Painted img = paint(p.chart());
        assertTrue(img.fractionOfRow(7.3, blend(ChartStyle.NO_CHANGE_BAND)) > 0.5, "±RC band painted");
        assertTrue(img.fractionOfRow(-13.3, blend(ChartStyle.NO_CHANGE_BAND)) > 0.5, "the whole band is in view");
        assertTrue(img.fractionOfRow(21.3, Color.WHITE) > 0.5, "outside the band is white");
    }

    @Test
    void blandAltmanHasBiasAndLimitLines() {
        PlottedChart p = BlandAltmanChart.create("LIC agreement", Cohort.licVisits());
        XYPlot plot = p.chart().getXYPlot();
        assertEquals(4, plot.getDataset().getItemCount(0));
        // differences 0.6, −0.5, 0.4, −0.4 → bias 0.025
        List<Double> lines = new ArrayList<>();
        for (Object m : plot.getRangeMarkers(Layer.FOREGROUND)) {
            lines.add(((ValueMarker) m).getValue());
        }
        assertEquals(3, lines.size());
        assertEquals(0.025, lines.get(0), 1e-5);
        double sd = Math.sqrt((0.575 * 0.575 + 0.525 * 0.525 + 0.375 * 0.375 + 0.425 * 0.425) / 3);
        assertEquals(0.025 + 1.96 * sd, lines.get(1), 1e-5);
        assertEquals(0.025 - 1.96 * sd, lines.get(2), 1e-5);
        assertTrue(paint(p.chart()).countColour(ChartStyle.series(0)) > 40);
    }

    @Test
    void emptyAndTinyInputsGiveChartsThatSaySoInsteadOfFailing() {
        List<JFreeChart> charts = List.of(
                LicOverTimeChart.create("none", List.of()).chart(),
                IronBalanceChart.create(List.of()).chart(),
                TumourResponseChart.create("ADC", List.of(), RepeatabilityCoefficient.given(10))
                        .chart(),
                BlandAltmanChart.create("one visit", List.of(new LicObservation(Cohort.START, 5, 4)))
                        .chart());
        for (JFreeChart c : charts) {
            assertEquals(W, c.createBufferedImage(W, H).getWidth());
        }
        assertTrue(
                subtitles(charts.get(3)).get(0).contains("need at least two visits"),
                subtitles(charts.get(3)).toString());
        assertEquals(
                1, charts.get(3).getXYPlot().getRangeMarkers(Layer.FOREGROUND).size(), "a bias line, no limits");
    }

    @Test
    void recordsRefuseValuesThatCannotBePlotted() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new IronBalancePoint("s9", Double.NaN, 0.3, "DFX 20"));
        assertTrue(e.getMessage().contains("s9"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new IronBalancePoint("s9", 1, -0.3, "DFX 20"));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new TumourObservation("L1", Cohort.START, "ADC", Double.POSITIVE_INFINITY, "10⁻³ mm²/s"));
    }

    static List<String> subtitles(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) {
                out.add(t.getText());
            }
        }
        return out;
    }

    /** A translucent colour as it looks over white. */
    static Color blend(Color c) {
        double a = c.getAlpha() / 255.0;
        return new Color(
                (int) Math.round(255 * (1 - a) + c.getRed() * a),
                (int) Math.round(255 * (1 - a) + c.getGreen() * a),
                (int) Math.round(255 * (1 - a) + c.getBlue() * a));
    }

    static Painted paint(JFreeChart chart) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(W, H, info);
        return new Painted(image, info.getPlotInfo().getDataArea(), chart.getXYPlot());
    }

    record Painted(BufferedImage image, Rectangle2D dataArea, XYPlot plot) {

        /** Fraction of the data area's pixel row at range value {@code y} within ±3 of {@code colour}. */
        double fractionOfRow(double y, Color colour) {
            int row = (int) Math.round(plot.getRangeAxis().valueToJava2D(y, dataArea, plot.getRangeAxisEdge()));
            int from = (int) Math.ceil(dataArea.getMinX()) + 1;
            int to = (int) Math.floor(dataArea.getMaxX()) - 1;
            int hits = 0;
            for (int x = from; x < to; x++) {
                if (close(image.getRGB(x, row), colour, 3)) {
                    hits++;
                }
            }
            return hits / (double) (to - from);
        }

        int countColour(Color colour) {
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (close(image.getRGB(x, y), colour, 2)) {
                        n++;
                    }
                }
            }
            return n;
        }

        static boolean close(int rgb, Color c, int tolerance) {
            return Math.abs(((rgb >> 16) & 0xff) - c.getRed()) <= tolerance
                    && Math.abs(((rgb >> 8) & 0xff) - c.getGreen()) <= tolerance
                    && Math.abs((rgb & 0xff) - c.getBlue()) <= tolerance;
        }
    }
}
