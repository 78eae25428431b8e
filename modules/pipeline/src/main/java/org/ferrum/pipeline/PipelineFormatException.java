package org.ferrum.pipeline;

import java.io.IOException;

/** A pipeline file that cannot be read: malformed JSON, wrong format name, or a missing field. */
public class PipelineFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public PipelineFormatException(String message) {
        super(message);
    }

    public PipelineFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
