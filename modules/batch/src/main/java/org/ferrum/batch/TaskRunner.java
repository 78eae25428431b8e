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

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineFormatException;
import org.ferrum.pipeline.PipelineValidationException;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.Provenance;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.headless.OutputFiles;
import org.ferrum.pipeline.headless.OutputFolder;

/**
 * Runs one cohort task where Spark puts it (an executor, or the driver's JVM in {@code local[N]}): the pipeline with
 * {@link PipelineExecutor} over the installed operators, then its folder published as a whole
 * ({@link OutputFolder}: staging folder + rename) in the {@link DerivativesLayout}.
 *
 * <p>Retry contract: up to {@code 1 + retries} attempts; each attempt starts from nothing (a fresh staging folder);
 * every failed attempt's reason is kept. A task whose inputs or pipeline are wrong (a node reports bad input, or the
 * pipeline does not validate with the task's inputs) is not retried: it would fail the same way. A task that fails
 * every attempt leaves its last attempt's files, its provenance and {@code failure.txt} (every reason) in
 * {@code .failed/<task id>/} and nothing in its published place. This method never throws: a failure is an outcome,
 * so that one subject cannot stop the cohort (a Spark task that throws would, after {@code spark.task.maxFailures},
 * abort the whole job).
 *
 * <p>Serialised to the executors with the plan: the pipeline travels as its JSON text, the tasks as records.
 */
final class TaskRunner implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String pipelineJson;
    private final String pipelineFile;
    private final String out;
    private final List<CohortTask> tasks;
    private final List<String> keys;
    private final int retries;
    private final int threadsPerTask;

    TaskRunner(
            Pipeline pipeline,
            Path pipelineFile,
            Path out,
            List<CohortTask> tasks,
            List<String> keys,
            int retries,
            int threadsPerTask) {
        this.pipelineJson = PipelineFormat.write(pipeline);
        this.pipelineFile = pipelineFile.toAbsolutePath().toString();
        this.out = out.toAbsolutePath().toString();
        this.tasks = List.copyOf(tasks);
        this.keys = List.copyOf(keys);
        this.retries = retries;
        this.threadsPerTask = threadsPerTask;
    }

    /** The installed operators of this JVM, found once (Lookup over META-INF/services, as in the application). */
    private static final class Installed {
        static final OperatorRegistry REGISTRY = OperatorRegistry.installed();
    }

    static OperatorRegistry registry() {
        return Installed.REGISTRY;
    }

    /** The id of task {@code index} of the plan. */
    String taskId(int index) {
        return tasks.get(index).id();
    }

    /** Runs task {@code index} of the plan. */
    TaskOutcome run(int index) {
        long t0 = System.nanoTime();
        CohortTask task = tasks.get(index);
        DerivativesLayout layout = new DerivativesLayout(Path.of(out));
        Path target = layout.taskFolder(task);
        List<String> reasons = new ArrayList<>();
        Pipeline pipeline;
        try {
            pipeline = PipelineFormat.parse(pipelineJson);
        } catch (PipelineFormatException e) {
            reasons.add("the pipeline cannot be read on this executor: " + e.getMessage());
            return outcome(index, task, TaskOutcome.Status.FAILED, 0, t0, reasons, layout.failedFolder(task));
        }
        // Results must not depend on how many tasks share a JVM: each task's operators use threadsPerTask threads.
        Parallelism.setThreads(threadsPerTask);
        Path file = Path.of(pipelineFile);
        RunOptions options = new RunOptions(task.inputs(), file.getParent());
        for (int attempt = 1; attempt <= 1 + retries; attempt++) {
            boolean last = attempt == 1 + retries;
            Attempt a = attempt(pipeline, file, options, task, index, target, attempt);
            if (a.reason == null) {
                OutputFolder.deleteTree(layout.failedFolder(task));
                return outcome(index, task, TaskOutcome.Status.DONE, attempt, t0, reasons, target);
            }
            reasons.add(a.reason);
            if (last || a.badInput) {
                try {
                    keepFailed(a, reasons, layout.failedFolder(task), task, index, attempt);
                } catch (IOException e) {
                    reasons.add("its files could not be kept in " + layout.failedFolder(task) + ": " + e.getMessage());
                } finally {
                    if (a.folder != null) {
                        a.folder.close();
                    }
                    removeEmptySubjectFolder(task, target);
                }
                return outcome(index, task, TaskOutcome.Status.FAILED, attempt, t0, reasons, layout.failedFolder(task));
            }
            if (a.folder != null) {
                a.folder.close();
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Removes {@code sub-S/} that the staging folder of a failed {@code sub-S/ses-V} left empty, so that a failed task
     * leaves no folder in the layout; only when no other task of the plan is of the same subject (another visit's
     * task may be creating its staging folder there at this moment).
     */
    private void removeEmptySubjectFolder(CohortTask task, Path target) {
        if (task.visit().isEmpty()
                || tasks.stream()
                                .filter(t -> t.subject().equals(task.subject()))
                                .count()
                        > 1) {
            return;
        }
        try {
            Files.deleteIfExists(target.getParent());
        } catch (IOException e) {
            // not empty (an earlier run's visit is there) or not ours to remove: leave it
        }
    }

    /** One attempt: its reason is null on success (then its folder is published). */
    private record Attempt(OutputFolder folder, Execution run, String reason, boolean badInput) {}

    private Attempt attempt(
            Pipeline pipeline, Path file, RunOptions options, CohortTask task, int index, Path target, int attempt) {
        OutputFolder folder = null;
        Execution run = null;
        try {
            OutputFolder.recover(target);
            folder = OutputFolder.open(target, true, inputPaths(task));
            PipelineExecutor executor = new PipelineExecutor(registry(), ResultCache.disabled(), threadsPerTask);
            run = executor.run(pipeline, options, null, Cancellation.NEVER);
            if (!run.succeeded()) {
                NodeRun failed = run.firstFailure().orElse(null);
                String why = failed == null
                        ? "the run was cancelled"
                        : "node '" + failed.nodeId() + "' (" + failed.operatorId() + ") failed: "
                                + (failed.error() != null && failed.error().startsWith("out of memory")
                                        ? outOfMemory()
                                        : failed.error());
                return new Attempt(folder, run, redact(why, task), failed != null && failed.badInput());
            }
            Map<String, String> written = new LinkedHashMap<>();
            for (Map.Entry<String, Object> o : run.outputs().entrySet()) {
                String stem = DerivativesLayout.fileStem(task, o.getKey(), o.getValue());
                written.put(o.getKey(), OutputFiles.write(o.getKey(), stem, o.getValue(), folder.staging()));
            }
            Provenance.write(provenance(run, file, written, task, index, attempt, "done"), folder.staging());
            folder.publish();
            return new Attempt(folder, run, null, false);
        } catch (PipelineValidationException e) {
            String why = e.problems().stream()
                    .filter(Problem::isError)
                    .map(Problem::message)
                    .collect(Collectors.joining("; "));
            return new Attempt(
                    folder, run, redact("the pipeline cannot run with this task's inputs: " + why, task), true);
        } catch (OutOfMemoryError e) {
            return new Attempt(folder, null, outOfMemory(), false);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Attempt(folder, run, redact(m, task), false);
        }
    }

    /** Why a task ran out of memory, with this JVM's heap and how to give it more. */
    static String outOfMemory() {
        long heap = Runtime.getRuntime().maxMemory() >> 20;
        return "out of memory in a JVM whose heap is at most " + heap + " MiB; give it more (FERRUM_BATCH_MEMORY for"
                + " local[N], --conf spark.executor.memory=… for executors) or run fewer tasks at once per JVM";
    }

    /** The provenance of a task: the headless runner's, without input paths, plus the task and its content key. */
    private ObjectNode provenance(
            Execution run,
            Path file,
            Map<String, String> written,
            CohortTask task,
            int index,
            int attempt,
            String status) {
        ObjectNode doc = Provenance.withoutInputPaths(Provenance.document(run, file, written), run);
        ObjectNode t = doc.putObject("task");
        t.put("id", task.id());
        t.put("subject", task.subject());
        t.put("visit", task.visit());
        t.put("contentKey", keys.get(index));
        t.put("attempt", attempt);
        t.put("status", status);
        return doc;
    }

    private void keepFailed(Attempt a, List<String> reasons, Path failed, CohortTask task, int index, int attempt)
            throws IOException {
        if (a.folder == null) {
            Files.createDirectories(failed);
            Files.writeString(failed.resolve(DerivativesLayout.FAILURE_FILE), failureText(task, reasons));
            return;
        }
        if (a.run != null) {
            Provenance.write(
                    provenance(a.run, Path.of(pipelineFile), Map.of(), task, index, attempt, "failed"),
                    a.folder.staging());
        }
        Files.writeString(a.folder.staging().resolve(DerivativesLayout.FAILURE_FILE), failureText(task, reasons));
        a.folder.keepFailedAs(failed);
    }

    private static String failureText(CohortTask task, List<String> reasons) {
        StringBuilder s = new StringBuilder(task.id())
                .append(" failed after ")
                .append(reasons.size())
                .append(reasons.size() == 1 ? " attempt" : " attempts")
                .append(":\n");
        for (int i = 0; i < reasons.size(); i++) {
            s.append("attempt ")
                    .append(i + 1)
                    .append(": ")
                    .append(reasons.get(i))
                    .append('\n');
        }
        return s.toString();
    }

    /** The task's input paths written as {@code <input NAME>}: folder names may carry a patient's name. */
    static String redact(String text, CohortTask task) {
        String s = text == null ? "" : text;
        for (Map.Entry<String, String> e : task.inputs().entrySet()) {
            if (e.getValue().length() > 1 && e.getValue().contains("/")) {
                s = s.replace(e.getValue(), "<input " + e.getKey() + ">");
            }
        }
        return s;
    }

    /** The files and folders the task reads: replacing an earlier task folder must never delete them. */
    private static List<Path> inputPaths(CohortTask task) {
        List<Path> paths = new ArrayList<>();
        for (String v : task.inputs().values()) {
            try {
                Path p = Path.of(v);
                if (p.isAbsolute()) {
                    paths.add(p);
                }
            } catch (InvalidPathException e) {
                // not a path
            }
        }
        return paths;
    }

    private static TaskOutcome outcome(
            int index,
            CohortTask task,
            TaskOutcome.Status status,
            int attempts,
            long t0,
            List<String> reasons,
            Path folder) {
        return new TaskOutcome(
                index, task.id(), status, attempts, (System.nanoTime() - t0) / 1e9, reasons, folder.toString());
    }
}
