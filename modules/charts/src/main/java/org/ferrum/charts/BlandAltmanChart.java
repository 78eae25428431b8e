package org.ferrum.charts;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.ferrum.liver.BlandAltman;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Bland–Altman plot of LIC from QSM against LIC from R2*: the difference of each pair against its mean, with the bias
 * and the 95 % limits of agreement (Bland JM &amp; Altman DG, Lancet 1986;1:307–310).
 *
 * <p>Contract: one scatter series "visits" of ({@code (QSM + R2*)/2}, {@code QSM − R2*}) per visit with both values
 * ({@link LicAgreement}); range markers at the bias (solid) and at bias ± 1.96·SD (dashed), labelled with their values;
 * a subtitle with n, bias and limits. With fewer than two pairs the limits are NaN and no limit lines are drawn. The
 * data table has one row per used visit: date, LIC from QSM, LIC from R2*, mean, difference.
 */
public final class BlandAltmanChart {

    /** Name of the scatter series. */
    public static final String SERIES = "visits";

    private BlandAltmanChart() {
    }

    public static PlottedChart create(String title, List<LicObservation> visits) {
        LicAgreement agreement = LicAgreement.of(visits);
        BlandAltman ba = agreement.statistics();
        double[] means = agreement.means();
        double[] diffs = agreement.differences();
        String unit = LicOverTimeChart.UNIT;
        XYSeries s = new XYSeries(SERIES, false, true);
        ChartData.Builder data = ChartData.builder(new ChartData.Column("date", ""),
                new ChartData.Column(LicOverTimeChart.QSM, unit), new ChartData.Column(LicOverTimeChart.R2STAR, unit),
                new ChartData.Column("mean", unit), new ChartData.Column("difference QSM - R2*", unit));
        for (int i = 0; i < means.length; i++) {
            s.add(means[i], diffs[i]);
            LicObservation v = agreement.pairs().get(i);
            data.row(v.date(), v.licQsm(), v.licR2star(), means[i], diffs[i]);
        }
        XYSeriesCollection dataset = new XYSeriesCollection(s);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, ChartStyle.series(0));
        renderer.setSeriesShape(0, ChartStyle.shape(0));
        NumberAxis x = new NumberAxis("Mean of LIC from QSM and from R2* [" + unit + "]");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("LIC from QSM − LIC from R2* [" + unit + "]");
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        if (Double.isFinite(ba.bias())) {
            plot.addRangeMarker(line(ba.bias(), "bias", ChartStyle.REFERENCE));
        }
        if (Double.isFinite(ba.lowerLimit())) {
            plot.addRangeMarker(line(ba.upperLimit(), "+1.96 SD", ChartStyle.DASHED));
            plot.addRangeMarker(line(ba.lowerLimit(), "−1.96 SD", ChartStyle.DASHED));
            // the limits are part of the answer: keep them on screen whatever the points do
            ChartStyle.spanWithReferences(y, diffs, ba.lowerLimit(), ba.upperLimit());
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(ChartStyle.note(ba.n() < 2
                ? "n = " + ba.n() + ": limits of agreement need at least two visits with both LIC values"
                : String.format(Locale.ROOT, "n = %d, bias %.2f, 95 %% limits of agreement %.2f to %.2f %s", ba.n(),
                        ba.bias(), ba.lowerLimit(), ba.upperLimit(), unit)));
        return new PlottedChart(ChartStyle.finish(chart), data.build());
    }

    private static ValueMarker line(double value, String what, java.awt.Stroke stroke) {
        return ChartStyle.labelled(new ValueMarker(value, Color.DARK_GRAY, stroke),
                String.format(Locale.ROOT, "%s %.2f", what, value), RectangleAnchor.TOP_RIGHT, TextAnchor.BOTTOM_RIGHT);
    }
}
