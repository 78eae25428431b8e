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
package org.ferrum.liver.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

class LiverOperatorsTest {

    private static final float NAN = Float.NaN;

    /** A 3-D volume of the given values (x fastest) on a 1 mm grid. */
    private static Volume<FloatType> volume(long nx, long ny, long nz, PhysicalUnit unit, float... values) {
        Volume<FloatType> v = Volumes.createFloat(new long[] {nx, ny, nz}, Geometry.axisAligned(1, 1, 1), unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    private static float[] floats(Volume<FloatType> v) {
        return VolumeArrays.frame(v, 0);
    }

    private static MultiEchoGre gre(double b0) {
        Volume<FloatType> magnitude =
                Volumes.createFloat(new long[] {2, 1, 1, 2}, Geometry.axisAligned(1, 1, 1), PhysicalUnit.ARBITRARY);
        return new MultiEchoGre(magnitude, null, new GreAcquisition(EchoTimes.ofMilliseconds(1.1, 2.2), b0));
    }

    private static Volume<FloatType> r2star(float... v) {
        return volume(v.length, 1, 1, PhysicalUnit.PER_SECOND, v);
    }

    @Test
    void licFromR2StarAppliesTheCalibrationWithTheFieldFromTheGre() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new LiverIronFromR2StarOperator())
                .input(LiverIronFromR2StarOperator.R2STAR, r2star(200, 389))
                .input(LiverIronFromR2StarOperator.GRE, gre(3.0))
                .set(LiverIronFromR2StarOperator.CALIBRATION, "storey-2007-wood-2005-3t")
                .run();
        // 0.0127·200 + 0.3417 = 2.8817; 0.0127·389 + 0.3417 = 5.282
        float[] lic = floats(c.output(LiverIronFromR2StarOperator.LIC));
        assertEquals(2.8817, lic[0], 1e-4);
        assertEquals(5.282, lic[1], 1e-4);
        assertEquals(
                PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT,
                c.output(LiverIronFromR2StarOperator.LIC).unit());
        assertTrue(
                String.join("\n", c.logLines()).contains("LIC = 0.0127·R2*[1/s] + 0.3417"),
                String.join("\n", c.logLines()));
    }

    @Test
    void aFieldMismatchIsRefusedByDefaultNamingBothFieldsAndTheWayOut() {
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LiverIronFromR2StarOperator())
                        .input(LiverIronFromR2StarOperator.R2STAR, r2star(200))
                        .input(LiverIronFromR2StarOperator.GRE, gre(3.0))
                        .set(LiverIronFromR2StarOperator.CALIBRATION, "wood-2005-1.5t")
                        .run());
        assertTrue(e.isBadInput());
        assertEquals(
                "calibration 'wood-2005-1.5t' was measured at 1.5 T but the data are at 3 T; R2* scales with B0, so choose"
                        + " one of [storey-2007-wood-2005-3t] or set on_field_mismatch = warn to apply it anyway",
                e.getMessage());
    }

    @Test
    void aFieldMismatchOnlyWarnsWhenAskedTo() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new LiverIronFromR2StarOperator())
                .input(LiverIronFromR2StarOperator.R2STAR, r2star(200))
                .set(LiverIronFromR2StarOperator.FIELD_STRENGTH, 3.0)
                .set(LiverIronFromR2StarOperator.CALIBRATION, "wood-2005-1.5t")
                .set(LiverIronFromR2StarOperator.ON_FIELD_MISMATCH, "warn")
                .run();
        assertEquals(5.282, floats(c.output(LiverIronFromR2StarOperator.LIC))[0], 1e-5);
        assertTrue(
                c.warnings().stream()
                        .anyMatch(w -> w.startsWith(
                                "calibration 'wood-2005-1.5t' was measured at 1.5 T but the data are at 3 T")),
                c.warnings().toString());
    }

    @Test
    void anUnknownFieldStrengthNamesBothWaysToGiveIt() {
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LiverIronFromR2StarOperator())
                        .input(LiverIronFromR2StarOperator.R2STAR, r2star(200))
                        .run());
        assertTrue(e.getMessage().contains("'gre'") && e.getMessage().contains("'field_strength'"), e.getMessage());
    }

    @Test
    void anUnknownCalibrationIdIsNotAChoice() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OperatorHarness.of(new LiverIronFromR2StarOperator())
                        .set(LiverIronFromR2StarOperator.CALIBRATION, "st-pierre-2005"));
        assertTrue(e.getMessage().contains("wood-2005-1.5t"), e.getMessage());
    }

    @Test
    void outOfRangeVoxelsBecomeNanWhenAskedAndAreCountedInTheLog() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new LiverIronFromR2StarOperator())
                .input(LiverIronFromR2StarOperator.R2STAR, r2star(20, 200, NAN, 5000))
                .set(LiverIronFromR2StarOperator.FIELD_STRENGTH, 1.5)
                .set(LiverIronFromR2StarOperator.OUT_OF_RANGE, "nan")
                .run();
        float[] lic = floats(c.output(LiverIronFromR2StarOperator.LIC));
        assertTrue(Float.isNaN(lic[0]) && Float.isNaN(lic[2]) && Float.isNaN(lic[3]));
        assertEquals(5.282, lic[1], 1e-5);
        assertTrue(
                String.join("\n", c.logLines()).contains("1 voxels below, 1 above (set to NaN)"),
                String.join("\n", c.logLines()));
        assertTrue(String.join("\n", c.logLines()).contains("1 voxels had no R2*"), String.join("\n", c.logLines()));
    }

    @Test
    void aT2StarMapOnTheR2StarPortIsRefused() {
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LiverIronFromR2StarOperator())
                        .input(LiverIronFromR2StarOperator.R2STAR, volume(1, 1, 1, PhysicalUnit.MILLISECOND, 5))
                        .set(LiverIronFromR2StarOperator.FIELD_STRENGTH, 1.5)
                        .run());
        assertTrue(e.getMessage().contains("T2*"), e.getMessage());
    }

    @Test
    void aUnitlessMapSaysHowToDeclareItsUnit() {
        OperatorException e =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LiverIronFromR2StarOperator())
                        .input(LiverIronFromR2StarOperator.R2STAR, volume(1, 1, 1, PhysicalUnit.ARBITRARY, 200))
                        .set(LiverIronFromR2StarOperator.FIELD_STRENGTH, 1.5)
                        .run());
        assertTrue(e.isBadInput());
        assertEquals(
                "input 'r2star' is in a.u. but must be in 1/s; if the file holds 1/s, set unit=1/s on the io.read.volume"
                        + " node that reads it",
                e.getMessage());
    }

    @Test
    void chiIsShiftedSoThatFatHasItsStatedSusceptibility() throws OperatorException {
        // χ = 1 2 3 5; fat = voxels 3 and 4 (mean 4); fat is stated at +0.6 ppm: χ − 4 + 0.6 = −2.4 −1.4 −0.4 1.6
        OperatorHarness c = OperatorHarness.of(new ChiReferenceOperator())
                .input(ChiReferenceOperator.CHI, volume(4, 1, 1, PhysicalUnit.PPM, 1, 2, 3, 5))
                .input(ChiReferenceOperator.REFERENCE_REGION, volume(4, 1, 1, PhysicalUnit.DIMENSIONLESS, 0, 0, 1, 1))
                .set(ChiReferenceOperator.REFERENCE_CHI_PPM, 0.6)
                .run();
        float[] chi = floats(c.output(ChiReferenceOperator.CHI_OUT));
        assertEquals(-2.4, chi[0], 1e-6);
        assertEquals(-1.4, chi[1], 1e-6);
        assertEquals(-0.4, chi[2], 1e-6);
        assertEquals(1.6, chi[3], 1e-6);
    }

    @Test
    void fatReferencingWithoutAStatedFatSusceptibilityIsRefused() {
        OperatorException e = assertThrows(OperatorException.class, () -> OperatorHarness.of(new ChiReferenceOperator())
                .input(ChiReferenceOperator.CHI, volume(2, 1, 1, PhysicalUnit.PPM, 1, 2))
                .input(ChiReferenceOperator.REFERENCE_REGION, volume(2, 1, 1, PhysicalUnit.DIMENSIONLESS, 1, 0))
                .run());
        assertTrue(e.getMessage().contains("reference_chi_ppm"), e.getMessage());
    }

    @Test
    void licFromSusceptibilityNeedsItsConstantsAndLogsThem() throws OperatorException {
        Volume<FloatType> chi = volume(2, 1, 1, PhysicalUnit.PPM, 1.0f, NAN);
        // no hidden defaults: both physical constants must be set in the pipeline
        assertTrue(LiverIronFromSusceptibilityOperator.PPM_PER_MG_PER_G_WET.isRequired());
        assertTrue(LiverIronFromSusceptibilityOperator.WET_TO_DRY_RATIO.isRequired());
        OperatorException missing = assertThrows(
                OperatorException.class, () -> OperatorHarness.of(new LiverIronFromSusceptibilityOperator())
                        .input(LiverIronFromSusceptibilityOperator.CHI, chi)
                        .run());
        assertTrue(missing.getMessage().contains("ppm_per_mg_per_g_wet"), missing.getMessage());
        // (1.0 − 0)/2 ppm per mg/g ww = 0.5 mg/g ww, × 5 = 2.5 mg/g dw
        OperatorHarness c = OperatorHarness.of(new LiverIronFromSusceptibilityOperator())
                .input(LiverIronFromSusceptibilityOperator.CHI, chi)
                .set(LiverIronFromSusceptibilityOperator.PPM_PER_MG_PER_G_WET, 2.0)
                .set(LiverIronFromSusceptibilityOperator.WET_TO_DRY_RATIO, 5.0)
                .run();
        assertEquals(2.5, floats(c.output(LiverIronFromSusceptibilityOperator.LIC))[0], 1e-6);
        assertTrue(Float.isNaN(floats(c.output(LiverIronFromSusceptibilityOperator.LIC))[1]));
        assertTrue(
                String.join("\n", c.logLines()).contains("LIC_dw = 5 · (χ − 0 ppm) / 2 ppm per mg/g ww"),
                String.join("\n", c.logLines()));
    }

    @Test
    void licFromSusceptibilityRemovesTheFatsShareGivenThePdff() throws OperatorException {
        Volume<FloatType> chi = volume(4, 1, 1, PhysicalUnit.PPM, 1.0f, 1.0f, 1.0f, 1.0f);
        Volume<FloatType> pdff = volume(4, 1, 1, PhysicalUnit.PERCENT, 0f, 30f, 104f, NAN);
        OperatorHarness c = OperatorHarness.of(new LiverIronFromSusceptibilityOperator())
                .input(LiverIronFromSusceptibilityOperator.CHI, chi)
                .input(LiverIronFromSusceptibilityOperator.PDFF, pdff)
                .set(LiverIronFromSusceptibilityOperator.PPM_PER_MG_PER_G_WET, 2.0)
                .set(LiverIronFromSusceptibilityOperator.WET_TO_DRY_RATIO, 5.0)
                .set(LiverIronFromSusceptibilityOperator.FAT_CHI_PPM, 0.6)
                .run();
        float[] lic = floats(c.output(LiverIronFromSusceptibilityOperator.LIC));
        assertEquals(2.5, lic[0], 1e-6);
        // 30 % fat: χ_iron = 1.0 − 0.3·0.6 = 0.82 ppm → 5·0.82/2 = 2.05 mg/g dw
        assertEquals(2.05, lic[1], 1e-6);
        // a PDFF above 100 % (a failed fit) counts as 100 %: 5·(1 − 0.6)/2 = 1.0
        assertEquals(1.0, lic[2], 1e-6);
        assertTrue(Float.isNaN(lic[3]));
        assertTrue(
                String.join("\n", c.logLines()).contains("fat removed: χ − PDFF · 0.6 ppm"),
                String.join("\n", c.logLines()));
        // the PDFF without the fat's χ is refused with the parameter named
        OperatorException e = assertThrows(
                OperatorException.class, () -> OperatorHarness.of(new LiverIronFromSusceptibilityOperator())
                        .input(LiverIronFromSusceptibilityOperator.CHI, chi)
                        .input(LiverIronFromSusceptibilityOperator.PDFF, pdff)
                        .set(LiverIronFromSusceptibilityOperator.PPM_PER_MG_PER_G_WET, 2.0)
                        .set(LiverIronFromSusceptibilityOperator.WET_TO_DRY_RATIO, 5.0)
                        .run());
        assertTrue(e.isBadInput() && e.getMessage().contains("fat_chi_ppm"), e.getMessage());
    }

    @Test
    void measurementsGiveQuartilesAndBlandAltmanPerRegion() throws OperatorException {
        // labels: 1 1 1 1 1 2 2 0 ; region 1 has 5 voxels, region 2 has 2
        Volume<FloatType> labels = volume(8, 1, 1, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 1, 2, 2, 0);
        // LIC_R2*  region 1: 4 4 6 8 NaN ; LIC_QSM region 1: 5 6 9 14 3 → pairs (5,4) (6,4) (9,6) (14,8): d = 1 2 3 6
        Volume<FloatType> licR = volume(8, 1, 1, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, 4, 4, 6, 8, NAN, 1, 1, 99);
        Volume<FloatType> licQ = volume(8, 1, 1, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, 5, 6, 9, 14, 3, 2, 4, 99);
        OperatorHarness c = OperatorHarness.of(new LiverMeasurementsOperator())
                .input(LiverMeasurementsOperator.LABELS, labels)
                .input(LiverMeasurementsOperator.LIC_R2STAR, licR)
                .input(LiverMeasurementsOperator.LIC_QSM, licQ)
                .set(LiverMeasurementsOperator.LABEL_NAMES, "1=liver, 2=spleen")
                .run();
        Table t = c.output(LiverMeasurementsOperator.MEASUREMENTS);
        assertEquals(2, t.rowCount());
        assertEquals("liver", t.text(0, "name"));
        assertEquals(5, t.number(0, "n"), 0);
        // LIC_R2* region 1 sorted 4 4 6 8 (1 NaN): h = 0.75 → 4; h = 2.25 → 6 + 0.25·2 = 6.5; median 5
        assertEquals(4, t.number(0, "lic_r2star_n"), 0);
        assertEquals(1, t.number(0, "lic_r2star_n_nan"), 0);
        assertEquals(5.0, t.number(0, "lic_r2star_median"), 1e-12);
        assertEquals(4.0, t.number(0, "lic_r2star_q1"), 1e-12);
        assertEquals(6.5, t.number(0, "lic_r2star_q3"), 1e-12);
        assertEquals(2.5, t.number(0, "lic_r2star_iqr"), 1e-12);
        // differences 1 2 3 6: bias 3, SD √(14/3), median 2.5, limits 3 ± 1.96·2.16025
        assertEquals(4, t.number(0, "lic_diff_n"), 0);
        assertEquals(1, t.number(0, "lic_diff_n_nan"), 0);
        assertEquals(2.5, t.number(0, "lic_diff_median"), 1e-12);
        assertEquals(3.0, t.number(0, "ba_bias"), 1e-12);
        assertEquals(Math.sqrt(14.0 / 3), t.number(0, "ba_sd"), 1e-12);
        assertEquals(3 + 1.96 * Math.sqrt(14.0 / 3), t.number(0, "ba_loa_upper"), 1e-12);
        // region 2 ("spleen"): d = 1, 3 → bias 2, SD √2
        assertEquals("spleen", t.text(1, "name"));
        assertEquals(2.0, t.number(1, "ba_bias"), 1e-12);
        assertEquals(Math.sqrt(2), t.number(1, "ba_sd"), 1e-12);
        assertEquals(
                PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT,
                t.columns().get(t.columnIndex("ba_bias")).unit());
    }

    @Test
    void infiniteVoxelsAreLeftOutOfTheMedianAndSaidInAWarning() throws OperatorException {
        Volume<FloatType> labels = volume(5, 1, 1, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 1);
        Volume<FloatType> chi =
                volume(5, 1, 1, PhysicalUnit.PPM, 0.1f, 0.2f, 0.3f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        OperatorHarness c = OperatorHarness.of(new LiverMeasurementsOperator())
                .input(LiverMeasurementsOperator.LABELS, labels)
                .input(LiverMeasurementsOperator.CHI, chi)
                .run();
        Table t = c.output(LiverMeasurementsOperator.MEASUREMENTS);
        assertEquals(3, t.number(0, "chi_n"), 0);
        assertEquals(0, t.number(0, "chi_n_nan"), 0);
        assertEquals(0.2, t.number(0, "chi_median"), 1e-7);
        assertTrue(
                c.warnings().stream().anyMatch(w -> w.startsWith("chi in label 1: 2 voxels hold ±∞")),
                c.warnings().toString());
    }

    @Test
    void measurementsRefuseBadLabelNamesAndMissingMaps() {
        Volume<FloatType> labels = volume(2, 1, 1, PhysicalUnit.DIMENSIONLESS, 1, 0);
        Volume<FloatType> pdff = volume(2, 1, 1, PhysicalUnit.PERCENT, 5, 0);
        OperatorException names =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LiverMeasurementsOperator())
                        .input(LiverMeasurementsOperator.LABELS, labels)
                        .input(LiverMeasurementsOperator.PDFF, pdff)
                        .set(LiverMeasurementsOperator.LABEL_NAMES, "liver")
                        .run());
        assertTrue(names.getMessage().startsWith("parameter 'label_names'"), names.getMessage());
        OperatorException none =
                assertThrows(OperatorException.class, () -> OperatorHarness.of(new LiverMeasurementsOperator())
                        .input(LiverMeasurementsOperator.LABELS, labels)
                        .run());
        assertTrue(none.getMessage().contains("connect at least one"), none.getMessage());
    }

    @Test
    void abdomenPhantomOperatorMakesTheProtocolAndTruthAsked() throws Exception {
        OperatorHarness c = OperatorHarness.of(new AbdomenPhantomOperator())
                .set(AbdomenPhantomOperator.FIELD_STRENGTH, 3.0)
                .set(AbdomenPhantomOperator.ECHOES, 8L)
                .set(AbdomenPhantomOperator.TE1, 1.1)
                .set(AbdomenPhantomOperator.DELTA_TE, 0.8)
                .set(AbdomenPhantomOperator.LIC_RIGHT, 10.0)
                .set(AbdomenPhantomOperator.SNR, 0.0)
                .run();
        MultiEchoGre gre = c.output(AbdomenPhantomOperator.GRE);
        assertEquals(8, gre.echoCount());
        assertEquals(3.0, gre.acquisition().fieldStrengthTesla(), 0);
        assertEquals(1.1e-3 + 7 * 0.8e-3, gre.acquisition().echoTimes().seconds(7), 1e-12, "TE8 = TE1 + 7 ΔTE");
        float[] lic = floats(c.output(AbdomenPhantomOperator.LIC));
        float[] labels = floats(c.output(AbdomenPhantomOperator.LABELS));
        float[] r2 = floats(c.output(AbdomenPhantomOperator.R2STAR));
        int right = 0;
        for (int n = 0; n < lic.length; n++) {
            if (labels[n] == 1) {
                right++;
                assertEquals(10f, lic[n], 0f);
                // Wood 2005: R2* = (LIC − 0.202)/0.0254 at 1.5 T, ×2 at 3 T (R2* ∝ B0 in the phantom)
                assertEquals(2 * (10 - 0.202) / 0.0254, r2[n], 0.05);
            }
        }
        assertTrue(right > 1000, "right-lobe voxels: " + right);
        assertEquals(
                PhysicalUnit.HERTZ, c.output(AbdomenPhantomOperator.FIELDMAP).unit());
        assertTrue(String.join("\n", c.logLines()).contains("1=liver right lobe"), String.join("\n", c.logLines()));
    }

    @Test
    void abdomenPhantomOperatorRefusesACalibrationItCannotInvert() {
        // the phantom's R2* is defined at 1.5 T: a 3 T calibration is not among the choices
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OperatorHarness.of(new AbdomenPhantomOperator())
                        .set(AbdomenPhantomOperator.CALIBRATION, "storey-2007-wood-2005-3t")
                        .run());
        assertTrue(e.getMessage().contains("expected one of [wood-2005-1.5t"), e.getMessage());
    }
}
