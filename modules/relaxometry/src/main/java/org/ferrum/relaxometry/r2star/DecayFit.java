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

import java.util.Objects;

/**
 * The R2* and T2* fitting family: a fit of the mono-exponential decay S(t) = S0·e^{−R2*·t} to the magnitudes of the
 * leading echoes of one voxel. Every R2* method of the project implements it ({@link LogLinearFit}, {@link ArloFit},
 * {@link LevenbergMarquardtFit}) and is offered through a {@link Method} registered in {@link DecayFits#ALL}: the
 * operator {@code relax.r2star}, the simulation study and the family test take the methods from there, so a new method
 * is one class plus one line there.
 *
 * <p>Contract of {@link #fit}:
 * <ul>
 * <li><b>In:</b> {@code signal[0 .. echoes)}, the magnitudes (any unit; ≥ 0 for magnitude data) at the first
 * {@code echoes} echo times the fit was built with (TE in seconds, positive, increasing).</li>
 * <li><b>Out:</b> on success {@code result[0]} = S0 (the signal's unit, &gt; 0 unless the data say otherwise) and
 * {@code result[1]} = R2* in 1/s (T2* = 1/R2* s, 1000/R2* ms), both finite, and {@code true}. On exact
 * mono-exponential data every member returns R2* and S0 to its documented accuracy (exact to rounding for log-linear
 * and NLLS; ARLO's Simpson bias).</li>
 * <li><b>Too few echoes:</b> with {@code echoes} &lt; {@link #minimumEchoes()} (two parameters need 2 echoes, ARLO's
 * Simpson triples 3) the fit returns {@code false}; so it does where the data do not determine a decay (fewer than two
 * positive echoes, a singular system, a non-finite answer). After {@code false}, {@code result} is undefined.</li>
 * <li><b>Below the noise:</b> the fits see magnitudes only; echoes on the Rician noise floor (mean σ√(π/2) for noise SD
 * σ per channel) flatten the decay and bias R2* low, unless the member models that floor (NLLS with σ &gt; 0,
 * {@link Settings#noiseSigma}). Dropping such echoes (truncation), clamping R2* to a range and flagging voxels are not
 * the fit's business but {@link R2StarMapping}'s. R2* is not clamped here (a rising signal may give R2* &lt; 0).</li>
 * <li>Implementations are immutable, thread-safe and allocate nothing per call, so one instance serves every voxel of
 * a parallel loop.</li>
 * </ul>
 */
public interface DecayFit {

    /** The fewest echoes this fit can use (2 for two parameters, 3 for ARLO's Simpson triples). */
    int minimumEchoes();

    /**
     * Fits the first {@code echoes} echoes.
     *
     * @param signal magnitudes per echo (at least {@code echoes} of them)
     * @param echoes how many leading echoes to use, up to the number of echo times
     * @param result receives {S0, R2* (1/s)}
     * @return whether the fit succeeded
     */
    boolean fit(double[] signal, int echoes, double[] result);

    /**
     * What a method may need beyond the echo times.
     *
     * @param noiseSigma noise SD per channel in the signal's unit for a method that models the Rician noise floor (NLLS);
     *                   0 for the plain decay; others ignore it
     * @param start      the method giving a refining method (NLLS) its starting point (one that needs no start), or null
     *                   for the refining method's default
     */
    record Settings(double noiseSigma, Method start) {

        /** The plain decay, default start. */
        public static final Settings PLAIN = new Settings(0, null);

        public Settings {
            if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
                throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + noiseSigma);
            }
            if (start != null && start.needsStart()) {
                throw new IllegalArgumentException("the start of a fit must need no start itself: " + start.name());
            }
        }
    }

    /** Makes a fit for given echo times and settings. */
    @FunctionalInterface
    interface Factory {

        /** @throws IllegalArgumentException naming the echo times if the method cannot fit them (e.g. ARLO, uneven) */
        DecayFit create(double[] echoTimes, Settings settings);
    }

    /**
     * A fitting method as users choose it (the {@code method} parameter of {@code relax.r2star}).
     *
     * @param name          identifier in pipeline files, e.g. {@code "loglinear"}
     * @param minimumEchoes the fewest echoes its fits need
     * @param needsStart    whether it refines a start from another method ({@link Settings#start})
     * @param description   one line for the parameter sheet
     * @param factory       makes its fit
     */
    record Method(String name, int minimumEchoes, boolean needsStart, String description, Factory factory) {

        public Method {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(factory, "factory");
        }

        /** This method's fit for {@code echoTimes} (s) with {@code settings}. */
        public DecayFit create(double[] echoTimes, Settings settings) {
            return factory.create(echoTimes, settings);
        }
    }
}
