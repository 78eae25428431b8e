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

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options of {@code ferrum-batch run}, parsed with every problem collected (not only the first).
 *
 * @param pipeline       {@code --pipeline P.json}
 * @param manifest       {@code --manifest M.csv|BIDS_DIR}
 * @param out            {@code --out DIR}; the results go to {@code DIR/derivatives/ferrum/}
 * @param master         {@code --master}: {@code local[N]}, {@code local[*]} (default), {@code local-cluster[W,C,MB]},
 *                       {@code spark://host:port}, …
 * @param inputs         {@code --input NAME=VALUE}, in order
 * @param retries        {@code --retries N}: extra attempts for a failed task (default 2)
 * @param events         {@code --events FILE}, or null
 * @param noStudy        {@code --no-study}
 * @param study          {@code --study DIR|JDBC_URL}, or null for the default embedded study in the output folder
 * @param studyUser      {@code --study-user U}, or null
 * @param threadsPerTask {@code --threads-per-task N} (default 1)
 * @param conf           {@code --conf KEY=VALUE}: Spark settings passed as they are
 * @param verbose        {@code --verbose}: Spark's own log at INFO
 * @param problems       what is wrong with the command line, one line each; empty if it can run
 */
public record BatchOptions(
        Path pipeline,
        Path manifest,
        Path out,
        String master,
        Map<String, String> inputs,
        int retries,
        Path events,
        boolean noStudy,
        String study,
        String studyUser,
        int threadsPerTask,
        Map<String, String> conf,
        boolean verbose,
        List<String> problems) {

    public static final String DEFAULT_MASTER = "local[*]";
    public static final int DEFAULT_RETRIES = 2;

    private static final Pattern MASTER = Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\]|local-cluster\\[[1-9][0-9]*, *[1-9][0-9]*, *[1-9][0-9]*\\]"
                    + "|(spark|k8s|yarn|mesos)(://.+)?");

    /** Parses the arguments after {@code run}. */
    public static BatchOptions parse(List<String> args) {
        List<String> problems = new ArrayList<>();
        Path pipeline = null;
        Path manifest = null;
        Path out = null;
        String master = DEFAULT_MASTER;
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        int retries = DEFAULT_RETRIES;
        Path events = null;
        boolean noStudy = false;
        String study = null;
        String studyUser = null;
        int threads = 1;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && !a.startsWith("--input=") && !a.startsWith("--conf=")) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            boolean takesValue =
                    switch (a) {
                        case "--no-study", "--verbose" -> false;
                        default -> true;
                    };
            if (takesValue && value == null) {
                if (i + 1 >= args.size() || !a.startsWith("--")) {
                    if (a.startsWith("--")) {
                        problems.add(a + ": needs a value");
                    } else {
                        problems.add("'" + a + "': unexpected argument (options start with --; see --help)");
                    }
                    continue;
                }
                value = args.get(++i);
            }
            switch (a) {
                case "--pipeline" -> pipeline = path(a, value, problems);
                case "--manifest" -> manifest = path(a, value, problems);
                case "--out" -> out = path(a, value, problems);
                case "--master" -> {
                    if (!MASTER.matcher(value).matches()) {
                        problems.add("--master " + value + ": not a Spark master (local[N], local[*],"
                                + " local-cluster[WORKERS,CORES,MB], spark://HOST:PORT, …)");
                    }
                    master = value;
                }
                case "--input" -> keyValue(a, value, inputs, problems);
                case "--conf" -> keyValue(a, value, conf, problems);
                case "--retries" -> retries = count(a, value, 0, problems);
                case "--threads-per-task" -> threads = count(a, value, 1, problems);
                case "--events" -> events = path(a, value, problems);
                case "--no-study" -> noStudy = true;
                case "--verbose" -> verbose = true;
                case "--study" -> study = value;
                case "--study-user" -> studyUser = value;
                default -> problems.add(a + ": unknown option (see --help)");
            }
        }
        if (pipeline == null) {
            problems.add("--pipeline P.json is required");
        }
        if (manifest == null) {
            problems.add("--manifest M.csv|BIDS_DIR is required");
        }
        if (out == null) {
            problems.add("--out DIR is required");
        }
        if (noStudy && study != null) {
            problems.add("--no-study and --study " + study + " contradict each other; give one");
        }
        if (studyUser != null && (study == null || !study.startsWith("jdbc:"))) {
            problems.add("--study-user is for a --study JDBC_URL (the embedded study has no users)");
        }
        return new BatchOptions(
                pipeline,
                manifest,
                out,
                master,
                Map.copyOf(inputs),
                retries,
                events,
                noStudy,
                study,
                studyUser,
                threads,
                Map.copyOf(conf),
                verbose,
                List.copyOf(problems));
    }

    private static Path path(String option, String value, List<String> problems) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(option + " " + value + ": not a path (" + e.getReason() + ")");
            return null;
        }
    }

    private static void keyValue(String option, String value, Map<String, String> into, List<String> problems) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            problems.add(option + " " + value + ": expected NAME=VALUE");
            return;
        }
        String previous = into.put(value.substring(0, eq), value.substring(eq + 1));
        if (previous != null) {
            problems.add(option + " " + value.substring(0, eq) + " is given twice");
        }
    }

    private static int count(String option, String value, int least, List<String> problems) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(option + " " + value + ": expected a whole number ≥ " + least);
        return least;
    }

    /** The command-line help. */
    public static String help() {
        return """
                Usage: ferrum-batch run --pipeline P.json --manifest M.csv|BIDS_DIR --out DIR [options]
                       ferrum-batch --help

                Runs one pipeline for every subject-visit of a cohort on Apache Spark, one Spark task per
                subject-visit, and writes BIDS derivatives to DIR/derivatives/ferrum/sub-S/ses-V/.

                  --pipeline P.json         the pipeline (saved from the editor)
                  --manifest M.csv|DIR      a CSV (subject, visit, date, one column per pipeline input)
                                            or a BIDS dataset folder
                  --out DIR                 where derivatives/ferrum/ goes; a re-run into the same DIR
                                            reuses every task whose inputs, pipeline and operators are unchanged
                  --master M                local[*] (default: this machine, no server), local[N],
                                            local-cluster[W,C,MB] (W executor JVMs), spark://HOST:PORT
                  --input NAME=VALUE        a pipeline input for every task ({subject}, {visit} are replaced;
                                            for a BIDS dataset, a glob in the session folder); repeatable
                  --retries N               extra attempts for a failed task (default 2)
                  --threads-per-task N      threads each task's operators use (default 1: Spark runs tasks
                                            in parallel, and results do not depend on the machine)
                  --events FILE             append one JSON object per line for each plan, task, save and
                                            the end (for the application)
                  --no-study                do not save results in a study database
                  --study DIR|JDBC_URL      the study database (default: embedded H2 in
                                            DIR/derivatives/ferrum/study/); JDBC_URL e.g.
                                            jdbc:postgresql://host/db, password in FERRUM_STUDY_PASSWORD
                  --study-user U            the database user for --study JDBC_URL
                  --conf KEY=VALUE          a Spark setting (e.g. spark.executor.memory=4g); repeatable
                  --verbose                 show Spark's own log (INFO)
                  --help                    this text

                Exit status: 0 every task done or reused; 1 some task failed (the others are done: see
                DIR/derivatives/ferrum/.failed/<task>/failure.txt); 2 bad options, pipeline or manifest
                (every problem listed; nothing written).
                """;
    }
}
