package org.ferrum.io.table;

import java.io.IOException;

/**
 * A CSV file (or text) that cannot be read as a {@link org.ferrum.core.Table}: a row with the wrong
 * number of cells, an unterminated quote, an unknown unit in a header. The message names the file
 * (when there is one) and the line, then says what is wrong, e.g.
 * {@code "stats.csv: line 4: 6 cells, but the header has 7 columns"}.
 */
public class TableFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public TableFormatException(String message) {
        super(message);
    }

    public TableFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
