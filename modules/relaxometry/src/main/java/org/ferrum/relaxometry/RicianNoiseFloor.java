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
package org.ferrum.relaxometry;

/**
 * The Rician noise floor of magnitude data as a fitted curve: a signal of amplitude A measured as a magnitude with
 * Gaussian noise of SD σ per channel has E[M²] = A² + 2σ² (Gudbjartsson H, Patz S, MRM 1995;34:910–914), so a decay
 * model m = √(A² + 2σ²) keeps echoes that sit on the floor from flattening the fitted decay. It is the model that the
 * R2* fit {@code r2star.LevenbergMarquardtFit} uses, stated once here for the T2 fits (and their derivatives).
 *
 * <p>Contract: {@link #magnitude} is √(A² + floor) with floor = 2σ² ({@link #floor}); for floor = 0 it is |A|.
 * {@link #slope} is ∂m/∂A: A/m, or sign(A) without a floor (1 at A = 0, a one-sided choice).
 */
public final class RicianNoiseFloor {

    private RicianNoiseFloor() {}

    /** 2σ², the floor of the mean squared magnitude, for noise SD σ per channel (σ ≥ 0). */
    public static double floor(double sigma) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
        }
        return 2 * sigma * sigma;
    }

    /** The expected (root mean square) magnitude √(A² + floor). */
    public static double magnitude(double amplitude, double floor) {
        return floor > 0 ? Math.sqrt(amplitude * amplitude + floor) : Math.abs(amplitude);
    }

    /** ∂{@link #magnitude}/∂A at {@code amplitude}, given the magnitude m already computed. */
    public static double slope(double amplitude, double magnitude, double floor) {
        if (floor > 0) {
            return amplitude / magnitude;
        }
        return amplitude < 0 ? -1 : 1;
    }
}
