package org.ferrum.charts;

import java.util.Comparator;
import java.util.List;
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

    private LicOverTimeChart() {
    }

    /** With the thresholds of {@link ClinicalBand#licThresholds()}. */
    public static PlottedChart create(String subject, List<LicObservation> visits) {
        return create(subject, visits, ClinicalBand.licThresholds());
    }

    public static PlottedChart create(String subject, List<LicObservation> visits, List<ClinicalBand> bands) {
        Objects.requireNonNull(subject, "subject");
        List<LicObservation> sorted = visits.stream().sorted(Comparator.comparing(LicObservation::date)).toList();
        XYSeries qsm = new XYSeries(QSM, true, true);
        XYSeries r2s = new XYSeries(R2STAR, true, true);
        ChartData.Builder data = ChartData.builder(new ChartData.Column("subject", ""), new ChartData.Column("date", ""),
                new ChartData.Column(QSM, UNIT), new ChartData.Column(R2STAR, UNIT));
        for (LicObservation v : sorted) {
            double x = ChartStyle.x(v.date());
            if (Double.isFinite(v.licQsm())) {
                qsm.add(x, v.licQsm());
            }
            if (Double.isFinite(v.licR2star())) {
                r2s.add(x, v.licR2star());
            }
            data.row(subject, v.date(), v.licQsm(), v.licR2star());
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(qsm);
        dataset.addSeries(r2s);

        NumberAxis lic = new NumberAxis("LIC [" + UNIT + "]");
        lic.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < 2; s++) {
            renderer.setSeriesPaint(s, ChartStyle.series(s));
            renderer.setSeriesShape(s, ChartStyle.shape(s));
            renderer.setSeriesStroke(s, ChartStyle.LINE);
        }
        XYPlot plot = new XYPlot(dataset, ChartStyle.dateAxis("Visit date"), lic, renderer);
        String sources = "";
        for (int i = 0; i < bands.size(); i++) {
            ClinicalBand b = bands.get(i);
            if (!b.unit().equals(UNIT)) {
                throw new IllegalArgumentException("band '" + b.label() + "' is in " + b.unit() + ", the chart in " + UNIT);
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
        if (!sources.isEmpty()) {
            chart.addSubtitle(ChartStyle.note("Bands: " + sources));
        }
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }
}
