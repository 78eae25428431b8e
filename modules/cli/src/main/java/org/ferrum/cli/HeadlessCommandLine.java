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
package org.ferrum.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.headless.AccuracyCommand;
import org.ferrum.pipeline.headless.AgreementCommand;
import org.ferrum.pipeline.headless.CommandLineInputs;
import org.ferrum.pipeline.headless.ConformanceCommand;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.netbeans.api.sendopts.CommandException;
import org.netbeans.spi.sendopts.Env;
import org.netbeans.spi.sendopts.Option;
import org.netbeans.spi.sendopts.OptionProcessor;
import org.openide.LifecycleManager;
import org.openide.util.lookup.ServiceProvider;

/**
 * Ferrum's headless commands on the application's command line:
 * <pre>
 * ferrum --nogui --run PIPELINE.json [--input NAME=VALUE]... --out DIR [--overwrite]
 * ferrum --nogui --list-operators
 * ferrum --nogui --convert DICOM_DIR --out DIR
 * ferrum --nogui --dump FILE
 * ferrum --nogui --deidentify IN_DIR OUT_DIR [--options a,b,...] [--secret FILE] [--keep-burned-in] [--keep-names]
 * ferrum --nogui --conformance DIR [--out DIR]
 * ferrum --nogui --agreement RATINGS.csv [--weights none|linear|quadratic] [--json FILE]
 * ferrum --nogui --accuracy READS.csv --truth HISTOLOGY.csv [--json FILE]
 * </pre>
 * {@code --input} may be repeated or followed by several {@code NAME=VALUE} pairs. The work is done by
 * {@link HeadlessRunner} (pipelines) and {@link DicomConversion} (DICOM); this class only maps options and
 * ends the platform with its exit status (0 ok, 2 bad input, 1 other failure). Ending the platform explicitly matters: otherwise the JVM lingers for
 * the platform's delayed cache flush long after the work is done.
 * <p>
 * The application's launcher ({@code bin/ferrum}) does not come here: it runs every headless command in a JVM of its
 * own ({@code HeadlessMain}), because the platform hands a second launch on the same user directory to the instance
 * already running there. This processor serves a platform started some other way, and it refuses a command handed
 * to an instance with open windows instead of running it there and then closing the application.
 */
@ServiceProvider(service = OptionProcessor.class)
public final class HeadlessCommandLine extends OptionProcessor {

    private static final Option RUN = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "run"), "org.ferrum.cli.Bundle", "DESC_Run");
    private static final Option OUT = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "out"), "org.ferrum.cli.Bundle", "DESC_Out");
    /*
     * sendopts refuses an option given twice and keeps only the last value of a repeated argument option,
     * so --input is a flag and its NAME=VALUE pairs arrive as the default arguments.
     */
    private static final Option INPUT = Option.shortDescription(
            Option.withoutArgument(Option.NO_SHORT_NAME, "input"), "org.ferrum.cli.Bundle", "DESC_Input");
    private static final Option PAIRS = Option.defaultArguments();
    private static final Option OVERWRITE = Option.shortDescription(
            Option.withoutArgument(Option.NO_SHORT_NAME, "overwrite"), "org.ferrum.cli.Bundle", "DESC_Overwrite");
    private static final Option LIST = Option.shortDescription(
            Option.withoutArgument(Option.NO_SHORT_NAME, "list-operators"),
            "org.ferrum.cli.Bundle",
            "DESC_ListOperators");
    private static final Option CONVERT = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "convert"), "org.ferrum.cli.Bundle", "DESC_Convert");
    private static final Option DUMP = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "dump"), "org.ferrum.cli.Bundle", "DESC_Dump");
    /* --deidentify IN_DIR: OUT_DIR arrives as the default arguments (sendopts takes one value per option). */
    private static final Option DEIDENTIFY = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "deidentify"), "org.ferrum.cli.Bundle", "DESC_Deidentify");
    private static final Option OPTIONS = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "options"), "org.ferrum.cli.Bundle", "DESC_Options");
    private static final Option SECRET = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "secret"), "org.ferrum.cli.Bundle", "DESC_Secret");
    private static final Option KEEP_BURNED_IN = Option.shortDescription(
            Option.withoutArgument(Option.NO_SHORT_NAME, "keep-burned-in"),
            "org.ferrum.cli.Bundle",
            "DESC_KeepBurnedIn");
    private static final Option KEEP_NAMES = Option.shortDescription(
            Option.withoutArgument(Option.NO_SHORT_NAME, "keep-names"), "org.ferrum.cli.Bundle", "DESC_KeepNames");
    private static final Option CONFORMANCE = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "conformance"), "org.ferrum.cli.Bundle", "DESC_Conformance");

    private static final Option AGREEMENT = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "agreement"), "org.ferrum.cli.Bundle", "DESC_Agreement");
    private static final Option WEIGHTS = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "weights"), "org.ferrum.cli.Bundle", "DESC_Weights");
    private static final Option ACCURACY = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "accuracy"), "org.ferrum.cli.Bundle", "DESC_Accuracy");
    private static final Option TRUTH = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "truth"), "org.ferrum.cli.Bundle", "DESC_Truth");
    private static final Option JSON = Option.shortDescription(
            Option.requiredArgument(Option.NO_SHORT_NAME, "json"), "org.ferrum.cli.Bundle", "DESC_Json");

    @Override
    protected Set<Option> getOptions() {
        return new HashSet<>(List.of(
                RUN,
                OUT,
                INPUT,
                PAIRS,
                LIST,
                CONVERT,
                DUMP,
                CONFORMANCE,
                OVERWRITE,
                DEIDENTIFY,
                OPTIONS,
                SECRET,
                KEEP_BURNED_IN,
                KEEP_NAMES,
                AGREEMENT,
                WEIGHTS,
                ACCURACY,
                TRUTH,
                JSON));
    }

    @Override
    protected void process(Env env, Map<Option, String[]> values) throws CommandException {
        PrintStream out = env.getOutputStream();
        PrintStream err = env.getErrorStream();
        if (applicationWindowShowing()) {
            err.println(
                    "this Ferrum is running with its windows open: a headless command would run inside it and end it."
                            + " Start headless commands with bin/ferrum --nogui ..., which runs each in a process of its own.");
            err.flush();
            throw new CommandException(HeadlessRunner.BAD_INPUT);
        }
        int status = execute(values, env.getCurrentDirectory().toPath(), out, err);
        out.flush();
        err.flush();
        LifecycleManager.getDefault().exit(status);
        // If the platform does not exit here (e.g. inside a test), report the status the usual way.
        if (status != HeadlessRunner.OK) {
            throw new CommandException(status);
        }
    }

    /**
     * True if this JVM is the application with its window system (a command handed to it by the platform's
     * single-instance lock would run inside it and then end it). The platform's own answer is
     * {@code org.netbeans.core.startup.CLIOptions.isGui()} (false when the instance was started with {@code --nogui});
     * core.startup offers no public API module to depend on, so it is asked by reflection through the system class
     * loader. Whether a window is showing is only the fall-back: a command handed over while the application is still
     * starting would find none (seen under load: the command ran inside the starting application and ended it).
     */
    private static boolean applicationWindowShowing() {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return false;
        }
        try {
            ClassLoader system = org.openide.util.Lookup.getDefault().lookup(ClassLoader.class);
            Class<?> options = Class.forName(
                    "org.netbeans.core.startup.CLIOptions",
                    false,
                    system != null ? system : HeadlessCommandLine.class.getClassLoader());
            return (Boolean) options.getMethod("isGui").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            for (java.awt.Frame f : java.awt.Frame.getFrames()) {
                if (f.isShowing()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Runs the requested command; returns its exit status. */
    static int execute(Map<Option, String[]> values, Path cwd, PrintStream out, PrintStream err) {
        String[] pairs = values.getOrDefault(PAIRS, new String[0]);
        if (values.containsKey(OVERWRITE) && !values.containsKey(RUN)) {
            err.println("--overwrite applies only to --run (it replaces an earlier run's --out folder as a whole)");
            return HeadlessRunner.BAD_INPUT;
        }
        boolean deidOnly = values.containsKey(OPTIONS)
                || values.containsKey(SECRET)
                || values.containsKey(KEEP_BURNED_IN)
                || values.containsKey(KEEP_NAMES);
        if (values.containsKey(DEIDENTIFY)) {
            if (values.containsKey(RUN)
                    || values.containsKey(LIST)
                    || values.containsKey(INPUT)
                    || values.containsKey(CONVERT)
                    || values.containsKey(DUMP)
                    || values.containsKey(CONFORMANCE)
                    || values.containsKey(OUT)) {
                err.println("--deidentify IN_DIR OUT_DIR is a command of its own, not to be combined with --run,"
                        + " --list-operators, --input, --convert, --dump, --conformance or --out");
                return HeadlessRunner.BAD_INPUT;
            }
            if (pairs.length != 1) {
                err.println("--deidentify needs two folders: --deidentify IN_DIR OUT_DIR"
                        + (pairs.length > 1
                                ? " (unexpected arguments " + List.of(pairs).subList(1, pairs.length) + ")"
                                : ""));
                return HeadlessRunner.BAD_INPUT;
            }
            return new DicomConversion(cwd, out, err)
                    .deidentify(
                            Path.of(values.get(DEIDENTIFY)[0]),
                            Path.of(pairs[0]),
                            values.containsKey(OPTIONS) ? values.get(OPTIONS)[0] : null,
                            values.containsKey(SECRET) ? Path.of(values.get(SECRET)[0]) : null,
                            values.containsKey(KEEP_BURNED_IN),
                            values.containsKey(KEEP_NAMES));
        }
        if (deidOnly) {
            err.println("--options, --secret, --keep-burned-in and --keep-names apply only to --deidentify");
            return HeadlessRunner.BAD_INPUT;
        }
        if (values.containsKey(AGREEMENT)) {
            if (values.containsKey(ACCURACY) || values.containsKey(TRUTH)) {
                err.println("--agreement and --accuracy are commands of their own, not to be combined");
                return HeadlessRunner.BAD_INPUT;
            }
            return executeAgreement(values, pairs, cwd, out, err);
        }
        if (values.containsKey(WEIGHTS)) {
            err.println("--weights applies only to --agreement");
            return HeadlessRunner.BAD_INPUT;
        }
        if (values.containsKey(ACCURACY) || values.containsKey(TRUTH) || values.containsKey(JSON)) {
            return executeAccuracy(values, pairs, cwd, out, err);
        }
        if (values.containsKey(CONVERT) || values.containsKey(DUMP)) {
            return executeDicom(values, pairs, cwd, out, err);
        }
        if (values.containsKey(CONFORMANCE)) {
            if (values.containsKey(RUN) || values.containsKey(LIST) || values.containsKey(INPUT) || pairs.length > 0) {
                err.println("--conformance is a command of its own, not to be combined with --run, --list-operators"
                        + " or --input");
                return HeadlessRunner.BAD_INPUT;
            }
            Path dir = cwd.resolve(values.get(CONFORMANCE)[0]);
            Path csv = values.containsKey(OUT) ? cwd.resolve(values.get(OUT)[0]) : null;
            return ConformanceCommand.installed(out, err).run(dir, csv);
        }
        HeadlessRunner runner = new HeadlessRunner(OperatorRegistry.installed(), cwd, out, err);
        if (values.containsKey(LIST)) {
            return runner.listOperators();
        }
        if (!values.containsKey(RUN)) {
            err.println("--run PIPELINE.json is missing"
                    + (pairs.length > 0 ? " (unexpected arguments " + List.of(pairs) + ")" : ""));
            return HeadlessRunner.BAD_INPUT;
        }
        if (!values.containsKey(OUT)) {
            err.println("--out DIR is missing: say where the outputs and provenance.json go");
            return HeadlessRunner.BAD_INPUT;
        }
        if (pairs.length > 0 && !values.containsKey(INPUT)) {
            err.println("unexpected arguments " + List.of(pairs) + "; named inputs are given as --input NAME=VALUE");
            return HeadlessRunner.BAD_INPUT;
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String pair : pairs) {
            String problem = CommandLineInputs.add(inputs, pair);
            if (problem != null) {
                err.println(problem);
                return HeadlessRunner.BAD_INPUT;
            }
        }
        return runner.run(
                Path.of(values.get(RUN)[0]), inputs, Path.of(values.get(OUT)[0]), values.containsKey(OVERWRITE));
    }

    /**
     * True if the statistics command {@code name} (--agreement, --accuracy) is given without the pipeline and DICOM
     * options or stray arguments; otherwise says so on {@code err}.
     */
    private static boolean statisticsCommandAlone(
            String name, Map<Option, String[]> values, String[] pairs, PrintStream err) {
        boolean alone = !values.containsKey(RUN)
                && !values.containsKey(LIST)
                && !values.containsKey(INPUT)
                && !values.containsKey(CONVERT)
                && !values.containsKey(DUMP)
                && !values.containsKey(CONFORMANCE)
                && !values.containsKey(OUT)
                && pairs.length == 0;
        if (!alone) {
            err.println(name + " is a command of its own, not to be combined with --run, --list-operators, --input,"
                    + " --convert, --dump, --conformance, --out or other arguments (its JSON goes to --json FILE)");
        }
        return alone;
    }

    /** {@code --agreement RATINGS.csv [--weights none|linear|quadratic] [--json FILE]}. */
    private static int executeAgreement(
            Map<Option, String[]> values, String[] pairs, Path cwd, PrintStream out, PrintStream err) {
        if (!statisticsCommandAlone("--agreement", values, pairs, err)) {
            return HeadlessRunner.BAD_INPUT;
        }
        return new AgreementCommand(out, err)
                .run(
                        cwd.resolve(values.get(AGREEMENT)[0]),
                        values.containsKey(WEIGHTS) ? values.get(WEIGHTS)[0] : null,
                        values.containsKey(JSON) ? cwd.resolve(values.get(JSON)[0]) : null);
    }

    /** {@code --accuracy READS.csv --truth HISTOLOGY.csv [--json FILE]}: see {@link AccuracyCommand}. */
    private static int executeAccuracy(
            Map<Option, String[]> values, String[] pairs, Path cwd, PrintStream out, PrintStream err) {
        if (!values.containsKey(ACCURACY)) {
            err.println("--truth applies only to --accuracy READS.csv, --json to --agreement or --accuracy");
            return HeadlessRunner.BAD_INPUT;
        }
        if (!values.containsKey(TRUTH)) {
            err.println("--accuracy needs --truth HISTOLOGY.csv: the histopathology to score the reads against");
            return HeadlessRunner.BAD_INPUT;
        }
        if (!statisticsCommandAlone("--accuracy", values, pairs, err)) {
            return HeadlessRunner.BAD_INPUT;
        }
        return new AccuracyCommand(out, err)
                .run(
                        cwd.resolve(values.get(ACCURACY)[0]),
                        cwd.resolve(values.get(TRUTH)[0]),
                        values.containsKey(JSON) ? cwd.resolve(values.get(JSON)[0]) : null);
    }

    /** {@code --convert DICOM_DIR --out DIR} or {@code --dump FILE}. */
    private static int executeDicom(
            Map<Option, String[]> values, String[] pairs, Path cwd, PrintStream out, PrintStream err) {
        if (values.containsKey(RUN)
                || values.containsKey(LIST)
                || values.containsKey(INPUT)
                || (values.containsKey(CONVERT) && values.containsKey(DUMP))) {
            err.println(
                    "--convert and --dump are commands of their own, not to be combined with --run, --list-operators,"
                            + " --input or each other");
            return HeadlessRunner.BAD_INPUT;
        }
        if (pairs.length > 0) {
            err.println("unexpected arguments " + List.of(pairs));
            return HeadlessRunner.BAD_INPUT;
        }
        DicomConversion dicom = new DicomConversion(cwd, out, err);
        if (values.containsKey(DUMP)) {
            return dicom.dump(Path.of(values.get(DUMP)[0]));
        }
        if (!values.containsKey(OUT)) {
            err.println("--out DIR is missing: say where the NIfTI and JSON files go");
            return HeadlessRunner.BAD_INPUT;
        }
        return dicom.convert(Path.of(values.get(CONVERT)[0]), Path.of(values.get(OUT)[0]));
    }
}
