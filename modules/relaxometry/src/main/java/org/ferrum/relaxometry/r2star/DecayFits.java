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
package org.ferrum.relaxometry.r2star;

import java.util.List;

/**
 * The registered {@link DecayFit.Method}s, in the order the operator offers them. A new R2* and T2* method is one class
 * implementing {@link DecayFit} with its {@code METHOD} constant, plus its line here; the operator's {@code method}
 * choice, the simulation study and the family test ({@code DecayFitFamilyTest}) pick it up from this list.
 */
public final class DecayFits {

    /** Every method (names are the operator's {@code method} choices). */
    public static final List<DecayFit.Method> ALL =
            List.of(LogLinearFit.METHOD, ArloFit.METHOD, LevenbergMarquardtFit.METHOD);

    private DecayFits() {}

    /** The method called {@code name}. @throws IllegalArgumentException naming the known methods */
    public static DecayFit.Method byName(String name) {
        return ALL.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no R2* fit method '" + name + "'; known: " + names(ALL)));
    }

    /** The names of {@code methods}, in order. */
    public static List<String> names(List<DecayFit.Method> methods) {
        return methods.stream().map(DecayFit.Method::name).toList();
    }

    /** The methods that need no start (and so can start one that does). */
    public static List<DecayFit.Method> starters() {
        return ALL.stream().filter(m -> !m.needsStart()).toList();
    }
}
