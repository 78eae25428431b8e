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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ferrum.core.statistics.RepeatabilityCoefficient;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** Percent change, ±RC band and flags of the response chart against hand-computed values; the chart drawn headless. */
class ResponseOverVisitsTest {

    static final LocalDate D0 = LocalDate.of(2026, 1, 5);

    /** Tumour and cord of a spine study over four visits 4 weeks apart (cord from the second visit). */
    static List<TumourObservation> spine() {
        List<TumourObservation> o = new ArrayList<>();
        double[] ktrans = {0.20, 0.15, 0.10, 0.22};
        double[] adc = {1.0e-3, 1.2e-3, 1.1e-3, 0.95e-3};
        double[] t1 = {1.20, 1.15, 1.45, 1.30};
        for (int v = 0; v < 4; v++) {
            LocalDate d = D0.plusDays(28L * v);
            o.add(new TumourObservation("tumour", d, "ktrans", ktrans[v], "1/min"));
            o.add(new TumourObservation("tumour", d, "adc", adc[v], "mm²/s"));
            o.add(new TumourObservation("tumour", d, "t1", t1[v], "s"));
            if (v > 0) {
                o.add(new TumourObservation("cord", d, "ktrans", 0.05 + 0.005 * (v - 1), "1/min"));
                o.add(new TumourObservation("cord", d, "adc", 0.8e-3, "mm²/s"));
                o.add(new TumourObservation("cord", d, "t1", 0.9, "s"));
            }
        }
        return o;
    }

    private static final Map<String, RepeatabilityCoefficient> RC = Map.of(
            "ktrans", RepeatabilityCoefficient.given(31),
            "adc", RepeatabilityCoefficient.given(12.9),
            "t1", RepeatabilityCoefficient.ofWithinSubjectSd(10));

    private static ResponseOverVisits.Series series(List<ResponseOverVisits.Series> all, String p, String region) {
        return all.stream()
                .filter(s -> s.parameter().equals(p) && s.region().equals(region))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRegionWithoutABaselineIsLeftOutAndNamedNotFatal() {
        java.time.LocalDate d0 = java.time.LocalDate.of(2026, 1, 5);
        java.time.LocalDate d1 = d0.plusDays(90);
        List<TumourObservation> o = List.of(
                new TumourObservation("tumour", d0, "ktrans", 0.2, "1/min"),
                new TumourObservation("tumour", d1, "ktrans", 0.1, "1/min"),
                new TumourObservation("outside mask", d0, "ktrans", 0.0, "1/min"),
                new TumourObservation("outside mask", d1, "ktrans", 0.0, "1/min"),
                new TumourObservation("eroded away", d0, "t1", 0.0, "s"));
        List<ResponseOverVisits.Series> series = ResponseOverVisits.of(o, p -> RepeatabilityCoefficient.given(30));
        assertEquals(1, series.size());
        assertEquals("tumour", series.get(0).region());
        assertEquals(-50.0, series.get(0).points().get(1).percentChange(), 1e-9);
        assertEquals(List.of("ktrans in outside mask", "t1 in eroded away"), ResponseOverVisits.unchartable(o));
    }

    @Test
    void percentChangeDaysAndFlagsAreTheHandComputedOnes() {
        List<ResponseOverVisits.Series> all = ResponseOverVisits.of(spine(), RC::get);
        // parameters in chart order (t1, ktrans, adc), regions by name (cord, tumour)
        assertEquals(
                List.of("t1/cord", "t1/tumour", "ktrans/cord", "ktrans/tumour", "adc/cord", "adc/tumour"),
                all.stream().map(s -> s.parameter() + "/" + s.region()).toList());

        ResponseOverVisits.Series k = series(all, "ktrans", "tumour");
        assertEquals("1/min", k.unit());
        // 0.20 → 0.15 (−25 %), 0.10 (−50 %), 0.22 (+10 %); RC 31 %: only −50 % is beyond
        double[] expected = {0, -25, -50, 10};
        boolean[] beyond = {false, false, true, false};
        for (int i = 0; i < 4; i++) {
            ResponseOverVisits.Point p = k.points().get(i);
            assertEquals(28L * i, p.days());
            assertEquals(expected[i], p.percentChange(), 1e-9);
            assertEquals(beyond[i], p.beyond(), "visit " + i);
        }
        // cord starts at the second visit: its own baseline, days still from the subject's first visit
        ResponseOverVisits.Series c = series(all, "ktrans", "cord");
        assertEquals(
                List.of(28L, 56L, 84L),
                c.points().stream().map(ResponseOverVisits.Point::days).toList());
        assertEquals(0, c.points().get(0).percentChange(), 1e-12);
        assertEquals(10, c.points().get(1).percentChange(), 1e-9); // 0.055 / 0.05
        assertEquals(20, c.points().get(2).percentChange(), 1e-9);
        assertTrue(c.points().stream().noneMatch(ResponseOverVisits.Point::beyond));

        // ADC, RC 12.9 %: +20 % beyond, +10 % and −5 % not
        ResponseOverVisits.Series a = series(all, "adc", "tumour");
        assertEquals(
                List.of(false, true, false, false),
                a.points().stream().map(ResponseOverVisits.Point::beyond).toList());
        assertEquals(-5, a.points().get(3).percentChange(), 1e-9);

        // T1, wCV 10 % → RC 27.7 %: 1.45 / 1.20 − 1 = +20.8 % stays inside
        ResponseOverVisits.Series t = series(all, "t1", "tumour");
        assertEquals(27.7, t.rc().value(), 1e-12);
        assertEquals(100 * (1.45 / 1.20 - 1), t.points().get(2).percentChange(), 1e-9);
        assertFalse(t.points().get(2).beyond());
    }

    @Test
    void aChangeEqualToTheRcIsNotFlagged() {
        List<TumourObservation> o = List.of(
                new TumourObservation("tumour", D0, "ve", 0.4, ""),
                new TumourObservation("tumour", D0.plusDays(7), "ve", 0.5, ""));
        ResponseOverVisits.Series s = ResponseOverVisits.of(o, p -> RepeatabilityCoefficient.given(25))
                .get(0);
        assertEquals(25, s.points().get(1).percentChange(), 1e-9);
        assertFalse(s.points().get(1).beyond());
        s = ResponseOverVisits.of(o, p -> RepeatabilityCoefficient.given(24.9)).get(0);
        assertTrue(s.points().get(1).beyond());
    }

    @Test
    void repeatabilityTableHasEveryParameterWithASourceAndRcIs277TimesWcv() {
        for (String p : ResponseOverVisits.ORDER) {
            Repeatability.Entry e = Repeatability.of(p).orElseThrow(() -> new AssertionError("no entry for " + p));
            assertFalse(e.source().isBlank(), p);
            assertTrue(e.rc().value() > 0 && e.rc().value() < 100, p + " " + e.rc());
            if (!Double.isNaN(e.wcvPercent())) {
                assertEquals(2.77 * e.wcvPercent(), e.rc().value(), 1e-12, p);
            }
        }
        assertEquals(31, Repeatability.of("KTRANS").orElseThrow().rc().value());
        assertEquals("IVIM D*", Repeatability.displayName("ivim_dstar"));
        assertEquals(2.77 * 11.6, Repeatability.of("ivim_f").orElseThrow().rc().value(), 1e-12);
    }

    @Test
    void chartHasAPanelPerParameterWithItsBandAndRendersHeadlessWithTheFlagsVisible() throws Exception {
        PlottedChart chart = ResponseOverVisitsChart.create("SP-001", spine());
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.chart().getPlot();
        assertEquals(3, plot.getSubplots().size());
        XYPlot ktrans = (XYPlot) plot.getSubplots().get(1);
        assertEquals("Ktrans Δ [%]", ktrans.getRangeAxis().getLabel());
        IntervalMarker band = (IntervalMarker) ktrans.getRangeMarkers(org.jfree.chart.ui.Layer.BACKGROUND)
                .iterator()
                .next();
        assertEquals(-31, band.getStartValue(), 1e-12);
        assertEquals(31, band.getEndValue(), 1e-12);
        assertTrue(band.getLabel().contains("[1/min]"), band.getLabel());
        // the whole band is in view
        assertTrue(ktrans.getRangeAxis().getLowerBound() <= -50
                && ktrans.getRangeAxis().getUpperBound() >= 31);
        // flagged: tumour ktrans −50 %, tumour ADC +20 % → the ring series of those panels hold exactly those
        var ringK = (org.jfree.data.xy.XYSeriesCollection) ktrans.getDataset();
        assertEquals(1, ringK.getSeries(ringK.getSeriesCount() - 1).getItemCount());
        assertEquals(-50, ringK.getSeries(ringK.getSeriesCount() - 1).getY(0).doubleValue(), 1e-9);
        assertTrue(chart.chart().getSubtitle(0).toString() != null);
        // tooltip of the flagged point says so
        String tip = ktrans.getRenderer()
                .getToolTipGenerator(ringK.getSeriesCount() - 1, 0)
                .generateToolTip(ringK, ringK.getSeriesCount() - 1, 0);
        assertTrue(tip.startsWith("tumour, Ktrans: 2026-03-02 (day 56)") && tip.contains("beyond ±RC 31.0 %"), tip);
        // data table: one row per point, flags in a column
        assertEquals(3 * 4 + 3 * 3, chart.data().rows().size());
        assertEquals(
                2,
                chart.data().rows().stream().filter(r -> r.get(8).equals("yes")).count());

        Path dir = Path.of("target", "chart-preview");
        Files.createDirectories(dir);
        Path png = dir.resolve("response-over-visits.png");
        int height = ResponseOverVisitsChart.exportHeight(chart);
        ChartExport.write(chart.chart(), chart.data(), png, ChartExport.Format.PNG, 900, height);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(150 + 3 * ResponseOverVisitsChart.PANEL_HEIGHT, image.getHeight());
        int red = 0;
        for (int yy = 0; yy < image.getHeight(); yy++) {
            for (int xx = 0; xx < image.getWidth(); xx++) {
                int rgb = image.getRGB(xx, yy);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r > 180 && g < 40 && b < 40) {
                    red++;
                }
            }
        }
        assertTrue(red > 100, "the rings of the two flagged changes are drawn: " + red + " red pixels");
    }
}
