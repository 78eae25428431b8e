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
package org.ferrum.pipeline.headless;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.io.RegularFiles;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.ExecutionListener;
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
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;

/**
 * The headless commands, independent of how they are invoked (the platform's {@code --nogui} command
 * line, a plain {@code java} main, a cluster batch runner):
 * <ul>
 * <li>{@link #run}: validate and execute a pipeline file, write each named output to {@code DIR}
 *     ({@code <name>.nii.gz}, {@code <name>.csv}) and {@code DIR/provenance.json};</li>
 * <li>{@link #listOperators}: every installed operator with its version, ports and parameters.</li>
 * </ul>
 * Exit status: {@link #OK} on success, {@link #BAD_INPUT} when the pipeline file, an input or the
 * data is wrong (one line per problem on the error stream, naming the file, node or input), and
 * {@link #FAILURE} otherwise. A failed run never writes into the inputs or into {@code DIR}: its outputs and
 * provenance are kept in {@code DIR.failed-<UTC time>} beside it; {@code DIR} appears only as a whole
 * successful run ({@link OutputFolder}).
 */
public final class HeadlessRunner {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    private final OperatorRegistry registry;
    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param registry         the operators available
     * @param workingDirectory the caller's current directory: relative pipeline, output and path-valued
     *                         input arguments are resolved against it
     */
    public HeadlessRunner(OperatorRegistry registry, Path workingDirectory, PrintStream out, PrintStream err) {
        this.registry = registry;
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.out = out;
        this.err = err;
    }

    /**
     * Writes a run's named outputs ({@code <name>.nii.gz} volumes, {@code <name>.csv} tables) and
     * {@code provenance.json} as the folder {@code outDir}, replacing an earlier run's folder there as a whole
     * ({@link OutputFolder}); for the editor's "save to study".
     *
     * @return output name → file name written
     * @throws IOException if {@code outDir} cannot be written or holds something other than an earlier run;
     *                     {@code outDir} is then as it was
     */
    public static Map<String, String> writeResults(Execution run, Path pipelineFile, Path outDir) throws IOException {
        try (OutputFolder folder = OutputFolder.open(outDir, true, List.of())) {
            Map<String, String> written = writeInto(run, pipelineFile, folder.staging());
            folder.publish();
            return written;
        }
    }

    /** The named outputs, then {@code provenance.json}, into {@code dir}. */
    private static Map<String, String> writeInto(Execution run, Path pipelineFile, Path dir) throws IOException {
        Map<String, String> written = new LinkedHashMap<>();
        for (Map.Entry<String, Object> o : run.outputs().entrySet()) {
            written.put(o.getKey(), OutputFiles.write(o.getKey(), o.getValue(), dir));
        }
        Provenance.write(run, pipelineFile, written, dir);
        return written;
    }

    /** A runner over the installed operators in the process's working directory, printing to the process streams. */
    public static HeadlessRunner standard() {
        return new HeadlessRunner(OperatorRegistry.installed(), Path.of(""), System.out, System.err);
    }

    /** {@link #run(Path, Map, Path, boolean)} without overwriting: a non-empty {@code --out} is refused. */
    public int run(Path pipelineArgument, Map<String, String> inputs, Path outArgument) {
        return run(pipelineArgument, inputs, outArgument, false);
    }

    /**
     * Runs a pipeline file.
     *
     * <p>Before any node runs, the pipeline (with its inputs) and the output folder are checked together and
     * every problem is reported, one line each. The outputs are written into a hidden folder beside
     * {@code --out} and appear as {@code --out} in one step only if the whole run succeeded
     * ({@link OutputFolder}); a failed run's outputs and provenance go to {@code <out>.failed-<UTC time>}
     * instead, and {@code --out} stays as it was.
     *
     * @param pipelineArgument the pipeline JSON; default input values are relative to its folder
     * @param inputs           named input values from the command line (relative paths against the working directory)
     * @param outArgument      folder for outputs and provenance: new, empty, or (with {@code overwrite}) an
     *                         earlier run's folder, which is replaced as a whole
     * @return the exit status
     */
    public int run(Path pipelineArgument, Map<String, String> inputs, Path outArgument, boolean overwrite) {
        Path pipelineFile = workingDirectory.resolve(pipelineArgument).normalize();
        Path outDir = workingDirectory.resolve(outArgument).normalize();
        String where = pipelineFile.getFileName().toString();
        if (!Files.isRegularFile(pipelineFile)) {
            err.println(pipelineFile
                    + (Files.exists(pipelineFile)
                            ? ": is " + RegularFiles.kind(pipelineFile) + ", not a pipeline file"
                            : ": pipeline file not found"));
            return BAD_INPUT;
        }
        Pipeline pipeline;
        try {
            pipeline = PipelineFormat.read(pipelineFile);
        } catch (PipelineFormatException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println(pipelineFile + ": " + e.getMessage());
            return BAD_INPUT;
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        inputs.forEach((k, v) -> resolved.put(
                k,
                isPathInput(pipeline, k) && !v.isBlank()
                        ? workingDirectory.resolve(v).normalize().toString()
                        : v));

        Path base = pipelineFile.toAbsolutePath().getParent();
        RunOptions options = new RunOptions(resolved, base);
        PipelineExecutor executor = new PipelineExecutor(registry, ResultCache.disabled(), Parallelism.threads());
        // Everything that can be known before the work, reported at once: the pipeline's problems, then --out's.
        List<String> problems = new ArrayList<>();
        executor.check(pipeline, options).stream()
                .filter(Problem::isError)
                .forEach(p -> problems.add(where + ": " + p.message()));
        OutputFolder.recover(outDir);
        problems.addAll(OutputFolder.problems(outDir, overwrite, readPaths(pipeline, options, pipelineFile)));
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return BAD_INPUT;
        }
        try (OutputFolder folder = OutputFolder.open(outDir, overwrite, readPaths(pipeline, options, pipelineFile))) {
            return run(pipeline, pipelineFile, options, executor, folder);
        } catch (IOException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
    }

    private int run(
            Pipeline pipeline, Path pipelineFile, RunOptions options, PipelineExecutor executor, OutputFolder folder) {
        String where = pipelineFile.getFileName().toString();
        Execution run;
        ConsoleProgress progress = new ConsoleProgress();
        try {
            run = executor.run(pipeline, options, progress, Cancellation.NEVER);
        } catch (PipelineValidationException e) {
            for (Problem p : e.problems()) {
                if (p.isError()) {
                    err.println(where + ": " + p.message());
                }
            }
            return BAD_INPUT;
        }
        run.warnings().forEach(w -> err.println(where + ": warning: " + w.message()));

        int status = OK;
        try {
            writeInto(run, pipelineFile, folder.staging());
        } catch (IOException e) {
            err.println(folder.target() + ": cannot write outputs: " + e.getMessage());
            status = FAILURE;
            try {
                Provenance.write(run, pipelineFile, Map.of(), folder.staging());
            } catch (IOException again) {
                err.println(folder.target().resolve(Provenance.FILE_NAME) + ": cannot write provenance: "
                        + again.getMessage());
            }
        }
        run.omitted().forEach((node, why) -> out.println("  " + node + " left out: " + why));
        List<String> notProduced = pipeline.outputs().keySet().stream()
                .filter(name -> !run.pipeline().outputs().containsKey(name))
                .toList();
        if (!notProduced.isEmpty()) {
            out.println("  not produced (their nodes were left out): " + String.join(", ", notProduced));
        }
        if (run.succeeded() && status == OK) {
            try {
                folder.publish();
                out.printf(
                        Locale.ROOT,
                        "%s: %d nodes in %.2f s; outputs in %s%s%n",
                        where,
                        run.nodeRuns().size(),
                        run.nanos() / 1e9,
                        folder.target(),
                        progress.summary());
                return OK;
            } catch (IOException e) {
                err.println(e.getMessage());
                status = FAILURE;
            }
        }
        keepFailed(folder);
        if (!run.succeeded()) {
            NodeRun failed = run.firstFailure().orElse(null);
            if (failed != null) {
                err.println(where + ": node '" + failed.nodeId() + "' (" + failed.operatorId() + ") failed: "
                        + failed.error());
                return failed.badInput() ? BAD_INPUT : FAILURE;
            }
            err.println(where + ": run cancelled");
            return FAILURE;
        }
        return status;
    }

    /** Moves a failed run's files to {@code <out>.failed-<time>} and says so on the output stream. */
    private void keepFailed(OutputFolder folder) {
        try {
            boolean existed = Files.exists(folder.target());
            Path kept = folder.keepFailed();
            out.println("run failed: " + folder.target() + (existed ? " left as it was" : " not created")
                    + "; this run's outputs and provenance are in " + kept);
        } catch (IOException e) {
            err.println(folder.target() + ": the failed run's files could not be kept: " + e.getMessage());
        }
    }

    /** The pipeline file and every existing file or folder the run's path-valued inputs name (an overwrite must not delete them). */
    private List<Path> readPaths(Pipeline p, RunOptions options, Path pipelineFile) {
        List<Path> paths = new ArrayList<>();
        paths.add(pipelineFile);
        p.inputs().forEach((name, binding) -> {
            String value = options.inputValues().getOrDefault(name, binding.defaultValue());
            if (value != null && isPathInput(p, name)) {
                try {
                    paths.add(options.baseDirectory().resolve(value).normalize());
                } catch (java.nio.file.InvalidPathException e) {
                    // not a path: the node that reads it says so
                }
            }
        });
        return paths;
    }

    /** Prints every installed operator: id, version, name, category, ports, parameters with defaults, ranges and units. */
    public int listOperators() {
        List<Operator> all = registry.all();
        for (Operator op : all) {
            OperatorDescriptor d = op.descriptor();
            out.printf(Locale.ROOT, "%s %s — %s [%s]%n", d.id(), d.version(), d.displayName(), d.category());
            if (!d.description().isEmpty()) {
                out.println("    " + d.description());
            }
            for (Port<?> p : d.inputs()) {
                out.printf(
                        Locale.ROOT,
                        "    in   %-14s %-15s %s%s%s%n",
                        p.name(),
                        p.type().id(),
                        p.required() ? "" : "(optional) ",
                        unitText(p),
                        p.description());
            }
            for (Port<?> p : d.outputs()) {
                out.printf(
                        Locale.ROOT,
                        "    out  %-14s %-15s %s%s%n",
                        p.name(),
                        p.type().id(),
                        unitText(p),
                        p.description());
            }
            for (Parameter p : d.parameters()) {
                String unit = p.unit() == null ? "" : " " + p.unit().symbol();
                String def = p.isRequired()
                        ? "required" + (unit.isEmpty() ? "" : ", in" + unit)
                        : "default " + p.defaultValue();
                String range = p.range().isEmpty() ? "" : " range " + p.range();
                String choices = p.choices().isEmpty() ? "" : " one of " + p.choices();
                out.printf(
                        Locale.ROOT,
                        "    par  %-14s %-8s %s%s%s%s — %s%n",
                        p.name(),
                        p.type().name().toLowerCase(Locale.ROOT),
                        def,
                        p.isRequired() ? "" : unit,
                        range,
                        choices,
                        p.description());
            }
        }
        for (String c : registry.conflicts()) {
            err.println("warning: " + c);
        }
        out.println(all.size() + " operators");
        return OK;
    }

    /** A port's quantity and units in brackets, e.g. "[field in ppm or Hz] ", or nothing if it declares neither. */
    private static String unitText(Port<?> p) {
        return p.unitText().isEmpty() ? "" : "[" + p.unitText() + "] ";
    }

    /** True if the named input sets a {@code PATH} parameter (then a relative value is relative to the caller). */
    private boolean isPathInput(Pipeline p, String inputName) {
        var binding = p.inputs().get(inputName);
        if (binding == null) {
            return false;
        }
        return p.node(binding.node())
                .flatMap(n -> registry.find(n.operatorId()))
                .flatMap(op -> op.descriptor().parameter(binding.parameter()))
                .map(param -> param.type() == Parameter.Type.PATH)
                .orElse(false);
    }

    /**
     * One line per finished node on the output stream; each warning of a node ({@code OperatorContext.warn}: a suspect
     * value read anyway, NaN voxels left out of a statistic, ...) goes to the error stream as "node: warning: ...", and
     * is counted, so that a run that succeeded with warnings says so in its last line.
     */
    private final class ConsoleProgress implements ExecutionListener {
        private final java.util.concurrent.atomic.AtomicInteger warnings =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void nodeFinished(NodeRun r) {
            synchronized (out) {
                out.printf(
                        Locale.ROOT,
                        "  %-20s %-9s %7.2f s  %s%n",
                        r.nodeId(),
                        r.status().name().toLowerCase(Locale.ROOT),
                        r.nanos() / 1e9,
                        r.error() != null ? r.error() : r.reason());
                for (String warning : r.warnings()) {
                    warnings.incrementAndGet();
                    err.println("  " + r.nodeId() + ": warning: " + warning);
                }
            }
        }

        String summary() {
            int n = warnings.get();
            return n == 0 ? "" : n == 1 ? " (1 warning, above)" : " (" + n + " warnings, above)";
        }
    }
}
