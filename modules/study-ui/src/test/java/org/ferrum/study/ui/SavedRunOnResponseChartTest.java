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
package org.ferrum.study.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ferrum.charts.ChartExport;
import org.ferrum.charts.PlottedChart;
import org.ferrum.charts.ResponseOverVisitsChart;
import org.ferrum.core.Table;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.study.PipelineResults;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.Subject;
import org.ferrum.study.Visit;
import org.ferrum.study.VisitMeasurements;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spine pipeline run saved to the study appears on the subject's response chart, tumour and cord side by side. */
class SavedRunOnResponseChartTest {

    @TempDir
    Path dir;

    /** Parameters of a spine run: name, unit, tumour values per visit, cord values per visit. */
    private static final Object[][] SPINE = {
        {"t1", "s", new double[] {1.30, 1.25, 1.55, 1.60}, new double[] {0.95, 0.96, 0.94, 0.95}},
        {"ktrans", "1/min", new double[] {0.180, 0.120, 0.080, 0.070}, new double[] {0.020, 0.021, 0.019, 0.020}},
        {"ve", "", new double[] {0.35, 0.33, 0.30, 0.31}, new double[] {0.10, 0.10, 0.11, 0.10}},
        {
            "adc",
            "mm²/s",
            new double[] {0.85e-3, 0.95e-3, 1.10e-3, 1.20e-3},
            new double[] {1.00e-3, 1.02e-3, 0.99e-3, 1.01e-3}
        },
        {"ivim_f", "", new double[] {0.12, 0.11, 0.08, 0.07}, new double[] {0.05, 0.05, 0.05, 0.06}},
        {"pdff", "%", new double[] {8, 9, 14, 22}, new double[] {0.5, 0.5, 0.6, 0.5}}
    };

    /** The measurements table of visit {@code v} in roi.measurements' shape (long: a row per region and map). */
    static Table table(int v) {
        Table.Builder b = Table.builder(
                Table.Column.number("label", null),
                Table.Column.text("name"),
                Table.Column.text("map"),
                Table.Column.text("unit"),
                Table.Column.number("n", null),
                Table.Column.number("n_nan", null),
                Table.Column.number("n_inf", null),
                Table.Column.number("median", null),
                Table.Column.number("q1", null),
                Table.Column.number("q3", null),
                Table.Column.number("iqr", null),
                Table.Column.number("mean", null),
                Table.Column.number("sd", null));
        for (int region = 1; region <= 2; region++) {
            for (Object[] p : SPINE) {
                double m = ((double[]) p[region + 1])[v];
                b.row(
                        region,
                        region == 1 ? "tumour" : "cord",
                        p[0],
                        p[1],
                        400,
                        3,
                        0,
                        m,
                        0.9 * m,
                        1.1 * m,
                        0.2 * m,
                        m,
                        0.15 * m);
            }
        }
        return b.build();
    }

    @Test
    void savedRunsAreChartedPerParameterAndRegionWithFlags() throws Exception {
        try (StudyDatabase db = StudyDatabase.open("jdbc:h2:mem:savedRunChart;DB_CLOSE_DELAY=-1", "sa", "")) {
            Subject s = db.insert(new Subject(null, "SP-001", "F", 1960, null, "spinal metastasis", null));
            LocalDate first = LocalDate.of(2026, 1, 5);
            for (int v = 0; v < 4; v++) {
                Visit visit = db.insert(new Visit(null, s.id(), first.plusWeeks(6L * v), null));
                Execution run = new Execution(
                        new Pipeline("spine-qmri", "", List.of(), List.of(), Map.of(), Map.of()),
                        List.of(),
                        Map.of("measurements", table(v)),
                        Map.of(),
                        Map.of(),
                        List.of(),
                        Instant.parse("2026-01-05T09:00:00Z").plusSeconds(86400L * 42 * v),
                        1);
                PipelineResults.saveToVisit(db, visit.id(), run, dir);
            }
            List<VisitMeasurements.Point> runs = VisitMeasurements.of(db, s.id());
            assertEquals(4 * 2 * SPINE.length, runs.size());

            PlottedChart chart = StudyBrowserTopComponent.responseChart("SP-001", runs);
            CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.chart().getPlot();
            assertEquals(SPINE.length, plot.getSubplots().size(), "a panel per parameter");
            XYPlot ktrans = (XYPlot) plot.getSubplots().get(1);
            assertEquals("Ktrans Δ [%]", ktrans.getRangeAxis().getLabel());
            XYSeriesCollection k = (XYSeriesCollection) ktrans.getDataset();
            assertEquals("cord", k.getSeriesKey(0));
            assertEquals("tumour", k.getSeriesKey(1));
            // tumour Ktrans 0.18 → 0.12 (−33.3 %), 0.08 (−55.6 %), 0.07 (−61.1 %): all beyond RC 31 %
            assertEquals(100 * (0.08 / 0.18 - 1), k.getSeries(1).getY(2).doubleValue(), 1e-9);
            assertEquals(3, k.getSeries(2).getItemCount(), "the three tumour Ktrans changes are ringed");
            assertEquals(84.0, k.getSeries(1).getX(2).doubleValue(), "day 84 = third visit, 6 weeks apart");

            Path out = Path.of("target", "chart-preview");
            Files.createDirectories(out);
            Path png = out.resolve("study-response-over-visits.png");
            ChartExport.write(
                    chart.chart(),
                    chart.data(),
                    png,
                    ChartExport.Format.PNG,
                    900,
                    ResponseOverVisitsChart.exportHeight(chart));
            assertTrue(Files.size(png) > 10_000);
        }
    }
}
