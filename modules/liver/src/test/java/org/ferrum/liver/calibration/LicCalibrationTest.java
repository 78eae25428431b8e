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
package org.ferrum.liver.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

class LicCalibrationTest {

    @Test
    void theShippedCalibrationsAreThereWithTheirSourcesAndFields() {
        assertEquals(
                java.util.List.of(
                        "wood-2005-1.5t", "garbowski-2014-1.5t", "hernando-2022-1.5t", "storey-2007-wood-2005-3t"),
                java.util.List.copyOf(LicCalibration.published().keySet()));
        for (LicCalibration c : LicCalibration.published().values()) {
            assertFalse(c.source().isBlank(), c.id());
            assertFalse(c.readAt().isBlank(), c.id());
            assertFalse(c.referenceStandard().isBlank(), c.id());
        }
        assertEquals(3.0, LicCalibration.byId("storey-2007-wood-2005-3t").fieldStrengthT(), 0);
    }

    @Test
    void woodIsLinearInR2Star() {
        // 0.0254 · 200 + 0.202 = 5.08 + 0.202 = 5.282 mg/g dw
        assertEquals(5.282, LicCalibration.byId("wood-2005-1.5t").lic(200), 1e-12);
        assertEquals(
                "LIC = 0.0254·R2*[1/s] + 0.202",
                LicCalibration.byId("wood-2005-1.5t").formula());
    }

    @Test
    void hernandoHasANegativeIntercept() {
        // −0.16 + 0.02603 · 400 = −0.16 + 10.412 = 10.252
        assertEquals(10.252, LicCalibration.byId("hernando-2022-1.5t").lic(400), 1e-12);
    }

    @Test
    void garbowskiIsAPowerLawInT2StarMilliseconds() {
        // R2* = 1000/s → T2* = 1 ms → LIC = 31.94 · 1^−1.014 = 31.94
        LicCalibration g = LicCalibration.byId("garbowski-2014-1.5t");
        assertEquals(31.94, g.lic(1000), 1e-9);
        // R2* = 100/s → T2* = 10 ms → 31.94 · 10^−1.014 = 31.94 / 10.3276 = 3.0927 (10^1.014 = 10.32760)
        assertEquals(31.94 / 10.327614, g.lic(100), 1e-5);
        // the R2* form read elsewhere, 0.0290 · R2*^1.014, agrees to its 3 digits: 0.0290 · 100^1.014 = 0.0290 ·
        // 106.6596 = 3.093
        assertEquals(3.093, g.lic(100), 2e-3);
        assertTrue(Double.isNaN(g.lic(0)));
    }

    @Test
    void theDerived3TeslaCalibrationMapsBackToWood() {
        // R2*(3 T) = 389 → R2*(1.5 T) = (389 + 11)/2 = 200 → Wood gives 5.282
        assertEquals(5.282, LicCalibration.byId("storey-2007-wood-2005-3t").lic(389), 1e-9);
    }

    @Test
    void fieldMatchingAllowsATenthOfATesla() {
        LicCalibration wood = LicCalibration.byId("wood-2005-1.5t");
        assertTrue(wood.fieldMatches(1.5));
        assertTrue(wood.fieldMatches(1.6));
        assertFalse(wood.fieldMatches(1.65));
        assertFalse(wood.fieldMatches(2.89));
    }

    @Test
    void anUnknownIdIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LicCalibration.byId("st-pierre-2005"));
        assertTrue(
                e.getMessage().contains("st-pierre-2005") && e.getMessage().contains("wood-2005-1.5t"), e.getMessage());
    }

    @Test
    void applyingCountsOutOfRangeAndNanVoxels() {
        LicCalibration wood = LicCalibration.byId("wood-2005-1.5t");
        // valid R2* [44.4, 1287.3]: 20 is below, 2000 above, 200 inside; NaN is counted as missing
        float[] r2s = {20, 200, 2000, Float.NaN};
        LiverIronFromR2Star.Result keep =
                LiverIronFromR2Star.apply(r2s, wood, LiverIronFromR2Star.OutOfRange.KEEP, Cancellation.NEVER);
        assertEquals(1, keep.below());
        assertEquals(1, keep.above());
        assertEquals(1, keep.nanInput());
        assertEquals(0.0254 * 20 + 0.202, keep.lic()[0], 1e-6); // 0.71, extrapolated and kept
        assertEquals(5.282, keep.lic()[1], 1e-5);
        assertTrue(Float.isNaN(keep.lic()[3]));
        LiverIronFromR2Star.Result nan =
                LiverIronFromR2Star.apply(r2s, wood, LiverIronFromR2Star.OutOfRange.NAN, Cancellation.NEVER);
        assertTrue(Float.isNaN(nan.lic()[0]) && Float.isNaN(nan.lic()[2]));
        assertEquals(5.282, nan.lic()[1], 1e-5);
    }

    @Test
    void aCalibrationWithoutAStatedRangeFlagsNothing() {
        float[] r2s = {1, 5000};
        LiverIronFromR2Star.Result r = LiverIronFromR2Star.apply(
                r2s, LicCalibration.byId("hernando-2022-1.5t"), LiverIronFromR2Star.OutOfRange.NAN, Cancellation.NEVER);
        assertEquals(0, r.below() + r.above());
        assertEquals(-0.16 + 0.02603 * 5000, r.lic()[1], 1e-3);
    }

    @Test
    void susceptibilityToLicFollowsTheStatedConstants() {
        // s = 2 ppm per mg/g ww, r = 5 g ww/g dw, χ₀ = 0.1 ppm: χ = 1.1 ppm → (1.1 − 0.1)/2 = 0.5 mg/g ww → 2.5 mg/g dw
        LiverIronFromSusceptibility m = new LiverIronFromSusceptibility(2, 5, 0.1);
        assertEquals(2.5, m.licDryWeight(1.1), 1e-12);
        float[] lic = m.apply(new float[] {1.1f, 0.1f, Float.NaN, -0.3f}, Cancellation.NEVER);
        assertEquals(2.5, lic[0], 1e-6);
        assertEquals(0, lic[1], 1e-6);
        assertTrue(Float.isNaN(lic[2]));
        assertEquals(-1.0, lic[3], 1e-6); // (−0.3 − 0.1)/2·5: noise below iron-free liver is kept, not clipped
        assertThrows(IllegalArgumentException.class, () -> new LiverIronFromSusceptibility(0, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new LiverIronFromSusceptibility(2, 0.5, 0));
    }
}
