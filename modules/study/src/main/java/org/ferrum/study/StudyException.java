package org.ferrum.study;

import java.util.Optional;

/**
 * A study database operation that could not be done, said in the user's words: which table and field, and why
 * (e.g. "transfusions.haematocrit must be between 0 and 1"). Nothing of the failed transaction was kept.
 */
public class StudyException extends Exception {

    private final String table;
    private final String field;

    public StudyException(String message) {
        this(message, null, null, null);
    }

    public StudyException(String message, String table, String field, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.field = field;
    }

    /** The table concerned, if known. */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    /** The column (field) concerned, if known. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
