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
package org.ferrum.pipeline.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;

/**
 * The one writing step of the file writers: resolve the path parameter, create missing folders, write, turn an I/O
 * failure into a message naming the parameter and the file ({@link FileFailures#writing}), log what was written.
 */
final class FileWriting {

    /** Writes one file. */
    interface Writer {
        void write(Path file) throws IOException;
    }

    private FileWriting() {}

    /**
     * Writes the file named by {@code path}.
     *
     * @param what what was written, for the log line (e.g. "12 rows")
     */
    static void write(OperatorContext context, Parameter<String> path, Writer writer, String what)
            throws OperatorException {
        Path file = context.path(path);
        context.progress(0, "writing " + file.getFileName());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer.write(file);
        } catch (IOException e) {
            throw FileFailures.writing(path.name(), file, e);
        }
        context.log("wrote " + file + ": " + what);
        context.progress(1, "wrote " + file.getFileName());
    }
}
