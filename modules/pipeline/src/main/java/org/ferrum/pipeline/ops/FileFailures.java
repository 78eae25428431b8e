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
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.table.TableFormatException;
import org.ferrum.pipeline.api.OperatorException;

/**
 * Turns I/O failures of the reading and writing operators into messages that name the file and say
 * what is wrong. Anything wrong with a file the user named is bad input; a failed write to a valid
 * path (disk full, device error) is a failure.
 */
final class FileFailures {

    private FileFailures() {}

    /** A file (or folder) given by parameter {@code parameter} could not be read. */
    static OperatorException reading(String parameter, Path file, IOException e) {
        String what;
        if (e instanceof VolumeFormatException || e instanceof TableFormatException) {
            what = file + ": " + afterFileName(e.getMessage(), file);
        } else if (e instanceof NoSuchFileException) {
            what = file + ": no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            what = file + ": permission denied";
        } else {
            what = file + ": cannot be read (" + e.getMessage() + ")";
        }
        return OperatorException.badInput("parameter '" + parameter + "': " + what, e);
    }

    /** Writing the file given by parameter {@code parameter} failed. */
    static OperatorException writing(String parameter, Path file, IOException e) {
        if (e instanceof VolumeFormatException) {
            return OperatorException.badInput(
                    "parameter '" + parameter + "': " + file + ": " + afterFileName(e.getMessage(), file), e);
        }
        if (e instanceof AccessDeniedException) {
            return OperatorException.badInput("parameter '" + parameter + "': " + file + ": permission denied", e);
        }
        return OperatorException.failure(
                "parameter '" + parameter + "': cannot write " + file + " (" + e.getMessage() + ")", e);
    }

    /** io's format exceptions start with the bare file name; the full path replaces it. */
    private static String afterFileName(String message, Path file) {
        String prefix = file.getFileName() + ": ";
        return message != null && message.startsWith(prefix)
                ? message.substring(prefix.length())
                : String.valueOf(message);
    }
}
