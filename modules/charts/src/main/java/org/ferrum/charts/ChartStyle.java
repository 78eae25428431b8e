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
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;

/** Colours, shapes and axes shared by the Ferrum charts, so all of them read alike in a paper. */
final class ChartStyle {

    /**
     * Okabe &amp; Ito's colour-blind-safe palette (Okabe M &amp; Ito K, "Color Universal Design", 2008), minus black
     * and yellow, which vanish against white or the bands.
     */
    static final Color[] SERIES = {
        new Color(0, 114, 178),
        new Color(213, 94, 0),
        new Color(0, 158, 115),
        new Color(204, 121, 167),
        new Color(86, 180, 233),
        new Color(230, 159, 0)
    };

    /** Light, translucent tints from green to red for ordered clinical bands (lowest first). */
    static final Color[] BANDS = {
        new Color(0, 158, 115, 40), new Color(240, 228, 66, 60), new Color(230, 159, 0, 55), new Color(213, 94, 0, 55)
    };

    /** The translucent grey of a repeatability (no-change) band. */
    static final Color NO_CHANGE_BAND = new Color(120, 120, 120, 45);

    static final BasicStroke LINE = new BasicStroke(1.6f);
    static final BasicStroke REFERENCE = new BasicStroke(1.2f);
    /** A data line as wide as {@link #LINE}, dashed: the second method of a pair. */
    static final BasicStroke DASHED_LINE =
            new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f);

    static final BasicStroke DASHED =
            new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    /** Right padding (px) of a chart with a date axis: half an ISO date label at 12 pt, with a margin. */
    static final int DATE_LABEL_ROOM = 40;

    private ChartStyle() {}

    static Color series(int i) {
        return SERIES[i % SERIES.length];
    }

    static Paint band(int i) {
        return BANDS[Math.min(i, BANDS.length - 1)];
    }

    /** Distinct marker shapes, so series stay apart in greyscale print: circle, square, diamond, triangles. */
    static Shape shape(int i) {
        return switch (i % 5) {
            case 0 -> new Ellipse2D.Double(-4, -4, 8, 8);
            case 1 -> new Rectangle2D.Double(-3.5, -3.5, 7, 7);
            case 2 -> ShapeUtils.createDiamond(4.5f);
            case 3 -> ShapeUtils.createUpTriangle(4.5f);
            default -> ShapeUtils.createDownTriangle(4.5f);
        };
    }

    /** A visit date as the x value: milliseconds of its UTC midnight, so the axis shows the same calendar date everywhere. */
    static double x(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** A date axis labelled with ISO dates in UTC (matching {@link #x}). */
    static DateAxis dateAxis(String label) {
        DateAxis axis = new DateAxis(label);
        TimeZone utc = TimeZone.getTimeZone("UTC");
        axis.setTimeZone(utc);
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        iso.setTimeZone(utc);
        axis.setDateFormatOverride(iso);
        axis.setLowerMargin(0.05);
        axis.setUpperMargin(0.05);
        return axis;
    }

    /** White background, light grid, the title in the chart's font. */
    static JFreeChart finish(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        chart.setBackgroundPaint(Color.WHITE);
        if (plot.getDomainAxis() instanceof DateAxis) {
            // a date tick label is centred on its tick; the last one may sit at the plot's right edge, and half of a
            // "2026-01-01" (about 32 px) would be cut off by the chart's edge without room on the right
            chart.setPadding(new RectangleInsets(4, 4, 4, DATE_LABEL_ROOM));
        }
        return chart;
    }

    /** Gives a marker a small dark label on a light, translucent ground (the library default is a grey box). */
    static <M extends Marker> M labelled(M marker, String text, RectangleAnchor anchor, TextAnchor textAnchor) {
        marker.setLabel(text);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        marker.setLabelPaint(Color.DARK_GRAY);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 160));
        marker.setLabelAnchor(anchor);
        marker.setLabelTextAnchor(textAnchor);
        return marker;
    }

    /**
     * Sets a number axis to span the data and the reference values that are part of the answer (a band, limits of
     * agreement), with 5 % margins: auto-ranging would look at the data only and could cut a band off.
     */
    static void spanWithReferences(NumberAxis axis, double[] data, double... references) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : new double[][] {data, references}) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo < hi)) {
            return; // nothing or one value: leave auto-ranging to the axis
        }
        double margin = 0.05 * (hi - lo);
        axis.setRange(lo - margin, hi + margin);
    }

    static TextTitle note(String text) {
        TextTitle t = new TextTitle(text, new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        t.setPaint(Color.DARK_GRAY);
        return t;
    }
}
