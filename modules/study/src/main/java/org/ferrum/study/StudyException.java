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
