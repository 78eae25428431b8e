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
