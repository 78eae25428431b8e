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
package org.ferrum.batch.manifest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The BIDS rules for subject and session labels, and ISO 8601 dates, shared by the CSV and BIDS readers. */
final class Labels {

    /** BIDS "label": alphanumeric value (BIDS specification, "Common principles", definitions). */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]+");

    private Labels() {}

    static boolean isLabel(String s) {
        return LABEL.matcher(s).matches();
    }

    /** {@code s} without {@code prefix} (e.g. {@code sub-}) if it starts with it. */
    static String strip(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    /** Why a label is not valid, for a message. */
    static String notALabel(String s) {
        return "'" + s + "' is not a BIDS label (letters A-Z, a-z and digits only)";
    }

    /**
     * The date of an ISO 8601 date ({@code 2024-03-05}) or date-time ({@code 2024-03-05T10:22:00}, with optional
     * fraction and offset, the form of BIDS {@code acq_time}).
     *
     * @throws DateTimeParseException if it is neither
     */
    static LocalDate date(String s) {
        if (s.length() == 10) {
            return LocalDate.parse(s);
        }
        try {
            return LocalDateTime.parse(s).toLocalDate();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toLocalDate();
        }
    }
}
