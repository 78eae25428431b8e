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
