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
 * The Weinmann bi-exponential plasma curve (Weinmann HJ, Laniado M, Mützel W. Pharmacokinetics of GdDTPA/dimeglumine
 * after intravenous injection into healthy volunteers. Physiol Chem Phys Med NMR 1984;16:167–172) with the parameters
 * Tofts and Kermode used (Tofts PS, Kermode AG. Magn Reson Med 1991;17:357–367):
 *
 * <pre>  C_p(t) = D (a1 e^(−m1 t) + a2 e^(−m2 t)),  t ≥ 0 (min);  0 before</pre>
 *
 * with D = 0.1 mmol/kg, a1 = 3.99 kg/L, a2 = 4.78 kg/L, m1 = 0.144 /min, m2 = 0.0111 /min. An instantaneous bolus: no
 * first pass, so it suits slow (low temporal resolution) protocols only. Plasma already: the haematocrit is not used.
 */
public final class WeinmannAif implements PopulationAif {

    /**
     * @param dose D in mmol/kg
     * @param a1 kg/L
     * @param m1 1/min
     * @param a2 kg/L
     * @param m2 1/min
     */
    public record Params(double dose, double a1, double m1, double a2, double m2) {
        public static final Params TOFTS_KERMODE_1991 = new Params(0.1, 3.99, 0.144, 4.78, 0.0111);
    }

    private final Params p;

    public WeinmannAif(Params params) {
        this.p = params;
    }

    @Override
    public String id() {
        return "weinmann1984";
    }

    @Override
    public String citation() {
        return "Weinmann et al., Physiol Chem Phys Med NMR 1984;16:167-172 (Tofts & Kermode, Magn Reson Med 1991"
                + " parameters, 0.1 mmol/kg)";
    }

    @Override
    public boolean wholeBlood() {
        return false;
    }

    @Override
    public double concentration(double tau) {
        if (tau < 0) {
            return 0;
        }
        double t = tau / 60.0;
        return p.dose() * (p.a1() * Math.exp(-p.m1() * t) + p.a2() * Math.exp(-p.m2() * t));
    }
}
