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
package org.ferrum.core.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ferrum.core.statistics.DiagnosticAccuracy.Bootstrap;
import org.ferrum.core.statistics.DiagnosticAccuracy.Measure;
import org.junit.jupiter.api.Test;

class DiagnosticAccuracyTest {

    // Three patients' nodes (truth, call):
    //   patient 0: (1,1) (1,1) (0,0) (0,1)      TP 2, FP 1, TN 1, FN 0
    //   patient 1: (1,0) (0,0) (0,0)            TP 0, FP 0, TN 2, FN 1
    //   patient 2: (1,1) (0,0)                  TP 1, FP 0, TN 1, FN 0
    // Pooled: TP 3, FP 1, TN 4, FN 1, n 9. Sensitivity 3/4, specificity 4/5, PPV 3/4, NPV 4/5, accuracy 7/9.
    private static final int[] PATIENT = {0, 0, 0, 0, 1, 1, 1, 2, 2};
    private static final boolean[] TRUTH = {true, true, false, false, true, false, false, true, false};
    private static final boolean[] CALL = {true, true, false, true, false, false, false, true, false};

    @Test
    void countsAndMeasures() {
        DiagnosticAccuracy a = DiagnosticAccuracy.of(PATIENT, TRUTH, CALL);
        assertEquals(new DiagnosticAccuracy.Counts(3, 1, 4, 1), a.counts());
        assertEquals(3, a.clusters());
        assertEquals(0.75, a.estimate(Measure.SENSITIVITY).estimate());
        assertEquals(0.8, a.estimate(Measure.SPECIFICITY).estimate());
        assertEquals(0.75, a.estimate(Measure.PPV).estimate());
        assertEquals(0.8, a.estimate(Measure.NPV).estimate());
        assertEquals(7.0 / 9, a.estimate(Measure.ACCURACY).estimate());
        // Sensitivity: yᵢ = 2, 0, 1 of mᵢ = 2, 1, 1; residuals 2 − 1.5 = ½, 0 − ¾ = −¾, 1 − ¾ = ¼;
        // Σ r² = 1/4 + 9/16 + 1/16 = 7/8; var = 3/2 · 7/8 / 16 = 21/256.
        assertEquals(Math.sqrt(21.0 / 256), a.estimate(Measure.SENSITIVITY).standardError(), 1e-15);
        // Accuracy: yᵢ = 3, 2, 2 of 4, 3, 2; p = 7/9; residuals 3 − 28/9 = −1/9, 2 − 21/9 = −1/3, 2 − 14/9 = 4/9;
        // Σ r² = 1/81 + 9/81 + 16/81 = 26/81; var = 3/2 · 26/81 / 81 = 13/2187.
        assertEquals(Math.sqrt(13.0 / 2187), a.estimate(Measure.ACCURACY).standardError(), 1e-15);
    }

    @Test
    void bootstrapIsSeededAndBracketsTheEstimate() {
        DiagnosticAccuracy a = DiagnosticAccuracy.of(PATIENT, TRUTH, CALL);
        Map<Measure, Bootstrap> first = a.bootstrap(2000, 7);
        assertEquals(first, a.bootstrap(2000, 7));
        for (Measure m : Measure.values()) {
            Bootstrap b = first.get(m);
            assertTrue(
                    b.interval().lower() <= a.estimate(m).estimate()
                            && a.estimate(m).estimate() <= b.interval().upper(),
                    m + " " + b);
            assertTrue(b.used() <= 2000 && b.used() > 1500, m + " used " + b.used());
        }
        // Accuracy is defined in every resample (every patient has nodes); the smallest possible resample accuracy is
        // patient 1 thrice, 6/9, the largest patient 2 thrice, 1.
        assertEquals(2000, first.get(Measure.ACCURACY).used());
        assertTrue(first.get(Measure.ACCURACY).interval().lower() >= 6.0 / 9);
    }

    @Test
    void percentileIsTypeSeven() {
        // R: quantile(c(1, 2, 3, 4), c(0.025, 0.975)) = 1.075 3.925
        double[] v = {1, 2, 3, 4};
        assertEquals(1.075, DiagnosticAccuracy.percentile(v, 0.025), 1e-12);
        assertEquals(3.925, DiagnosticAccuracy.percentile(v, 0.975), 1e-12);
    }
}
