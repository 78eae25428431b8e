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
package org.ferrum.pipeline.editor;

import java.awt.Color;

/**
 * Where a node of the edited pipeline stands with respect to the editor's runs, as drawn on the graph. Derived by
 * {@link PipelineRunController} from the last run outcomes and the node definitions those runs saw, so it follows edits
 * and undo without a "dirty" flag.
 *
 * <p>Each state has a symbol and a short label for the node's state line and a colour for it; the colours keep red for
 * failures and for the document's own problems, so a node that cannot run stands out from one that ran and broke.
 */
public enum NodeRunState {

    /** No run of this editor has computed the node (a new node, or an editor just opened). */
    NEVER_RUN("○", "not run yet", new Color(0x75, 0x75, 0x75)),
    /**
     * The last run computed it ("done") or reused it ("cached", see {@link PipelineRunController#fromCache}) and nothing
     * it depends on has changed since: its result is in the cache.
     */
    UP_TO_DATE("●", "done", new Color(0x2E, 0x7D, 0x32)),
    /** It ran, but it (or something upstream of it) has changed since: the next run recomputes it. */
    STALE("●", "stale", new Color(0xE6, 0x8A, 0x00)),
    /** Part of the current run, waiting for its upstream nodes or a worker. */
    QUEUED("◌", "queued", new Color(0x54, 0x6E, 0x7A)),
    /** Its operator is computing now; see {@link PipelineRunController#progress} and {@code message}. */
    RUNNING("◐", "running", new Color(0x15, 0x65, 0xC0)),
    /** Its operator failed in the last run; the message says why. */
    FAILED("✖", "failed", new Color(0xB7, 0x1C, 0x1C)),
    /** Not run in the last run because a node upstream of it failed. */
    SKIPPED("⊘", "skipped", new Color(0x8D, 0x6E, 0x63)),
    /** The last run was cancelled before this node finished. */
    CANCELLED("■", "cancelled", new Color(0x6A, 0x1B, 0x9A));

    private final String symbol;
    private final String label;
    private final Color color;

    NodeRunState(String symbol, String label, Color color) {
        this.symbol = symbol;
        this.label = label;
        this.color = color;
    }

    /** One character drawn before the label ("●", "✖", …). */
    public String symbol() {
        return symbol;
    }

    /** A word or two for the graph ("done", "stale", …). */
    public String label() {
        return label;
    }

    /** The colour of the state line. */
    public Color color() {
        return color;
    }

    /** True while a run is busy with the node (queued or running). */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
