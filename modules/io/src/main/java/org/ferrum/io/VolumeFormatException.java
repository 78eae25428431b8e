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
package org.ferrum.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that cannot be read or written as a volume because its content is wrong: truncated data,
 * a bad magic number, an unknown datatype, an invalid geometry, a corrupt gzip stream, an incomplete
 * multi-echo folder. The message always starts with the file name and then says what is wrong, in
 * one line a user can act on, e.g. {@code "Phase.nii: header says 51×51×41×3 float32 (1279692 bytes
 * from offset 352) but the file holds 1000000 bytes"}.
 *
 * <p>Plain I/O failures (no such file, permission denied) stay ordinary {@link IOException}s.
 */
public class VolumeFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file    the file (or folder) at fault
     * @param problem what is wrong with it, without the file name
     */
    public VolumeFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public VolumeFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(displayName(file) + ": " + problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = oneLine(problem);
    }

    /**
     * The text with every control character (C0, DEL, C1: line breaks and tabs included) written as
     * {@code \xNN}: problems often quote bytes of a damaged file (a garbled name in a vendor header), and
     * the message must stay one line.
     */
    static String oneLine(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    private static String displayName(Path file) {
        Path name = file == null ? null : file.getFileName();
        return name == null ? String.valueOf(file) : name.toString();
    }
}
