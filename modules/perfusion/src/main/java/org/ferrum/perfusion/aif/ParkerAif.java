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

/**
 * The Parker population AIF (Parker GJM, Roberts C, Macdonald A, et al. Experimentally-derived functional form for a
 * population-averaged high-temporal-resolution arterial input function for dynamic contrast-enhanced MRI. Magn Reson
 * Med 2006;56:993–1000): whole-blood concentration, t in minutes,
 *
 * <pre>  C_b(t) = Σ_{n=1,2} A_n / (σ_n √(2π)) · exp(−(t − T_n)² / (2 σ_n²)) + α exp(−β t) / (1 + exp(−s (t − τ)))</pre>
 *
 * from a 0.1 mmol/kg dose of gadodiamide. Defined for every t (before the bolus it is the tails of the Gaussians, about
 * 0.08 mM at t = 0).
 */
public final class ParkerAif implements PopulationAif {

    /**
     * The ten parameters (times in min, A_n in mM·min, α in mM, β and s in 1/min).
     *
     * @param a1 first-pass peak area A1
     * @param sigma1 first-pass width σ1
     * @param t1 first-pass centre T1
     * @param a2 recirculation area A2
     * @param sigma2 recirculation width σ2
     * @param t2 recirculation centre T2
     * @param alpha washout amplitude α
     * @param beta washout rate β
     * @param s sigmoid steepness s
     * @param tau sigmoid centre τ
     */
    public record Params(
            double a1,
            double sigma1,
            double t1,
            double a2,
            double sigma2,
            double t2,
            double alpha,
            double beta,
            double s,
            double tau) {

        /** Table 1 of Parker 2006 (the values the OSIPI {@code ParkerAIF.csv} lists). */
        public static final Params PUBLISHED =
                new Params(0.809, 0.0563, 0.17046, 0.330, 0.132, 0.365, 1.050, 0.1685, 38.078, 0.483);
    }

    private static final double ROOT_TWO_PI = Math.sqrt(2 * Math.PI);

    private final Params p;

    public ParkerAif(Params params) {
        this.p = params;
    }

    public Params params() {
        return p;
    }

    /** C_b in mM at {@code minutes} after the model's origin. */
    public double bloodConcentrationAtMinutes(double minutes) {
        double g1 = p.a1()
                / (p.sigma1() * ROOT_TWO_PI)
                * Math.exp(-square(minutes - p.t1()) / (2 * p.sigma1() * p.sigma1()));
        double g2 = p.a2()
                / (p.sigma2() * ROOT_TWO_PI)
                * Math.exp(-square(minutes - p.t2()) / (2 * p.sigma2() * p.sigma2()));
        double washout = p.alpha() * Math.exp(-p.beta() * minutes) / (1 + Math.exp(-p.s() * (minutes - p.tau())));
        return g1 + g2 + washout;
    }

    @Override
    public String id() {
        return "parker2006";
    }

    @Override
    public String citation() {
        return "Parker et al., Magn Reson Med 2006;56:993-1000";
    }

    @Override
    public boolean wholeBlood() {
        return true;
    }

    @Override
    public double concentration(double tau) {
        return bloodConcentrationAtMinutes(tau / 60.0);
    }

    private static double square(double x) {
        return x * x;
    }
}
