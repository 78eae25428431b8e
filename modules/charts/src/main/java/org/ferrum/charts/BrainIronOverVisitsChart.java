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

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A nucleus across visits: one line per subject (x = years since the subject's first scan, y = the nucleus value), the
 * cohort trend of {@link BrainIronTrend} as a thick black line β̂₀ + β̂_years·t with its 95 % band, and the slope per
 * year with its 95 % CI written under the title.
 *
 * <p>Contract: dataset 0 holds one series per subject (named by its code, the longitudinal scans of
 * {@link BrainIronTrend#longitudinal}) and, last, the series {@value #POST_SERIES} (post-dialysis scans, hollow, not
 * joined); dataset 1 the series {@value #TREND_SERIES} (β̂₀ + β̂_years·t at {@value #TREND_POINTS} points from 0 to the
 * last scan), absent without a fit; dataset 2 its 95 % band. The subtitles say the model (REML, random intercept and
 * slope, subjects, scans, covariates centred) or why there is no trend, and — for R2* over several field strengths —
 * the {@link FieldStrengths} warning (also logged).
 */
public final class BrainIronOverVisitsChart {

    /** Name of the trend series and of the post-dialysis series. */
    public static final String TREND_SERIES = "cohort trend (mixed model, REML)", POST_SERIES = "post-dialysis scan";

    /** Points along the trend line. */
    static final int TREND_POINTS = 41;

    static final Color WARNING = new Color(180, 0, 0);

    private BrainIronOverVisitsChart() {}

    /**
     * @param title     e.g. "Putamen, left: χ referenced to CSF"
     * @param valueAxis the y-axis label with the reference named and the unit, e.g. "χ − χ(CSF) [ppb]"
     * @param unit      the value's unit, e.g. "ppb" (for the slope text and the data)
     * @param map       "chi" or "r2star" (for the field-strength check)
     * @param observations every scan's value (pre- and post-dialysis included)
     * @param trend     the fitted trend of the same observations ({@link BrainIronTrend#fit})
     */
    public static PlottedChart create(
            String title,
            String valueAxis,
            String unit,
            String map,
            List<NucleusObservation> observations,
            BrainIronTrend.Result trend) {
        Map<String, LocalDate> first = BrainIronTrend.firstScans(observations);
        List<NucleusObservation> longitudinal = BrainIronTrend.longitudinal(observations);
        Map<String, XYSeries> lines = new LinkedHashMap<>();
        XYSeries post = new XYSeries(POST_SERIES, true, true);
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("series", ""),
                new ChartData.Column("subject", ""),
                new ChartData.Column("date", ""),
                new ChartData.Column("session", ""),
                new ChartData.Column("years since first scan", "y"),
                new ChartData.Column(AxisLabel.withoutUnit(valueAxis, unit), unit),
                new ChartData.Column("field strength", "T"),
                new ChartData.Column("trend 95 % CI lower", unit),
                new ChartData.Column("trend 95 % CI upper", unit));
        for (NucleusObservation o : longitudinal) {
            double t = BrainIronTrend.years(first.get(o.subject()), o.date());
            lines.computeIfAbsent(o.subject(), s -> new XYSeries(s, true, true)).add(t, o.value());
            data.row(
                    "subject",
                    o.subject(),
                    o.date(),
                    o.session(),
                    t,
                    o.value(),
                    o.fieldStrengthT(),
                    Double.NaN,
                    Double.NaN);
        }
        for (NucleusObservation o : observations) {
            if (!longitudinal.contains(o)) {
                double t = BrainIronTrend.years(first.get(o.subject()), o.date());
                post.add(t, o.value());
                data.row(
                        "other scan of the day",
                        o.subject(),
                        o.date(),
                        o.session(),
                        t,
                        o.value(),
                        o.fieldStrengthT(),
                        Double.NaN,
                        Double.NaN);
            }
        }
        XYSeriesCollection subjects = new XYSeriesCollection();
        XYLineAndShapeRenderer subjectRenderer = new XYLineAndShapeRenderer(true, true);
        int k = 0;
        for (XYSeries s : lines.values()) {
            subjects.addSeries(s);
            subjectRenderer.setSeriesPaint(k, ChartStyle.series(k));
            subjectRenderer.setSeriesShape(k, ChartStyle.shape(k));
            subjectRenderer.setSeriesStroke(k, new BasicStroke(1.1f));
            k++;
        }
        subjects.addSeries(post);
        subjectRenderer.setSeriesLinesVisible(k, false);
        subjectRenderer.setSeriesShapesFilled(k, false);
        subjectRenderer.setSeriesPaint(k, Color.DARK_GRAY);
        subjectRenderer.setSeriesShape(k, ChartStyle.shape(0));
        subjectRenderer.setUseFillPaint(false);

        NumberAxis x = new NumberAxis("Years since the subject's first scan");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis(valueAxis);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(subjects, x, y, subjectRenderer);

        double tMax = longitudinal.stream()
                .mapToDouble(o -> BrainIronTrend.years(first.get(o.subject()), o.date()))
                .max()
                .orElse(0);
        if (trend.fit() != null && tMax > 0) {
            XYSeries line = new XYSeries(TREND_SERIES, true, false);
            YIntervalSeries band = new YIntervalSeries("trend 95 % CI", true, false);
            for (int i = 0; i < TREND_POINTS; i++) {
                double t = tMax * i / (TREND_POINTS - 1);
                double v = trend.trendAt(t);
                ConfidenceInterval ci = trend.trendInterval(t);
                line.add(t, v);
                if (ci.defined()) {
                    band.add(t, v, ci.lower(), ci.upper());
                }
                data.row("trend", "", "", "", t, v, Double.NaN, ci.lower(), ci.upper());
            }
            XYLineAndShapeRenderer trendRenderer = new XYLineAndShapeRenderer(true, false);
            trendRenderer.setSeriesPaint(0, Color.BLACK);
            trendRenderer.setSeriesStroke(0, new BasicStroke(3f));
            plot.setDataset(1, new XYSeriesCollection(line));
            plot.setRenderer(1, trendRenderer);
            YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
            bands.addSeries(band);
            DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
            bandRenderer.setSeriesFillPaint(0, new Color(0, 0, 0));
            bandRenderer.setAlpha(0.12f);
            bandRenderer.setSeriesVisibleInLegend(0, false);
            plot.setDataset(2, bands);
            plot.setRenderer(2, bandRenderer);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.finish(chart);
        chart.addSubtitle(ChartStyle.note(modelText(trend, unit)));
        List<Double> fields =
                observations.stream().map(NucleusObservation::fieldStrengthT).toList();
        Optional<String> warning = FieldStrengths.warning(map, fields, title);
        warning.ifPresent(w -> {
            TextTitle t = new TextTitle(w, new Font(Font.SANS_SERIF, Font.BOLD, 11));
            t.setPaint(WARNING);
            chart.addSubtitle(t);
        });
        return new PlottedChart(chart, data.build());
    }

    /** The subtitle: the slope per year with its 95 % CI and the model, or why there is no trend. */
    public static String modelText(BrainIronTrend.Result trend, String unit) {
        if (trend.fit() == null) {
            return "No cohort trend: " + trend.failure();
        }
        ConfidenceInterval ci = trend.fit().confidenceInterval95(BrainIronTrend.YEARS);
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "Slope %.3g %s/year (95 %% CI %s); linear mixed model, random intercept and slope per subject, REML;"
                        + " %d subjects, %d scans",
                trend.slope(),
                unit,
                ci.format(3),
                trend.subjects(),
                trend.data().y().length));
        if (!trend.covariates().isEmpty()) {
            b.append("; adjusted for ")
                    .append(String.join(", ", trend.covariates()))
                    .append(" (centred)");
        }
        if (trend.rowsLeftOut() > 0) {
            b.append("; ").append(trend.rowsLeftOut()).append(" scan(s) without the covariates left out");
        }
        if (!trend.fit().converged()) {
            b.append("; NOT CONVERGED: ").append(trend.fit().message());
        }
        return b.toString();
    }
}
