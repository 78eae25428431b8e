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

import java.awt.Font;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * χ against R2* of one nucleus over all scans (issue 18, item 4: iron raises both, calcium lowers χ and raises R2*):
 * x = R2*, y = χ, one series per field strength (named "3 T", "1.5 T", "field strength not recorded") so that scans
 * whose R2* is not comparable stay apart, with the {@link FieldStrengths} warning under the title when there are
 * several.
 */
public final class ChiR2starScatter {

    /**
     * One scan's pair.
     *
     * @param subject        subject code
     * @param date           scan date
     * @param session        session label
     * @param chi            χ in the chart's unit
     * @param r2star         R2* in 1/s
     * @param fieldStrengthT B0 in tesla, NaN if not recorded
     */
    public record Point(
            String subject, LocalDate date, String session, double chi, double r2star, double fieldStrengthT) {}

    private ChiR2starScatter() {}

    /**
     * @param title   e.g. "Putamen, left: χ against R2*"
     * @param chiAxis e.g. "χ − χ(CSF) [ppb]"
     * @param chiUnit e.g. "ppb"
     */
    public static PlottedChart create(String title, String chiAxis, String chiUnit, List<Point> points) {
        Map<Double, XYSeries> byField = new TreeMap<>();
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("subject", ""),
                new ChartData.Column("date", ""),
                new ChartData.Column("session", ""),
                new ChartData.Column("R2*", "1/s"),
                new ChartData.Column(AxisLabel.withoutUnit(chiAxis, chiUnit), chiUnit),
                new ChartData.Column("field strength", "T"));
        for (Point p : points) {
            double key = Double.isFinite(p.fieldStrengthT()) ? p.fieldStrengthT() : Double.MAX_VALUE;
            byField.computeIfAbsent(
                            key,
                            k -> new XYSeries(
                                    k == Double.MAX_VALUE ? "field strength not recorded" : FieldStrengths.tesla(k),
                                    false,
                                    true))
                    .add(p.r2star(), p.chi());
            data.row(p.subject(), p.date(), p.session(), p.r2star(), p.chi(), p.fieldStrengthT());
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        int k = 0;
        for (XYSeries s : byField.values()) {
            dataset.addSeries(s);
            r.setSeriesPaint(k, ChartStyle.series(k));
            r.setSeriesShape(k, ChartStyle.shape(k));
            k++;
        }
        NumberAxis x = new NumberAxis("R2* [1/s]");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(chiAxis);
        y.setAutoRangeIncludesZero(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(dataset, x, y, r), true);
        ChartStyle.finish(chart);
        chart.addSubtitle(
                ChartStyle.note("One point per scan; iron raises both χ and R2*, calcium lowers χ and raises R2*"));
        FieldStrengths.warning(
                        "r2star", points.stream().map(Point::fieldStrengthT).toList(), title)
                .ifPresent(w -> {
                    TextTitle t = new TextTitle(w, new Font(Font.SANS_SERIF, Font.BOLD, 11));
                    t.setPaint(BrainIronOverVisitsChart.WARNING);
                    chart.addSubtitle(t);
                });
        return new PlottedChart(chart, data.build());
    }
}
