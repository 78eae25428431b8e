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
package org.ferrum.perfusion.models;

import java.util.List;
import java.util.Optional;

/** The registered members of the {@link TracerKineticModel} family, in the order of the model-selection legend. */
public final class KineticModels {

    /** Every model: Tofts, extended Tofts, Patlak, 2CXM, 2CUM. */
    public static final List<TracerKineticModel> ALL = List.of(
            new Tofts(), new ExtendedTofts(), new Patlak(), new TwoCompartmentExchange(), new TwoCompartmentUptake());

    private KineticModels() {}

    /** The model called {@code name}. */
    public static Optional<TracerKineticModel> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
