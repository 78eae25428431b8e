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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.study.CohortSummary;
import org.ferrum.study.LicSeries;
import org.ferrum.study.RoiMeasurement;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;
import org.ferrum.study.Subject;
import org.ferrum.study.Transfusion;
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
 * The study database at cohort scale. Targets (issue 8): with 10,000 subjects × 10 visits in the embedded database,
 * one subject's LIC series ≤ 100 ms and a cohort summary ≤ 1 s.
 *
 * <p>Setup fills an embedded H2 file database in a temporary folder: {@value #SUBJECTS} subjects, {@value #VISITS}
 * visits each a year apart, at every visit a liver ROI row for LIC_R2* and one for LIC_QSM (200,000 ROI rows), plus
 * {@value #TRANSFUSIONS_PER_SUBJECT} transfusions per subject (200,000) so the summary's iron-intake join has real
 * work. {@code licSeries} reads a random subject's series; {@code cohortSummary} computes every subject's line.
 *
 * <pre>java -Djava.awt.headless=true -jar modules/benchmarks/target/benchmarks.jar StudyDatabaseBenchmark -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class StudyDatabaseBenchmark {

    public static final int SUBJECTS = 10_000;
    public static final int VISITS = 10;
    public static final int TRANSFUSIONS_PER_SUBJECT = 20;

    private Path folder;
    private StudyDatabase db;
    private long firstSubjectId;
    private final Random pick = new Random(7);

    @Setup(Level.Trial)
    public void fill() throws IOException, StudyException {
        folder = Files.createTempDirectory("ferrum-study-bench");
        db = StudyDatabase.embedded(folder);
        long t0 = System.nanoTime();
        Random rnd = new Random(1);
        db.inTransaction(r -> {
            List<Subject> subjects = new ArrayList<>();
            for (int s = 0; s < SUBJECTS; s++) {
                subjects.add(new Subject(
                        null,
                        String.format("B%05d", s),
                        s % 2 == 0 ? "F" : "M",
                        1980 + s % 30,
                        40.0 + s % 40,
                        "thalassaemia major",
                        null));
            }
            r.insertAll(Subject.class, subjects);
            return null;
        });
        firstSubjectId =
                db.inTransaction(r -> r.subjectByCode("B00000")).orElseThrow().id();
        db.inTransaction(r -> {
            List<Visit> visits = new ArrayList<>();
            List<Transfusion> transfusions = new ArrayList<>();
            for (int s = 0; s < SUBJECTS; s++) {
                LocalDate start = LocalDate.of(2010, 1, 1).plusDays(s % 365);
                for (int v = 0; v < VISITS; v++) {
                    visits.add(new Visit(null, firstSubjectId + s, start.plusYears(v), 40.0 + s % 40));
                }
                for (int t = 0; t < TRANSFUSIONS_PER_SUBJECT; t++) {
                    transfusions.add(new Transfusion(null, firstSubjectId + s, start.plusDays(t * 180L), 500, 0.6));
                }
            }
            r.insertAll(Visit.class, visits);
            r.insertAll(Transfusion.class, transfusions);
            return null;
        });
        long firstVisitId =
                db.inTransaction(r -> r.visitsOf(firstSubjectId)).get(0).id();
        db.inTransaction(r -> {
            List<RoiMeasurement> rows = new ArrayList<>();
            for (long v = 0; v < (long) SUBJECTS * VISITS; v++) {
                double lic = 2 + 20 * rnd.nextDouble();
                rows.add(new RoiMeasurement(
                        null,
                        firstVisitId + v,
                        LicSeries.LIC_R2STAR,
                        LicSeries.LIVER,
                        1,
                        3000,
                        lic,
                        lic * 0.9,
                        lic * 1.1,
                        null,
                        null,
                        "mg Fe/g dw",
                        null));
                rows.add(new RoiMeasurement(
                        null,
                        firstVisitId + v,
                        LicSeries.LIC_QSM,
                        LicSeries.LIVER,
                        1,
                        3000,
                        lic * 0.93,
                        lic * 0.85,
                        lic * 1.0,
                        null,
                        null,
                        "mg Fe/g dw",
                        null));
            }
            r.insertAll(RoiMeasurement.class, rows);
            return null;
        });
        System.out.printf(
                "%nfilled %d subjects, %d visits, %d ROI rows, %d transfusions in %.1f s%n",
                SUBJECTS,
                SUBJECTS * VISITS,
                2 * SUBJECTS * VISITS,
                SUBJECTS * TRANSFUSIONS_PER_SUBJECT,
                (System.nanoTime() - t0) / 1e9);
        LicSeries check = LicSeries.of(db, firstSubjectId);
        if (check.points().size() != VISITS) {
            throw new IllegalStateException("series has " + check.points().size() + " points");
        }
        List<CohortSummary.SubjectLine> lines = CohortSummary.compute(db);
        if (lines.size() != SUBJECTS
                || lines.stream().anyMatch(l -> l.visits() != VISITS || Double.isNaN(l.annualLicChange()))) {
            throw new IllegalStateException("cohort summary incomplete: " + lines.size() + " lines");
        }
    }

    @Benchmark
    public LicSeries licSeries() throws StudyException {
        return LicSeries.of(db, firstSubjectId + pick.nextInt(SUBJECTS));
    }

    @Benchmark
    public List<CohortSummary.SubjectLine> cohortSummary() throws StudyException {
        return CohortSummary.compute(db);
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException, StudyException {
        db.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
