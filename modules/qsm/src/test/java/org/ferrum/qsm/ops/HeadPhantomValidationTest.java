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
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.qsm.ops.PhantomScores.Score;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dipole inversion, and the whole chain from wrapped multi-echo phase, against the ground truth of the
 * numerical head ({@link HeadPhantom}: 96×96×64 voxels of 2 mm, 3 T, TE 4/12/20/28 ms, SNR 100), run through the
 * operators exactly as a pipeline runs them (padding, B0 from the acquisition, referencing).
 *
 * <p>Scores over the evaluation region E (the brain mask, or the mask the chain leaves after background removal),
 * both maps with their mean over E removed (χ is only defined up to a constant):
 * NRMSE = ‖(χ − χ̄) − (χ<sub>true</sub> − χ̄<sub>true</sub>)‖ / ‖χ<sub>true</sub> − χ̄<sub>true</sub>‖, and for each deep
 * grey nucleus the mean over its voxels relative to E's mean, against the same for the truth. Targets (issue 5):
 * NRMSE ≤ 30 % for TV, ≤ 40 % for TKD; the iron-rich deep grey nuclei within 10 % with TV. (For scale: the QSM
 * challenge 2.0 head phantom gives 26.5 % for its best TV-ADMM and 36 % for TKD.)
 *
 * <p>"From the local field" starts from the phantom's exact local field: it scores the inversion alone. "Chain"
 * starts from the noisy wrapped phase: ROMEO unwrapping, weighted echo combination, V-SHARP and the inversion.
 */
class HeadPhantomValidationTest {

    private static HeadPhantom straight;
    private static final PhantomScores SCORES = new PhantomScores();

    @BeforeAll
    static void generate() {
        straight = HeadPhantom.builder()
                .size(96, 96, 64)
                .voxelSize(2, 2, 2)
                .seed(11)
                .generate();
    }

    @AfterAll
    static void report() {
        System.out.println(SCORES.table(
                "χ against the head phantom's truth (NRMSE in E, mean removed; nuclei: mean − mean(E), ppm):", false));
    }

    @Test
    void totalVariationMeetsItsTargetsFromTheLocalField() throws OperatorException {
        Score s = fromLocalField("TV-ADMM from the local field", new TotalVariationAdmmOperator());
        assertTrue(s.nrmse() <= 0.30, "TV NRMSE " + s.nrmse());
        for (PhantomLabel l : PhantomScores.IRON_RICH) {
            assertTrue(
                    s.relativeError(l) <= 0.10,
                    "TV " + l + ": " + s.nucleus().get(l) + " vs " + s.truth().get(l));
        }
    }

    @Test
    void tkdMeetsItsTargetFromTheLocalField() throws OperatorException {
        Score s = fromLocalField("TKD from the local field", new ThresholdedKSpaceDivisionOperator());
        assertTrue(s.nrmse() <= 0.40, "TKD NRMSE " + s.nrmse());
    }

    @Test
    void tikhonovMediAndIlsqrFromTheLocalField() throws OperatorException {
        Score tik = fromLocalField("Tikhonov (gradient) from the local field", new ClosedFormTikhonovOperator());
        Score medi = fromLocalField("MEDI from the local field", new MorphologyEnabledDipoleInversionOperator());
        Score ilsqr = fromLocalField("iLSQR from the local field", new IterativeLsqrOperator());
        assertTrue(tik.nrmse() <= 0.50, "Tikhonov NRMSE " + tik.nrmse());
        assertTrue(medi.nrmse() <= 0.40, "MEDI NRMSE " + medi.nrmse());
        assertTrue(ilsqr.nrmse() <= 0.60, "iLSQR NRMSE " + ilsqr.nrmse());
    }

    @Test
    void theWholeChainFromWrappedPhaseGivesAUsableMap() throws OperatorException {
        Score vsharp = chain("chain: ROMEO, fit, V-SHARP, TV", new VSharpOperator());
        Score pdf = chain("chain: ROMEO, fit, PDF, TV", new ProjectionOntoDipoleFieldsOperator());
        Score lbv = chain("chain: ROMEO, fit, LBV, TV", new LaplacianBoundaryValueOperator());
        Score resharp = chain("chain: ROMEO, fit, RESHARP, TV", new ResharpOperator());
        // Background removal on a brain that borders air sinuses is the weakest link of every QSM chain; the bounds
        // guard against a broken stage (wrong sign, unit, unwrapping failure), the figures are in the report.
        // measured: V-SHARP 67 % (79 % with the former 12 mm largest radius), PDF 47 %, LBV 57 %, RESHARP 47 %
        // (V-SHARP's errors sit in the cortex next to the
        // sinuses and skull; the deep grey nuclei are within 30 % with every method but V-SHARP's
        // caudate/putamen/thalamus)
        for (Score s : List.of(pdf, lbv, resharp)) {
            assertTrue(s.nrmse() <= 0.65, "chain NRMSE " + s.nrmse());
            for (PhantomLabel l :
                    List.of(PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS)) {
                assertTrue(
                        s.relativeError(l) <= 0.20,
                        "chain " + l + ": " + s.nucleus().get(l) + " vs "
                                + s.truth().get(l));
            }
        }
        assertTrue(vsharp.nrmse() <= 0.90, "V-SHARP chain NRMSE " + vsharp.nrmse());
        for (PhantomLabel l :
                List.of(PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS)) {
            assertTrue(
                    vsharp.relativeError(l) <= 0.20,
                    "V-SHARP chain " + l + ": " + vsharp.nucleus().get(l) + " vs "
                            + vsharp.truth().get(l));
        }
    }

    private static Score chain(String name, Operator backgroundRemoval) throws OperatorException {
        return SCORES.chain(name, straight, backgroundRemoval);
    }

    private static Score fromLocalField(String name, Operator op) throws OperatorException {
        return SCORES.fromLocalField(name, straight, op);
    }
}
