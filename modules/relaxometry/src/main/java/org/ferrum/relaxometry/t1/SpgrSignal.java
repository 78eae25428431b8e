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
package org.ferrum.relaxometry.t1;

/**
 * The steady-state spoiled gradient-echo (SPGR, FLASH) signal and its inversion for R1, for one compartment and for
 * water and fat in one voxel. Declared once here: T1 mapping by variable flip angle and the DCE signal-to-concentration
 * step both use it.
 *
 * <p>One compartment (Ernst RR, Anderson WA, Rev Sci Instrum 1966;37:93–102; with ideal spoiling, TE ≪ T2*):
 * <pre>  S(α) = M0 sin α (1 − E1) / (1 − cos α · E1),   E1 = exp(−TR · R1)</pre>
 * and its inverse for a known M0: with q = S / (M0 sin α), E1 = (1 − q) / (1 − q cos α).
 *
 * <p>Water and fat (two compartments without exchange on the time scale of TR, each with its own R1; proton-density
 * fat fraction f): S = M0 [(1 − f) g(α, R1w) + f g(α, R1f)], g the one-compartment signal per unit M0. The fat signal
 * is taken as its total over all spectral peaks, i.e. an in-phase or magnitude-summed echo (the chemical-shift phase
 * at TE is not modelled). Only water takes up a gadolinium agent, so in DCE only R1w changes.
 *
 * <p>Units: TR in s, R1 in 1/s, flip angle in radians, M0 and S in the same arbitrary unit.
 */
public final class SpgrSignal {

    private SpgrSignal() {}

    /** g(α, R1) = sin α (1 − E1)/(1 − cos α E1), the signal per unit M0. */
    public static double perUnitM0(double flipAngle, double repetitionTime, double r1) {
        return perUnitM0OfE1(Math.sin(flipAngle), Math.cos(flipAngle), Math.exp(-repetitionTime * r1));
    }

    /**
     * g from sin α, cos α and E1 = exp(−TR·R1), for fits that compute the angles' sines and cosines once per voxel.
     */
    public static double perUnitM0OfE1(double sinAlpha, double cosAlpha, double e1) {
        return sinAlpha * (1 - e1) / (1 - cosAlpha * e1);
    }

    /**
     * ∂g/∂R1 = sin α (1 − cos α) TR E1 / (1 − cos α E1)² (from dg/dE1 = −sin α (1 − cos α)/(1 − cos α E1)² and dE1/dR1
     * = −TR E1), for the Jacobian of nonlinear fits.
     */
    public static double derivativeR1OfE1(double sinAlpha, double cosAlpha, double e1, double repetitionTime) {
        double d = 1 / (1 - cosAlpha * e1);
        return sinAlpha * (1 - cosAlpha) * repetitionTime * e1 * d * d;
    }

    /** S = M0 g(α, R1). */
    public static double signal(double m0, double flipAngle, double repetitionTime, double r1) {
        return m0 * perUnitM0(flipAngle, repetitionTime, r1);
    }

    /** M0 = S / g(α, R1): the equilibrium magnetisation that gives signal {@code s} at a known R1. */
    public static double m0(double s, double flipAngle, double repetitionTime, double r1) {
        return s / perUnitM0(flipAngle, repetitionTime, r1);
    }

    /**
     * R1 from a signal at known M0 (the closed-form inverse); NaN when no R1 ≥ 0 gives the signal (q ≤ 0 or the signal
     * at or above the R1 → ∞ limit M0 sin α).
     */
    public static double r1(double s, double m0, double flipAngle, double repetitionTime) {
        return r1FromPerUnitM0(s / m0, flipAngle, repetitionTime);
    }

    /** R1 from g = S/M0 (see {@link #r1}). */
    public static double r1FromPerUnitM0(double g, double flipAngle, double repetitionTime) {
        double q = g / Math.sin(flipAngle);
        double e1 = (1 - q) / (1 - q * Math.cos(flipAngle));
        if (!(q > 0) || !(e1 > 0) || !(e1 < 1)) {
            return Double.NaN;
        }
        return -Math.log(e1) / repetitionTime;
    }

    /** S of water and fat: M0 [(1 − f) g(α, R1w) + f g(α, R1f)], {@code fatFraction} f in [0, 1]. */
    public static double signalWaterFat(
            double m0, double flipAngle, double repetitionTime, double r1Water, double r1Fat, double fatFraction) {
        return m0
                * ((1 - fatFraction) * perUnitM0(flipAngle, repetitionTime, r1Water)
                        + fatFraction * perUnitM0(flipAngle, repetitionTime, r1Fat));
    }

    /**
     * Water R1 from a water–fat signal at known M0, fat R1 and fat fraction f &lt; 1: g_w = (S/M0 − f g(α, R1f)) / (1
     * − f), then the one-compartment inverse; NaN when that has no solution.
     */
    public static double waterR1(
            double s, double m0, double flipAngle, double repetitionTime, double r1Fat, double fatFraction) {
        if (!(fatFraction < 1)) {
            return Double.NaN;
        }
        double gw = (s / m0 - fatFraction * perUnitM0(flipAngle, repetitionTime, r1Fat)) / (1 - fatFraction);
        return r1FromPerUnitM0(gw, flipAngle, repetitionTime);
    }
}
