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
package org.ferrum.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ferrum.charts.ChartExport;
import org.ferrum.charts.IronBalanceChart;
import org.ferrum.charts.IronBalancePoint;
import org.ferrum.charts.LicObservation;
import org.ferrum.charts.LicOverTimeChart;
import org.ferrum.charts.PlottedChart;
import org.jfree.chart.ChartUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chart side of issue 8's budgets ("one subject's LIC chart appears in ≤ 100 ms", "a cohort summary in ≤ 1 s"),
 * without the database: building a chart from its records and painting it at 800×500 into an image, as a screen
 * would, plus the cost of each export format.
 * <ul>
 * <li>{@code licChart}: one subject, 10 visits, both methods, 4 threshold bands — build and paint;</li>
 * <li>{@code cohortIronBalance}: 10,000 subjects in 4 chelator-dose groups — group, fit 4 lines, build, paint;</li>
 * <li>{@code licPng}, {@code licSvg}, {@code licPdf}: the LIC chart encoded as PNG bytes, SVG text, PDF bytes.</li>
 * </ul>
 *
 * <pre>java -Djava.awt.headless=true -jar modules/benchmarks/target/benchmarks.jar ChartBenchmark -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g", "-Djava.awt.headless=true"})
public class ChartBenchmark {

    static final int W = 800;
    static final int H = 500;

    private List<LicObservation> visits;
    private List<IronBalancePoint> cohort;
    private PlottedChart licChart;

    @Setup
    public void data() {
        Random random = new Random(8);
        visits = new ArrayList<>();
        LocalDate d = LocalDate.of(2020, 1, 6);
        double lic = 14;
        for (int v = 0; v < 10; v++) {
            visits.add(new LicObservation(
                    d.plusDays(180L * v), lic + random.nextGaussian() * 0.5, lic + random.nextGaussian() * 0.7));
            lic *= 0.85;
        }
        cohort = new ArrayList<>();
        String[] groups = {"DFX 20 mg/kg/day", "DFX 30 mg/kg/day", "DFO 40 mg/kg/day", "DFP 75 mg/kg/day"};
        for (int s = 0; s < 10_000; s++) {
            int g = s % groups.length;
            double intake = 0.1 + 0.5 * random.nextDouble();
            double change = (6 - 2 * g) * (intake - 0.3) - g + random.nextGaussian() * 1.5;
            cohort.add(new IronBalancePoint(String.format("S%05d", s), change, intake, groups[g]));
        }
        licChart = LicOverTimeChart.create("S00001", visits);
    }

    @Benchmark
    public BufferedImage licChart() {
        return LicOverTimeChart.create("S00001", visits).chart().createBufferedImage(W, H);
    }

    @Benchmark
    public BufferedImage cohortIronBalance() {
        return IronBalanceChart.create(cohort).chart().createBufferedImage(W, H);
    }

    @Benchmark
    public byte[] licPng() throws IOException {
        return ChartUtils.encodeAsPNG(licChart.chart().createBufferedImage(W, H));
    }

    @Benchmark
    public String licSvg() {
        return ChartExport.svg(licChart.chart(), W, H);
    }

    @Benchmark
    public byte[] licPdf() {
        return ChartExport.pdf(licChart.chart(), W, H);
    }
}
