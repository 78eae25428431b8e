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
package org.ferrum.viewer;

import java.awt.Color;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.charts.ChartData;
import org.ferrum.charts.PlottedChart;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.statistics.BlandAltman;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Voxel-wise comparisons of two linked maps inside the ROI: a scatter of one map against the other, and
 * the Bland–Altman plot of two LIC maps (difference against mean, bias and 95 % limits of agreement from
 * {@link BlandAltman}). Each point is one ROI voxel; voxels where either map is NaN are left out (and
 * counted in the subtitle). The maps must lie on the label map's grid, as for {@link RoiStatistics}.
 * Building a chart needs no display, so this works headless.
 */
public final class RoiCharts {

    /** Name of the point series in both charts. */
    public static final String SERIES = "ROI voxels";

    private RoiCharts() {}

    /**
     * Scatter of {@code y} against {@code x} over the voxels labelled {@code label}. Data table: one row per
     * plotted voxel, x value and y value in the maps' units.
     */
    public static PlottedChart scatter(NamedVolume x, NamedVolume y, Volume<FloatType> labels, int label) {
        float[] xs = RoiStatistics.values(x.volume(), labels, label);
        float[] ys = RoiStatistics.values(y.volume(), labels, label);
        String ux = x.volume().unit().symbol(), uy = y.volume().unit().symbol();
        ChartData.Builder data =
                ChartData.builder(new ChartData.Column(x.name(), ux), new ChartData.Column(y.name(), uy));
        double[][] points = pairs(xs, ys, data);
        DefaultXYDataset dataset = new DefaultXYDataset();
        dataset.addSeries(SERIES, points);
        XYPlot plot = new XYPlot(dataset, axis(x.name(), ux), axis(y.name(), uy), dots());
        JFreeChart chart = new JFreeChart(
                y.name() + " vs " + x.name() + " in the ROI", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(String.format(
                Locale.ROOT, "n = %d voxels%s", points[0].length, leftOut(xs.length - points[0].length))));
        chart.setBackgroundPaint(Color.WHITE);
        return new PlottedChart(chart, data.build());
    }

    /** True when both maps are iron concentrations in the same unit, so their difference means something. */
    public static boolean comparableLic(NamedVolume a, NamedVolume b) {
        PhysicalUnit ua = a.volume().unit();
        return ua == b.volume().unit()
                && (ua == PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT || ua == PhysicalUnit.MG_FE_PER_G_WET_WEIGHT);
    }

    /** The agreement statistics of {@code a − b} over the ROI voxels (what {@link #blandAltman} plots). */
    public static BlandAltman agreement(NamedVolume a, NamedVolume b, Volume<FloatType> labels, int label) {
        return BlandAltman.of(
                RoiStatistics.values(a.volume(), labels, label), RoiStatistics.values(b.volume(), labels, label));
    }

    /**
     * Bland–Altman plot of LIC map {@code a} against LIC map {@code b} over the ROI: ((a + b)/2, a − b) per
     * voxel, a solid line at the bias and dashed lines at bias ± 1.96·SD (none with fewer than two voxels).
     * Data table: a, b, mean, difference per plotted voxel.
     *
     * @throws IllegalArgumentException if the maps are not LIC maps in one unit ({@link #comparableLic})
     */
    public static PlottedChart blandAltman(NamedVolume a, NamedVolume b, Volume<FloatType> labels, int label) {
        if (!comparableLic(a, b)) {
            throw new IllegalArgumentException("Bland–Altman needs two LIC maps in one unit, got " + a.name() + " ["
                    + a.volume().unit().symbol() + "] and " + b.name() + " ["
                    + b.volume().unit().symbol() + "]");
        }
        float[] as = RoiStatistics.values(a.volume(), labels, label);
        float[] bs = RoiStatistics.values(b.volume(), labels, label);
        BlandAltman ba = BlandAltman.of(as, bs);
        String unit = a.volume().unit().symbol();
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column(a.name(), unit),
                new ChartData.Column(b.name(), unit),
                new ChartData.Column("mean", unit),
                new ChartData.Column("difference", unit));
        org.jfree.data.xy.XYSeries points = new org.jfree.data.xy.XYSeries(SERIES, false, true);
        double[] diffs = new double[as.length];
        int n = 0;
        for (int i = 0; i < as.length; i++) {
            if (Float.isNaN(as[i]) || Float.isNaN(bs[i])) {
                continue;
            }
            double mean = (as[i] + (double) bs[i]) / 2, diff = (double) as[i] - bs[i];
            points.add(mean, diff);
            diffs[n++] = diff;
            data.row((double) as[i], (double) bs[i], mean, diff);
        }
        JFreeChart chart = org.ferrum.charts.BlandAltmanChart.plot(
                "Bland–Altman: " + a.name() + " vs " + b.name() + " in the ROI",
                points,
                "mean of " + a.name() + " and " + b.name(),
                a.name() + " − " + b.name(),
                unit,
                java.util.Arrays.copyOf(diffs, n),
                ba,
                "voxels" + leftOut(ba.nNaN()));
        return new PlottedChart(chart, data.build());
    }

    private static double[][] pairs(float[] xs, float[] ys, ChartData.Builder data) {
        double[][] p = new double[2][xs.length];
        int n = 0;
        for (int i = 0; i < xs.length; i++) {
            if (!Float.isNaN(xs[i]) && !Float.isNaN(ys[i])) {
                p[0][n] = xs[i];
                p[1][n++] = ys[i];
                data.row((double) xs[i], (double) ys[i]);
            }
        }
        return new double[][] {java.util.Arrays.copyOf(p[0], n), java.util.Arrays.copyOf(p[1], n)};
    }

    private static String leftOut(long nNaN) {
        return nNaN == 0 ? "" : " (" + nNaN + " with NaN left out)";
    }

    private static NumberAxis axis(String name, String unit) {
        NumberAxis axis = new NumberAxis(org.ferrum.charts.AxisLabel.of(name, unit));
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static XYLineAndShapeRenderer dots() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(31, 119, 180, 160));
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        return r;
    }
}
