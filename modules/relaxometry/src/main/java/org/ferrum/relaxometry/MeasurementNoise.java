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

import java.util.SplittableRandom;

/**
 * Receiver noise for simulations: independent zero-mean Gaussian noise of standard deviation σ on the real and
 * the imaginary channel, so that the magnitude of a noisy signal is Rician (Gudbjartsson H, Patz S, MRM
 * 1995;34:910–914), which is what biases naive R2* fits at low signal and what the noise-floor model accounts for.
 */
public final class MeasurementNoise {

    private final double sigma;
    private final SplittableRandom random;

    /**
     * @param sigma the standard deviation per channel (≥ 0, same unit as the signal)
     * @param seed  the seed, so that a simulation is repeatable
     */
    public MeasurementNoise(double sigma, long seed) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise SD must be finite and >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.random = new SplittableRandom(seed);
    }

    /** σ per channel. */
    public double sigma() {
        return sigma;
    }

    /** Adds noise in place to an interleaved (re, im) complex signal. */
    public void addTo(double[] complexSignal) {
        for (int n = 0; n < complexSignal.length; n++) {
            complexSignal[n] += sigma * gaussian();
        }
    }

    /** The magnitude of {@code value} plus one complex noise sample: a Rician sample when value is real. */
    public double noisyMagnitude(double value) {
        double re = value + sigma * gaussian();
        double im = sigma * gaussian();
        return Math.hypot(re, im);
    }

    private double gaussian() {
        return random.nextGaussian();
    }
}
