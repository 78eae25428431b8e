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
package org.ferrum.pipeline.view;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Where outputs shown by an {@link OutputViewer} come from: which pipeline, node and run. A viewer uses it to title its
 * window uniquely and to refresh the window that already shows this node when the node has been run again.
 *
 * @param pipeline   the pipeline's name (its file name without extension, or "untitled")
 * @param nodeId     the node
 * @param operatorId the node's operator
 * @param cacheKey   identifies the results (same key = same results)
 * @param runTime    when the run that computed them started, or null if unknown
 */
public record OutputSource(String pipeline, String nodeId, String operatorId, String cacheKey, Instant runTime) {

    private static final DateTimeFormatter HH_MM_SS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public OutputSource {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(cacheKey, "cacheKey");
    }

    /** The run time as HH:mm:ss (local time), or "?" if unknown. */
    public String runClock() {
        return runTime == null ? "?" : HH_MM_SS.format(runTime);
    }

    /** Same pipeline and node (whatever the run). */
    public boolean sameNode(OutputSource other) {
        return other != null && pipeline.equals(other.pipeline) && nodeId.equals(other.nodeId);
    }

    /** "pipeline · node (operator) · run HH:mm:ss": the old title, with the pipeline and the run time. */
    public String title() {
        return pipeline + " · " + nodeId + " (" + operatorId + ") · run " + runClock();
    }
}
