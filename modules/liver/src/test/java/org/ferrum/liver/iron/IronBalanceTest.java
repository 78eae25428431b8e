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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IronBalanceTest {

    @Test
    void bodyIronIsTenPointSixTimesLic() {
        // 10.6 · 15 mg/g dw = 159 mg/kg; for 40 kg: 6360 mg
        assertEquals(159.0, BodyIron.mgPerKg(15), 1e-12);
        assertEquals(6360.0, BodyIron.mg(15, 40, BodyIron.ANGELUCCI_MG_PER_KG_PER_LIC), 1e-9);
        assertEquals(120.0, BodyIron.mgPerKg(15, 8.0), 1e-12); // another factor: 8 · 15
    }

    @Test
    void transfusionalIntakeIsVolumeTimesHaematocritTimesFactor() {
        // 10 000 mL · 0.60 · 1.08 mg/mL = 6480 mg
        assertEquals(6480.0, TransfusionalIron.intakeMg(10_000, 0.60), 1e-9);
        // editable factor: 10 000 · 0.60 · 1.16 = 6960
        assertEquals(6960.0, TransfusionalIron.intakeMg(10_000, 0.60, 1.16), 1e-9);
        // per kg per day: 6480 mg / 50 kg / 365 d = 0.355068… mg/kg/day
        assertEquals(6480.0 / 50 / 365, TransfusionalIron.mgPerKgPerDay(6480, 50, 365), 1e-12);
        assertEquals(0.35507, TransfusionalIron.mgPerKgPerDay(6480, 50, 365), 1e-5);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TransfusionalIron.intakeMg(1000, 60));
        assertTrue(e.getMessage().contains("fraction"), e.getMessage());
    }

    @Test
    void chelatorsBindIronInTheirStoichiometry() {
        // 1 mmol of each drug: deferoxamine binds 1 mmol Fe, deferasirox 1/2, deferiprone 1/3 (× 55.845 mg/mmol)
        assertEquals(55.845, Chelator.DEFEROXAMINE.theoreticalIronBindingMg(656.79), 1e-9);
        assertEquals(55.845 / 2, Chelator.DEFERASIROX.theoreticalIronBindingMg(373.36), 1e-9);
        assertEquals(55.845 / 3, Chelator.DEFERIPRONE.theoreticalIronBindingMg(139.15), 1e-9);
    }

    @Test
    void chelationEfficiencyBalancesIntakeAgainstTheChangeInBodyIron() {
        // 50 kg, LIC 10 → 8 mg/g dw: body iron 10.6·10·50 = 5300 mg → 10.6·8·50 = 4240 mg, Δ = −1060 mg
        // intake 6480 mg (10 L at Hct 0.60) → removed = 6480 − (−1060) = 7540 mg
        // deferasirox 300 000 mg / 373.36 mg/mmol = 803.5140 mmol → binds 401.7570 mmol Fe · 55.845 = 22 436.12 mg
        // → efficiency 7540 / 22 436.12 = 0.336065
        ChelationEfficiency e = ChelationEfficiency.of(
                6480, 10, 8, 50, BodyIron.ANGELUCCI_MG_PER_KG_PER_LIC, Chelator.DEFERASIROX, 300_000);
        assertEquals(-1060.0, e.bodyIronChangeMg(), 1e-9);
        assertEquals(7540.0, e.ironRemovedMg(), 1e-9);
        assertEquals(22436.12, e.theoreticalBindingMg(), 0.01);
        assertEquals(0.336065, e.efficiency(), 1e-6);
        assertTrue(Double.isNaN(ChelationEfficiency.of(0, 10, 8, 50, 10.6, Chelator.DEFERIPRONE, 0)
                .efficiency()));
    }

    @Test
    void annualLicChangeScalesTheIntervalToAYear() {
        // 10 → 8 over half a Julian year (182.625 d): −2 / 0.5 = −4 mg/g dw per year
        assertEquals(-4.0, LicChange.mgPerGDryWeightPerYear(10, 8, 182.625), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LicChange.mgPerGDryWeightPerYear(10, 8, 0));
    }

    @Test
    void regressionOnABalancedTwoByTwoDesign() {
        // I = 0 1 0 1, D = 0 0 1 1, ΔLIC = 1 3 2 5. Balanced design: β1 = mean(y|I=1) − mean(y|I=0) = 4 − 1.5 = 2.5,
        // β2 = mean(y|D=1) − mean(y|D=0) = 3.5 − 2 = 1.5, β0 = ȳ − 0.5·β1 − 0.5·β2 = 2.75 − 1.25 − 0.75 = 0.75.
        // Fitted 0.75 3.25 2.25 4.75, residuals ±0.25, RSS = 0.25, σ² = RSS/(4 − 3) = 0.25.
        // XᵀX = [[4,2,2],[2,2,1],[2,1,2]], det 4, inverse diagonal 3/4, 1, 1 → SE = √0.1875 = 0.4330, 0.5, 0.5.
        // TSS = 1.75² + 0.25² + 0.75² + 2.25² = 8.75 → R² = 1 − 0.25/8.75 = 0.9714286
        IronBalanceRegression fit = IronBalanceRegression.fit(
                new double[] {1, 3, 2, 5}, new double[] {0, 1, 0, 1}, new double[] {0, 0, 1, 1});
        double[] b = fit.coefficients();
        double[] se = fit.standardErrors();
        assertEquals(0.75, b[0], 1e-12);
        assertEquals(2.5, b[1], 1e-12);
        assertEquals(1.5, b[2], 1e-12);
        assertEquals(Math.sqrt(0.1875), se[0], 1e-12);
        assertEquals(0.5, se[1], 1e-12);
        assertEquals(0.5, se[2], 1e-12);
        assertEquals(1 - 0.25 / 8.75, fit.rSquared(), 1e-12);
        assertEquals(4, fit.n());
    }

    @Test
    void regressionRefusesCollinearPredictors() {
        // chelator dose = 2 × iron intake: the two effects cannot be told apart
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> IronBalanceRegression.fit(
                        new double[] {1, 2, 3, 4}, new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.2, 0.4, 0.6, 0.8
                        }));
        assertTrue(e.getMessage().contains("collinear"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> IronBalanceRegression.fit(new double[] {1, 2}, new double[] {0, 1}, new double[] {1, 0}));
    }
}
