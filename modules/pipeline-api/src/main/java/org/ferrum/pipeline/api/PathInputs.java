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
package org.ferrum.pipeline.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * Reading the file or folder a path parameter names, with the messages every reader operator gives: a path that does
 * not exist, and a reader's {@link IOException} or {@link IllegalArgumentException}, become one bad-input message
 * naming the parameter (and the path where the reader's message may not); cancellation passes through. Progress goes
 * from 0 ("reading NAME") to the caller, who reports the end.
 */
public final class PathInputs {

    /** A reader of one path. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path path) throws IOException;
    }

    private PathInputs() {}

    /**
     * Reads what {@code parameter} names with {@code reader}.
     *
     * @throws OperatorException bad input naming the parameter when the path does not exist or cannot be read
     */
    public static <T> T read(OperatorContext context, Parameter<String> parameter, Reader<T> reader)
            throws OperatorException {
        Path path = context.path(parameter);
        context.progress(0, "reading " + path.getFileName());
        if (!Files.exists(path)) {
            throw OperatorException.badInput("parameter '" + parameter.name() + "': " + path + " does not exist");
        }
        try {
            return reader.read(path);
        } catch (CancellationException e) {
            throw e;
        } catch (IOException e) {
            throw OperatorException.badInput("parameter '" + parameter.name() + "': " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(
                    "parameter '" + parameter.name() + "': " + path + ": " + e.getMessage(), e);
        }
    }
}
