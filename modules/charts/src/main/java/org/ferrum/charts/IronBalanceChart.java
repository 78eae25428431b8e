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
import java.util.Map;
import org.ferrum.core.statistics.LeastSquaresLine;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Annual LIC change against transfusional iron intake, one colour and one least-squares line per chelator-dose group.
 *
 * <p>Contract: dataset 0 holds one scatter series per dose group (named by the group, in order of first appearance);
 * dataset 1 one line series per fitted group ("&lt;group&gt; fit"), drawn over the group's intake range in the
 * group's colour and kept out of the legend; dataset 2 the line's 95 % confidence band per fitted group, a translucent
 * fill in the group's colour (only groups of n ≥ {@link DoseGroupLines#MIN_POINTS} are fitted); a dashed line marks ΔLIC = 0 (iron balance). One subtitle per group gives
 * slope ± SE, its 95 % CI, R² and n ({@link DoseGroupLines}); groups without a line say why; a last subtitle gives the slope's unit. The data table has one row
 * per subject: subject, dose group, iron intake, ΔLIC/year, and the group line's fitted ΔLIC/year (empty without a
 * line).
 */
public final class IronBalanceChart {

    /** Points along each confidence band (the band is curved: narrowest at the mean intake). */
    static final int BAND_STEPS = 40;

    private IronBalanceChart() {}

    public static PlottedChart create(List<IronBalancePoint> points) {
        Map<String, List<IronBalancePoint>> groups = DoseGroupLines.groups(points);
        DoseGroupLines fits = DoseGroupLines.fit(points);
        XYSeriesCollection scatter = new XYSeriesCollection();
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer scatterRenderer = new XYLineAndShapeRenderer(false, true);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setDefaultSeriesVisibleInLegend(false);
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setAlpha(0.18f);
        bandRenderer.setDefaultSeriesVisibleInLegend(false);
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("subject", ""),
                new ChartData.Column("dose group", ""),
                new ChartData.Column("transfusional iron intake", IronBalancePoint.IRON_INTAKE_UNIT),
                new ChartData.Column("LIC change", IronBalancePoint.LIC_CHANGE_UNIT),
                new ChartData.Column("fitted LIC change", IronBalancePoint.LIC_CHANGE_UNIT));
        JFreeChart chart;
        int g = 0;
        List<String> notes = new java.util.ArrayList<>();
        for (Map.Entry<String, List<IronBalancePoint>> group : groups.entrySet()) {
            String name = group.getKey();
            LeastSquaresLine line = fits.lines().get(name);
            XYSeries s = new XYSeries(name, false, true);
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            for (IronBalancePoint p : group.getValue()) {
                s.add(p.ironIntakeMgPerKgPerDay(), p.annualLicChange());
                minX = Math.min(minX, p.ironIntakeMgPerKgPerDay());
                maxX = Math.max(maxX, p.ironIntakeMgPerKgPerDay());
                data.row(
                        p.subject(),
                        name,
                        p.ironIntakeMgPerKgPerDay(),
                        p.annualLicChange(),
                        line == null ? Double.NaN : line.at(p.ironIntakeMgPerKgPerDay()));
            }
            scatter.addSeries(s);
            scatterRenderer.setSeriesPaint(g, ChartStyle.series(g));
            scatterRenderer.setSeriesShape(g, ChartStyle.shape(g));
            if (line != null) {
                XYSeries fit = new XYSeries(name + " fit", true, true);
                fit.add(minX, line.at(minX));
                fit.add(maxX, line.at(maxX));
                int k = lines.getSeriesCount();
                lines.addSeries(fit);
                lineRenderer.setSeriesPaint(k, ChartStyle.series(g));
                lineRenderer.setSeriesStroke(k, ChartStyle.LINE);
                DoseGroupLines.Band b = fits.bands().get(name);
                YIntervalSeries band = new YIntervalSeries(name + " 95 % CI", false, true);
                for (int i = 0; i <= BAND_STEPS; i++) {
                    double xi = minX + (maxX - minX) * i / BAND_STEPS;
                    band.add(xi, line.at(xi), b.lower(xi), b.upper(xi));
                }
                bandRenderer.setSeriesFillPaint(bands.getSeriesCount(), ChartStyle.series(g));
                bands.addSeries(band);
                notes.add(describe(name, line));
            } else {
                notes.add(name + ": no line (" + fits.unfitted().get(name) + ")");
            }
            g++;
        }
        NumberAxis x = new NumberAxis("Transfusional iron intake [" + IronBalancePoint.IRON_INTAKE_UNIT + "]");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("ΔLIC [" + IronBalancePoint.LIC_CHANGE_UNIT + "]");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(scatter, x, y, scatterRenderer);
        plot.setDataset(1, lines);
        plot.setRenderer(1, lineRenderer);
        plot.setDataset(2, bands);
        plot.setRenderer(2, bandRenderer);
        plot.setDatasetRenderingOrder(
                org.jfree.chart.plot.DatasetRenderingOrder.FORWARD); // band under line under points
        ValueMarker balance = new ValueMarker(0, Color.GRAY, ChartStyle.DASHED);
        plot.addRangeMarker(balance);
        chart = new JFreeChart("LIC change against transfusional iron", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        notes.add("Least-squares line with its 95 % confidence band per dose group of n ≥ " + DoseGroupLines.MIN_POINTS
                + "; slope ± SE in (" + IronBalancePoint.LIC_CHANGE_UNIT + ") per ("
                + IronBalancePoint.IRON_INTAKE_UNIT + ")");
        for (String note : notes) {
            chart.addSubtitle(ChartStyle.note(note));
        }
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }

    /**
     * "group: slope 1.90 ± 0.26 (95 % CI 0.76 to 3.04), R² = 0.963, n = 4" (the unit is in a note of its own); a
     * statistic that is not defined (R² when all ΔLIC are equal) is said in words, never printed as NaN.
     */
    static String describe(String group, LeastSquaresLine l) {
        String ci = Double.isFinite(l.slopeCiLower())
                ? String.format(Locale.ROOT, " (95 %% CI %.2f to %.2f)", l.slopeCiLower(), l.slopeCiUpper())
                : "";
        String se = Double.isFinite(l.slopeSe()) ? String.format(Locale.ROOT, " ± %.2f", l.slopeSe()) : "";
        String r2 = Double.isFinite(l.rSquared())
                ? String.format(Locale.ROOT, "R² = %.3f", l.rSquared())
                : "R² undefined (all ΔLIC equal)";
        return String.format(Locale.ROOT, "%s: slope %.2f%s%s, %s, n = %d", group, l.slope(), se, ci, r2, l.n());
    }
}
