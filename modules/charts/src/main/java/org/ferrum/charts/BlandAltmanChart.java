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

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.statistics.BlandAltman;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Bland–Altman plot of LIC from QSM against LIC from R2*: the difference of each pair against its mean, with the bias
 * and the 95 % limits of agreement (Bland JM &amp; Altman DG, Lancet 1986;1:307–310).
 *
 * <p>Contract: one scatter series "visits" of ({@code (QSM + R2*)/2}, {@code QSM − R2*}) per visit with both values
 * ({@link LicAgreement}); range markers at the bias (solid) and at bias ± 1.96·SD (dashed), labelled with their values;
 * a subtitle with n, bias and limits. With fewer than two pairs the limits are NaN and no limit lines are drawn. The
 * data table has one row per used visit: date, LIC from QSM, LIC from R2*, mean, difference.
 */
public final class BlandAltmanChart {

    /** Name of the scatter series. */
    public static final String SERIES = "visits";

    private BlandAltmanChart() {}

    public static PlottedChart create(String title, List<LicObservation> visits) {
        LicAgreement agreement = LicAgreement.of(visits);
        BlandAltman ba = agreement.statistics();
        double[] means = agreement.means();
        double[] diffs = agreement.differences();
        String unit = LicOverTimeChart.UNIT;
        XYSeries s = new XYSeries(SERIES, false, true);
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("date", ""),
                new ChartData.Column(LicOverTimeChart.QSM, unit),
                new ChartData.Column(LicOverTimeChart.R2STAR, unit),
                new ChartData.Column("mean", unit),
                new ChartData.Column("difference QSM - R2*", unit));
        for (int i = 0; i < means.length; i++) {
            s.add(means[i], diffs[i]);
            LicObservation v = agreement.pairs().get(i);
            data.row(v.date(), v.licQsm(), v.licR2star(), means[i], diffs[i]);
        }
        JFreeChart chart = plot(
                title,
                s,
                "Mean of LIC from QSM and from R2*",
                "LIC from QSM − LIC from R2*",
                unit,
                diffs,
                ba,
                "visits with both LIC values");
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }

    /**
     * The Bland–Altman plot itself, for any pairs: the (mean, difference) points, a solid line at the bias and dashed lines
     * at bias ± 1.96·SD (Bland &amp; Altman, Lancet 1986), kept in view, and a subtitle with n, bias and the limits. Used for
     * LIC across visits here and for LIC maps over an ROI in the viewer.
     *
     * @param points      (mean, difference) per pair
     * @param differences the differences (to keep the limits and the points in view)
     * @param counted     what n counts, for the subtitle (e.g. "voxels")
     */
    public static JFreeChart plot(
            String title,
            XYSeries points,
            String meanLabel,
            String differenceLabel,
            String unit,
            double[] differences,
            BlandAltman ba,
            String counted) {
        XYSeriesCollection dataset = new XYSeriesCollection(points);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, ChartStyle.series(0));
        renderer.setSeriesShape(0, ChartStyle.shape(0));
        NumberAxis x = new NumberAxis(AxisLabel.of(meanLabel, unit));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(AxisLabel.of(differenceLabel, unit));
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        if (Double.isFinite(ba.bias())) {
            plot.addRangeMarker(line(ba.bias(), "bias", ChartStyle.REFERENCE));
        }
        if (Double.isFinite(ba.lowerLimit())) {
            plot.addRangeMarker(line(ba.upperLimit(), "+1.96 SD", ChartStyle.DASHED));
            plot.addRangeMarker(line(ba.lowerLimit(), "−1.96 SD", ChartStyle.DASHED));
            // the limits are part of the answer: keep them on screen whatever the points do
            ChartStyle.spanWithReferences(y, differences, ba.lowerLimit(), ba.upperLimit());
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(ChartStyle.note(
                ba.n() < 2
                        ? "n = " + ba.n() + ": limits of agreement need at least two " + counted
                        : String.format(
                                Locale.ROOT,
                                "n = %d %s, bias %.3g, 95 %% limits of agreement %.3g to %.3g %s",
                                ba.n(),
                                counted,
                                ba.bias(),
                                ba.lowerLimit(),
                                ba.upperLimit(),
                                unit)));
        return chart;
    }

    private static ValueMarker line(double value, String what, java.awt.Stroke stroke) {
        return ChartStyle.labelled(
                new ValueMarker(value, Color.DARK_GRAY, stroke),
                String.format(Locale.ROOT, "%s %.2f", what, value),
                RectangleAnchor.TOP_RIGHT,
                TextAnchor.BOTTOM_RIGHT);
    }
}
