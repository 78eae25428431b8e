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
 * The complex multi-echo gradient-echo signal of a voxel holding water and fat: the forward model that fat–water
 * separation inverts and that simulations and phantoms use to make data.
 *
 * <p>Contract (the T2*-IDEAL model with a common R2* and a multi-peak fat spectrum; Yu H et al., MRM
 * 2008;60:1122–1134, and Reeder SB et al., MRM 2004;51:35–45, for IDEAL):
 * <pre>  S(t) = (ρ_W + ρ_F · c(t)) · exp(i 2π ψ t) · exp(−R2* t)</pre>
 * with complex water and fat amplitudes ρ_W, ρ_F (their common phase is the receive phase at t = 0), the field map
 * ψ in Hz (the off-resonance of water: positive ψ makes the phase grow with TE), R2* in 1/s shared by water and
 * fat, and the fat factor c(t) of a {@link FatSpectrum}. Magnitude-only data follow the same model through |S(t)|;
 * pure water (ρ_F = 0) gives the mono-exponential decay |S(t)| = |ρ_W| e^{−R2* t} that R2* mapping fits.
 */
public final class ChemicalShiftSignal {

    private ChemicalShiftSignal() {}

    /**
     * Evaluates S(TE_e) for every echo.
     *
     * @param water     ρ_W as {re, im}
     * @param fat       ρ_F as {re, im}
     * @param fieldHz   ψ in Hz
     * @param r2star    R2* in 1/s
     * @param echoTimes TE in seconds
     * @param fatFactor c(TE_e) interleaved, from {@link FatSpectrum#complexFactor}
     * @return S(TE_e) interleaved (re, im), length 2 × echoes
     */
    public static double[] evaluate(
            double[] water, double[] fat, double fieldHz, double r2star, double[] echoTimes, double[] fatFactor) {
        double[] s = new double[2 * echoTimes.length];
        for (int e = 0; e < echoTimes.length; e++) {
            double t = echoTimes[e];
            double cRe = fatFactor[2 * e];
            double cIm = fatFactor[2 * e + 1];
            double re = water[0] + fat[0] * cRe - fat[1] * cIm;
            double im = water[1] + fat[0] * cIm + fat[1] * cRe;
            double decay = Math.exp(-r2star * t);
            double angle = 2 * Math.PI * fieldHz * t;
            double pRe = decay * Math.cos(angle);
            double pIm = decay * Math.sin(angle);
            s[2 * e] = re * pRe - im * pIm;
            s[2 * e + 1] = re * pIm + im * pRe;
        }
        return s;
    }
}
