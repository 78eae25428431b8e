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

    private FileWriting() {
    }

    /**
     * Writes the file named by {@code path}.
     *
     * @param what what was written, for the log line (e.g. "12 rows")
     */
    static void write(OperatorContext context, Parameter<String> path, Writer writer, String what) throws OperatorException {
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
