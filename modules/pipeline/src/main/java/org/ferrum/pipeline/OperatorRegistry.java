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

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.openide.util.Lookup;

/**
 * The operators available to pipelines, by id. Normally {@link #installed()}: everything registered
 * as {@code Operator} in {@code Lookup.getDefault()}, inside the platform and in plain JVMs alike.
 * Two operators claiming one id are a packaging error: the first (in Lookup order) is kept and the
 * clash is reported by {@link #conflicts()}.
 */
public final class OperatorRegistry {

    private final Map<String, Operator> byId = new LinkedHashMap<>();
    private final List<String> conflicts = new ArrayList<>();

    private OperatorRegistry(Collection<? extends Operator> operators) {
        for (Operator op : operators) {
            OperatorDescriptor d = op.descriptor();
            Operator previous = byId.putIfAbsent(d.id(), op);
            if (previous != null) {
                conflicts.add("operator id '" + d.id() + "' is registered by both "
                        + previous.getClass().getName() + " and "
                        + op.getClass().getName() + "; using the first");
            }
        }
    }

    /** Every operator registered in the default Lookup. */
    public static OperatorRegistry installed() {
        return new OperatorRegistry(Lookup.getDefault().lookupAll(Operator.class));
    }

    /** A registry of exactly these operators (tests, embedding). */
    public static OperatorRegistry of(Collection<? extends Operator> operators) {
        return new OperatorRegistry(operators);
    }

    public Optional<Operator> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All operators, sorted by category, then display name. */
    public List<Operator> all() {
        List<Operator> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing((Operator o) -> o.descriptor().category())
                .thenComparing(o -> o.descriptor().displayName()));
        return list;
    }

    /** Registration clashes found when the registry was built. */
    public List<String> conflicts() {
        return List.copyOf(conflicts);
    }
}
