package org.ferrum.pipeline;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run a pipeline: values for its named inputs and the folder that relative paths are resolved
 * against (the pipeline file's folder for default input values, the working directory for values given
 * on the command line — the caller resolves those before passing them).
 *
 * @param inputValues   named input → value (overrides the input's default)
 * @param baseDirectory folder against which relative {@code PATH} parameters of nodes are resolved
 */
public record RunOptions(Map<String, String> inputValues, Path baseDirectory) {
    public RunOptions {
        inputValues = Collections.unmodifiableMap(new LinkedHashMap<>(inputValues == null ? Map.of() : inputValues));
        baseDirectory = baseDirectory == null ? Path.of("").toAbsolutePath() : baseDirectory.toAbsolutePath();
    }

    /** Defaults only, relative paths against {@code baseDirectory}. */
    public static RunOptions defaults(Path baseDirectory) {
        return new RunOptions(Map.of(), baseDirectory);
    }
}
