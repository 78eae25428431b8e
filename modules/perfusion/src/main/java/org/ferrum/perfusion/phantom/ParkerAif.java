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
package org.ferrum.perfusion.phantom;

/**
 * The population arterial input function of Parker et al. in closed form, the phantom's ground-truth blood curve.
 *
 * <p>Contract: for t ≥ 0 minutes after the start of the injection (0 before),
 * <pre>  Cb(t) = Σ_{n=1,2} A_n / (σ_n √(2π)) · exp(−(t − T_n)² / (2σ_n²)) + α exp(−β t) / (1 + exp(−s (t − τ)))</pre>
 * in mM of whole blood, with the published population means A1 = 0.809 mmol·min, A2 = 0.330 mmol·min, T1 = 0.17046
 * min, T2 = 0.365 min, σ1 = 0.0563 min, σ2 = 0.132 min, α = 1.050 mM, β = 0.1685 1/min, s = 38.078 1/min, τ = 0.483
 * min (Parker GJM, Roberts C, Macdonald A, et al. Experimentally-derived functional form for a population-averaged
 * high-temporal-resolution arterial input function for dynamic contrast-enhanced MRI. Magn Reson Med
 * 2006;56:993–1000). Plasma concentration Cp = Cb / (1 − Hct).
 *
 * <p>Written here, not shared with the fitting code ({@code org.ferrum.perfusion.aif}), so that the phantom's truth
 * is independent of what it tests; the test compares it with OSIPI's reference samples (ParkerAIF_ref.csv).
 */
public final class ParkerAif {

    private static final double A1 = 0.809;
    private static final double A2 = 0.330;
    private static final double T1 = 0.17046;
    private static final double T2 = 0.365;
    private static final double SIGMA1 = 0.0563;
    private static final double SIGMA2 = 0.132;
    private static final double ALPHA = 1.050;
    private static final double BETA = 0.1685;
    private static final double S = 38.078;
    private static final double TAU = 0.483;

    private ParkerAif() {}

    /** Cb(t), mM, at {@code minutes} after the start of the injection (0 before it). */
    public static double blood(double minutes) {
        if (minutes < 0) {
            return 0;
        }
        return gaussian(minutes, A1, T1, SIGMA1)
                + gaussian(minutes, A2, T2, SIGMA2)
                + ALPHA * Math.exp(-BETA * minutes) / (1 + Math.exp(-S * (minutes - TAU)));
    }

    private static double gaussian(double t, double a, double centre, double sigma) {
        double z = (t - centre) / sigma;
        return a / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * z * z);
    }
}
