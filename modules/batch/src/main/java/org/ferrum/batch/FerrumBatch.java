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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ferrum.batch.manifest.CohortManifest;
import org.ferrum.batch.manifest.CohortTask;
import org.ferrum.batch.manifest.ManifestException;
import org.ferrum.io.RegularFiles;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineFormatException;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.headless.OutputFolder;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;

/**
 * {@code ferrum-batch}: the command line of the cohort runner.
 *
 * <p>Exit status (issue 19, contract 5): {@link #OK} every task done or reused; {@link #TASK_FAILED} some task failed
 * or was not saved (the others are done); {@link #BAD_INPUT} bad options, pipeline or manifest — every problem is
 * listed on the error stream, one line each, and nothing is written.
 */
public final class FerrumBatch {

    public static final int OK = 0;
    public static final int TASK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    /** The environment variable holding the study database's password. */
    public static final String PASSWORD_VARIABLE = "FERRUM_STUDY_PASSWORD";

    private FerrumBatch() {}

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs the command line; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /**
     * Runs the command line with a given study sink (tests: a fake), or the one the options name when null.
     */
    static int run(List<String> args, PrintStream out, PrintStream err, StudySink studyOverride) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(BatchOptions.help());
            return args.isEmpty() ? BAD_INPUT : OK;
        }
        if (!args.get(0).equals("run")) {
            err.println("'" + args.get(0) + "': unknown command; the command is 'run' (see --help)");
            return BAD_INPUT;
        }
        BatchOptions options = BatchOptions.parse(args.subList(1, args.size()));
        Logging.configure(options.verbose());
        List<String> problems = new ArrayList<>(options.problems());
        Pipeline pipeline = null;
        if (options.pipeline() != null) {
            pipeline = readPipeline(options.pipeline(), problems);
        }
        List<CohortTask> tasks = null;
        // task id → the manifest's problems, for tasks that fail alone because their data is missing
        Map<String, List<String>> missingData = Map.of();
        if (pipeline != null && options.manifest() != null) {
            try {
                tasks = CohortManifest.read(options.manifest(), pipeline, options.pipeline(), options.inputs());
                if (tasks.isEmpty()) {
                    problems.add(options.manifest() + ": no subject or visit to run");
                }
            } catch (ManifestException e) {
                if (e.onlyMissingData() && e.tasks().size() > e.missingData().size()) {
                    // a row whose data is missing fails alone (issue 19, "Bad input"); the others run
                    tasks = e.tasks();
                    missingData = e.missingData();
                    e.problems().forEach(p -> err.println("warning: " + p));
                } else {
                    problems.addAll(e.problems());
                }
            }
        }
        if (pipeline != null) {
            problems.addAll(pipelineProblems(pipeline, options.pipeline(), tasks, missingData));
        }
        if (options.out() != null) {
            String where = OutputFolder.locationProblem(options.out());
            if (where != null) {
                problems.add(where);
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return BAD_INPUT;
        }
        StudySink study;
        try {
            study = studyOverride != null ? studyOverride : openStudy(options);
        } catch (StudyException e) {
            err.println("--study: " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            return new CohortRun(
                            pipeline,
                            options.pipeline(),
                            tasks,
                            missingData,
                            options,
                            study,
                            out,
                            err,
                            ProgressDisplay.stderrIsTerminal())
                    .execute();
        } catch (IOException e) {
            err.println(options.out() + ": " + e.getMessage());
            return TASK_FAILED;
        } catch (RuntimeException e) {
            // Spark could not start or run (a bad --conf, no SPARK_HOME for local-cluster, a master not reachable):
            // published task folders stay as they are, and a re-run resumes from them
            err.println("ferrum-batch: the run stopped: " + e.getMessage());
            return TASK_FAILED;
        }
    }

    /** Reads and checks the pipeline: its format, then what can be known without the tasks' inputs. */
    private static Pipeline readPipeline(Path file, List<String> problems) {
        String where = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            problems.add(file
                    + (Files.exists(file)
                            ? ": is " + RegularFiles.kind(file) + ", not a pipeline file"
                            : ": pipeline file not found"));
            return null;
        }
        Pipeline pipeline;
        try {
            pipeline = PipelineFormat.read(file);
        } catch (PipelineFormatException e) {
            problems.add(e.getMessage());
            return null;
        } catch (IOException e) {
            problems.add(file + ": " + e.getMessage());
            return null;
        }
        int before = problems.size();
        problems.addAll(DerivativesLayout.namingProblems(pipeline, where));
        return problems.size() == before ? pipeline : null;
    }

    /**
     * The pipeline's problems with each task's input values bound (an input without a default is normal in a cohort:
     * the manifest gives it), each problem once; without tasks (the manifest could not be read), its problems with its
     * defaults, leaving out "input has no value", which only the manifest could settle.
     */
    private static List<String> pipelineProblems(
            Pipeline pipeline, Path file, List<CohortTask> tasks, Map<String, List<String>> missingData) {
        String where = file.getFileName().toString();
        PipelineExecutor executor = new PipelineExecutor(TaskRunner.registry(), ResultCache.disabled(), 1);
        Path base = file.toAbsolutePath().getParent();
        Set<String> found = new LinkedHashSet<>();
        if (tasks == null) {
            executor.check(pipeline, RunOptions.defaults(base)).stream()
                    .filter(Problem::isError)
                    .filter(p -> p.kind() != Problem.Kind.MISSING_PARAMETER
                            || !p.message().startsWith("input '"))
                    .forEach(p -> found.add(where + ": " + p.message()));
            return List.copyOf(found);
        }
        for (CohortTask task : tasks) {
            if (missingData.containsKey(task.id())) {
                continue; // fails alone with the manifest's reason
            }
            executor.check(pipeline, new RunOptions(task.inputs(), base)).stream()
                    .filter(Problem::isError)
                    .forEach(p -> found.add(where + ": " + p.message()));
        }
        return List.copyOf(found);
    }

    private static StudySink openStudy(BatchOptions options) throws StudyException {
        if (options.noStudy()) {
            return StudySink.NONE;
        }
        if (options.study() == null) {
            Path folder = new DerivativesLayout(options.out()).root().resolve("study");
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new StudyException(folder + ": cannot be created: " + e.getMessage());
            }
            return StudySink.of(StudyDatabase.embedded(folder));
        }
        if (options.study().startsWith("jdbc:")) {
            String password = System.getenv(PASSWORD_VARIABLE);
            return StudySink.of(StudyDatabase.open(
                    options.study(),
                    options.studyUser() == null ? "" : options.studyUser(),
                    password == null ? "" : password));
        }
        return StudySink.of(StudyDatabase.embedded(Path.of(options.study()).toAbsolutePath()));
    }
}
