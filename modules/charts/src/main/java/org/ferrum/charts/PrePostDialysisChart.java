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
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Paired pre/post-dialysis differences of a nucleus: one point per pair (x = the pair, "subject date"; y = post − pre),
 * the zero line, the mean difference as a line and its 95 % t interval shaded ({@link PrePostDialysis}); the numbers
 * written under the title. Dataset 0 holds one series, {@value #DIFFERENCES}, in pair order.
 */
public final class PrePostDialysisChart {

    /** The series of differences. */
    public static final String DIFFERENCES = "post − pre";

    private PrePostDialysisChart() {}

    /**
     * @param title e.g. "Putamen, left: χ referenced to CSF, post − pre dialysis"
     * @param valueName the value's name with its reference, e.g. "χ − χ(CSF)"
     * @param unit  e.g. "ppb"
     * @param map   "chi" or "r2star" (field-strength check)
     */
    public static PlottedChart create(
            String title, String valueName, String unit, String map, List<NucleusObservation> observations) {
        List<PrePostDialysis.Pair> pairs = PrePostDialysis.pairs(observations);
        PrePostDialysis.Summary s = PrePostDialysis.summarise(pairs);
        XYSeries diffs = new XYSeries(DIFFERENCES, false, true);
        String[] labels = new String[pairs.size()];
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("subject", ""),
                new ChartData.Column("date", ""),
                new ChartData.Column(valueName + " pre-dialysis", unit),
                new ChartData.Column(valueName + " post-dialysis", unit),
                new ChartData.Column("post − pre", unit));
        for (int i = 0; i < pairs.size(); i++) {
            PrePostDialysis.Pair p = pairs.get(i);
            diffs.add(i, p.difference());
            labels[i] = p.subject() + " " + p.date();
            data.row(p.subject(), p.date(), p.pre(), p.post(), p.difference());
        }
        SymbolAxis x = new SymbolAxis("Pair (subject, day)", labels);
        x.setVerticalTickLabels(pairs.size() > 6);
        x.setGridBandsVisible(false);
        NumberAxis y = new NumberAxis(AxisLabel.of("post − pre " + valueName, unit));
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, ChartStyle.series(0));
        r.setSeriesShape(0, ChartStyle.shape(0));
        XYPlot plot = new XYPlot(new XYSeriesCollection(diffs), x, y, r);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, ChartStyle.REFERENCE));
        double[] values =
                pairs.stream().mapToDouble(PrePostDialysis.Pair::difference).toArray();
        if (s.ci95().defined()) {
            IntervalMarker band = new IntervalMarker(s.ci95().lower(), s.ci95().upper(), ChartStyle.NO_CHANGE_BAND);
            ChartStyle.labelled(band, "mean 95 % CI", RectangleAnchor.TOP_LEFT, TextAnchor.TOP_LEFT);
            plot.addRangeMarker(band, Layer.BACKGROUND);
        }
        if (Double.isFinite(s.mean())) {
            plot.addRangeMarker(ChartStyle.labelled(
                    new ValueMarker(s.mean(), ChartStyle.series(1), new BasicStroke(2f)),
                    String.format(Locale.ROOT, "mean %.3g %s", s.mean(), unit),
                    RectangleAnchor.BOTTOM_RIGHT,
                    TextAnchor.TOP_RIGHT));
        }
        ChartStyle.spanWithReferences(y, values, 0, s.ci95().lower(), s.ci95().upper());
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartStyle.finish(chart);
        chart.addSubtitle(ChartStyle.note(summaryText(s, unit)));
        FieldStrengths.warning(
                        map,
                        observations.stream()
                                .map(NucleusObservation::fieldStrengthT)
                                .toList(),
                        title)
                .ifPresent(w -> {
                    TextTitle t = new TextTitle(w, new Font(Font.SANS_SERIF, Font.BOLD, 11));
                    t.setPaint(BrainIronOverVisitsChart.WARNING);
                    chart.addSubtitle(t);
                });
        return new PlottedChart(chart, data.build());
    }

    /** "Mean post − pre 1.6 ppb (SD 2.1, 95 % CI … , paired t, n = 6 pairs)" or what cannot be said. */
    public static String summaryText(PrePostDialysis.Summary s, String unit) {
        if (s.n() == 0) {
            return "No pre/post-dialysis pairs (scans of one subject on one day labelled pre-dialysis and post-dialysis)";
        }
        if (s.n() == 1) {
            return String.format(
                    Locale.ROOT,
                    "One pair: post − pre %.3g %s; no SD or confidence interval from a single pair",
                    s.mean(),
                    unit);
        }
        return String.format(
                Locale.ROOT,
                "Mean post − pre %.3g %s (SD %.3g, 95 %% CI %s %s; paired t interval, n = %d pairs)",
                s.mean(),
                unit,
                s.sd(),
                s.ci95().format(3),
                unit,
                s.n());
    }
}
