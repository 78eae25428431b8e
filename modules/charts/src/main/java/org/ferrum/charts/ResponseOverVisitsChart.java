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
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.ferrum.core.statistics.RepeatabilityCoefficient;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
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
 * Response over visits: one panel per parameter, x = days from the first visit, y = percent change from each region's
 * baseline, one line per region (the same colour and marker for a region in every panel, so tumour and cord read side
 * by side), the parameter's ±RC band shaded and every change beyond it ringed (and named in the tooltip and the data
 * table). Numbers from {@link ResponseOverVisits}; repeatability normally from {@link Repeatability}.
 */
public final class ResponseOverVisitsChart {

    /** Pixel height of one parameter panel in an export ({@link #exportHeight}). */
    static final int PANEL_HEIGHT = 170;

    /** The ring drawn around a change beyond ±RC. */
    static final Shape RING = new Ellipse2D.Double(-9, -9, 18, 18);

    static final BasicStroke RING_STROKE = new BasicStroke(2.5f);

    static final Color FLAG = new Color(220, 0, 0);

    private ResponseOverVisitsChart() {}

    /** With the repeatability of {@link Repeatability}, a 20 % band where it has no entry (said in the chart). */
    public static PlottedChart create(String subject, List<TumourObservation> observations) {
        return create(subject, observations, p -> Repeatability.of(p)
                .map(Repeatability.Entry::rc)
                .orElse(RepeatabilityCoefficient.given(DEFAULT_RC_PERCENT)));
    }

    /** RC used for a parameter that {@link Repeatability} does not list. */
    public static final double DEFAULT_RC_PERCENT = 20;

    /** A height (px) that gives each of the chart's panels {@value #PANEL_HEIGHT} px plus room for titles and legend. */
    public static int exportHeight(PlottedChart chart) {
        int panels = chart.chart().getPlot() instanceof CombinedDomainXYPlot c
                ? c.getSubplots().size()
                : 1;
        return 150 + PANEL_HEIGHT * panels;
    }

    public static PlottedChart create(
            String subject, List<TumourObservation> observations, Function<String, RepeatabilityCoefficient> rcOf) {
        List<ResponseOverVisits.Series> all = ResponseOverVisits.of(observations, rcOf);
        List<String> regions = all.stream()
                .map(ResponseOverVisits.Series::region)
                .distinct()
                .sorted()
                .toList();
        Map<String, List<ResponseOverVisits.Series>> byParameter = new LinkedHashMap<>();
        all.forEach(s -> byParameter
                .computeIfAbsent(s.parameter(), k -> new ArrayList<>())
                .add(s));

        NumberAxis days = new NumberAxis("Days from first visit");
        days.setAutoRangeIncludesZero(false);
        days.setAutoRangeStickyZero(false);
        days.setLowerMargin(0.03); // the baseline markers at day 0 drawn whole
        days.setUpperMargin(0.03);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(days);
        combined.setGap(8);
        ChartData.Builder data = ChartData.builder(
                new ChartData.Column("region", ""),
                new ChartData.Column("parameter", ""),
                new ChartData.Column("date", ""),
                new ChartData.Column("days from first visit", "d"),
                new ChartData.Column("value", ""),
                new ChartData.Column("unit", ""),
                new ChartData.Column("change from baseline", "%"),
                new ChartData.Column("RC", "%"),
                new ChartData.Column("beyond RC", ""));
        int flagged = 0;
        for (Map.Entry<String, List<ResponseOverVisits.Series>> parameter : byParameter.entrySet()) {
            List<ResponseOverVisits.Series> series = parameter.getValue();
            ResponseOverVisits.Series first = series.get(0);
            String name = Repeatability.displayName(parameter.getKey());
            double rc = first.rc().value();
            XYSeriesCollection dataset = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            List<List<ResponseOverVisits.Point>> lookup = new ArrayList<>();
            List<String> seriesRegion = new ArrayList<>();
            List<double[]> changes = new ArrayList<>();
            XYSeries beyond = new XYSeries("beyond ±RC", false, true);
            List<ResponseOverVisits.Point> beyondPoints = new ArrayList<>();
            List<String> beyondRegions = new ArrayList<>();
            for (ResponseOverVisits.Series s : series) {
                int k = dataset.getSeriesCount();
                int colour = regions.indexOf(s.region());
                XYSeries xy = new XYSeries(s.region(), false, true);
                for (ResponseOverVisits.Point p : s.points()) {
                    xy.add(p.days(), p.percentChange());
                    changes.add(new double[] {p.percentChange()});
                    data.row(
                            s.region(),
                            name,
                            p.date(),
                            (double) p.days(),
                            p.value(),
                            s.unit(),
                            p.percentChange(),
                            rc,
                            p.beyond() ? "yes" : "no");
                    if (p.beyond()) {
                        beyond.add(p.days(), p.percentChange());
                        beyondPoints.add(p);
                        beyondRegions.add(s.region());
                        flagged++;
                    }
                }
                dataset.addSeries(xy);
                lookup.add(s.points());
                seriesRegion.add(s.region());
                renderer.setSeriesPaint(k, ChartStyle.series(colour));
                renderer.setSeriesShape(k, ChartStyle.shape(colour));
                renderer.setSeriesStroke(k, ChartStyle.LINE);
            }
            int ring = dataset.getSeriesCount();
            dataset.addSeries(beyond);
            lookup.add(beyondPoints);
            renderer.setSeriesLinesVisible(ring, false);
            renderer.setSeriesShape(ring, RING);
            renderer.setSeriesShapesFilled(ring, false);
            renderer.setSeriesPaint(ring, FLAG);
            renderer.setSeriesStroke(ring, RING_STROKE);
            renderer.setSeriesOutlineStroke(ring, RING_STROKE);
            renderer.setUseOutlinePaint(false);
            String unit = first.unit() == null || first.unit().isEmpty() ? "" : " [" + first.unit() + "]";
            renderer.setDefaultToolTipGenerator((ds, si, item) -> {
                ResponseOverVisits.Point p = lookup.get(si).get(item);
                String region = si < seriesRegion.size() ? seriesRegion.get(si) : beyondRegions.get(item);
                return String.format(
                        Locale.ROOT,
                        "%s, %s: %s (day %d): %.4g%s, %+.1f %% from baseline%s",
                        region,
                        name,
                        p.date(),
                        p.days(),
                        p.value(),
                        unit,
                        p.percentChange(),
                        p.beyond() ? String.format(Locale.ROOT, " — beyond ±RC %.1f %%", rc) : "");
            });

            NumberAxis y = new NumberAxis(name + " Δ [%]");
            y.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            XYPlot plot = new XYPlot(dataset, null, y, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(220, 220, 220));
            plot.setRangeGridlinePaint(new Color(220, 220, 220));
            IntervalMarker band = new IntervalMarker(-rc, rc, ChartStyle.NO_CHANGE_BAND);
            band.setAlpha(1f);
            ChartStyle.labelled(
                    band,
                    String.format(Locale.ROOT, "%s%s · ±RC %.1f %%", name, unit, rc),
                    RectangleAnchor.TOP_LEFT,
                    TextAnchor.TOP_LEFT);
            band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            plot.addRangeMarker(band, Layer.BACKGROUND);
            plot.addRangeMarker(new ValueMarker(0, Color.GRAY, ChartStyle.REFERENCE));
            ChartStyle.spanWithReferences(
                    y, changes.stream().mapToDouble(c -> c[0]).toArray(), -rc, rc, 1.25 * rc);
            double span = y.getUpperBound() - y.getLowerBound();
            // room for the 9 px rings at the extremes of a ~120 px panel
            y.setRange(y.getLowerBound() - 0.06 * span, y.getUpperBound() + 0.06 * span);
            combined.add(plot, 1);
        }

        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < regions.size(); i++) {
            legend.add(new LegendItem(
                    regions.get(i),
                    null,
                    null,
                    null,
                    ChartStyle.shape(i),
                    ChartStyle.series(i),
                    ChartStyle.LINE,
                    ChartStyle.series(i)));
        }
        LegendItem ringItem = new LegendItem(
                "change beyond ±RC",
                null,
                null,
                null,
                true,
                RING,
                false,
                FLAG,
                true,
                FLAG,
                RING_STROKE,
                false,
                RING,
                ChartStyle.LINE,
                FLAG);
        legend.add(ringItem);
        LegendItem bandItem = new LegendItem(
                "±RC (repeatability) band",
                null,
                null,
                null,
                new Rectangle2D.Double(-6, -6, 12, 12),
                new Color(120, 120, 120, 90));
        legend.add(bandItem);
        combined.setFixedLegendItems(legend);

        JFreeChart chart =
                new JFreeChart("Response over visits: " + subject, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.addSubtitle(ChartStyle.note(String.format(
                Locale.ROOT,
                "Median per region; change from each region's first visit; shaded ±RC = 2.77 × wCV or published RC"
                        + " (sources: Repeatability); %d change(s) beyond it ringed",
                flagged)));
        chart.setBackgroundPaint(Color.WHITE);
        return new PlottedChart(chart, data.build());
    }
}
