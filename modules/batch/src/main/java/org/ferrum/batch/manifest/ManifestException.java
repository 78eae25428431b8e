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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest that cannot be run as a whole, with every problem found (one line each, naming the file, row or column).
 *
 * <p>Problems are of two kinds. Most are the manifest's own (an unknown column, a bad label, a duplicate, a bad date, an
 * ambiguous glob, an input bound nowhere): nothing should run until it is fixed. <em>Missing data</em> is a task whose
 * only problems are files or folders that are not there (a CSV row naming a missing folder, a BIDS session without
 * the input's images): issue 19 asks that such a task fail alone while the batch goes on with the others. When
 * {@link #onlyMissingData()} holds, a runner may run {@link #tasks()} except those in {@link #missingData()}, and
 * report each of those as failed with its problems as the reason.
 */
public final class ManifestException extends Exception {

    private final List<String> problems;
    private final List<CohortTask> tasks;
    private final Map<String, List<String>> missingData;

    /** Problems of the manifest as a whole (no task can be told apart). */
    public ManifestException(List<String> problems) {
        this(problems, List.of(), Map.of());
    }

    /**
     * @param problems    every problem, in the order found; not empty
     * @param tasks       the tasks the manifest names that could be formed (in manifest order), including those with
     *                    missing data
     * @param missingData task id → its problems, for the tasks whose only problems are missing files or folders
     */
    public ManifestException(List<String> problems, List<CohortTask> tasks, Map<String, List<String>> missingData) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a manifest exception needs a problem");
        }
        this.problems = List.copyOf(problems);
        this.tasks = List.copyOf(tasks);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        missingData.forEach((id, p) -> copy.put(id, List.copyOf(p)));
        this.missingData = Collections.unmodifiableMap(copy);
    }

    /** Every problem, in the order found; never empty. */
    public List<String> problems() {
        return problems;
    }

    /** The tasks that could be formed, in manifest order, those with missing data included; may be empty. */
    public List<CohortTask> tasks() {
        return tasks;
    }

    /** Task id ({@link CohortTask#id()}) → its problems, for the tasks whose only problems are missing data. */
    public Map<String, List<String>> missingData() {
        return missingData;
    }

    /**
     * True if every problem is missing data of a task in {@link #tasks()}: the manifest itself is sound and the other
     * tasks can run.
     */
    public boolean onlyMissingData() {
        return missingData.values().stream().mapToInt(List::size).sum() == problems.size();
    }
}
