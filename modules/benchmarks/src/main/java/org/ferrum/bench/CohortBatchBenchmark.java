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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.io.AtomicFiles;
import org.ferrum.pipeline.headless.HeadlessRunner;

/**
 * Issue 19's performance target, on 2 cores: "40 subjects of the liver sample through {@code local[2]}: wall time ≤ 0.6
 * × running them one after another in one JVM, and ≤ 0.35 × one launcher start per subject; per-task overhead of Spark
 * ≤ 0.5 s." One command measures everything side by side, on the same machine and the same files:
 *
 * <pre>
 * java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.CohortBatchBenchmark [--subjects 40]
 *      [--work DIR] [--launcher application/target/ferrum/bin/ferrum] [--batch modules/batch/target/ferrum-batch/bin/ferrum-batch]
 *      [--master local[2]] [--only threads,sequential,launcher,plain,batch,trivial]
 * </pre>
 *
 * run from the repository root. The cohort is {@link LiverCohort} ({@code --subjects} simulated livers, each with its
 * own noise, LIC and PDFF; written once under {@code WORK/cohort} and reused). Every measurement is the wall time of
 * child processes started from here, so each one pays its own JVM start, as a user would:
 *
 * <dl>
 * <dt>{@code threads}</dt><dd>one JVM runs the first three subjects one after another through {@link HeadlessRunner}
 *     with {@code -Dferrum.threads=1}, then another with 2; the figure is the median task time of subjects 2 and 3
 *     (subject 1 is the JVM's warm-up and is reported apart).</dd>
 * <dt>{@code sequential}</dt><dd>one JVM ({@link Sequential}) runs every subject one after another through
 *     {@link HeadlessRunner} (the per-task work of the batch: read, run, write every output and {@code provenance.json}
 *     into a published folder) with the default thread count (every processor).</dd>
 * <dt>{@code launcher}</dt><dd>the application's launcher once per subject: {@code bin/ferrum --nogui --run
 *     liver-hqsm.json --input gre=… --input rois=… --out …} (which starts a plain JVM on the application's jars,
 *     {@code HeadlessMain}; this is the user's "launcher").</dd>
 * <dt>{@code plain}</dt><dd>the same per subject with {@code java -cp benchmarks.jar
 *     org.ferrum.pipeline.headless.HeadlessMain} (no launcher script, one shaded jar): what a cluster script without
 *     the application would do.</dd>
 * <dt>{@code batch}</dt><dd>{@code ferrum-batch run --pipeline … --manifest WORK/cohort/manifest.csv --out … --master
 *     local[2] --no-study}.</dd>
 * <dt>{@code trivial}</dt><dd>the same batch over the same 40 tasks with a one-node pipeline that only reads the label
 *     map, so that the figure is almost all Spark's and the batch runner's own cost.</dd>
 * </dl>
 *
 * <p><b>Task time and per-task overhead.</b> A task's time is the span from its run's start ({@code started} in its
 * {@code provenance.json}) to the moment {@code provenance.json} was written (its modification time), so it covers
 * running the nodes and writing the outputs. With {@code s} task slots ({@code local[s]}), the batch's per-task
 * overhead is {@code (s × wall − Σ task times) / tasks}: the slot time not spent inside a task's pipeline, which is
 * JVM and Spark start-up, manifest reading, scheduling, the publishing rename, serialisation and slots left idle at the
 * end, shared out over the tasks. The same definition is applied to the trivial batch. Also reported: the time from
 * the batch process's start to its first task's start (start-up) and the mean task time inside the batch against the
 * sequential run's (how much two tasks at once slow each other down).
 *
 * <p>Prints a table with the ratios and PASS/FAIL against the targets and writes every figure to {@code WORK/cohort-bench.csv}
 * (columns {@code measurement,value,unit,target,verdict}). A step whose program is missing (launcher or batch not
 * built) is reported as skipped, not failed.
 */
public final class CohortBatchBenchmark {

    static final double SEQUENTIAL_RATIO_TARGET = 0.6;
    static final double LAUNCHER_RATIO_TARGET = 0.35;
    static final double OVERHEAD_TARGET_SECONDS = 0.5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = Path.of("").toAbsolutePath();
    private Path work = root.resolve("modules/benchmarks/target/cohort-bench");
    private Path pipeline = root.resolve("testdata/pipelines/liver-hqsm.json");
    private Path launcher = root.resolve("application/target/ferrum/bin/ferrum");
    private Path batch = root.resolve("modules/batch/target/ferrum-batch/bin/ferrum-batch");
    private String master = "local[2]";
    private int subjects = 40;
    private long seed = 19;
    private Set<String> only = new LinkedHashSet<>(
            List.of("threads", "sequential", "launcher", "batch", "trivial", "probe", "probe-trivial"));

    private static final Path TIME = Path.of("/usr/bin/time");

    private final Map<String, Row> rows = new LinkedHashMap<>();
    /** CPU seconds (user + sys) of the processes {@link #timed} ran since it was last reset; NaN without GNU time. */
    private double cpuSeconds;

    private List<LiverCohort.Subject> cohort;
    private Path manifest;

    /** One figure of the table. */
    record Row(String name, double value, String unit, String target, String verdict) {}

    private CohortBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        CohortBatchBenchmark b = new CohortBatchBenchmark();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--work" -> work = root.resolve(v);
                case "--pipeline" -> pipeline = root.resolve(v);
                case "--launcher" -> launcher = root.resolve(v);
                case "--batch" -> batch = root.resolve(v);
                case "--master" -> master = v;
                case "--subjects" -> subjects = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(v.split(",")));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        manifest = LiverCohort.write(work.resolve("cohort"), subjects, seed);
        cohort = LiverCohort.subjects(work.resolve("cohort"), subjects, seed);
        System.out.printf(Locale.ROOT, "cohort: %d subjects in %s (%.1f s)%n", subjects, manifest, secondsSince(t0));
        int slots = slots(master);
        record("processors", Runtime.getRuntime().availableProcessors(), "", "", "");

        if (only.contains("threads")) {
            for (int threads : new int[] {1, 2}) {
                Path out = fresh("threads-" + threads);
                List<String> cmd = javaCommand(List.of("-Dferrum.threads=" + threads), Sequential.class.getName());
                cmd.addAll(List.of(pipeline.toString(), manifest.toString(), out.toString(), "3"));
                double wall = timed(cmd, "threads-" + threads);
                List<Double> tasks = taskTimes(out, "*");
                record("single subject, " + threads + " thread(s), first in JVM", tasks.get(0), "s", "", "");
                record(
                        "single subject, " + threads + " thread(s), warm (median of 2)",
                        median(tasks.subList(1, tasks.size())),
                        "s",
                        "",
                        "");
                record("  (JVM with 3 subjects, " + threads + " thread(s), wall)", wall, "s", "", "");
            }
        }

        Double sequential = null;
        double sequentialMeanTask = Double.NaN;
        if (only.contains("sequential")) {
            Path out = fresh("sequential");
            List<String> cmd = javaCommand(List.of(), Sequential.class.getName());
            cmd.addAll(List.of(pipeline.toString(), manifest.toString(), out.toString(), String.valueOf(subjects)));
            cpuSeconds = 0;
            sequential = timed(cmd, "sequential");
            record("  sequential: CPU (user + sys)", cpuSeconds, "s", "", "");
            List<Double> tasks = taskTimes(out, "*");
            sequentialMeanTask = mean(tasks);
            record("sequential, one JVM (wall)", sequential, "s", "", "");
            record("  sequential: mean task time", sequentialMeanTask, "s", "", "");
        }

        Double perLauncher = perSubject("launcher", launcher, s -> {
            List<String> c = new ArrayList<>(List.of(launcher.toString(), "--nogui"));
            c.addAll(runArguments(s, work.resolve("launcher").resolve(s.id())));
            return c;
        });
        perSubject("plain", null, s -> {
            List<String> c = javaCommand(List.of(), "org.ferrum.pipeline.headless.HeadlessMain");
            c.addAll(runArguments(s, work.resolve("plain").resolve(s.id())));
            return c;
        });

        if (only.contains("batch")) {
            if (!Files.isExecutable(batch)) {
                skipped("batch", batch + " not built (mvn -o -q -pl modules/batch -am package -DskipTests)");
            } else {
                BatchRun r = batchRun("batch", pipeline, manifest, List.of());
                record("batch " + master + " (wall)", r.wall, "s", "", "");
                record("  batch: start-up (process start to first task start)", r.startup, "s", "", "");
                record("  batch: mean task time", mean(r.tasks), "s", "", "");
                if (!Double.isNaN(sequentialMeanTask)) {
                    record("  batch: mean task time / sequential's", mean(r.tasks) / sequentialMeanTask, "", "", "");
                }
                double overhead = (slots * r.wall - sum(r.tasks)) / r.tasks.size();
                record(
                        "batch: per-task overhead (slots × wall − Σ task) / tasks",
                        overhead,
                        "s",
                        "≤ " + OVERHEAD_TARGET_SECONDS,
                        verdict(overhead <= OVERHEAD_TARGET_SECONDS));
                if (sequential != null) {
                    double ratio = r.wall / sequential;
                    record(
                            "batch / sequential",
                            ratio,
                            "",
                            "≤ " + SEQUENTIAL_RATIO_TARGET,
                            verdict(ratio <= SEQUENTIAL_RATIO_TARGET));
                }
                if (perLauncher != null) {
                    double ratio = r.wall / perLauncher;
                    record(
                            "batch / launcher per subject",
                            ratio,
                            "",
                            "≤ " + LAUNCHER_RATIO_TARGET,
                            verdict(ratio <= LAUNCHER_RATIO_TARGET));
                }
                record(
                        "  batch: tasks whose measurements equal the sequential run's",
                        sameMeasurements(r.folder),
                        "",
                        "",
                        "");
            }
        }
        if (only.contains("trivial") && Files.isExecutable(batch)) {
            Path trivial = work.resolve("read-labels.json");
            Files.writeString(
                    trivial,
                    """
                    { "format": "ferrum-pipeline", "formatVersion": 1, "name": "read the label map",
                      "inputs": { "rois": { "node": "read", "parameter": "path", "default": "%s" } },
                      "nodes": [ { "id": "read", "operator": "io.read.volume", "version": "1.0", "parameters": { } } ],
                      "outputs": { "labels": "read.volume" } }
                    """
                            // a default, though every task binds it: ferrum-batch checks the pipeline before the
                            // manifest
                            .formatted(cohort.get(0).rois()));
            StringBuilder labelsOnly = new StringBuilder("subject,visit,rois\n");
            cohort.forEach(s ->
                    labelsOnly.append(s.id()).append(",1,").append(s.rois()).append('\n'));
            Path trivialManifest = work.resolve("labels-manifest.csv");
            Files.writeString(trivialManifest, labelsOnly);
            BatchRun r = batchRun("trivial", trivial, trivialManifest, List.of());
            double overhead = (slots * r.wall - sum(r.tasks)) / r.tasks.size();
            record("trivial batch " + master + " (wall)", r.wall, "s", "", "");
            record("  trivial batch: start-up", r.startup, "s", "", "");
            record("  trivial batch: mean task time", mean(r.tasks), "s", "", "");
            record(
                    "trivial batch: per-task overhead",
                    overhead,
                    "s",
                    "≤ " + OVERHEAD_TARGET_SECONDS,
                    verdict(overhead <= OVERHEAD_TARGET_SECONDS));
        }
        for (String probe : List.of("probe", "probe2", "probe-trivial")) {
            if (only.contains(probe)) {
                probe(probe, slots, sequential);
            }
        }
        report();
    }

    /**
     * {@link SparkLocalProbe}: the cohort through Spark {@code local[N]} with the pipeline's threads pinned to 1
     * ({@code probe}) or 2 ({@code probe2}) per task, or empty tasks ({@code probe-trivial}).
     */
    private void probe(String name, int slots, Double sequential) throws Exception {
        Path sparkClasspath = root.resolve("modules/benchmarks/target/spark-classpath.txt");
        if (!Files.isRegularFile(sparkClasspath)) {
            skipped(name, sparkClasspath + " missing (mvn -o -q -pl modules/benchmarks -am package -DskipTests)");
            return;
        }
        Path out = fresh(name);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(SPARK_JVM_OPTIONS);
        cmd.add("-cp");
        // Spark's Jackson first: its Jackson Scala module needs jackson-databind 2.18, Ferrum's shaded jar holds 2.17
        StringBuilder cp = new StringBuilder();
        try (Stream<Path> jars = Files.list(sparkClasspath.resolveSibling("spark-jackson"))) {
            jars.sorted().forEach(j -> cp.append(j).append(File.pathSeparator));
        }
        cmd.add(cp
                + Files.readString(sparkClasspath).strip()
                + File.pathSeparator
                + System.getProperty("java.class.path"));
        cmd.add(SparkLocalProbe.class.getName());
        boolean trivial = name.equals("probe-trivial");
        cmd.addAll(List.of(
                trivial ? "-" : pipeline.toString(),
                manifest.toString(),
                out.toString(),
                master,
                name.equals("probe2") ? "2" : "1"));
        cpuSeconds = 0;
        double wall = timed(cmd, name);
        record("  " + name + ": CPU (user + sys)", cpuSeconds, "s", "", "");
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String line : Files.readAllLines(work.resolve("logs").resolve(name + ".log"))) {
            String[] f = line.split(" ");
            if (f.length == 2 && List.of("jvm", "context", "job", "stop").contains(f[0])) {
                phases.put(f[0], Double.parseDouble(f[1]));
            }
        }
        String label = name + " (SparkLocalProbe " + master
                + (trivial ? ", empty tasks)" : ", " + (name.equals("probe2") ? 2 : 1) + " thread(s) per task)");
        record(label + " (wall)", wall, "s", "", "");
        phases.forEach((phase, v) -> record("  " + name + ": " + phase, v, "s", "", ""));
        if (trivial) {
            record(
                    "  " + name + ": slots × job / tasks (scheduling per task)",
                    slots * phases.getOrDefault("job", Double.NaN) / subjects,
                    "s",
                    "",
                    "");
            record("  " + name + ": slots × wall / tasks", slots * wall / subjects, "s", "", "");
        } else {
            List<Double> tasks = taskTimes(out, "*");
            record("  " + name + ": mean task time", mean(tasks), "s", "", "");
            record(
                    "  " + name + ": per-task overhead (slots × wall − Σ task) / tasks",
                    (slots * wall - sum(tasks)) / tasks.size(),
                    "s",
                    "",
                    "");
            if (sequential != null) {
                record("  " + name + " / sequential", wall / sequential, "", "", "");
            }
        }
    }

    /** The JVM options Spark 4's own launcher adds on Java 17 (its {@code JavaModuleOptions}). */
    private static final List<String> SPARK_JVM_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** A batch run's wall time, its tasks' times and its start-up (process start to first task start). */
    private record BatchRun(double wall, List<Double> tasks, double startup, Path folder) {}

    private BatchRun batchRun(String name, Path pipelineFile, Path manifestFile, List<String> extra) throws Exception {
        Path out = fresh(name);
        Path events = work.resolve(name + "-events.jsonl");
        Files.deleteIfExists(events);
        List<String> cmd = new ArrayList<>(List.of(
                batch.toString(),
                "run",
                "--pipeline",
                pipelineFile.toString(),
                "--manifest",
                manifestFile.toString(),
                "--out",
                out.toString(),
                "--master",
                master,
                "--no-study",
                "--events",
                events.toString()));
        cmd.addAll(extra);
        Instant start = Instant.now();
        cpuSeconds = 0;
        double wall = timed(cmd, name);
        record("  " + name + ": CPU (user + sys)", cpuSeconds, "s", "", "");
        Path derivatives = out.resolve("derivatives").resolve("ferrum");
        List<Double> tasks = taskTimes(derivatives, "sub-*/ses-*");
        if (tasks.size() != subjects) {
            throw new IllegalStateException(name + ": " + tasks.size() + " task folders in " + derivatives
                    + ", expected " + subjects + " (see " + work.resolve(name + ".log") + ")");
        }
        double first = Double.MAX_VALUE;
        for (Path p : provenanceFiles(derivatives, "sub-*/ses-*")) {
            Instant started =
                    Instant.parse(JSON.readTree(p.toFile()).path("started").asText());
            first = Math.min(first, (started.toEpochMilli() - start.toEpochMilli()) / 1e3);
        }
        return new BatchRun(wall, tasks, first, derivatives);
    }

    /** Runs one process per subject; the figure is their total wall time. */
    private Double perSubject(
            String name, Path program, java.util.function.Function<LiverCohort.Subject, List<String>> command)
            throws Exception {
        if (!only.contains(name)) {
            return null;
        }
        if (program != null && !Files.isExecutable(program)) {
            skipped(name, program + " not built");
            return null;
        }
        delete(work.resolve(name));
        Files.createDirectories(work.resolve(name));
        double total = 0;
        cpuSeconds = 0;
        for (LiverCohort.Subject s : cohort) {
            total += timed(command.apply(s), name + "-" + s.id());
        }
        List<Double> tasks = taskTimes(work.resolve(name), "*");
        record(name + ", one process per subject (Σ wall)", total, "s", "", "");
        record("  " + name + ": CPU (user + sys)", cpuSeconds, "s", "", "");
        record(
                "  " + name + ": mean process wall − mean task time (start-up and exit)",
                (total - sum(tasks)) / subjects,
                "s",
                "",
                "");
        return total;
    }

    private List<String> runArguments(LiverCohort.Subject s, Path out) {
        return List.of(
                "--run",
                pipeline.toString(),
                "--input",
                "gre=" + s.gre(),
                "--input",
                "rois=" + s.rois(),
                "--out",
                out.toString());
    }

    /** {@code java} of this JVM with this JVM's class path, the given JVM options and main class. */
    private static List<String> javaCommand(List<String> jvm, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    /** Runs a process to its end (its output into WORK/logs/NAME.log); its wall time in seconds. */
    private double timed(List<String> cmd, String name) throws Exception {
        Path log = work.resolve("logs").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        Path cpuFile = work.resolve("logs").resolve(name + ".cpu");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            // GNU time: the CPU seconds of the process and its children, apart from the wall time other users stretch
            command.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        command.addAll(cmd);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("DISPLAY");
        long t = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.HOURS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + ": timed out");
        }
        double s = secondsSince(t);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + ": exit " + p.exitValue() + " (see " + log + ")");
        }
        double cpu = Double.NaN;
        if (Files.isRegularFile(cpuFile)) {
            List<String> lines = Files.readAllLines(cpuFile);
            String[] f = lines.get(lines.size() - 1).trim().split(" ");
            cpu = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
        }
        cpuSeconds += cpu;
        System.out.printf(
                Locale.ROOT, "  %-24s %8.2f s wall %8.2f s CPU   load average %s%n", name, s, cpu, loadAverage());
        return s;
    }

    /** Task times (s) of every {@code provenance.json} in the folders {@code glob} names under {@code dir}. */
    private static List<Double> taskTimes(Path dir, String glob) throws IOException {
        List<Double> times = new ArrayList<>();
        for (Path p : provenanceFiles(dir, glob)) {
            Instant started =
                    Instant.parse(JSON.readTree(p.toFile()).path("started").asText());
            Instant written = Files.getLastModifiedTime(p).toInstant();
            times.add((written.toEpochMilli() - started.toEpochMilli()) / 1e3);
        }
        return times;
    }

    private static List<Path> provenanceFiles(Path dir, String glob) throws IOException {
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(dir, glob.split("/").length + 1)) {
            return s.filter(p -> p.getFileName().toString().equals("provenance.json"))
                    .filter(p -> matcher.matches(dir.relativize(p.getParent())))
                    .filter(p -> !dir.relativize(p).toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** How many batch tasks wrote the same measurement table (same text) as the sequential run for that subject. */
    private String sameMeasurements(Path derivatives) throws IOException {
        Path seq = work.resolve("sequential");
        if (!Files.isDirectory(seq)) {
            return "n/a";
        }
        int same = 0;
        for (LiverCohort.Subject s : cohort) {
            Path a = seq.resolve(s.id()).resolve("measurements.csv");
            Path folder = derivatives.resolve("sub-" + s.id()).resolve("ses-1");
            JsonNode outputs =
                    JSON.readTree(folder.resolve("provenance.json").toFile()).path("outputs");
            JsonNode name = outputs.path("measurements");
            String file = name.isTextual() ? name.asText() : name.path("file").asText(null);
            if (file != null
                    && Files.isRegularFile(a)
                    && Files.isRegularFile(folder.resolve(file))
                    && Files.readString(a).equals(Files.readString(folder.resolve(file)))) {
                same++;
            }
        }
        return same + " of " + cohort.size();
    }

    /** The 1-minute load average ({@code /proc/loadavg}), to judge whether the machine was shared during a step. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void record(String name, Object value, String unit, String target, String verdict) {
        double v = value instanceof Number n ? n.doubleValue() : Double.NaN;
        rows.put(name, new Row(name, v, unit, target, value instanceof Number ? verdict : value + " " + verdict));
    }

    private void skipped(String name, String why) {
        rows.put(name, new Row(name, Double.NaN, "", "", "skipped: " + why));
    }

    private void report() throws IOException {
        record(
                "load average at the end (1 min; 2 = the two cores busy)",
                Double.parseDouble(loadAverage().equals("?") ? "NaN" : loadAverage()),
                "",
                "",
                "");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-64s %10s %-4s %-8s %s%n", "measurement", "value", "unit", "target", "");
        StringBuilder csv = new StringBuilder("measurement,value,unit,target,verdict\n");
        for (Row r : rows.values()) {
            String v = Double.isNaN(r.value) ? "" : String.format(Locale.ROOT, "%.3f", r.value);
            System.out.printf(Locale.ROOT, "%-64s %10s %-4s %-8s %s%n", r.name, v, r.unit, r.target, r.verdict);
            csv.append(quote(r.name.strip()))
                    .append(',')
                    .append(v)
                    .append(',')
                    .append(r.unit)
                    .append(',')
                    .append(quote(r.target))
                    .append(',')
                    .append(quote(r.verdict))
                    .append('\n');
        }
        Path file = work.resolve("cohort-bench.csv");
        AtomicFiles.writeString(file, csv.toString());
        System.out.println("figures in " + file);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    /** The task slots of a {@code local[n]} master (1 for {@code local}, the processors for {@code local[*]}). */
    static int slots(String master) {
        if (master.equals("local")) {
            return 1;
        }
        var m = java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?\\]").matcher(master);
        if (!m.matches()) {
            throw new IllegalArgumentException("--master must be local, local[N] or local[*], got " + master);
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    private Path fresh(String name) throws IOException {
        Path p = work.resolve(name);
        delete(p);
        return p;
    }

    private static void delete(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static double sum(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double mean(List<Double> v) {
        return sum(v) / v.size();
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /**
     * {@code Sequential PIPELINE MANIFEST OUT [N]}: runs the manifest's first N subjects one after another in this JVM
     * through {@link HeadlessRunner}, each into {@code OUT/<subject>}; exits 1 at the first failure.
     */
    public static final class Sequential {
        private Sequential() {}

        public static void main(String[] args) throws IOException {
            Path pipelineFile = Path.of(args[0]);
            List<String> lines = Files.readAllLines(Path.of(args[1]));
            Path out = Path.of(args[2]);
            int n = args.length > 3 ? Integer.parseInt(args[3]) : lines.size() - 1;
            Files.createDirectories(out);
            PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
            HeadlessRunner runner = new HeadlessRunner(
                    org.ferrum.pipeline.OperatorRegistry.installed(), Path.of(""), quiet, System.err);
            System.out.println("threads: " + Parallelism.threads());
            for (String line : lines.subList(1, Math.min(lines.size(), n + 1))) {
                String[] f = line.split(",");
                long t = System.nanoTime();
                int status = runner.run(pipelineFile, Map.of("gre", f[2], "rois", f[3]), out.resolve(f[0]));
                if (status != HeadlessRunner.OK) {
                    System.err.println(f[0] + ": exit " + status);
                    System.exit(1);
                }
                System.out.printf(Locale.ROOT, "%s %.2f s%n", f[0], secondsSince(t));
            }
        }
    }
}
