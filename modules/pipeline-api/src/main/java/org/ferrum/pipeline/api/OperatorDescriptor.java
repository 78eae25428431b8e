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
package org.ferrum.pipeline.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the editor, the validator, the executor, the headless runner and the docs need to know
 * about an operator, declared once.
 *
 * <p>Contract: {@code id} is stable across releases (dotted lower case, e.g. {@code qsm.dipole.tkd});
 * {@code version} is {@code MAJOR.MINOR}: a new MINOR keeps old pipelines' meaning (a pipeline saved
 * with 1.0 runs on 1.3, noted as such), a new MAJOR changes results or ports (a pipeline saved with
 * another MAJOR is refused until re-saved). Port and parameter names are unique within their list.
 */
public record OperatorDescriptor(
        String id,
        String version,
        String displayName,
        String category,
        String description,
        List<Port<?>> inputs,
        List<Port<?>> outputs,
        List<Parameter<?>> parameters) {

    public OperatorDescriptor {
        if (id == null || !id.matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*")) {
            throw new IllegalArgumentException("operator id must be dotted lower case, e.g. 'qsm.dipole.tkd': " + id);
        }
        if (version == null || !version.matches("\\d+\\.\\d+")) {
            throw new IllegalArgumentException("operator " + id + ": version must be MAJOR.MINOR, got " + version);
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        parameters = List.copyOf(parameters);
        unique(id, "input", inputs.stream().map(Port::name).toList());
        unique(id, "output", outputs.stream().map(Port::name).toList());
        unique(id, "parameter", parameters.stream().map(Parameter::name).toList());
    }

    private static void unique(String id, String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("operator " + id + " declares " + what + " '" + n + "' twice");
            }
        }
    }

    public static Builder builder(String id, String version) {
        return new Builder(id, version);
    }

    /** Major part of the version. */
    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    public Optional<Port<?>> input(String name) {
        return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Port<?>> output(String name) {
        return outputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Parameter<?>> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Collects the parts of a descriptor. */
    public static final class Builder {
        private final String id;
        private final String version;
        private String displayName;
        private String category = "Other";
        private String description = "";
        private final List<Port<?>> inputs = new ArrayList<>();
        private final List<Port<?>> outputs = new ArrayList<>();
        private final List<Parameter<?>> parameters = new ArrayList<>();

        private Builder(String id, String version) {
            this.id = id;
            this.version = version;
            this.displayName = id;
        }

        public Builder displayName(String name) {
            this.displayName = name;
            return this;
        }

        /** Palette category, '/'-separated for sub-categories, e.g. {@code "QSM/Dipole inversion"}. */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** One or two sentences: what it computes and, where it applies, the paper it follows. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder input(Port<?> port) {
            inputs.add(port);
            return this;
        }

        public Builder output(Port<?> port) {
            outputs.add(port);
            return this;
        }

        public Builder parameter(Parameter<?> parameter) {
            parameters.add(parameter);
            return this;
        }

        /** Several parameters, e.g. the list an algorithm's parameter record derives. */
        public Builder parameters(List<? extends Parameter<?>> list) {
            parameters.addAll(list);
            return this;
        }

        /** Several inputs, e.g. a family's shared ports. */
        public Builder inputs(List<? extends Port<?>> list) {
            inputs.addAll(list);
            return this;
        }

        public OperatorDescriptor build() {
            return new OperatorDescriptor(id, version, displayName, category, description, inputs, outputs, parameters);
        }
    }
}
