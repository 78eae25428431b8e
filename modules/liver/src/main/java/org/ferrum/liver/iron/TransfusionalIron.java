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
 * Iron delivered by red-cell transfusion, and iron rates per kg and day.
 *
 * <p>Contract: intake (mg Fe) = V · Hct · f, with V the transfused blood volume in mL, Hct its haematocrit as a
 * fraction (0–1) so that V·Hct is the pure red-cell volume, and f the iron content of red cells, by default
 * {@value #DEFAULT_MG_FE_PER_ML_RBC} mg Fe/mL (the factor used to compute transfusional iron intake in the
 * deferasirox trials, e.g. Cohen AR et al., Blood 2008;111:583–587).
 * A rate is mg / (kg · days).
 */
public final class TransfusionalIron {

    /** Iron per mL of pure red cells, mg Fe/mL. */
    public static final double DEFAULT_MG_FE_PER_ML_RBC = 1.08;

    private TransfusionalIron() {}

    /** Iron intake in mg from {@code bloodVolumeMl} of blood at {@code haematocrit} (fraction), with the default factor. */
    public static double intakeMg(double bloodVolumeMl, double haematocrit) {
        return intakeMg(bloodVolumeMl, haematocrit, DEFAULT_MG_FE_PER_ML_RBC);
    }

    /** Iron intake in mg: volume (mL) × haematocrit (fraction) × mg Fe per mL red cells. */
    public static double intakeMg(double bloodVolumeMl, double haematocrit, double mgFePerMlRbc) {
        if (!(bloodVolumeMl >= 0) || !Double.isFinite(bloodVolumeMl)) {
            throw new IllegalArgumentException("transfused volume must be ≥ 0 mL, got " + bloodVolumeMl);
        }
        if (!(haematocrit >= 0 && haematocrit <= 1)) {
            throw new IllegalArgumentException(
                    "haematocrit is a fraction in [0, 1] (e.g. 0.60, not 60), got " + haematocrit);
        }
        BodyIron.requirePositive(mgFePerMlRbc, "iron per mL red cells (mg/mL)");
        return bloodVolumeMl * haematocrit * mgFePerMlRbc;
    }

    /** An amount of iron (mg) as a rate in mg/kg/day over {@code days} for a body weight of {@code weightKg}. */
    public static double mgPerKgPerDay(double ironMg, double weightKg, double days) {
        BodyIron.requirePositive(weightKg, "body weight (kg)");
        BodyIron.requirePositive(days, "interval (days)");
        return ironMg / weightKg / days;
    }
}
