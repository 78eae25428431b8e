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
package org.ferrum.core.conformance;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The cases of one file run by one suite.
 *
 * @param suite the suite's {@link ConformanceSuite#name()}
 * @param file the file
 * @param cases every judged (and unjudged) value
 * @param notes remarks for the table (e.g. "R1 read in 1/ms (QIBA file)"); empty if none
 */
public record ConformanceReport(String suite, Path file, List<ConformanceCase> cases, List<String> notes) {

    public ConformanceReport {
        cases = List.copyOf(cases);
        notes = List.copyOf(notes);
    }

    /** Cases that passed. */
    public long passed() {
        return cases.stream().filter(ConformanceCase::passed).count();
    }

    /** Whether every case passed and there is at least one. */
    public boolean allPassed() {
        return !cases.isEmpty() && passed() == cases.size();
    }

    /** The judged case with the largest error as a fraction of its tolerance. */
    public Optional<ConformanceCase> worst() {
        return cases.stream()
                .filter(ConformanceCase::judged)
                .max(Comparator.comparingDouble(ConformanceCase::errorOverTolerance));
    }
}
