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
import org.ferrum.core.statistics.RepeatabilityCoefficient;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A tumour qMRI parameter over time as percent change from each lesion's baseline, with the ±RC band inside which a
 * change may be measurement error.
 *
 * <p>Contract: one series per lesion ({@link LesionPercentChange#byLesion}), x the visit date, y the percent change; a
 * background {@link IntervalMarker} from −RC to +RC (RC in %, {@link RepeatabilityCoefficient}) labelled with its
 * value, and a line at 0 %. The data table has one row per lesion and visit: lesion, date, value (in the parameter's
 * unit), percent change.
 */
public final class TumourResponseChart {

    private TumourResponseChart() {}

    /**
     * @param parameter           which parameter of the observations to plot, e.g. "ADC"
     * @param repeatabilityPercent the RC of that parameter's percent change, in % (e.g. 2.77 × wCV)
     */
    public static PlottedChart create(
            String parameter, List<TumourObservation> observations, RepeatabilityCoefficient repeatabilityPercent) {
        Map<String, List<LesionPercentChange.Point>> lesions = LesionPercentChange.byLesion(observations, parameter);
        String unit = observations.stream()
                .filter(o -> o.parameter().equals(parameter))
                .map(TumourObservation::unit)
                .findFirst()
                .orElse("");
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("lesion", ""),
                new ChartData.Column("date", ""),
                new ChartData.Column(parameter, unit),
                new ChartData.Column(parameter + " change from baseline", "%"));
        int s = 0;
        for (Map.Entry<String, List<LesionPercentChange.Point>> lesion : lesions.entrySet()) {
            XYSeries series = new XYSeries(lesion.getKey(), true, true);
            for (LesionPercentChange.Point p : lesion.getValue()) {
                series.add(ChartStyle.x(p.date()), p.percentChange());
                data.row(lesion.getKey(), p.date(), p.value(), p.percentChange());
            }
            dataset.addSeries(series);
            renderer.setSeriesPaint(s, ChartStyle.series(s));
            renderer.setSeriesShape(s, ChartStyle.shape(s));
            renderer.setSeriesStroke(s, ChartStyle.LINE);
            s++;
        }
        NumberAxis y = new NumberAxis(parameter + " change from baseline [%]");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, ChartStyle.dateAxis("Visit date"), y, renderer);
        double rc = repeatabilityPercent.value();
        IntervalMarker band = new IntervalMarker(-rc, rc, ChartStyle.NO_CHANGE_BAND);
        band.setAlpha(1f); // the band colour carries its own translucency
        ChartStyle.labelled(
                band, String.format(Locale.ROOT, "±RC = %.1f %%", rc), RectangleAnchor.TOP_LEFT, TextAnchor.TOP_LEFT);
        plot.addRangeMarker(band, Layer.BACKGROUND);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, ChartStyle.REFERENCE));
        // the whole band in view, also when it is wider than every lesion's change
        ChartStyle.spanWithReferences(
                y,
                lesions.values().stream()
                        .flatMap(List::stream)
                        .mapToDouble(LesionPercentChange.Point::percentChange)
                        .toArray(),
                -rc,
                rc);
        JFreeChart chart = new JFreeChart(
                parameter + ": change from baseline per lesion", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(ChartStyle.note(String.format(
                Locale.ROOT,
                "Shaded: ±repeatability coefficient %.1f %% (RC = 2.77 × within-subject SD; Bland & Altman 1999, QIBA)",
                rc)));
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }
}
