package org.ferrum.pipeline.headless;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain-JVM entry point with the same options as the application's {@code --nogui} command line, for
 * batch systems that run Ferrum's jars without the platform:
 * {@code --run PIPELINE.json [--input NAME=VALUE]... --out DIR} or {@code --list-operators}.
 */
public final class HeadlessMain {

    private HeadlessMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, HeadlessRunner.standard()));
    }

    /** Parses the options and runs; returns the exit status (2 for a usage error). */
    public static int run(String[] args, HeadlessRunner runner) {
        Path pipeline = null;
        Path out = null;
        boolean list = false;
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--list-operators" -> list = true;
                case "--run", "--out", "--input" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(a + " needs a value");
                        return HeadlessRunner.BAD_INPUT;
                    }
                    String v = args[++i];
                    if (a.equals("--run")) {
                        pipeline = Path.of(v);
                    } else if (a.equals("--out")) {
                        out = Path.of(v);
                    } else {
                        String problem = CommandLineInputs.add(inputs, v);
                        if (problem != null) {
                            System.err.println(problem);
                            return HeadlessRunner.BAD_INPUT;
                        }
                    }
                }
                default -> {
                    System.err.println("unknown option '" + a + "'; usage: --run PIPELINE.json [--input NAME=VALUE]... --out DIR | --list-operators");
                    return HeadlessRunner.BAD_INPUT;
                }
            }
        }
        if (list) {
            return runner.listOperators();
        }
        if (pipeline == null || out == null) {
            System.err.println("usage: --run PIPELINE.json [--input NAME=VALUE]... --out DIR | --list-operators");
            return HeadlessRunner.BAD_INPUT;
        }
        return runner.run(pipeline, inputs, out);
    }
}
