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
