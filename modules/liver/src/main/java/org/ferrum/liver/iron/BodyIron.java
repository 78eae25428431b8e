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
 * Total body iron from liver iron concentration.
 *
 * <p>Contract: total body iron (mg Fe per kg body weight) = k · LIC (mg Fe/g dry weight) with
 * k = {@value #ANGELUCCI_MG_PER_KG_PER_LIC} by default, the regression of Angelucci E et al., "Hepatic iron
 * concentration and total body iron stores in thalassemia major", N Engl J Med 2000;343:327–331 (body iron removed
 * by phlebotomy against biopsy LIC in thalassaemia patients cured by transplantation); k is a parameter so other
 * populations' factors can be used.
 */
public final class BodyIron {

    /** Angelucci 2000: mg Fe per kg body weight per (mg Fe/g dry weight) of LIC. */
    public static final double ANGELUCCI_MG_PER_KG_PER_LIC = 10.6;

    private BodyIron() {}

    /** Total body iron in mg Fe/kg for an LIC in mg Fe/g dw, with Angelucci's factor. */
    public static double mgPerKg(double licMgPerGDryWeight) {
        return mgPerKg(licMgPerGDryWeight, ANGELUCCI_MG_PER_KG_PER_LIC);
    }

    /** Total body iron in mg Fe/kg for an LIC in mg Fe/g dw and a factor in (mg/kg)/(mg/g dw). */
    public static double mgPerKg(double licMgPerGDryWeight, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("the body-iron factor must be positive, got " + factor);
        }
        return factor * licMgPerGDryWeight;
    }

    /** Total body iron in mg for an LIC in mg Fe/g dw, a body weight in kg and a factor in (mg/kg)/(mg/g dw). */
    public static double mg(double licMgPerGDryWeight, double weightKg, double factor) {
        requirePositive(weightKg, "body weight (kg)");
        return mgPerKg(licMgPerGDryWeight, factor) * weightKg;
    }

    static void requirePositive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + v);
        }
    }
}
