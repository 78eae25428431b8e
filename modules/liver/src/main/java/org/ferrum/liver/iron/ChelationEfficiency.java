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
package org.ferrum.liver.iron;

/**
 * Chelation efficiency over one interval: the iron a patient excreted against what the chelator dose could bind.
 *
 * <p>Contract (iron balance): body iron B = k · LIC · W ({@link BodyIron}, W the body weight in kg, taken constant
 * over the interval); the iron removed (excreted) over the interval is intake − ΔB = I − (B_end − B_start), the
 * transfused iron that did not stay in the body plus what the body lost; efficiency = removed / theoretical binding
 * ({@link Chelator#theoreticalIronBindingMg}), as a fraction (×100 for %). This is the balance used to judge
 * chelation in the deferasirox trials (e.g. Cohen AR et al., Blood 2008;111:583–587).
 *
 * @param ironIntakeMg          transfusional iron over the interval, mg
 * @param bodyIronChangeMg      B_end − B_start, mg
 * @param ironRemovedMg         ironIntakeMg − bodyIronChangeMg, mg
 * @param theoreticalBindingMg  the most iron the chelator dose could bind, mg
 * @param efficiency            ironRemovedMg / theoreticalBindingMg (fraction; NaN with no chelator dose)
 */
public record ChelationEfficiency(
        double ironIntakeMg,
        double bodyIronChangeMg,
        double ironRemovedMg,
        double theoreticalBindingMg,
        double efficiency) {

    /**
     * The balance of one interval.
     *
     * @param ironIntakeMg    transfusional iron intake over the interval (mg), e.g. {@link TransfusionalIron#intakeMg}
     * @param licStart        LIC at the start (mg Fe/g dw)
     * @param licEnd          LIC at the end (mg Fe/g dw)
     * @param weightKg        body weight (kg)
     * @param bodyIronFactor  k in (mg/kg)/(mg/g dw), e.g. {@link BodyIron#ANGELUCCI_MG_PER_KG_PER_LIC}
     * @param chelator        the drug
     * @param chelatorDoseMg  total chelator dose over the interval (mg)
     */
    public static ChelationEfficiency of(
            double ironIntakeMg,
            double licStart,
            double licEnd,
            double weightKg,
            double bodyIronFactor,
            Chelator chelator,
            double chelatorDoseMg) {
        double change = BodyIron.mg(licEnd, weightKg, bodyIronFactor) - BodyIron.mg(licStart, weightKg, bodyIronFactor);
        double removed = ironIntakeMg - change;
        double binding = chelator.theoreticalIronBindingMg(chelatorDoseMg);
        return new ChelationEfficiency(
                ironIntakeMg, change, removed, binding, binding > 0 ? removed / binding : Double.NaN);
    }
}
