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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmpiricalRocTest {

    // 7 diseased, 9 non-diseased units with ties within and across the classes. Reference values from R 4.2.2 with
    // pROC 1.18.0 (Debian r-cran-proc), direction "<":
    //   truth <- c(1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0)
    //   s1 <- c(0.9,0.8,0.8,0.7,0.55,0.4,0.3, 0.8,0.6,0.5,0.4,0.35,0.3,0.2,0.1,0.1)
    //   s2 <- c(5,4,3,3,2,2,1, 3,2,3,1,4,1,2,2,0)
    //   auc(r1) 0.793650793651, var(r1, method="delong") 0.0134532207944906, ci.auc 0.56631845172-1
    //   auc(r2) 0.674603174603, var(r2, ...) 0.0190381708238851, ci.auc 0.404169542743-0.945036806464
    //   cov(r1, r2, method="delong") 0.011442848744436
    //   roc.test(r1, r2, method="delong", paired=TRUE): Z = 1.21466449526837, p = 0.224494079318467
    private static final boolean[] TRUTH = {
        true, true, true, true, true, true, true, false, false, false, false, false, false, false, false, false
    };
    private static final double[] S1 = {0.9, 0.8, 0.8, 0.7, 0.55, 0.4, 0.3, 0.8, 0.6, 0.5, 0.4, 0.35, 0.3, 0.2, 0.1, 0.1
    };
    private static final double[] S2 = {5, 4, 3, 3, 2, 2, 1, 3, 2, 3, 1, 4, 1, 2, 2, 0};

    @Test
    void deLongMatchesPRoc() {
        EmpiricalRoc r1 = EmpiricalRoc.independent(S1, TRUTH);
        EmpiricalRoc r2 = EmpiricalRoc.independent(S2, TRUTH);
        assertEquals(0.793650793651, r1.auc(), 1e-12);
        assertEquals(0.0134532207944906, r1.standardError() * r1.standardError(), 1e-14);
        assertEquals(0.56631845172, r1.interval().lower(), 1e-10);
        assertEquals(1.0, r1.interval().upper());
        assertEquals(0.674603174603, r2.auc(), 1e-12);
        assertEquals(0.0190381708238851, r2.standardError() * r2.standardError(), 1e-14);
        assertEquals(0.404169542743, r2.interval().lower(), 1e-10);
        assertEquals(0.945036806464, r2.interval().upper(), 1e-10);
        EmpiricalRoc.Comparison c = r1.compare(r2);
        // var(A1 − A2) = var1 + var2 − 2 cov = 0.0134532207944906 + 0.0190381708238851 − 2 · 0.011442848744436
        assertEquals(
                Math.sqrt(0.0134532207944906 + 0.0190381708238851 - 2 * 0.011442848744436), c.standardError(), 1e-12);
        assertEquals(1.21466449526837, c.z(), 1e-9);
        assertEquals(0.224494079318467, c.p(), 1e-6); // A&S 7.1.26 erfc: |error| < 1.5e-7
    }

    @Test
    void curvePointsMatchPRocCoordinates() {
        // coords(r1, "all", ret = c("specificity", "sensitivity")) from pROC, as (1 − specificity, sensitivity),
        // from the strictest threshold to the most lenient.
        double[][] expected = {
            {0, 0}, {0, 1.0 / 7}, {1.0 / 9, 3.0 / 7}, {1.0 / 9, 4.0 / 7}, {2.0 / 9, 4.0 / 7}, {2.0 / 9, 5.0 / 7},
            {3.0 / 9, 5.0 / 7}, {4.0 / 9, 6.0 / 7}, {5.0 / 9, 6.0 / 7}, {6.0 / 9, 1}, {7.0 / 9, 1}, {1, 1}
        };
        List<EmpiricalRoc.Point> curve = EmpiricalRoc.independent(S1, TRUTH).curve();
        assertEquals(expected.length, curve.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], curve.get(i).falsePositiveFraction(), 1e-12, "point " + i);
            assertEquals(expected[i][1], curve.get(i).truePositiveFraction(), 1e-12, "point " + i);
        }
    }

    @Test
    void obuchowskiClusteredVarianceByHand() {
        // Patient 0: metastatic 0.9, benign 0.2. Patient 1: metastatic 0.6 and 0.4, benign 0.5. Patient 2: benign 0.3
        // and 0.4. Nx = 3, Ny = 4, I = 3, I10 = 2, I01 = 3.
        // V10: 0.9 → 4/4, 0.6 → 4/4, 0.4 → (1 + 0 + 1 + ½)/4 = 5/8; A = (1 + 1 + 5/8)/3 = 7/8.
        // V01: 0.2 → 1, 0.5 → 2/3, 0.3 → 1, 0.4 → (1 + 1 + ½)/3 = 5/6.
        // Per patient: V10ᵢ = 1, 13/8, 0 (m = 1, 2, 0); V01ᵢ = 1, 2/3, 11/6 (n = 1, 1, 2).
        // Residuals V10ᵢ − mᵢA = 1/8, −1/8, 0; V01ᵢ − nᵢA = 1/8, −5/24, 1/12.
        // S10 = 2/(1·3) · (1/64 + 1/64) = 1/48; S01 = 3/(2·4) · (1/64 + 25/576 + 1/144) = 19/768;
        // S11 = 3/2 · (1/64 + 5/192 + 0) = 1/16; var = S10/3 + S01/4 + 2 S11/12 = 217/9216 = 0.0235460069…
        double[] score = {0.9, 0.2, 0.6, 0.4, 0.5, 0.3, 0.4};
        boolean[] truth = {true, false, true, true, false, false, false};
        int[] patient = {0, 0, 1, 1, 1, 2, 2};
        EmpiricalRoc roc = EmpiricalRoc.clustered(score, truth, patient);
        assertEquals(7.0 / 8, roc.auc(), 1e-15);
        assertEquals(217.0 / 9216, roc.standardError() * roc.standardError(), 1e-15);
    }

    /**
     * The same 16 units in 6 patients, two scores: reference from the iMRMC R function {@code doAUCcluster}
     * (DIDSR/iMRMC, an adaptation of Obuchowski's own {@code funcs_clusteredROC.R}, Cleveland Clinic), run in R 4.2.2
     * with clusterID = c(1,1,2,2,3,4,5, 1,1,2,3,3,4,5,5,6): var₁ 0.00328149736420982, var₂ 0.01337901331692499,
     * cov −0.00015701333863519, z 0.91373811417165629, p 0.36085447157633710. (With clusterID = 1:16 the same function
     * gives pROC's DeLong numbers above.)
     */
    @Test
    void clusteredComparisonMatchesObuchowskisFunction() {
        int[] patient = {0, 0, 1, 1, 2, 3, 4, 0, 0, 1, 2, 2, 3, 4, 4, 5};
        EmpiricalRoc r1 = EmpiricalRoc.clustered(S1, TRUTH, patient);
        EmpiricalRoc r2 = EmpiricalRoc.clustered(S2, TRUTH, patient);
        assertEquals(0.00328149736420982, r1.standardError() * r1.standardError(), 1e-15);
        assertEquals(0.01337901331692499, r2.standardError() * r2.standardError(), 1e-15);
        EmpiricalRoc.Comparison c = r1.compare(r2);
        assertEquals(
                0.00328149736420982 + 0.01337901331692499 + 2 * 0.00015701333863519,
                c.standardError() * c.standardError(),
                1e-15);
        assertEquals(0.91373811417165629, c.z(), 1e-12);
        assertEquals(0.36085447157633710, c.p(), 1e-6);
    }

    @Test
    void oneUnitPerClusterIsDeLong() {
        int[] own = new int[TRUTH.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = own.length - 1 - i; // any labelling, one unit each
        }
        EmpiricalRoc clustered = EmpiricalRoc.clustered(S1, TRUTH, own);
        assertEquals(0.0134532207944906, clustered.standardError() * clustered.standardError(), 1e-14);
    }

    @Test
    void comparisonNeedsTheSameUnits() {
        EmpiricalRoc a = EmpiricalRoc.independent(S1, TRUTH);
        boolean[] other = TRUTH.clone();
        other[0] = false;
        EmpiricalRoc b = EmpiricalRoc.independent(S2, other);
        assertThrows(IllegalArgumentException.class, () -> a.compare(b));
        assertTrue(Double.isNaN(EmpiricalRoc.independent(new double[] {1, 2}, new boolean[] {true, true})
                .auc()));
    }

    /**
     * Coverage with nodes clustered in patients: a metastatic node scores e + 1 + dᵢ, a benign one e, with e ~ N(0, 1)
     * per node and a patient-specific separation dᵢ ~ N(0, 1) shared by the patient's metastatic nodes (some tumours
     * show better than others), so the placements of one patient's nodes are correlated. Any metastatic-benign pair
     * differs by N(1, 3): the true area is Φ(1/√3). Prevalence differs between patients (10 % or 60 %), 2–11 nodes each,
     * 40 patients. The Obuchowski interval should cover about 95 %; DeLong's, which takes the nodes as independent,
     * clearly less.
     */
    @Test
    void clusteredAucIntervalCovers() {
        SplittableRandom random = new SplittableRandom(1997);
        int replications = 300;
        int patients = 40;
        double truthAuc = phi(1 / Math.sqrt(3));
        int obuchowski = 0;
        int deLong = 0;
        for (int r = 0; r < replications; r++) {
            int[] sizes = new int[patients];
            int units = 0;
            for (int i = 0; i < patients; i++) {
                sizes[i] = 2 + random.nextInt(10);
                units += sizes[i];
            }
            double[] score = new double[units];
            boolean[] truth = new boolean[units];
            int[] cluster = new int[units];
            int u = 0;
            for (int i = 0; i < patients; i++) {
                double separation = 1 + random.nextGaussian();
                double prevalence = random.nextBoolean() ? 0.1 : 0.6;
                for (int k = 0; k < sizes[i]; k++, u++) {
                    truth[u] = random.nextDouble() < prevalence;
                    score[u] = random.nextGaussian() + (truth[u] ? separation : 0);
                    cluster[u] = i;
                }
            }
            obuchowski +=
                    EmpiricalRoc.clustered(score, truth, cluster).interval().contains(truthAuc) ? 1 : 0;
            deLong += EmpiricalRoc.independent(score, truth).interval().contains(truthAuc) ? 1 : 0;
        }
        double o = (double) obuchowski / replications;
        double d = (double) deLong / replications;
        assertTrue(o >= 0.91 && o <= 0.98, "Obuchowski coverage " + o);
        assertTrue(d <= o - 0.04, "DeLong coverage " + d + " vs clustered " + o);
    }

    private static double phi(double z) {
        return StandardNormal.cdf(z);
    }
}
