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

/**
 * One pipeline run saved to a visit (table {@code pipeline_runs}, schema version 3): where the ROI measurements that
 * reference it came from. A run is saved at most once per visit ({@code run_id} unique per visit).
 *
 * @param id               database key; null before insertion
 * @param visitId          the {@link Visit}
 * @param runId            identity of the run: hex SHA-256 prefix of the pipeline as run and its start time
 *                         ({@link PipelineResults#runId})
 * @param pipeline         the pipeline's name
 * @param operatorVersions the operators that ran, {@code id version} pairs, comma-separated and sorted, e.g.
 *                         {@code "io.read.volume 1.2, roi.measurements 1.0"}
 * @param startedAt        when the run started, ISO-8601 instant, or null
 * @param provenance       the run's provenance JSON ({@code provenance.json}), or null
 */
public record PipelineRun(
        Long id,
        long visitId,
        String runId,
        String pipeline,
        String operatorVersions,
        String startedAt,
        String provenance) {}
