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

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.headless.HeadlessRunner;

/**
 * A measuring instrument for {@link CohortBatchBenchmark}, not a batch runner: Spark's own cost in {@code local[N]},
 * apart from everything {@code ferrum-batch} adds. It starts a Spark context, then runs one Spark task per manifest
 * row, each either running the pipeline through {@link HeadlessRunner} into {@code OUT/<subject>} with
 * {@link Parallelism#setThreads} pinned to {@code THREADS} (the per-task work the batch does, without its
 * derivatives naming, content keys and events), or ({@code PIPELINE} = {@code -}) nothing at all. It prints, in
 * seconds, {@code jvm} (JVM start to {@code main}), {@code context} (Spark context start-up), {@code job} (the job's
 * wall time) and {@code stop}.
 *
 * <pre>SparkLocalProbe PIPELINE|- MANIFEST OUT MASTER THREADS</pre>
 */
public final class SparkLocalProbe {

    private SparkLocalProbe() {}

    public static void main(String[] args) throws Exception {
        double jvm = (System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime())
                / 1e3;
        String pipeline = args[0];
        List<String> rows = Files.readAllLines(Path.of(args[1]));
        rows = rows.subList(1, rows.size());
        String out = Path.of(args[2]).toAbsolutePath().toString();
        String master = args[3];
        int threads = Integer.parseInt(args[4]);

        long t = System.nanoTime();
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("ferrum-probe")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            double context = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            long failed = sc.parallelize(rows, rows.size())
                    .map(row -> runTask(pipeline, row, out, threads))
                    .filter(ok -> !ok)
                    .count();
            double job = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            sc.stop();
            double stop = (System.nanoTime() - t) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "jvm %.3f%ncontext %.3f%njob %.3f%nstop %.3f%nfailed %d%n",
                    jvm,
                    context,
                    job,
                    stop,
                    failed);
            if (failed > 0) {
                System.exit(1);
            }
        }
    }

    /** One task: the row's subject through the pipeline (or nothing for {@code -}); true if it succeeded. */
    private static boolean runTask(String pipeline, String row, String out, int threads) {
        if (pipeline.equals("-")) {
            return true;
        }
        Parallelism.setThreads(threads);
        String[] f = row.split(",");
        HeadlessRunner runner = new HeadlessRunner(
                OperatorRegistry.installed(), Path.of(""), new PrintStream(PrintStream.nullOutputStream()), System.err);
        return runner.run(Path.of(pipeline), Map.of("gre", f[2], "rois", f[3]), Path.of(out, f[0]))
                == HeadlessRunner.OK;
    }
}
