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
package org.ferrum.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.pipeline.FileFingerprints;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.Provenance;
import scala.reflect.ClassTag;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One cohort run on the driver: plans the tasks (reused or to run, by {@link TaskContentKey}), runs the rest on Spark
 * as one RDD with one partition per task, and as each task's result arrives saves it to the study, writes its
 * events and moves the progress bar; then prints the summary table.
 *
 * <p>Why a job over the RDD with a result handler ({@code SparkContext.runJob}) and not a Dataset: a task is a whole
 * pipeline run over files, not rows of a table, so there is nothing for Catalyst to plan; the result handler gives
 * each task's outcome to the driver the moment it finishes (the study save and progress need that); and the RDD API
 * needs only {@code spark-core}, not Spark SQL's planner and its dependencies.
 *
 * <p>Executor loss (an executor JVM killed, e.g. out of memory, or gone with its machine) is retried by Spark up to
 * {@code spark.task.maxFailures}; a task that exhausts them aborts Spark's job, so the run resubmits the tasks not yet
 * finished and reports that one as failed with Spark's reason: the cohort goes on.
 */
public final class CohortRun {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,(\\d+))?\\])?");

    private final Pipeline pipeline;
    private final Path pipelineFile;
    private final List<CohortTask> tasks;
    private final BatchOptions options;
    private final StudySink study;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    /**
     * @param pipeline     the pipeline (already checked)
     * @param pipelineFile its file
     * @param tasks        the cohort's tasks (already checked)
     * @param options      the command line (master, retries, out, …)
     * @param study        where results are saved
     * @param terminal     whether the error stream is a terminal (progress bar) or not (plain lines)
     */
    public CohortRun(
            Pipeline pipeline,
            Path pipelineFile,
            List<CohortTask> tasks,
            BatchOptions options,
            StudySink study,
            PrintStream out,
            PrintStream err,
            boolean terminal) {
        this.pipeline = pipeline;
        this.pipelineFile = pipelineFile;
        this.tasks = List.copyOf(tasks);
        this.options = options;
        this.study = study;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Runs the cohort; returns the exit status (0 all done or reused, 1 some task failed or was not saved). */
    public int execute() throws IOException {
        DerivativesLayout layout = new DerivativesLayout(options.out());
        layout.writeDatasetDescription(pipeline);
        FileFingerprints fingerprints = new FileFingerprints();
        List<String> keys = new ArrayList<>();
        List<TaskOutcome> outcomes = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        List<Integer> pending = new ArrayList<>();
        try (EventLog events = EventLog.open(options.events())) {
            ProgressDisplay progress = new ProgressDisplay(err, terminal, tasks.size());
            events.plan(tasks.size(), layout.root());
            Summary summary = new Summary();
            for (int i = 0; i < tasks.size(); i++) {
                CohortTask task = tasks.get(i);
                String key;
                try {
                    key = TaskContentKey.of(pipeline, pipelineFile, TaskRunner.registry(), task.inputs(), fingerprints);
                } catch (IOException | RuntimeException e) {
                    key = "";
                    TaskOutcome failed = new TaskOutcome(
                            i,
                            task.id(),
                            TaskOutcome.Status.FAILED,
                            0,
                            0,
                            List.of(TaskRunner.redact("an input cannot be read: " + e.getMessage(), task)),
                            layout.failedFolder(task).toString());
                    outcomes.set(i, failed);
                }
                keys.add(key);
                if (outcomes.get(i) == null && key.equals(publishedKey(layout.taskFolder(task)))) {
                    outcomes.set(
                            i,
                            new TaskOutcome(
                                    i,
                                    task.id(),
                                    TaskOutcome.Status.REUSED,
                                    0,
                                    0,
                                    List.of(),
                                    layout.taskFolder(task).toString()));
                } else if (outcomes.get(i) == null) {
                    pending.add(i);
                }
            }
            for (int i = 0; i < tasks.size(); i++) {
                TaskOutcome o = outcomes.get(i);
                if (o != null) {
                    finish(o, events, progress, summary);
                }
            }
            if (!pending.isEmpty()) {
                TaskRunner runner = new TaskRunner(
                        pipeline,
                        pipelineFile,
                        options.out(),
                        tasks,
                        keys,
                        options.retries(),
                        options.threadsPerTask());
                runOnSpark(runner, pending, events, progress, summary);
            }
            progress.close();
            summary.print(out, tasks);
            int exit = summary.failed > 0 || summary.notSaved > 0 ? 1 : 0;
            events.finished(summary.done, summary.reused, summary.failed, exit);
            return exit;
        } finally {
            try {
                study.close();
            } catch (Exception e) {
                err.println("study database: " + e.getMessage());
            }
        }
    }

    /** The content key recorded in a published task folder's provenance, or null. */
    static String publishedKey(Path taskFolder) {
        Path file = taskFolder.resolve(Provenance.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode key =
                    new ObjectMapper().readTree(file.toFile()).path("task").path("contentKey");
            return key.isTextual() ? key.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- Spark ----

    /** A message from Spark's threads to the driver's main thread. */
    private sealed interface Message {}

    private record Started(int index, int attempt) implements Message {}

    private record Finished(TaskOutcome outcome) implements Message {}

    private record End(Throwable error) implements Message {}

    private void runOnSpark(
            TaskRunner runner, List<Integer> pending, EventLog events, ProgressDisplay progress, Summary summary) {
        BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
        SparkConf conf = SparkSetup.conf(options, pipeline.name());
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            int maxFailures = maxFailures(conf);
            Map<Integer, List<String>> sparkFailures = Collections.synchronizedMap(new HashMap<>());
            jsc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                    queue.add(new Started(
                            pending.get(e.taskInfo().partitionId()),
                            e.taskInfo().attemptNumber() + 1));
                }

                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (e.reason() instanceof TaskFailedReason r && r.countTowardsTaskFailures()) {
                        sparkFailures
                                .computeIfAbsent(pending.get(e.taskInfo().partitionId()), k -> new ArrayList<>())
                                .add(explain(r.toErrorString()));
                    }
                }
            });
            JavaRDD<Integer> rdd = jsc.parallelize(pending, pending.size());
            Thread jobs = new Thread(
                    () -> {
                        try {
                            runJobs(jsc, rdd, runner, pending, queue, sparkFailures, maxFailures);
                            queue.add(new End(null));
                        } catch (Throwable t) {
                            queue.add(new End(t));
                        }
                    },
                    "ferrum-batch-jobs");
            jobs.setDaemon(true);
            jobs.start();
            while (true) {
                Message m;
                try {
                    m = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (m == null) {
                    progress.tick();
                } else if (m instanceof Started s) {
                    if (s.attempt == 1) {
                        events.task(tasks.get(s.index), "started", 1, null, null);
                    }
                } else if (m instanceof Finished f) {
                    finish(f.outcome, events, progress, summary);
                } else if (m instanceof End end) {
                    if (end.error != null) {
                        throw new IllegalStateException("Spark failed: " + end.error.getMessage(), end.error);
                    }
                    return;
                }
            }
        }
    }

    /** Submits jobs until every pending task has an outcome (see the class comment on executor loss). */
    private static void runJobs(
            JavaSparkContext jsc,
            JavaRDD<Integer> rdd,
            TaskRunner runner,
            List<Integer> pending,
            BlockingQueue<Message> queue,
            Map<Integer, List<String>> sparkFailures,
            int maxFailures) {
        TreeSet<Integer> remaining = new TreeSet<>();
        for (int p = 0; p < pending.size(); p++) {
            remaining.add(p);
        }
        ClassTag<TaskOutcome> tag = scala.reflect.ClassTag$.MODULE$.apply(TaskOutcome.class);
        ResultHandler handler = new ResultHandler(queue, remaining, pending);
        while (!remaining.isEmpty()) {
            List<Object> partitions = new ArrayList<>(remaining);
            try {
                jsc.sc()
                        .runJob(
                                rdd.rdd(),
                                new RunPartition(runner),
                                scala.jdk.javaapi.CollectionConverters.asScala(partitions)
                                        .toSeq(),
                                handler,
                                tag);
            } catch (RuntimeException aborted) {
                List<Integer> lost = new ArrayList<>();
                synchronized (remaining) {
                    for (int p : remaining) {
                        List<String> f = sparkFailures.getOrDefault(pending.get(p), List.of());
                        if (f.size() >= maxFailures) {
                            lost.add(p);
                        }
                    }
                    if (lost.isEmpty()) {
                        lost.addAll(remaining); // Spark gave up for a reason no task caused: say so for each
                    }
                }
                for (int p : lost) {
                    int index = pending.get(p);
                    List<String> reasons = new ArrayList<>(sparkFailures.getOrDefault(index, List.of()));
                    if (reasons.isEmpty()) {
                        reasons.add("Spark stopped the job: " + aborted.getMessage());
                    }
                    handler.deliver(new TaskOutcome(
                            index, runner.taskId(index), TaskOutcome.Status.FAILED, reasons.size(), 0, reasons, ""));
                }
            }
        }
    }

    /** Spark's failure text with a plain word on what it means when that is known. */
    static String explain(String sparkReason) {
        String first = sparkReason.lines().findFirst().orElse(sparkReason);
        if (sparkReason.contains("exited with code 52") || sparkReason.contains("OutOfMemoryError")) {
            return "the executor ran out of memory (" + first + "); give executors more with --conf"
                    + " spark.executor.memory=…";
        }
        if (sparkReason.contains("ExecutorLostFailure")) {
            return "the executor running it was lost (" + first + ")";
        }
        return first;
    }

    /** How often Spark tries a task before giving up: {@code local[N,F]} → F, other local masters 1, else the conf. */
    static int maxFailures(SparkConf conf) {
        Matcher m = LOCAL.matcher(conf.get("spark.master"));
        if (m.matches()) {
            return m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        }
        return conf.getInt("spark.task.maxFailures", 4);
    }

    /** Runs the partition's one task on the executor. */
    private static final class RunPartition
            extends AbstractFunction2<TaskContext, scala.collection.Iterator<Integer>, TaskOutcome>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TaskRunner runner;

        RunPartition(TaskRunner runner) {
            this.runner = runner;
        }

        @Override
        public TaskOutcome apply(TaskContext context, scala.collection.Iterator<Integer> partition) {
            return runner.run(partition.next());
        }
    }

    /** Receives each outcome on the driver as its task finishes (Spark's scheduler thread: only queues it). */
    private static final class ResultHandler extends AbstractFunction2<Object, TaskOutcome, BoxedUnit> {
        private final BlockingQueue<Message> queue;
        private final TreeSet<Integer> remaining;
        private final Map<Integer, Integer> partitionOf = new HashMap<>();

        ResultHandler(BlockingQueue<Message> queue, TreeSet<Integer> remaining, List<Integer> pending) {
            this.queue = queue;
            this.remaining = remaining;
            for (int p = 0; p < pending.size(); p++) {
                partitionOf.put(pending.get(p), p);
            }
        }

        @Override
        public BoxedUnit apply(Object outputIndex, TaskOutcome outcome) {
            deliver(outcome);
            return BoxedUnit.UNIT;
        }

        void deliver(TaskOutcome outcome) {
            synchronized (remaining) {
                if (!remaining.remove(partitionOf.get(outcome.index()))) {
                    return; // already delivered
                }
            }
            queue.add(new Finished(outcome));
        }
    }

    // ---- results ----

    /** Events, study save and progress for one finished task (driver thread). */
    private void finish(TaskOutcome o, EventLog events, ProgressDisplay progress, Summary summary) {
        CohortTask task = tasks.get(o.index());
        String saveProblem = null;
        if (o.status() == TaskOutcome.Status.FAILED) {
            events.task(task, "failed", o.attempts(), o.lastReason(), o.folder().isEmpty() ? null : o.folder());
        } else {
            for (int a = 1; a < o.attempts(); a++) {
                events.task(task, "retrying", a, o.reasons().get(a - 1), null);
            }
            events.task(task, o.status().word(), Math.max(o.attempts(), 1), null, o.folder());
            if (study.saves()) {
                try {
                    int rows = study.save(task, Path.of(o.folder()));
                    events.saved(task, rows);
                } catch (Exception e) {
                    saveProblem = "not saved in the study: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    events.notSaved(task, saveProblem);
                }
            }
        }
        if (o.status() == TaskOutcome.Status.REUSED) {
            progress.reused(o.taskId());
        } else {
            progress.finished(o);
        }
        summary.add(o, saveProblem);
    }

    /** The final table: one row per task in plan order. */
    private static final class Summary {
        private final Map<Integer, TaskOutcome> outcomes = new HashMap<>();
        private final Map<Integer, String> saveProblems = new HashMap<>();
        int done;
        int reused;
        int failed;
        int notSaved;

        void add(TaskOutcome o, String saveProblem) {
            outcomes.put(o.index(), o);
            switch (o.status()) {
                case DONE -> done++;
                case REUSED -> reused++;
                case FAILED -> failed++;
            }
            if (saveProblem != null) {
                saveProblems.put(o.index(), saveProblem);
                notSaved++;
            }
        }

        void print(PrintStream out, List<CohortTask> tasks) {
            int w = Math.max(
                    4, tasks.stream().mapToInt(t -> t.id().length()).max().orElse(4));
            String row = "%-" + w + "s  %-7s  %8s  %8s  %s%n";
            out.printf(Locale.ROOT, row, "task", "status", "attempts", "seconds", "reason");
            for (int i = 0; i < tasks.size(); i++) {
                TaskOutcome o = outcomes.get(i);
                if (o == null) {
                    out.printf(Locale.ROOT, row, tasks.get(i).id(), "missing", "", "", "no result came back");
                    continue;
                }
                String reason = String.join(" | ", o.reasons());
                String save = saveProblems.get(i);
                if (save != null) {
                    reason = reason.isEmpty() ? save : reason + " | " + save;
                }
                out.printf(
                        Locale.ROOT,
                        row,
                        o.taskId(),
                        o.status().word(),
                        o.attempts(),
                        String.format(Locale.ROOT, "%.1f", o.seconds()),
                        reason);
            }
            out.printf(
                    Locale.ROOT,
                    "%d tasks: %d done, %d reused, %d failed%s%n",
                    tasks.size(),
                    done,
                    reused,
                    failed,
                    notSaved == 0 ? "" : ", " + notSaved + " not saved in the study");
        }
    }
}
