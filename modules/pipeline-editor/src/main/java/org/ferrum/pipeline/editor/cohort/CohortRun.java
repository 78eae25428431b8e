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
package org.ferrum.pipeline.editor.cohort;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ferrum.pipeline.editor.CohortResultsStore;

/**
 * One cohort run of {@code ferrum-batch} as a process of its own, followed through its {@code --events} file.
 *
 * <p>Why a process and not the batch's classes in the application: Spark brings some 250 jars (Scala, Hadoop
 * client, Netty, Jackson of its own version) and wants its own heap; loaded into the platform they would meet the
 * module system's class loaders and our library wrappers, and a cohort would share the GUI's heap. Out of process,
 * a crashed or killed batch leaves the application as it was, and Cancel is killing the process tree.
 *
 * <p>Contract: {@link #start} launches {@code ferrum-batch run --pipeline P --manifest M --out OUT --master local[N]
 * [--input NAME=VALUE]... --events FILE --no-study}; {@link #plan()} completes with the number of tasks when the batch
 * has accepted the manifest, or exceptionally with {@link BatchRefused} (every problem it printed) if it exits
 * before; {@link #finished()} completes with the exit status (0 all done or reused, 1 some failed, 2 refused) after
 * the last event was read. Every task reported {@code done} or {@code reused} is handed once to the
 * {@link CohortResultsStore} (if any), in the order the events arrive, off the event thread. Listeners are called
 * off the event thread after each batch of events.
 */
public final class CohortRun {

    private static final Logger LOG = Logger.getLogger(CohortRun.class.getName());
    private static final long POLL_MILLIS = 150;
    private static final long TERMINATE_GRACE_SECONDS = 5;

    /** What "Run on cohort…" asks for. */
    public record Request(
            Path launcher,
            Path pipelineFile,
            Path manifest,
            Path out,
            int parallelTasks,
            Map<String, String> overrides) {
        public Request {
            overrides = Map.copyOf(new LinkedHashMap<>(overrides));
        }

        /** The batch's command line (the events file last, with {@code --no-study}). */
        List<String> command(Path events) {
            List<String> c = new ArrayList<>(List.of(
                    launcher.toString(),
                    "run",
                    "--pipeline",
                    pipelineFile.toString(),
                    "--manifest",
                    manifest.toString(),
                    "--out",
                    out.toString(),
                    "--master",
                    "local[" + parallelTasks + "]"));
            overrides.forEach((k, v) -> {
                c.add("--input");
                c.add(k + "=" + v);
            });
            c.addAll(List.of("--events", events.toString(), "--no-study"));
            return c;
        }
    }

    /** A task's state as the run window shows it. */
    public enum Status {
        STARTED("running"),
        RETRYING("retrying"),
        DONE("done"),
        REUSED("reused"),
        FAILED("failed"),
        NOT_RUN("not run");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        boolean finished() {
            return this == DONE || this == REUSED || this == FAILED;
        }
    }

    /** One task as last reported (immutable; the run replaces it on each event). */
    public record Task(
            String id,
            String subject,
            String visit,
            LocalDate date,
            Status status,
            int attempt,
            String reason,
            Path folder,
            long startedNanos,
            long endedNanos,
            String saved) {

        /** Seconds from the first start to the end (or to now while running). */
        public double seconds(long nowNanos) {
            if (startedNanos == 0) {
                return 0;
            }
            return ((endedNanos == 0 ? nowNanos : endedNanos) - startedNanos) / 1e9;
        }

        Task with(Status s, int attemptNo, String why, Path dir, long started, long ended, String savedText) {
            return new Task(id, subject, visit, date, s, attemptNo, why, dir, started, ended, savedText);
        }
    }

    /** The batch refused to start: bad manifest, pipeline or options (exit 2), with every problem it printed. */
    public static final class BatchRefused extends Exception {
        private final List<String> problems;
        private final int exit;

        BatchRefused(int exit, List<String> problems) {
            super(
                    problems.isEmpty()
                            ? "ferrum-batch stopped (exit " + exit + ") before planning the tasks"
                            : String.join("\n", problems));
            this.exit = exit;
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }

        public int exit() {
            return exit;
        }
    }

    private final Request request;
    private final CohortResultsStore store;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> plan = new CompletableFuture<>();
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Path events;
    private final Path errors;
    private volatile Process process;
    private volatile boolean cancelled;
    private int planned = -1;
    private Path derivatives;
    private long startNanos;
    private long endNanos;
    private long offset;

    /**
     * @param store where finished tasks are saved, or null to save nothing
     */
    public CohortRun(Request request, CohortResultsStore store) throws IOException {
        this.request = request;
        this.store = store;
        this.events = Files.createTempFile("ferrum-cohort-", ".events.jsonl");
        this.errors = Files.createTempFile("ferrum-cohort-", ".stderr.txt");
    }

    public Request request() {
        return request;
    }

    /** Starts the batch; returns at once. */
    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        ProcessBuilder pb = new ProcessBuilder(request.command(events));
        pb.redirectError(errors.toFile());
        // the batch's terminal progress bar: not read, not kept
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        startNanos = System.nanoTime();
        process = pb.start();
        Thread follower = new Thread(this::follow, "cohort run " + request.out().getFileName());
        follower.setDaemon(true);
        follower.start();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public CompletableFuture<Integer> plan() {
        return plan;
    }

    public CompletableFuture<Integer> finished() {
        return finished;
    }

    public void addChangeListener(Runnable l) {
        listeners.add(l);
    }

    public void removeChangeListener(Runnable l) {
        listeners.remove(l);
    }

    /** The batch's process id while it runs (for tests and the log). */
    public java.util.Optional<ProcessHandle> processHandle() {
        Process p = process;
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.toHandle());
    }

    /**
     * Stops the batch: every process of its tree (the launcher script, the JVM and anything they started) is asked
     * to end, and killed after {@value #TERMINATE_GRACE_SECONDS} s. Tasks not finished by then are reported
     * {@link Status#NOT_RUN}. The batch publishes a task folder by one rename, so a killed task leaves no folder that
     * looks complete.
     */
    public void cancel() {
        cancelled = true;
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        Thread killer = new Thread(() -> killTree(p.toHandle()), "cancel cohort run");
        killer.setDaemon(true);
        killer.start();
    }

    public boolean cancelled() {
        return cancelled;
    }

    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TERMINATE_GRACE_SECONDS);
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            }
        }
        // a process started between the snapshot and now (a retry's child)
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    // ---- what the window shows
    // ---------------------------------------------------------------------------------------

    /** The tasks in the order the batch first reported them. */
    public synchronized List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Tasks planned, or -1 before the plan. */
    public synchronized int planned() {
        return planned;
    }

    public synchronized long count(Status s) {
        return tasks.values().stream().filter(t -> t.status() == s).count();
    }

    /** Tasks done, reused or failed. */
    public synchronized int finishedTasks() {
        return (int) tasks.values().stream().filter(t -> t.status().finished()).count();
    }

    /** Time since the start, frozen at the end. */
    public synchronized Duration elapsed() {
        if (startNanos == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos);
    }

    /**
     * Time left, estimated from the pace so far: elapsed × (planned − finished) / finished. Empty before the first
     * task finishes, and once the run has ended.
     */
    public synchronized java.util.Optional<Duration> remaining() {
        int f = finishedTasks();
        if (f == 0 || planned <= 0 || endNanos != 0) {
            return java.util.Optional.empty();
        }
        Duration e = elapsed();
        return java.util.Optional.of(e.multipliedBy(Math.max(0, planned - f)).dividedBy(f));
    }

    /** Whether the process has ended and every event has been read. */
    public boolean ended() {
        return finished.isDone();
    }

    // ---- following the events -----------------------------------------------------------------------------------

    private void follow() {
        Process p = process;
        try {
            while (p.isAlive()) {
                if (readNewEvents()) {
                    fire();
                }
                p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            readNewEvents();
            int exit = p.exitValue();
            List<String> problems = Files.exists(errors)
                    ? Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
                            .filter(l -> !l.isBlank() && !isLogNoise(l))
                            .toList()
                    : List.of();
            synchronized (this) {
                endNanos = System.nanoTime();
                // a task the batch never reported finished was not run to its end (cancelled or the batch died)
                tasks.replaceAll((id, t) -> t.status().finished()
                        ? t
                        : t.with(
                                Status.NOT_RUN,
                                t.attempt(),
                                cancelled ? "cancelled" : t.reason(),
                                null,
                                t.startedNanos(),
                                t.startedNanos() == 0 ? 0 : endNanos, // it ran until the batch ended, no longer
                                t.saved()));
            }
            if (!plan.isDone()) {
                if (exit == 0) {
                    plan.complete(0);
                } else {
                    plan.completeExceptionally(new BatchRefused(exit, cancelled ? List.of("cancelled") : problems));
                }
            }
            if (exit != 0 && !cancelled && exit != 1 && exit != 2) {
                LOG.log(Level.INFO, "ferrum-batch ended with exit {0}", exit);
            }
            fire();
            finished.complete(exit);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "cannot follow the cohort run's events", e);
            p.destroy();
            plan.completeExceptionally(e);
            finished.completeExceptionally(e);
            fire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished.completeExceptionally(e);
        } finally {
            try {
                Files.deleteIfExists(events);
                Files.deleteIfExists(errors);
            } catch (IOException e) {
                LOG.log(Level.FINE, "temporary files of a cohort run left", e);
            }
        }
    }

    /** Reads the events appended since the last call (whole lines only); returns whether there were any. */
    private boolean readNewEvents() throws IOException {
        List<BatchEvent> read = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(events.toFile(), "r")) {
            if (f.length() <= offset) {
                return false;
            }
            f.seek(offset);
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - offset)];
            f.readFully(bytes);
            int lineStart = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8).trim();
                    lineStart = i + 1;
                    if (!line.isEmpty()) {
                        try {
                            read.add(BatchEvent.parse(line));
                        } catch (IOException e) {
                            LOG.log(Level.INFO, "ignored a line of the batch's events: {0}", e.getMessage());
                        }
                    }
                }
            }
            // a line not yet ended by its newline is read next time
            offset += lineStart;
        }
        for (BatchEvent e : read) {
            apply(e);
        }
        return !read.isEmpty();
    }

    private void apply(BatchEvent e) {
        switch (e.event()) {
            case "plan" -> {
                synchronized (this) {
                    planned = Math.max(0, e.tasks());
                    if (e.out() != null && !e.out().isBlank()) {
                        derivatives = Path.of(e.out());
                    }
                }
                plan.complete(planned);
            }
            case "task" -> applyTask(e);
            default -> {
                // saved / not-saved (not written with --no-study) and finished: the exit status says the same
            }
        }
    }

    private void applyTask(BatchEvent e) {
        if (e.task() == null || e.status() == null) {
            return;
        }
        Status s =
                switch (e.status()) {
                    case "started" -> Status.STARTED;
                    case "retrying" -> Status.RETRYING;
                    case "done" -> Status.DONE;
                    case "reused" -> Status.REUSED;
                    case "failed" -> Status.FAILED;
                    default -> null;
                };
        if (s == null) {
            return;
        }
        long now = System.nanoTime();
        Task t;
        synchronized (this) {
            Task old = tasks.get(e.task());
            if (old == null) {
                old = new Task(
                        e.task(),
                        e.subject() == null ? "" : e.subject(),
                        e.visit() == null ? "" : e.visit(),
                        e.date(),
                        Status.STARTED, // a task reported reused (or failed) without a start is seen here first
                        0,
                        null,
                        null,
                        0,
                        0,
                        null);
            }
            if (old.status().finished()) {
                return; // one end per task; a late duplicate changes nothing (and is never saved twice)
            }
            if (old.date() == null && e.date() != null) {
                old = new Task(
                        old.id(),
                        old.subject(),
                        old.visit(),
                        e.date(),
                        old.status(),
                        old.attempt(),
                        old.reason(),
                        old.folder(),
                        old.startedNanos(),
                        old.endedNanos(),
                        old.saved());
            }
            long started = old.startedNanos() == 0 ? now : old.startedNanos();
            t = old.with(
                    s,
                    e.attempt() > 0 ? e.attempt() : Math.max(1, old.attempt()),
                    e.reason() != null ? e.reason() : (s == Status.STARTED ? null : old.reason()),
                    folderOf(e, old),
                    started,
                    s.finished() ? now : 0,
                    old.saved());
            tasks.put(t.id(), t);
        }
        if ((s == Status.DONE || s == Status.REUSED) && store != null && t.folder() != null) {
            fire(); // show "done" before the (short) database write
            String said;
            LocalDate date =
                    t.date(); // the manifest's, as the batch reports it (null: the study needs an existing visit)
            try {
                said = store.saveTask(t.subject(), t.visit(), date, t.folder());
            } catch (Exception ex) {
                said = "not saved: " + ex.getMessage();
            }
            synchronized (this) {
                tasks.put(
                        t.id(),
                        tasks.get(t.id())
                                .with(s, t.attempt(), t.reason(), t.folder(), t.startedNanos(), t.endedNanos(), said));
            }
        }
    }

    /**
     * A line of the batch's error stream that is not one of its problems: the JVM's own warnings ("WARNING: Using
     * incubator modules…", printed before the batch's first line) and Spark's log lines ("HH:mm:ss WARN Class: …").
     */
    static boolean isLogNoise(String line) {
        return line.startsWith("WARNING: ") || line.matches("\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR) .*");
    }

    /**
     * The task's folder: the event's, relative to the derivatives folder the plan named ({@code OUT/derivatives/ferrum},
     * contract 1 of issue 19), or else where the layout puts a published task.
     */
    private Path folderOf(BatchEvent e, Task old) {
        Path root = derivatives != null
                ? derivatives
                : request.out().resolve("derivatives").resolve("ferrum");
        if (e.folder() != null && !e.folder().isBlank()) {
            Path f = Path.of(e.folder());
            return f.isAbsolute() ? f : root.resolve(f);
        }
        if (e.status().equals("done") || e.status().equals("reused")) {
            Path f = root.resolve("sub-" + old.subject());
            return old.visit().isEmpty() ? f : f.resolve("ses-" + old.visit());
        }
        return old.folder();
    }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "cohort run listener failed", ex);
            }
        }
    }
}
