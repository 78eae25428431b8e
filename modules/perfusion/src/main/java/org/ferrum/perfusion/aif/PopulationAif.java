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
package org.ferrum.perfusion.aif;

import java.util.Locale;
import java.util.Optional;

/**
 * A population-averaged arterial input function: the plasma concentration C_p(τ) in mM a time τ (s) after its own
 * origin. {@link PopulationAifs#sample} places that origin at the bolus arrival on a series' clock.
 */
public interface PopulationAif {

    /** The id pipelines use, e.g. {@code "parker2006"}. */
    String id();

    /** Authors, journal, year. */
    String citation();

    /** Whether the model gives whole blood (converted with the haematocrit) rather than plasma directly. */
    boolean wholeBlood();

    /** C_b(τ) (or C_p(τ) when not {@link #wholeBlood()}), mM, τ in s after the model's origin. */
    double concentration(double tau);

    /** C_p(τ) = C_b(τ)/(1 − Hct) for a whole-blood model, C_p(τ) for a plasma model. */
    default double plasma(double tau, double haematocrit) {
        double c = concentration(tau);
        return wholeBlood() ? c / (1 - haematocrit) : c;
    }

    /** Parker 2006 with its published parameters. */
    PopulationAif PARKER_2006 = new ParkerAif(ParkerAif.Params.PUBLISHED);

    /** Weinmann 1984 bi-exponential decay as parameterised by Tofts and Kermode 1991, dose 0.1 mmol/kg. */
    PopulationAif WEINMANN_1984 = new WeinmannAif(WeinmannAif.Params.TOFTS_KERMODE_1991);

    /** The models by id. */
    static Optional<PopulationAif> of(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (PopulationAif m : new PopulationAif[] {PARKER_2006, WEINMANN_1984}) {
            if (m.id().equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
