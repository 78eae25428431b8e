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
        super(displayName(file) + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = problem;
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
