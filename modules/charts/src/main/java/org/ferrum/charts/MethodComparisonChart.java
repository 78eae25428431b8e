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
import java.util.Locale;
import org.ferrum.core.statistics.BlandAltman;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.DemingRegression;
import org.ferrum.core.statistics.MethodComparison;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The two charts of a method comparison of two maps in one unit (e.g. LIC from QSM, a, against LIC from R2*, b) over the
 * same voxels, with the numbers of {@link MethodComparison}:
 * <ul>
 * <li>{@link #scatter}: a against b, the identity line a = b, and the Deming line (error ratio δ) with the slope and
 * intercept and their jackknife 95 % CIs in the subtitle; both axes span the same range, so the identity is the
 * diagonal.</li>
 * <li>{@link #blandAltman}: a − b against (a + b)/2 ({@link BlandAltmanChart#plot}) with the 95 % CIs of the bias and of
 * both limits of agreement as shaded bands (Bland &amp; Altman 1999), the CIs in a subtitle.</li>
 * </ul>
 * Axis labels are "name [unit]" with the unit once ({@link AxisLabel}). Pairs with a non-finite value are left out and
 * counted. At most {@link #MAX_POINTS} points are drawn (every k-th pair, said in the subtitle); the statistics always use
 * all n pairs. Data table: one row per drawn pair: a, b, mean, difference.
 */
public final class MethodComparisonChart {

    /** Name of the point series. */
    public static final String POINTS = "pairs";
    /** Name of the identity-line series of the scatter. */
    public static final String IDENTITY = "identity a = b";
    /** Name of the Deming-line series of the scatter. */
    public static final String DEMING = "Deming fit";
    /** Most points drawn in one chart. */
    public static final int MAX_POINTS = 20000;

    private MethodComparisonChart() {}

    /**
     * @param aName name of map a (y axis), e.g. "LIC_QSM"
     * @param bName name of map b (x axis)
     * @param unit  the common unit symbol
     * @param a     values of a, paired by index with {@code b} (NaN allowed: left out)
     * @param stats {@link MethodComparison#of} of the same arrays
     */
    public static PlottedChart scatter(
            String aName, String bName, String unit, float[] a, float[] b, MethodComparison stats) {
        XYSeries points = new XYSeries(POINTS, false, true);
        ChartData.Builder data = table(aName, bName, unit);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int stride = stride(stats.n());
        for (int i = 0, used = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) {
                continue;
            }
            lo = Math.min(lo, Math.min(a[i], b[i]));
            hi = Math.max(hi, Math.max(a[i], b[i]));
            if (used++ % stride == 0) {
                points.add(b[i], a[i]);
                data.row((double) a[i], (double) b[i], (a[i] + (double) b[i]) / 2, (double) a[i] - b[i]);
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection(points);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(0, 114, 178, 110));
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        NumberAxis x = new NumberAxis(AxisLabel.of(bName, unit));
        NumberAxis y = new NumberAxis(AxisLabel.of(aName, unit));
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        if (lo < hi) {
            double margin = 0.05 * (hi - lo);
            x.setRange(lo - margin, hi + margin);
            y.setRange(lo - margin, hi + margin);
            XYSeries identity = new XYSeries(IDENTITY);
            identity.add(lo - margin, lo - margin);
            identity.add(hi + margin, hi + margin);
            XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, false);
            dashed.setSeriesPaint(0, Color.DARK_GRAY);
            dashed.setSeriesStroke(0, ChartStyle.DASHED);
            plot.setDataset(1, new XYSeriesCollection(identity));
            plot.setRenderer(1, dashed);
            DemingRegression d = stats.deming();
            if (d != null) {
                XYSeries fit = new XYSeries(DEMING);
                fit.add(lo - margin, d.intercept() + d.slope() * (lo - margin));
                fit.add(hi + margin, d.intercept() + d.slope() * (hi + margin));
                XYLineAndShapeRenderer solid = new XYLineAndShapeRenderer(true, false);
                solid.setSeriesPaint(0, ChartStyle.series(1));
                solid.setSeriesStroke(0, ChartStyle.LINE);
                plot.setDataset(2, new XYSeriesCollection(fit));
                plot.setRenderer(2, solid);
            }
        }
        JFreeChart chart = new JFreeChart(aName + " vs " + bName, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        DemingRegression d = stats.deming();
        chart.addSubtitle(ChartStyle.note(
                d == null
                        ? "n = " + stats.n() + counted(stats) + thinned(stride)
                                + ": a Deming line needs at least 3 pairs with some spread"
                        : String.format(
                                Locale.ROOT,
                                "n = %d%s%s; Deming (δ = %s): slope %.3f (95 %% CI %s), intercept %.3g %s (%s)",
                                stats.n(),
                                counted(stats),
                                thinned(stride),
                                ratio(d.errorRatio()),
                                d.slope(),
                                d.slopeCi().format(3),
                                d.intercept(),
                                unit,
                                d.interceptCi().format(3))));
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }

    /** The Bland–Altman plot of a − b with the CIs of the bias and the limits as bands (see the class comment). */
    public static PlottedChart blandAltman(
            String aName, String bName, String unit, float[] a, float[] b, MethodComparison stats) {
        XYSeries points = new XYSeries(POINTS, false, true);
        ChartData.Builder data = table(aName, bName, unit);
        double[] diffs = new double[stats.n()];
        int stride = stride(stats.n());
        int used = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) {
                continue;
            }
            double mean = (a[i] + (double) b[i]) / 2, diff = (double) a[i] - b[i];
            diffs[used] = diff;
            if (used++ % stride == 0) {
                points.add(mean, diff);
                data.row((double) a[i], (double) b[i], mean, diff);
            }
        }
        BlandAltman ba = stats.blandAltman();
        JFreeChart chart = BlandAltmanChart.plot(
                "Bland–Altman: " + aName + " − " + bName,
                points,
                "mean of " + aName + " and " + bName,
                aName + " − " + bName,
                unit,
                diffs,
                ba,
                "pairs" + counted(stats));
        XYPlot plot = chart.getXYPlot();
        band(plot, ba.biasCi(), new Color(90, 90, 90, 45));
        band(plot, ba.lowerLimitCi(), new Color(213, 94, 0, 40));
        band(plot, ba.upperLimitCi(), new Color(213, 94, 0, 40));
        if (ba.biasCi().defined()) {
            chart.addSubtitle(ChartStyle.note(String.format(
                    Locale.ROOT,
                    "95 %% CIs (shaded): bias %s, lower limit %s, upper limit %s %s%s",
                    ba.biasCi().format(3),
                    ba.lowerLimitCi().format(3),
                    ba.upperLimitCi().format(3),
                    unit,
                    thinned(stride))));
        }
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }

    private static void band(XYPlot plot, ConfidenceInterval ci, Color colour) {
        if (ci.defined()) {
            IntervalMarker m = new IntervalMarker(ci.lower(), ci.upper(), colour);
            plot.addRangeMarker(m, Layer.BACKGROUND);
        }
    }

    private static ChartData.Builder table(String aName, String bName, String unit) {
        return ChartData.builder(
                new ChartData.Column(AxisLabel.withoutUnit(aName, unit), unit),
                new ChartData.Column(AxisLabel.withoutUnit(bName, unit), unit),
                new ChartData.Column("mean", unit),
                new ChartData.Column("difference", unit));
    }

    private static int stride(int n) {
        return Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    }

    /** "; 1 pair in k drawn" when thinned, else "". */
    private static String thinned(int stride) {
        return stride > 1 ? "; 1 pair in " + stride + " drawn" : "";
    }

    private static String counted(MethodComparison stats) {
        return stats.leftOut() == 0 ? "" : " (" + stats.leftOut() + " with a non-finite value left out)";
    }

    private static String ratio(double delta) {
        return delta == Math.rint(delta) ? String.valueOf((long) delta) : String.format(Locale.ROOT, "%.3g", delta);
    }
}
