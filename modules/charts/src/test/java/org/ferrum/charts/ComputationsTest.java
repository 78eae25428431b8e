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
package org.ferrum.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chart computations against values worked out by hand (worked sums in the comments). */
class ComputationsTest {

    @Test
    void percentChangeFromEarliestVisitPerLesion() {
        LocalDate d0 = LocalDate.of(2024, 1, 10);
        List<TumourObservation> obs = List.of(
                new TumourObservation("L2", d0.plusDays(60), "ADC", 1.2, "10⁻³ mm²/s"),
                new TumourObservation("L1", d0, "ADC", 2.0, "10⁻³ mm²/s"),
                new TumourObservation("L1", d0.plusDays(30), "ADC", 1.5, "10⁻³ mm²/s"),
                new TumourObservation("L2", d0, "ADC", 0.8, "10⁻³ mm²/s"),
                new TumourObservation("L1", d0.plusDays(90), "ADC", 2.5, "10⁻³ mm²/s"),
                new TumourObservation("L1", d0, "Ktrans", 0.3, "1/min"));
        Map<String, List<LesionPercentChange.Point>> pc = LesionPercentChange.byLesion(obs, "ADC");
        assertEquals(List.of("L2", "L1"), List.copyOf(pc.keySet()));
        List<LesionPercentChange.Point> l1 = pc.get("L1");
        assertEquals(3, l1.size());
        assertEquals(0.0, l1.get(0).percentChange(), 1e-12);
        assertEquals(-25.0, l1.get(1).percentChange(), 1e-12);
        assertEquals(25.0, l1.get(2).percentChange(), 1e-12);
        List<LesionPercentChange.Point> l2 = pc.get("L2");
        assertEquals(d0, l2.get(0).date()); // baseline is the earliest date, not the first row
        assertEquals(50.0, l2.get(1).percentChange(), 1e-12);
        assertThrows(
                IllegalArgumentException.class,
                () -> LesionPercentChange.byLesion(
                        List.of(new TumourObservation("L1", d0, "ADC", 0, "10⁻³ mm²/s")), "ADC"));
        assertThrows(
                IllegalArgumentException.class,
                () -> LesionPercentChange.byLesion(
                        List.of(
                                new TumourObservation("L1", d0, "ADC", 1, "10⁻³ mm²/s"),
                                new TumourObservation("L1", d0.plusDays(1), "ADC", 1, "mm²/s")),
                        "ADC"));
    }

    @Test
    void blandAltmanOfLicAcrossVisits() {
        LocalDate d0 = LocalDate.of(2023, 5, 1);
        // differences QSM − R2*: 1, −1, 2 (the NaN visit is left out) → bias 2/3, SD √(14/3 / 2)
        LicAgreement a = LicAgreement.of(List.of(
                new LicObservation(d0, 5, 4), new LicObservation(d0.plusMonths(6), 8, 9),
                new LicObservation(d0.plusMonths(12), 3, 1), new LicObservation(d0.plusMonths(18), Double.NaN, 2)));
        assertEquals(3, a.statistics().n());
        assertEquals(2.0 / 3, a.statistics().bias(), 1e-6);
        double sd = Math.sqrt(7.0 / 3);
        assertEquals(sd, a.statistics().sd(), 1e-6);
        assertEquals(2.0 / 3 - 1.96 * sd, a.statistics().lowerLimit(), 1e-5);
        assertEquals(2.0 / 3 + 1.96 * sd, a.statistics().upperLimit(), 1e-5);
        assertEquals(4.5, a.means()[0]);
        assertEquals(2.0, a.means()[2]);
        assertEquals(-1.0, a.differences()[1]);
    }

    @Test
    void oneLinePerDoseGroup() {
        List<IronBalancePoint> pts = List.of(
                new IronBalancePoint("s1", 2, 1, "DFX 20"),
                new IronBalancePoint("s2", 4, 2, "DFX 20"),
                new IronBalancePoint("s3", 5, 3, "DFX 20"),
                new IronBalancePoint("s4", 8, 4, "DFX 20"),
                new IronBalancePoint("s5", -1, 0.3, "DFX 30"));
        DoseGroupLines g = DoseGroupLines.fit(pts);
        assertEquals(1.9, g.lines().get("DFX 20").slope(), 1e-12);
        assertEquals(4, g.lines().get("DFX 20").n());
        assertTrue(g.unfitted().containsKey("DFX 30"), g.unfitted().toString());
    }

    @Test
    void licThresholdBandsCoverTheAxis() {
        List<ClinicalBand> bands = ClinicalBand.licThresholds();
        assertEquals(4, bands.size());
        assertEquals(3.2, bands.get(0).upper());
        assertEquals(7, bands.get(2).lower());
        assertTrue(bands.get(3).contains(40));
        assertTrue(bands.get(1).contains(3.2) && !bands.get(0).contains(3.2));
        for (int i = 1; i < bands.size(); i++) {
            assertEquals(bands.get(i - 1).upper(), bands.get(i).lower()); // no gaps, no overlaps
        }
    }
}
