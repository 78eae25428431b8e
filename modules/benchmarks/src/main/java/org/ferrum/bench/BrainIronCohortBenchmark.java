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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.charts.BrainIronOverVisitsChart;
import org.ferrum.charts.BrainIronTrend;
import org.ferrum.charts.NucleusObservation;
import org.ferrum.charts.PlottedChart;
import org.ferrum.study.BrainIron;
import org.ferrum.study.NucleusMeasurement;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;
import org.ferrum.study.Subject;
import org.ferrum.study.Visit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 18's performance target: "a 100-subject × 4-visit cohort's nucleus tables and mixed model ≤ 2 s". Setup fills
 * an embedded H2 file database with {@value #SUBJECTS} subjects × {@value #VISITS} yearly visits × 7 nuclei × 3
 * hemispheres × 2 maps (16,800 nucleus rows) plus a ferritin value per visit; {@code nucleusTablesAndModel} reads every
 * nucleus measurement with its covariates ({@link BrainIron#of}), picks the left putamen's CSF-referenced χ, fits the
 * REML mixed model with ferritin as covariate and draws the chart — what the Brain iron tab does on a change.
 *
 * <pre>java -Djava.awt.headless=true -jar modules/benchmarks/target/benchmarks.jar BrainIronCohortBenchmark -f 1 -wi 2 -i 5</pre>
 *
 * or once, wall clock: {@code java -cp … org.ferrum.bench.BrainIronCohortBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class BrainIronCohortBenchmark {

    public static final int SUBJECTS = 100;
    public static final int VISITS = 4;
    static final String[] NUCLEI = {
        "caudate", "putamen", "globus pallidus", "thalamus", "substantia nigra", "red nucleus", "dentate"
    };

    private Path folder;
    private StudyDatabase db;

    @Setup(Level.Trial)
    public void fill() throws IOException, StudyException {
        folder = Files.createTempDirectory("ferrum-brain-iron-bench");
        db = StudyDatabase.embedded(folder);
        Random rnd = new Random(18);
        db.inTransaction(r -> {
            for (int s = 0; s < SUBJECTS; s++) {
                Subject subject = r.insert(new Subject(
                        null,
                        String.format("B%03d", s),
                        "F",
                        1960,
                        70.0,
                        "ESKD",
                        null,
                        LocalDate.of(2018, 1, 1).plusDays(rnd.nextInt(1500))));
                double slope = 4 + rnd.nextGaussian();
                double base = 55 + 10 * rnd.nextGaussian();
                List<NucleusMeasurement> rows = new ArrayList<>();
                for (int v = 0; v < VISITS; v++) {
                    LocalDate day = LocalDate.of(2023, 1, 1).plusDays(365L * v + rnd.nextInt(30));
                    Visit visit = r.insert(new Visit(null, subject.id(), day, 70.0, "", 3.0));
                    r.insert(new org.ferrum.study.LabValue(
                            null, subject.id(), day.minusDays(3), "ferritin", 300 + 400 * rnd.nextDouble(), "µg/l"));
                    for (String nucleus : NUCLEI) {
                        for (String side : new String[] {"left", "right", "both"}) {
                            double chi = base + slope * v + 3 * rnd.nextGaussian();
                            double csf = -5 + 2 * rnd.nextGaussian();
                            rows.add(new NucleusMeasurement(
                                    null,
                                    visit.id(),
                                    null,
                                    nucleus,
                                    side,
                                    null,
                                    "chi",
                                    "ppb",
                                    1000,
                                    0,
                                    chi + csf,
                                    chi + csf,
                                    chi + csf - 8,
                                    chi + csf + 8,
                                    16.0,
                                    11.0,
                                    "csf",
                                    csf,
                                    chi,
                                    chi,
                                    "white_matter",
                                    -25.0,
                                    chi + csf + 25,
                                    chi + csf + 25));
                            rows.add(new NucleusMeasurement(
                                    null,
                                    visit.id(),
                                    null,
                                    nucleus,
                                    side,
                                    null,
                                    "r2star",
                                    "1/s",
                                    1000,
                                    0,
                                    25.0,
                                    25.0,
                                    22.0,
                                    28.0,
                                    6.0,
                                    4.0,
                                    "none",
                                    null,
                                    null,
                                    null,
                                    "none",
                                    null,
                                    null,
                                    null));
                        }
                    }
                }
                r.insertAll(NucleusMeasurement.class, rows);
            }
            return null;
        });
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, StudyException {
        db.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public PlottedChart nucleusTablesAndModel() throws StudyException {
        List<NucleusObservation> obs = new ArrayList<>();
        for (BrainIron.Point p : BrainIron.of(db)) {
            NucleusMeasurement m = p.measurement();
            if (m.nucleus().equals("putamen")
                    && m.hemisphere().equals("left")
                    && m.map().equals("chi")) {
                obs.add(new NucleusObservation(
                        p.subject().code(),
                        p.visit().visitDate(),
                        p.visit().sessionLabel(),
                        m.median("csf", "ppb"),
                        p.visit().fieldStrengthT(),
                        Map.of("ferritin [µg/l]", p.covariates().ferritinUgPerL())));
            }
        }
        BrainIronTrend.Result fit = BrainIronTrend.fit(obs, List.of("ferritin [µg/l]"));
        if (fit.fit() == null) {
            throw new IllegalStateException("no fit: " + fit.failure());
        }
        return BrainIronOverVisitsChart.create("putamen", "χ − χ(CSF) [ppb]", "ppb", "chi", obs, fit);
    }

    /** Fills, then times one read + fit + chart after two warm-up rounds, and prints the slope. */
    public static void main(String[] args) throws Exception {
        BrainIronCohortBenchmark b = new BrainIronCohortBenchmark();
        long t0 = System.nanoTime();
        b.fill();
        System.out.printf(
                "filled %d subjects × %d visits (16,800 nucleus rows) in %.1f s%n",
                SUBJECTS, VISITS, (System.nanoTime() - t0) / 1e9);
        try {
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                PlottedChart c = b.nucleusTablesAndModel();
                System.out.printf(
                        "round %d: read + REML fit + chart %.0f ms (%s)%n",
                        i + 1,
                        (System.nanoTime() - t) / 1e6,
                        ((org.jfree.chart.title.TextTitle) c.chart().getSubtitle(1)).getText());
            }
        } finally {
            b.close();
        }
    }
}
