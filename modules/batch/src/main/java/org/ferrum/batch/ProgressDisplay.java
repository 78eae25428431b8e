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

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of a cohort run on the error stream: on a terminal one line redrawn in place
 * ({@code [#####.....] 12/40 done 9 reused 2 failed 1  03:12 elapsed, ETA 07:30}); otherwise (a log file, a pipe,
 * CI) one plain line per finished task, so that the file reads well. The ETA assumes the tasks still to run take as
 * long as those run so far (reused tasks take no time and do not enter it).
 */
final class ProgressDisplay {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private final long t0 = System.nanoTime();
    private int done;
    private int reused;
    private int failed;
    private int toRun;
    private boolean drawn;

    ProgressDisplay(PrintStream err, boolean terminal, int total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        this.toRun = total;
    }

    /** True if the error stream is probably a terminal: the JVM has a console and TERM is not "dumb". */
    static boolean stderrIsTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    synchronized void reused(String taskId) {
        reused++;
        toRun--;
        line(taskId, "reused", "");
    }

    synchronized void finished(TaskOutcome o) {
        if (o.status() == TaskOutcome.Status.DONE) {
            done++;
        } else {
            failed++;
        }
        line(o.taskId(), o.status().word(), o.status() == TaskOutcome.Status.FAILED ? o.lastReason() : "");
    }

    /** Redraws the bar (on a terminal), e.g. once a second so that the elapsed time moves. */
    synchronized void tick() {
        if (terminal) {
            draw();
        }
    }

    /** Ends the bar's line before other output. */
    synchronized void close() {
        if (terminal && drawn) {
            draw();
            err.println();
            drawn = false;
        }
    }

    private void line(String taskId, String status, String reason) {
        if (terminal) {
            draw();
        } else {
            err.printf(
                    Locale.ROOT,
                    "[%d/%d] %s %s%s  (%s elapsed%s)%n",
                    done + reused + failed,
                    total,
                    taskId,
                    status,
                    reason.isEmpty() ? "" : ": " + reason,
                    clock(elapsed()),
                    eta());
        }
    }

    private void draw() {
        int finished = done + reused + failed;
        int filled = total == 0 ? WIDTH : finished * WIDTH / total;
        err.printf(
                Locale.ROOT,
                "\r[%s%s] %d/%d  done %d  reused %d  failed %d  %s elapsed%s\u001b[K",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                finished,
                total,
                done,
                reused,
                failed,
                clock(elapsed()),
                eta());
        err.flush();
        drawn = true;
    }

    private double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }

    private String eta() {
        int ran = done + failed;
        int left = toRun - ran;
        if (ran == 0 || left <= 0) {
            return "";
        }
        return ", ETA " + clock(elapsed() / ran * left);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
