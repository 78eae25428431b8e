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
package org.ferrum.pipeline;

import java.util.Objects;

/**
 * A named pipeline input: a value (usually a file or folder path) given at run time with
 * {@code --input NAME=VALUE} or in the editor, which sets one parameter of one node.
 *
 * <p>An <em>optional</em> input may be left empty (no default and none given, or given as {@code --input NAME=}):
 * then its node is left out of the run, and so is every node that needs a left-out node's output on a required
 * port; a node that takes it on an optional port runs without it. Named outputs of left-out nodes are not produced,
 * and the run says so; this is how one pipeline serves data with and without, say, a diffusion series.
 *
 * @param node         node whose parameter the input sets
 * @param parameter    that parameter's name
 * @param defaultValue value used when none is given (relative paths are relative to the pipeline file), or null
 * @param description  one line shown by the runner and the editor
 * @param optional     whether the input may be left empty, leaving its branch out of the run
 */
public record InputBinding(String node, String parameter, String defaultValue, String description, boolean optional) {
    public InputBinding {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(parameter, "parameter");
        description = description == null ? "" : description;
    }

    /** A required input. */
    public InputBinding(String node, String parameter, String defaultValue, String description) {
        this(node, parameter, defaultValue, description, false);
    }
}
