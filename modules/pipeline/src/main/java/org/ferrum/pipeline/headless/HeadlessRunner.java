package org.ferrum.pipeline.headless;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrum.core.parallel.Cancellation;
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
import org.ferrum.core.parallel.Parallelism;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;

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
 * {@link #FAILURE} otherwise. A failed run never writes into the inputs; outputs are written
 * atomically, and provenance is written for failed runs too.
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

    /** A runner over the installed operators in the process's working directory, printing to the process streams. */
    /**
     * Writes a run's named outputs ({@code <name>.nii.gz} volumes, {@code <name>.csv} tables) and
     * {@code provenance.json} into {@code outDir}, as a headless run does; for the editor's "save to study".
     *
     * @return output name → file name written
     */
    public static Map<String, String> writeResults(Execution run, Path pipelineFile, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Map<String, String> written = new LinkedHashMap<>();
        for (Map.Entry<String, Object> o : run.outputs().entrySet()) {
            written.put(o.getKey(), OutputFiles.write(o.getKey(), o.getValue(), outDir));
        }
        Provenance.write(run, pipelineFile, written, outDir);
        return written;
    }

    public static HeadlessRunner standard() {
        return new HeadlessRunner(OperatorRegistry.installed(), Path.of(""), System.out, System.err);
    }

    /**
     * Runs a pipeline file.
     *
     * @param pipelineFile the pipeline JSON; default input values are relative to its folder
     * @param inputs       named input values from the command line (relative paths against the working directory)
     * @param outDir       folder for outputs and provenance (created if needed)
     * @return the exit status
     */
    public int run(Path pipelineArgument, Map<String, String> inputs, Path outArgument) {
        Path pipelineFile = workingDirectory.resolve(pipelineArgument).normalize();
        Path outDir = workingDirectory.resolve(outArgument).normalize();
        String where = pipelineFile.getFileName().toString();
        if (!Files.isRegularFile(pipelineFile)) {
            err.println(pipelineFile + ": pipeline file not found");
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
        inputs.forEach((k, v) -> resolved.put(k, isPathInput(pipeline, k) ? workingDirectory.resolve(v).normalize().toString() : v));

        Path base = pipelineFile.toAbsolutePath().getParent();
        PipelineExecutor executor = new PipelineExecutor(registry, ResultCache.disabled(), Parallelism.threads());
        Execution run;
        try {
            run = executor.run(pipeline, new org.ferrum.pipeline.RunOptions(resolved, base), new ConsoleProgress(),
                    Cancellation.NEVER);
        } catch (PipelineValidationException e) {
            for (Problem p : e.problems()) {
                if (p.isError()) {
                    err.println(where + ": " + p.message());
                }
            }
            return BAD_INPUT;
        }
        run.warnings().forEach(w -> err.println(where + ": warning: " + w.message()));

        Map<String, String> written = new LinkedHashMap<>();
        int status = OK;
        try {
            Files.createDirectories(outDir);
            for (Map.Entry<String, Object> o : run.outputs().entrySet()) {
                written.put(o.getKey(), OutputFiles.write(o.getKey(), o.getValue(), outDir));
            }
        } catch (IOException e) {
            err.println(outDir + ": cannot write outputs: " + e.getMessage());
            status = FAILURE;
        }
        try {
            Provenance.write(run, pipelineFile, written, outDir);
        } catch (IOException e) {
            err.println(outDir.resolve(Provenance.FILE_NAME) + ": cannot write provenance: " + e.getMessage());
            status = FAILURE;
        }
        if (!run.succeeded()) {
            NodeRun failed = run.firstFailure().orElse(null);
            if (failed != null) {
                err.println(where + ": node '" + failed.nodeId() + "' (" + failed.operatorId() + ") failed: " + failed.error());
                return failed.badInput() ? BAD_INPUT : FAILURE;
            }
            err.println(where + ": run cancelled");
            return FAILURE;
        }
        if (status == OK) {
            out.printf(Locale.ROOT, "%s: %d nodes in %.2f s; outputs in %s%n", where, run.nodeRuns().size(), run.nanos() / 1e9,
                    outDir.toAbsolutePath());
        }
        return status;
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
            for (Port p : d.inputs()) {
                out.printf(Locale.ROOT, "    in   %-14s %-15s %s%s%n", p.name(), p.type().id(), p.required() ? "" : "(optional) ",
                        p.description());
            }
            for (Port p : d.outputs()) {
                out.printf(Locale.ROOT, "    out  %-14s %-15s %s%n", p.name(), p.type().id(), p.description());
            }
            for (Parameter p : d.parameters()) {
                String unit = p.unit() == null ? "" : " " + p.unit().symbol();
                String def = p.isRequired() ? "required" + (unit.isEmpty() ? "" : ", in" + unit) : "default " + p.defaultValue();
                String range = p.range().isEmpty() ? "" : " range " + p.range();
                String choices = p.choices().isEmpty() ? "" : " one of " + p.choices();
                out.printf(Locale.ROOT, "    par  %-14s %-8s %s%s%s%s — %s%n", p.name(), p.type().name().toLowerCase(Locale.ROOT), def,
                        p.isRequired() ? "" : unit, range, choices, p.description());
            }
        }
        for (String c : registry.conflicts()) {
            err.println("warning: " + c);
        }
        out.println(all.size() + " operators");
        return OK;
    }

    /** True if the named input sets a {@code PATH} parameter (then a relative value is relative to the caller). */
    private boolean isPathInput(Pipeline p, String inputName) {
        var binding = p.inputs().get(inputName);
        if (binding == null) {
            return false;
        }
        return p.node(binding.node()).flatMap(n -> registry.find(n.operatorId()))
                .flatMap(op -> op.descriptor().parameter(binding.parameter()))
                .map(param -> param.type() == Parameter.Type.PATH).orElse(false);
    }

    /** One line per finished node on the output stream. */
    private final class ConsoleProgress implements ExecutionListener {
        @Override
        public void nodeFinished(NodeRun r) {
            synchronized (out) {
                out.printf(Locale.ROOT, "  %-20s %-9s %7.2f s  %s%n", r.nodeId(), r.status().name().toLowerCase(Locale.ROOT), r.nanos() / 1e9,
                        r.error() != null ? r.error() : r.reason());
            }
        }
    }
}
