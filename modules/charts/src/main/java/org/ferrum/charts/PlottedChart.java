package org.ferrum.charts;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * A chart and the data it plots, made together by the chart factories so that an export can always include the data.
 *
 * @param chart  the JFreeChart (draw it, put it in a {@code ChartPanel}, or {@link ChartExport export} it)
 * @param data   the plotted numbers with their units
 */
public record PlottedChart(JFreeChart chart, ChartData data) {

    public PlottedChart {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(data, "data");
    }
}
