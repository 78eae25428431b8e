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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Liver iron concentration of one subject over time, from QSM and from R2* on one chart, over the clinical threshold
 * bands.
 *
 * <p>Contract: series 0 is "LIC from QSM" (circles), series 1 "LIC from R2*" (squares), each point a visit (NaN
 * values are left out of the lines but kept, empty, in the data); x is the visit date, y LIC in mg Fe/g dw from 0; each
 * {@link ClinicalBand} is a background {@link IntervalMarker} on the range axis, labelled, its source in a subtitle.
 * The data table has one row per visit: subject, date, LIC from QSM, LIC from R2*.
 */
public final class LicOverTimeChart {

    /** Series names, also the CSV column names. */
    public static final String QSM = "LIC from QSM";

    public static final String R2STAR = "LIC from R2*";
    /** Unit of both series. */
    public static final String UNIT = "mg Fe/g dw";

    private LicOverTimeChart() {}

    /** With the thresholds of {@link ClinicalBand#licThresholds()}. */
    public static PlottedChart create(String subject, List<LicObservation> visits) {
        return create(subject, visits, ClinicalBand.licThresholds());
    }

    public static PlottedChart create(String subject, List<LicObservation> visits, List<ClinicalBand> bands) {
        Map<String, List<LicObservation>> one = new LinkedHashMap<>();
        one.put("", visits);
        return create(subject, one, bands, null);
    }

    /**
     * One subject's LIC in several liver regions: per region and method one series named "&lt;region&gt; — LIC from
     * QSM" / "… — LIC from R2*" (QSM solid with circles, R2* dashed with squares, one colour per region, regions in the
     * map's order). A region named "" gives the plain series names {@link #QSM} and {@link #R2STAR} (the whole-liver
     * chart). The data table then has a region column after the subject.
     *
     * @param regions region label → its visits
     * @param note    a line under the title (e.g. how the whole liver was obtained), or null
     */
    public static PlottedChart create(
            String subject, Map<String, List<LicObservation>> regions, List<ClinicalBand> bands, String note) {
        Objects.requireNonNull(subject, "subject");
        boolean named = regions.keySet().stream().anyMatch(r -> !r.isEmpty());
        List<ChartData.Column> columns = new ArrayList<>(List.of(new ChartData.Column("subject", "")));
        if (named) {
            columns.add(new ChartData.Column("region", ""));
        }
        columns.addAll(List.of(
                new ChartData.Column("date", ""), new ChartData.Column(QSM, UNIT), new ChartData.Column(R2STAR, UNIT)));
        ChartData.Builder data = ChartData.builder(columns.toArray(ChartData.Column[]::new));
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int colour = 0;
        for (Map.Entry<String, List<LicObservation>> region : regions.entrySet()) {
            String prefix = region.getKey().isEmpty() ? "" : region.getKey() + " — ";
            List<LicObservation> sorted = region.getValue().stream()
                    .sorted(Comparator.comparing(LicObservation::date))
                    .toList();
            XYSeries qsm = new XYSeries(prefix + QSM, true, true);
            XYSeries r2s = new XYSeries(prefix + R2STAR, true, true);
            for (LicObservation v : sorted) {
                double x = ChartStyle.x(v.date());
                if (Double.isFinite(v.licQsm())) {
                    qsm.add(x, v.licQsm());
                }
                if (Double.isFinite(v.licR2star())) {
                    r2s.add(x, v.licR2star());
                }
                if (named) {
                    data.row(subject, region.getKey(), v.date(), v.licQsm(), v.licR2star());
                } else {
                    data.row(subject, v.date(), v.licQsm(), v.licR2star());
                }
            }
            for (int method = 0; method < 2; method++) {
                int s = dataset.getSeriesCount();
                dataset.addSeries(method == 0 ? qsm : r2s);
                // one region: the two methods in two colours, as before; several: the region's colour for both
                renderer.setSeriesPaint(s, ChartStyle.series(named ? colour : method));
                renderer.setSeriesShape(s, ChartStyle.shape(method));
                renderer.setSeriesStroke(s, method == 0 || !named ? ChartStyle.LINE : ChartStyle.DASHED_LINE);
            }
            colour++;
        }

        NumberAxis lic = new NumberAxis("LIC [" + UNIT + "]");
        lic.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, ChartStyle.dateAxis("Visit date"), lic, renderer);
        String sources = "";
        for (int i = 0; i < bands.size(); i++) {
            ClinicalBand b = bands.get(i);
            if (!b.unit().equals(UNIT)) {
                throw new IllegalArgumentException(
                        "band '" + b.label() + "' is in " + b.unit() + ", the chart in " + UNIT);
            }
            IntervalMarker m = new IntervalMarker(b.lower(), b.upper(), ChartStyle.band(i));
            m.setAlpha(1f); // the band colours carry their own translucency
            ChartStyle.labelled(m, b.label(), RectangleAnchor.TOP_LEFT, TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m, Layer.BACKGROUND);
            if (!sources.contains(b.source())) {
                sources = sources.isEmpty() ? b.source() : sources + "; " + b.source();
            }
        }
        JFreeChart chart = new JFreeChart("LIC over time: " + subject, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        if (note != null && !note.isBlank()) {
            chart.addSubtitle(ChartStyle.note(note));
        }
        if (!sources.isEmpty()) {
            chart.addSubtitle(ChartStyle.note("Bands: " + sources));
        }
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }
}
