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

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain-JVM entry point with the same options as the application's {@code --nogui} command line, for
 * batch systems that run Ferrum's jars without the platform:
 * <pre>
 * --run PIPELINE.json [--input NAME=VALUE [NAME=VALUE]...]... --out DIR [--overwrite]
 * --list-operators
 * --convert DICOM_DIR --out DIR      (DICOM to NIfTI + BIDS JSON, see {@link FileCommands})
 * --dump FILE                        (a DICOM file's attributes)
 * --accuracy READS.csv --truth HISTOLOGY.csv [--json FILE]   (diagnostic accuracy, see {@link AccuracyCommand})
 * --deidentify IN_DIR OUT_DIR [--options a,b,...] [--secret FILE] [--keep-burned-in] [--keep-names]
 *                                    (PS3.15 Basic Profile de-identification of a DICOM folder)
 * --conformance DIR [--out DIR]      (reference-suite files under DIR, see {@link ConformanceCommand})
 * --agreement RATINGS.csv [--weights none|linear|quadratic] [--json FILE]
 *                                    (Cohen's or Fleiss' kappa of readers, see {@link AgreementCommand})
 * </pre>
 * {@code --input} may be repeated or followed by several {@code NAME=VALUE} pairs, as on the application's command
 * line. The application's launcher ({@code bin/ferrum --nogui ...}) runs this class in a JVM of its own for every
 * headless command: no platform, no user directory, no single-instance lock, so concurrent commands never meet and
 * each exits with its own status.
 */
public final class HeadlessMain {

    private HeadlessMain() {}

    static final String USAGE =
            "usage: --run PIPELINE.json [--input NAME=VALUE]... --out DIR [--overwrite] | --list-operators"
                    + " | --convert DICOM_DIR --out DIR | --dump FILE | --deidentify IN_DIR OUT_DIR [--options a,b,...] [--secret FILE] [--keep-burned-in] [--keep-names] | --conformance DIR [--out DIR]"
                    + " | --agreement RATINGS.csv [--weights none|linear|quadratic] [--json FILE]"
                    + " | --accuracy READS.csv --truth HISTOLOGY.csv [--json FILE] | --help";

    public static void main(String[] args) {
        System.exit(run(args, HeadlessRunner.standard(), FileCommands.installed()));
    }

    /** Parses the options and runs; returns the exit status (2 for a usage error). DICOM commands print to the process streams. */
    public static int run(String[] args, HeadlessRunner runner) {
        return run(args, runner, FileCommands.installed());
    }

    /** Parses the options and runs pipelines with {@code runner}, {@code --convert} and {@code --dump} with {@code dicom}; returns the exit status. */
    public static int run(String[] args, HeadlessRunner runner, FileCommands dicom) {
        Path pipeline = null;
        Path convert = null;
        Path dump = null;
        Path deidentify = null;
        Path deidentifyOut = null;
        String deidOptions = null;
        Path secret = null;
        boolean keepBurnedIn = false;
        boolean keepNames = false;
        Path conformance = null;
        Path accuracy = null;
        Path truth = null;
        Path out = null;
        Path agreement = null;
        String weights = null;
        Path json = null;
        boolean list = false;
        boolean overwrite = false;
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return HeadlessRunner.OK;
                }
                case "--list-operators" -> list = true;
                case "--overwrite" -> overwrite = true;
                case "--keep-burned-in" -> keepBurnedIn = true;
                case "--keep-names" -> keepNames = true;
                case "--deidentify" -> {
                    if (i + 2 >= args.length || args[i + 1].startsWith("--") || args[i + 2].startsWith("--")) {
                        System.err.println("--deidentify needs two folders: --deidentify IN_DIR OUT_DIR");
                        return HeadlessRunner.BAD_INPUT;
                    }
                    deidentify = Path.of(args[++i]);
                    deidentifyOut = Path.of(args[++i]);
                }
                case "--options", "--secret" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(a + " needs a value");
                        return HeadlessRunner.BAD_INPUT;
                    }
                    if (a.equals("--options")) {
                        deidOptions = args[++i];
                    } else {
                        secret = Path.of(args[++i]);
                    }
                }
                case "--agreement", "--weights", "--accuracy", "--truth", "--json" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        System.err.println(a + " needs a value");
                        return HeadlessRunner.BAD_INPUT;
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--agreement" -> agreement = Path.of(v);
                        case "--weights" -> weights = v;
                        case "--accuracy" -> accuracy = Path.of(v);
                        case "--truth" -> truth = Path.of(v);
                        default -> json = Path.of(v);
                    }
                }
                case "--run", "--out", "--input", "--convert", "--dump", "--conformance" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(a + " needs a value");
                        return HeadlessRunner.BAD_INPUT;
                    }
                    String v = args[++i];
                    if (a.equals("--run")) {
                        pipeline = Path.of(v);
                    } else if (a.equals("--convert")) {
                        convert = Path.of(v);
                    } else if (a.equals("--dump")) {
                        dump = Path.of(v);
                    } else if (a.equals("--conformance")) {
                        conformance = Path.of(v);
                    } else if (a.equals("--out")) {
                        out = Path.of(v);
                    } else {
                        // --input NAME=VALUE [NAME=VALUE]...: the pairs run up to the next option
                        while (true) {
                            String problem = CommandLineInputs.add(inputs, v);
                            if (problem != null) {
                                System.err.println(problem);
                                return HeadlessRunner.BAD_INPUT;
                            }
                            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                                break;
                            }
                            v = args[++i];
                        }
                    }
                }
                default -> {
                    System.err.println((a.startsWith("-")
                                    ? "unknown option '" + a + "'"
                                    : "unexpected argument '" + a + "' (named inputs are given as --input NAME=VALUE)")
                            + "; " + USAGE);
                    return HeadlessRunner.BAD_INPUT;
                }
            }
        }
        int commands = (list || pipeline != null ? 1 : 0)
                + (convert != null ? 1 : 0)
                + (dump != null ? 1 : 0)
                + (conformance != null ? 1 : 0)
                + (deidentify != null ? 1 : 0)
                + (agreement != null ? 1 : 0)
                + (accuracy != null ? 1 : 0);
        if (commands > 1) {
            System.err.println(
                    "--convert, --dump, --deidentify, --conformance, --agreement and --accuracy are commands of their own, not to be combined"
                            + " with --run, --list-operators or each other. " + USAGE);
            return HeadlessRunner.BAD_INPUT;
        }
        if (overwrite && pipeline == null) {
            System.err.println(
                    "--overwrite applies only to --run (it replaces an earlier run's --out folder as a whole)");
            return HeadlessRunner.BAD_INPUT;
        }
        if ((deidOptions != null || secret != null || keepBurnedIn || keepNames) && deidentify == null) {
            System.err.println("--options, --secret, --keep-burned-in and --keep-names apply only to --deidentify");
            return HeadlessRunner.BAD_INPUT;
        }
        if (weights != null && agreement == null) {
            System.err.println("--weights applies only to --agreement");
            return HeadlessRunner.BAD_INPUT;
        }
        if (truth != null && accuracy == null) {
            System.err.println("--truth applies only to --accuracy");
            return HeadlessRunner.BAD_INPUT;
        }
        if (json != null && agreement == null && accuracy == null) {
            System.err.println("--json applies only to --agreement and --accuracy");
            return HeadlessRunner.BAD_INPUT;
        }
        if (agreement != null) {
            if (out != null || !inputs.isEmpty() || overwrite) {
                System.err.println("--out, --input and --overwrite do not apply to --agreement (use --json FILE)");
                return HeadlessRunner.BAD_INPUT;
            }
            return new AgreementCommand(System.out, System.err).run(agreement, weights, json);
        }
        if (accuracy != null) {
            if (truth == null) {
                System.err.println(
                        "--accuracy needs --truth HISTOLOGY.csv: the histopathology to score the reads against");
                return HeadlessRunner.BAD_INPUT;
            }
            if (out != null || !inputs.isEmpty() || overwrite) {
                System.err.println(
                        "--out, --input and --overwrite do not apply to --accuracy (the JSON goes to --json FILE)");
                return HeadlessRunner.BAD_INPUT;
            }
            return new AccuracyCommand(System.out, System.err).run(accuracy, truth, json);
        }
        if (list) {
            return runner.listOperators();
        }
        if (deidentify != null) {
            if (out != null || !inputs.isEmpty() || overwrite) {
                System.err.println("--out, --input and --overwrite do not apply to --deidentify IN_DIR OUT_DIR");
                return HeadlessRunner.BAD_INPUT;
            }
            return dicom.deidentify(deidentify, deidentifyOut, deidOptions, secret, keepBurnedIn, keepNames);
        }
        if (dump != null) {
            return dicom.dump(dump);
        }
        if (conformance != null) {
            if (!inputs.isEmpty()) {
                System.err.println("--input does not apply to --conformance");
                return HeadlessRunner.BAD_INPUT;
            }
            return ConformanceCommand.installed(System.out, System.err).run(conformance, out);
        }
        if (convert != null) {
            if (out == null) {
                System.err.println("--out DIR is missing: say where the NIfTI and JSON files go");
                return HeadlessRunner.BAD_INPUT;
            }
            if (!inputs.isEmpty()) {
                System.err.println("--input does not apply to --convert");
                return HeadlessRunner.BAD_INPUT;
            }
            return dicom.convert(convert, out);
        }
        if (pipeline == null || out == null) {
            System.err.println(USAGE);
            return HeadlessRunner.BAD_INPUT;
        }
        return runner.run(pipeline, inputs, out, overwrite);
    }
}
