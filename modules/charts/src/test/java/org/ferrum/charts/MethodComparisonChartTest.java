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

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;
import org.ferrum.core.statistics.MethodComparison;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

class MethodComparisonChartTest {

    static final float[] A = {1.2f, 2.1f, 3.3f, 3.9f, 5.2f, 6.1f, Float.NaN, 8.3f};
    static final float[] B = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f};

    @Test
    void axisLabelsCarryTheUnitOnce() {
        assertEquals("pdff [%]", AxisLabel.of("pdff (%)", "%"));
        assertEquals("LIC [mg Fe/g dw]", AxisLabel.of("LIC [mg Fe/g dw]", "mg Fe/g dw"));
        assertEquals("LIC_QSM [mg Fe/g dw]", AxisLabel.of("LIC_QSM", "mg Fe/g dw"));
        assertEquals("T2 (fast) [ms]", AxisLabel.of("T2 (fast)", "ms"), "a bracket that is not the unit stays");
        assertEquals("count", AxisLabel.of("count", ""));
        assertEquals("pdff [%]", new ChartData.Column("pdff (%)", "%").header());
    }

    @Test
    void scatterHasPointsIdentityAndDemingAndAxesWithTheUnitOnce() {
        MethodComparison stats = MethodComparison.of(A, B, 1);
        PlottedChart p = MethodComparisonChart.scatter("pdff (%)", "pdff ref (%)", "%", A, B, stats);
        XYPlot plot = p.chart().getXYPlot();
        assertEquals(7, plot.getDataset(0).getItemCount(0));
        assertEquals(MethodComparisonChart.IDENTITY, plot.getDataset(1).getSeriesKey(0));
        assertEquals(MethodComparisonChart.DEMING, plot.getDataset(2).getSeriesKey(0));
        // the Deming line's end points lie on a + b·x
        double x0 = plot.getDataset(2).getXValue(0, 0);
        assertEquals(
                stats.deming().intercept() + stats.deming().slope() * x0,
                plot.getDataset(2).getYValue(0, 0),
                1e-9);
        assertEquals("pdff ref [%]", plot.getDomainAxis().getLabel());
        assertEquals("pdff [%]", plot.getRangeAxis().getLabel());
        assertEquals(
                plot.getDomainAxis().getRange(),
                plot.getRangeAxis().getRange(),
                "same range: identity is the diagonal");
        assertTrue(subtitles(p.chart()).contains("1 with a non-finite value left out"), subtitles(p.chart()));
        assertTrue(subtitles(p.chart()).contains("slope"), subtitles(p.chart()));
        assertEquals(
                List.of("pdff [%]", "pdff ref [%]", "mean [%]", "difference [%]"),
                p.data().columns().stream().map(ChartData.Column::header).toList());
        paint(p.chart());
    }

    @Test
    void blandAltmanShowsTheConfidenceBandsOfBiasAndLimits() {
        MethodComparison stats = MethodComparison.of(A, B, 1);
        PlottedChart p = MethodComparisonChart.blandAltman("LIC_QSM", "LIC_R2*", "mg Fe/g dw", A, B, stats);
        XYPlot plot = p.chart().getXYPlot();
        Collection<?> bands = plot.getRangeMarkers(Layer.BACKGROUND);
        assertEquals(3, bands.size());
        assertEquals("LIC_QSM − LIC_R2* [mg Fe/g dw]", plot.getRangeAxis().getLabel());
        assertFalse(plot.getDomainAxis().getLabel().contains("] ["));
        assertTrue(subtitles(p.chart()).contains("95 % CIs"), subtitles(p.chart()));
        assertEquals(7, p.data().rows().size());
        paint(p.chart());
    }

    @Test
    void manyPairsAreThinnedForDrawingButCountedInFull() {
        int n = 50000;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = i % 100;
            a[i] = b[i] + (i % 7) * 0.1f;
        }
        MethodComparison stats = MethodComparison.of(a, b, 1);
        PlottedChart p = MethodComparisonChart.scatter("a", "b", "1/s", a, b, stats);
        assertEquals(n, stats.n());
        assertTrue(p.chart().getXYPlot().getDataset().getItemCount(0) <= MethodComparisonChart.MAX_POINTS);
        assertTrue(subtitles(p.chart()).contains("n = 50000; 1 pair in 3 drawn"), subtitles(p.chart()));
    }

    static String subtitles(JFreeChart chart) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) {
                sb.append(t.getText()).append('\n');
            }
        }
        return sb.toString();
    }

    static void paint(JFreeChart chart) {
        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        chart.draw(g, new java.awt.Rectangle(600, 400));
        g.dispose();
    }
}
