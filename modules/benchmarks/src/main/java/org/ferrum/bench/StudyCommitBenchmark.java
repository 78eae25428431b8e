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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.study.LicSeries;
import org.ferrum.study.RoiMeasurement;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of durable commits in the embedded study database (issue 14, item 2): transactions per second, each one
 * subject + three visits + six ROI measurements (ten rows), as the kill -9 test writes them, committed one by one.
 *
 * <p>{@code writeDelay=500} is H2's default (commits written up to 0.5 s later: lost by kill -9, the "before");
 * {@code writeDelay=0} is what {@link StudyDatabase#open} now sets for every H2 file database (each commit written
 * before it returns, the "after"). Both are given in the URL, which {@code open} then leaves as it is.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar StudyCommitBenchmark -f 2 -wi 5 -i 10</pre>
 *
 * <p>On a shared, loaded machine wall-clock throughput varies several-fold between runs; {@link #main} also reports
 * the process CPU time per transaction (all threads: H2's background writer included), alternating the two settings:
 *
 * <pre>java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.StudyCommitBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StudyCommitBenchmark {

    @Param({"500", "0"})
    public int writeDelay;

    private Path folder;
    private StudyDatabase db;
    private long next;

    @Setup(Level.Trial)
    public void open() throws IOException, StudyException {
        folder = Files.createTempDirectory("ferrum-commit-bench");
        db = StudyDatabase.open(StudyDatabase.embeddedUrl(folder) + ";WRITE_DELAY=" + writeDelay, "sa", "");
    }

    /** One transaction: a subject, three visits, two liver ROI rows per visit. */
    @Benchmark
    public long commitSubjectWithVisits() throws StudyException {
        String code = "B" + next++;
        return db.inTransaction(r -> {
            Subject s = r.insert(new Subject(null, code, "F", 1990, 60.0, "thalassaemia major", null));
            for (int v = 0; v < 3; v++) {
                Visit visit = r.insert(new Visit(null, s.id(), LocalDate.of(2020 + v, 1, 1), 60.0 + v));
                for (String kind : new String[] {LicSeries.LIC_R2STAR, LicSeries.LIC_QSM}) {
                    r.insert(new RoiMeasurement(
                            null,
                            visit.id(),
                            kind,
                            LicSeries.LIVER,
                            1,
                            3000,
                            5.0,
                            4.5,
                            5.5,
                            5.0,
                            0.5,
                            "mg Fe/g dw",
                            null));
                }
            }
            return s.id();
        });
    }

    /** Alternates the settings, {@code rounds} × {@code transactions} each after a warm-up; prints wall and CPU figures. */
    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            for (int delay : new int[] {500, 0}) {
                StudyCommitBenchmark b = new StudyCommitBenchmark();
                b.writeDelay = delay;
                b.open();
                try {
                    for (int i = 0; i < transactions; i++) {
                        b.commitSubjectWithVisits(); // warm-up
                    }
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < transactions; i++) {
                        b.commitSubjectWithVisits();
                    }
                    b.db.close(); // H2 writes what is still pending: part of the cost of the delayed setting
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                    System.out.printf(
                            java.util.Locale.ROOT,
                            "WRITE_DELAY=%-3d %6.0f transactions/s (%6.0f rows/s) wall, %6.3f ms CPU per transaction%n",
                            delay,
                            transactions / wall,
                            10 * transactions / wall,
                            1e3 * cpu / transactions);
                } finally {
                    b.remove();
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException, StudyException {
        db.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
