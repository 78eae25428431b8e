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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.LinearMixedModel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** Brain iron over visits (issue 18, item 5): subjects as lines, the mixed-model trend, pre/post pairs, field strength. */
class BrainIronChartsTest {

    static final LocalDate D0 = LocalDate.of(2024, 1, 1);

    static NucleusObservation obs(
            String subject, int day, String session, double value, double tesla, double ferritin) {
        return new NucleusObservation(
                subject, D0.plusDays(day), session, value, tesla, Map.of("ferritin [µg/l]", ferritin));
    }

    /** Three subjects, three scan days each; S1 has a pre/post pair on day 365 (pre 60, post 63). */
    static List<NucleusObservation> cohort() {
        return List.of(
                obs("S1", 0, "", 50, 3, 400),
                obs("S1", 365, NucleusObservation.PRE_DIALYSIS, 60, 3, 500),
                obs("S1", 365, NucleusObservation.POST_DIALYSIS, 63, 3, 500),
                obs("S1", 730, "", 58, 3, 600),
                obs("S2", 10, "", 40, 3, 300),
                obs("S2", 375, "", 44, 3, 300),
                obs("S2", 740, "", 47, 3, 300),
                obs("S3", 20, "", 70, 3, 800),
                obs("S3", 385, "", 75, 3, 700),
                obs("S3", 750, "", 79, 3, 600));
    }

    /** A fit with given fixed effects (intercept, years, …) and a diagonal covariance of the given SEs. */
    static LinearMixedModel.Fit stubFit(LinearMixedModel.Data data, double[] beta, double[] se) {
        double[][] cov = new double[beta.length][beta.length];
        for (int i = 0; i < beta.length; i++) {
            cov[i][i] = se[i] * se[i];
        }
        return new LinearMixedModel.Fit(
                data.fixedNames(),
                beta,
                se,
                cov,
                new double[][] {{1, 0}, {0, 0.1}},
                4,
                -10,
                3,
                data.y().length,
                true,
                12,
                "converged");
    }

    private static String subtitles(JFreeChart chart) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof TextTitle tt) {
                b.append(tt.getText()).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void subjectsAreLinesAndTheTrendLineIsBetaHatOfTheFit() {
        LinearMixedModel.Data[] seen = new LinearMixedModel.Data[1];
        BrainIronTrend.Result trend = BrainIronTrend.fit(cohort(), List.of("ferritin [µg/l]"), d -> {
            seen[0] = d;
            return stubFit(d, new double[] {52.0, 4.5, 0.01}, new double[] {5, 0.8, 0.005});
        });
        LinearMixedModel.Data d = seen[0];
        assertEquals(9, d.y().length, "one scan per subject and day: the post-dialysis scan is not a trend row");
        assertEquals(60, d.y()[1], "the day's pre-dialysis scan is the one in the model");
        assertEquals(List.of("intercept", "years", "ferritin [µg/l]"), d.fixedNames());
        assertEquals(365 / 365.25, d.x()[1][1], 1e-12);
        assertEquals(d.x()[1][1], d.z()[1][1], "random slope on the same time");
        double mean = (400 + 500 + 600 + 300 * 3 + 800 + 700 + 600) / 9.0;
        assertEquals(400 - mean, d.x()[0][2], 1e-9, "covariates centred at their mean");
        assertEquals(
                List.of(0, 0, 0, 1, 1, 1, 2, 2, 2),
                java.util.Arrays.stream(d.group()).boxed().toList());

        PlottedChart chart = BrainIronOverVisitsChart.create(
                "Putamen, left: χ referenced to CSF", "χ − χ(CSF) [ppb]", "ppb", "chi", cohort(), trend);
        XYPlot plot = chart.chart().getXYPlot();
        XYDataset lines = plot.getDataset(0);
        assertEquals(4, lines.getSeriesCount());
        assertEquals(
                List.of("S1", "S2", "S3", BrainIronOverVisitsChart.POST_SERIES),
                List.of(lines.getSeriesKey(0), lines.getSeriesKey(1), lines.getSeriesKey(2), lines.getSeriesKey(3)));
        assertEquals(3, lines.getItemCount(0));
        assertEquals(1, lines.getItemCount(3));
        assertEquals(63, lines.getYValue(3, 0), "the post-dialysis scan drawn apart");
        XYDataset line = plot.getDataset(1);
        assertEquals(BrainIronOverVisitsChart.TREND_SERIES, line.getSeriesKey(0));
        for (int i = 0; i < line.getItemCount(0); i++) {
            double t = line.getXValue(0, i);
            assertEquals(52.0 + 4.5 * t, line.getYValue(0, i), 1e-12);
        }
        assertEquals(730 / 365.25, line.getXValue(0, line.getItemCount(0) - 1), 1e-12, "to the last scan");
        ConfidenceInterval ci = ConfidenceInterval.around(4.5, 1.959963984540054 * 0.8);
        String text = subtitles(chart.chart());
        assertTrue(text.contains("Slope 4.50 ppb/year (95 % CI " + ci.format(3) + ")"), text);
        assertTrue(text.contains("3 subjects, 9 scans"), text);
        assertTrue(text.contains("adjusted for ferritin [µg/l] (centred)"), text);
        assertFalse(text.contains("Warning"), "χ needs no field-strength warning");
        assertEquals("χ − χ(CSF) [ppb]", plot.getRangeAxis().getLabel(), "the reference named on the axis");
        String csv = chart.data().toCsv();
        assertTrue(csv.startsWith("series,subject,date,session,years since first scan [y],χ − χ(CSF) [ppb],"), csv);
    }

    @Test
    void aModelThatCannotBeFittedIsSaidAndTheLinesStay() {
        BrainIronTrend.Result trend = BrainIronTrend.fit(cohort(), List.of(), d -> {
            throw new UnsupportedOperationException("issue 18: LinearMixedModel.fitReml is being written");
        });
        assertNull(trend.fit());
        PlottedChart chart = BrainIronOverVisitsChart.create("Caudate", "χ [ppb]", "ppb", "chi", cohort(), trend);
        assertNull(chart.chart().getXYPlot().getDataset(1));
        assertEquals(4, chart.chart().getXYPlot().getDataset(0).getSeriesCount());
        assertTrue(subtitles(chart.chart()).contains("No cohort trend: issue 18: LinearMixedModel.fitReml"));
        // rows whose covariate is unknown are left out and counted
        List<NucleusObservation> withGap = new ArrayList<>(cohort());
        withGap.set(0, obs("S1", 0, "", 50, 3, Double.NaN));
        BrainIronTrend.Result gap = BrainIronTrend.fit(
                withGap, List.of("ferritin [µg/l]"), d -> stubFit(d, new double[] {1, 1, 0}, new double[] {1, 1, 1}));
        assertEquals(1, gap.rowsLeftOut());
        assertEquals(8, gap.data().y().length);
        assertTrue(
                BrainIronOverVisitsChart.modelText(gap, "ppb").contains("1 scan(s) without the covariates left out"));
    }

    @Test
    void pairedDifferencesMatchAHandComputation() {
        // post − pre = 1, 2, 4, −1: mean 1.5; Σ(d − d̄)² = 0.25 + 0.25 + 6.25 + 6.25 = 13; s = √(13/3);
        // t(0.975, 3) = 3.182446 (Student's t table)
        List<NucleusObservation> o = new ArrayList<>();
        double[][] prePost = {{50, 51}, {40, 42}, {70, 74}, {60, 59}};
        for (int i = 0; i < prePost.length; i++) {
            o.add(obs("S" + i, 100, NucleusObservation.PRE_DIALYSIS, prePost[i][0], 3, 1));
            o.add(obs("S" + i, 100, NucleusObservation.POST_DIALYSIS, prePost[i][1], 3, 1));
            o.add(obs("S" + i, 400, "", 99, 3, 1)); // not part of a pair
        }
        o.add(obs("S9", 100, NucleusObservation.PRE_DIALYSIS, 10, 3, 1)); // pre without post: no pair
        List<PrePostDialysis.Pair> pairs = PrePostDialysis.pairs(o);
        assertEquals(4, pairs.size());
        PrePostDialysis.Summary s = PrePostDialysis.summarise(pairs);
        assertEquals(1.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(13.0 / 3), s.sd(), 1e-12);
        assertEquals(Math.sqrt(13.0 / 3) / 2, s.se(), 1e-12);
        double half = 3.182446 * Math.sqrt(13.0 / 3) / 2;
        assertEquals(1.5 - half, s.ci95().lower(), 1e-5);
        assertEquals(1.5 + half, s.ci95().upper(), 1e-5);

        PlottedChart chart = PrePostDialysisChart.create("Putamen post − pre", "χ − χ(CSF)", "ppb", "chi", o);
        XYDataset d = chart.chart().getXYPlot().getDataset();
        assertEquals(4, d.getItemCount(0));
        assertEquals(
                List.of(1.0, 2.0, 4.0, -1.0),
                List.of(d.getYValue(0, 0), d.getYValue(0, 1), d.getYValue(0, 2), d.getYValue(0, 3)));
        String text = subtitles(chart.chart());
        assertTrue(
                text.contains("Mean post − pre 1.50 ppb (SD 2.08, 95 % CI "
                        + s.ci95().format(3) + " ppb;" + " paired t interval, n = 4 pairs)"),
                text);
        assertEquals(
                "One pair: post − pre 1.00 ppb; no SD or confidence interval from a single pair",
                PrePostDialysisChart.summaryText(PrePostDialysis.summarise(pairs.subList(0, 1)), "ppb"));
    }

    @Test
    void r2starAcrossFieldStrengthsWarnsInTheSubtitleAndTheLog() {
        List<String> logged = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING) {
                    logged.add(r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(FieldStrengths.class.getName());
        log.addHandler(h);
        try {
            List<NucleusObservation> o = new ArrayList<>(cohort());
            o.set(0, obs("S1", 0, "", 25, 1.5, 400));
            BrainIronTrend.Result trend =
                    BrainIronTrend.fit(o, List.of(), d -> stubFit(d, new double[] {30, 1}, new double[] {1, 0.1}));
            PlottedChart r2 = BrainIronOverVisitsChart.create("Putamen R2*", "R2* [1/s]", "1/s", "r2star", o, trend);
            String text = subtitles(r2.chart());
            assertTrue(
                    text.contains("Warning: scans at 1.5 T and 3 T — R2* grows with field strength and is not"
                            + " comparable across them (χ is)"),
                    text);
            assertEquals(1, logged.size());
            assertTrue(logged.get(0).startsWith("Putamen R2*: Warning: scans at 1.5 T and 3 T"), logged.get(0));
            PlottedChart chi = BrainIronOverVisitsChart.create("Putamen χ", "χ [ppb]", "ppb", "chi", o, trend);
            assertFalse(subtitles(chi.chart()).contains("Warning"), "χ is comparable across field strengths");
            PlottedChart scatter = ChiR2starScatter.create(
                    "Putamen",
                    "χ [ppb]",
                    "ppb",
                    List.of(
                            new ChiR2starScatter.Point("S1", D0, "", 50, 25, 1.5),
                            new ChiR2starScatter.Point("S1", D0.plusDays(300), "", 55, 22, 3),
                            new ChiR2starScatter.Point("S2", D0, "", 40, 21, 3)));
            XYDataset sd = scatter.chart().getXYPlot().getDataset();
            assertEquals(2, sd.getSeriesCount(), "one series per field strength");
            assertEquals("1.5 T", sd.getSeriesKey(0));
            assertEquals(2, sd.getItemCount(1));
            assertTrue(subtitles(scatter.chart()).contains("Warning: scans at 1.5 T and 3 T"));
        } finally {
            log.removeHandler(h);
        }
    }

    /**
     * The real REML fit (needs LinearMixedModel.fitReml from the lmm branch; throws before it is merged): 40 simulated
     * subjects × 4 yearly scans with a known slope 4 ppb/year, random intercept sd 10, random slope sd 1, noise sd 2;
     * the fitted slope within 3 SE of 4 and the chart's trend line equal to β̂.
     */
    @Test
    void theRealMixedModelRecoversASimulatedSlope() throws Exception {
        Random rnd = new Random(18);
        List<NucleusObservation> o = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            double a = 60 + 10 * rnd.nextGaussian();
            double b = 4 + rnd.nextGaussian();
            for (int v = 0; v < 4; v++) {
                int day = v * 365 + rnd.nextInt(30);
                double t = day / 365.25;
                o.add(obs(String.format("S%02d", s), day, "", a + b * t + 2 * rnd.nextGaussian(), 3, 500));
            }
        }
        BrainIronTrend.Result trend = BrainIronTrend.fit(o, List.of());
        org.junit.jupiter.api.Assertions.assertNotNull(trend.fit(), "needs the REML fit: " + trend.failure());
        assertTrue(trend.fit().converged(), trend.fit().message());
        double slope = trend.slope();
        double se = trend.fit().standardErrors()[1];
        assertTrue(Math.abs(slope - 4) < 3 * se, slope + " ± " + se);
        PlottedChart chart = BrainIronOverVisitsChart.create("sim", "χ [ppb]", "ppb", "chi", o, trend);
        XYDataset line = chart.chart().getXYPlot().getDataset(1);
        for (int i = 0; i < line.getItemCount(0); i++) {
            assertEquals(
                    trend.fit().beta()[0] + trend.fit().beta()[1] * line.getXValue(0, i), line.getYValue(0, i), 1e-9);
        }
        Path dir = Path.of("target/chart-preview");
        Files.createDirectories(dir);
        ChartExport.write(chart, dir.resolve("brain-iron-over-visits.png"));
    }
}
