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
package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.qsm.ops.PhantomScores.Score;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.HeadPhantomBuilder;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue requirement "an oblique acquisition must give the same χ as a straight one", checked on the numerical head
 * ({@link HeadPhantom}, 96×96×72 voxels of 2 mm so that the brain fits the tilted boxes, 3 T, SNR 100, seed 11): the
 * same head acquired straight and tilted about L–R by 1°, 20° and 35° (B0 along patient S, so oblique to the tilted
 * grids), each with its physical fields ({@link HeadPhantom.FieldGrid#ALIGNED_WITH_B0}), run through the operators as
 * a pipeline runs them (B0 from the {@code gre} input's geometry).
 *
 * <p>Scores as in {@link HeadPhantomValidationTest}: NRMSE against the phantom's own truth over the evaluation region
 * E (means removed) and, for each deep grey nucleus, its mean relative to E's mean.
 *
 * <p>Two references. The straight phantom's field is made by the very kernel the inversions use on the very same
 * grid (an inverse crime, harmless there because that kernel is right for B0 along an axis), so its NRMSE is
 * optimistic. The 1° phantom is numerically straight for the pipeline (B0 0.017 off the axis) but its field is made
 * on a different lattice and resampled, like the 20° and 35° ones: it separates the cost of honest data (a field not
 * made by the inversion's own model) from the cost of obliquity.
 *
 * <p>Criteria. Nuclei: the change of each iron-rich nucleus from straight to oblique must follow the change of its
 * truth (partial volumes of these small structures differ with the orientation; the substantia nigra's truth moves by
 * 14 % at 20°): |(χ<sub>obl</sub> − χ<sub>str</sub>) − (t<sub>obl</sub> − t<sub>str</sub>)| ≤ 10 % of
 * |t<sub>str</sub>|. NRMSE: the oblique NRMSE within 3 points of the 1° control (5 for the whole chain).
 *
 * <p>Measured (NRMSE; straight / 1° / 20° / 35°): TV from the local field 14.6 / 19.0 / 20.3 / 21.9 %, TKD 28.8 /
 * 31.2 / 33.0 %, chain (ROMEO, echo fit, PDF, TV) 49.3 / 49.4 / 53.2 %; the iron-rich nuclei's change from straight
 * to oblique follows their truth's within 3.8 % (TV 20°), 4.8 % (TV 35°), 5.0 % (TKD 20°), 4.1 % (chain 20°). About 30 s on 2
 * cores (four phantoms, three chains).
 */
class ObliqueAcquisitionTest {

    private static HeadPhantom straight, tilted1, tilted20, tilted35;
    private static final PhantomScores SCORES = new PhantomScores();

    @BeforeAll
    static void generate() {
        HeadPhantomBuilder b =
                HeadPhantom.builder().size(96, 96, 72).voxelSize(2, 2, 2).seed(11);
        straight = b.generate();
        tilted1 = b.obliqueDegrees(1).generate();
        tilted20 = b.obliqueDegrees(20).generate();
        tilted35 = b.obliqueDegrees(35).generate();
    }

    @AfterAll
    static void report() {
        System.out.println(SCORES.table(
                "straight vs oblique (NRMSE against own truth; nuclei: mean − mean(E), ppm, error vs own truth):",
                true));
    }

    @Test
    void totalVariationGivesTheSameChiStraightAndOblique() throws OperatorException {
        Score s = fromLocalField("TV, straight", straight, new TotalVariationAdmmOperator());
        Score control = fromLocalField("TV, oblique 1° (control)", tilted1, new TotalVariationAdmmOperator());
        Score o20 = fromLocalField("TV, oblique 20°", tilted20, new TotalVariationAdmmOperator());
        Score o35 = fromLocalField("TV, oblique 35°", tilted35, new TotalVariationAdmmOperator());
        for (Score o : List.of(o20, o35)) {
            assertSameNuclei(s, o, 0.10);
            assertTrue(o.nrmse() <= control.nrmse() + 0.03, "oblique NRMSE " + o.nrmse() + " vs 1° " + control.nrmse());
            assertTrue(o.nrmse() <= 0.30, "oblique NRMSE above the TV target: " + o.nrmse());
        }
    }

    @Test
    void tkdGivesTheSameChiStraightAndOblique() throws OperatorException {
        Score s = fromLocalField("TKD, straight", straight, new ThresholdedKSpaceDivisionOperator());
        Score control = fromLocalField("TKD, oblique 1° (control)", tilted1, new ThresholdedKSpaceDivisionOperator());
        Score o = fromLocalField("TKD, oblique 20°", tilted20, new ThresholdedKSpaceDivisionOperator());
        assertSameNuclei(s, o, 0.10);
        assertTrue(o.nrmse() <= control.nrmse() + 0.03, "oblique NRMSE " + o.nrmse() + " vs 1° " + control.nrmse());
        assertTrue(o.nrmse() <= 0.40, "oblique NRMSE above the TKD target: " + o.nrmse());
    }

    @Test
    void theWholeChainGivesTheSameChiStraightAndOblique() throws OperatorException {
        Score s = chain("chain ROMEO/fit/PDF/TV, straight", straight);
        Score control = chain("chain ROMEO/fit/PDF/TV, oblique 1°", tilted1);
        Score o = chain("chain ROMEO/fit/PDF/TV, oblique 20°", tilted20);
        assertSameNuclei(s, o, 0.10);
        // the chain's background removal (PDF, sources outside the mask) sees more head in the corners of a tilted box
        assertTrue(o.nrmse() <= control.nrmse() + 0.05, "oblique NRMSE " + o.nrmse() + " vs 1° " + control.nrmse());
    }

    /**
     * The former phantom computed the oblique field with the sampled kernel on the oblique grid: that field is not the
     * physical one, and scoring TV on it is an inverse crime (the same kernel makes and inverts the data), which is why
     * the former validation could not see the kernel's error for oblique B0.
     */
    @Test
    void theFormerObliqueFieldIsNotThePhysicalOne() throws OperatorException {
        HeadPhantom former = HeadPhantom.builder()
                .size(96, 96, 72)
                .voxelSize(2, 2, 2)
                .seed(11)
                .obliqueDegrees(20)
                .fieldGrid(HeadPhantom.FieldGrid.ACQUISITION)
                .generate();
        float[] a = VolumeArrays.frame(former.localField(), 0), p = VolumeArrays.frame(tilted20.localField(), 0);
        float[] m = VolumeArrays.frame(tilted20.brainMask(), 0);
        double d2 = 0, p2 = 0, max = 0;
        for (int n = 0; n < a.length; n++) {
            if (m[n] != 0) {
                d2 += (a[n] - p[n]) * (double) (a[n] - p[n]);
                p2 += p[n] * (double) p[n];
                max = Math.max(max, Math.abs(a[n] - p[n]));
            }
        }
        double relative = Math.sqrt(d2 / p2);
        System.out.printf(
                Locale.ROOT,
                "oblique 20°: local field from the oblique grid's kernel vs physical: relative RMS "
                        + "difference %.3f, max %.4f ppm (brain)%n",
                relative,
                max);
        fromLocalField("TV, oblique 20°, former field", former, new TotalVariationAdmmOperator());
        // measured: 12.5 % RMS (max 0.052 ppm), and TV scored on it 15.4 % against 20.3 % on the physical field
        assertTrue(relative > 0.08, "the former oblique field should differ from the physical one: " + relative);
    }

    /** |(χ_obl − χ_str) − (t_obl − t_str)| ≤ tolerance · |t_str| for every iron-rich nucleus (see the class comment). */
    private static void assertSameNuclei(Score straightScore, Score oblique, double tolerance) {
        double worst = 0;
        PhantomLabel worstLabel = null;
        for (PhantomLabel l : PhantomScores.IRON_RICH) {
            double e = Math.abs((oblique.nucleus().get(l)
                                    - straightScore.nucleus().get(l))
                            - (oblique.truth().get(l) - straightScore.truth().get(l)))
                    / Math.abs(straightScore.truth().get(l));
            if (e > worst) {
                worst = e;
                worstLabel = l;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: iron-rich nuclei, change straight → oblique minus change of truth: at most %.1f %% (%s)%n",
                oblique.name(),
                100 * worst,
                worstLabel);
        for (PhantomLabel l : PhantomScores.IRON_RICH) {
            double s = straightScore.nucleus().get(l), o = oblique.nucleus().get(l);
            double ts = straightScore.truth().get(l), to = oblique.truth().get(l);
            assertTrue(
                    Math.abs((o - s) - (to - ts)) <= tolerance * Math.abs(ts),
                    l + ": oblique " + o + " (truth " + to + ") vs straight " + s + " (truth " + ts + ")");
        }
    }

    private static Score chain(String name, HeadPhantom phantom) throws OperatorException {
        return SCORES.chain(name, phantom, new ProjectionOntoDipoleFieldsOperator());
    }

    private static Score fromLocalField(String name, HeadPhantom phantom, Operator op) throws OperatorException {
        return SCORES.fromLocalField(name, phantom, op);
    }
}
