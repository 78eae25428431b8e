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

/**
 * How LIC responds to transfusion and chelation across patients: ordinary least squares of the annual LIC change on
 * the transfusional iron intake and the chelator dose.
 *
 * <p>Model, for patients i = 1…n: ΔLICᵢ = β₀ + β₁·Iᵢ + β₂·Dᵢ + εᵢ, with ΔLIC the annual LIC change (mg Fe/g dw per
 * year, {@link LicChange}), I the transfusional iron intake (mg Fe/kg/day, {@link TransfusionalIron#mgPerKgPerDay})
 * and D the chelator dose (mg/kg/day) of one drug, εᵢ independent with equal variance σ². Estimates
 * β̂ = (XᵀX)⁻¹Xᵀy with X = [1, I, D]; σ̂² = RSS / (n − 3); standard errors √(σ̂² · [(XᵀX)⁻¹]ⱼⱼ); R² = 1 − RSS/TSS
 * (TSS about the mean of ΔLIC). The same model as the dose–response analyses of deferasirox (Cohen AR et al., Blood
 * 2008;111:583–587: LIC change depends on iron intake and dose); β₂ &lt; 0 is the LIC lowered per mg/kg/day of drug.
 *
 * @param coefficients    β₀ (mg/g dw per year), β₁ ((mg/g dw per year) per (mg/kg/day) iron), β₂ (per mg/kg/day drug)
 * @param standardErrors  their standard errors (NaN when n = 3)
 * @param rSquared        coefficient of determination
 * @param n               patients
 */
public record IronBalanceRegression(double[] coefficients, double[] standardErrors, double rSquared, int n) {

    private static final int P = 3;

    /**
     * Fits the model.
     *
     * @param annualLicChange              ΔLIC per patient, mg Fe/g dw per year
     * @param ironIntakeMgPerKgPerDay      transfusional iron per patient, mg/kg/day
     * @param chelatorDoseMgPerKgPerDay    chelator dose per patient, mg/kg/day
     * @throws IllegalArgumentException if the lengths differ, n &lt; 3, a value is not finite, or the two predictors
     *                                  (with the intercept) are collinear
     */
    public static IronBalanceRegression fit(
            double[] annualLicChange, double[] ironIntakeMgPerKgPerDay, double[] chelatorDoseMgPerKgPerDay) {
        int n = annualLicChange.length;
        if (ironIntakeMgPerKgPerDay.length != n || chelatorDoseMgPerKgPerDay.length != n) {
            throw new IllegalArgumentException("one annual LIC change, iron intake and chelator dose per patient: got "
                    + n + ", " + ironIntakeMgPerKgPerDay.length + " and " + chelatorDoseMgPerKgPerDay.length);
        }
        if (n < P) {
            throw new IllegalArgumentException(
                    "the regression has 3 coefficients and needs at least 3 patients, got " + n);
        }
        double[][] xtx = new double[P][P];
        double[] xty = new double[P];
        for (int i = 0; i < n; i++) {
            double[] row = {1, ironIntakeMgPerKgPerDay[i], chelatorDoseMgPerKgPerDay[i]};
            if (!Double.isFinite(annualLicChange[i]) || !Double.isFinite(row[1]) || !Double.isFinite(row[2])) {
                throw new IllegalArgumentException("patient " + (i + 1) + " has a value that is not a finite number");
            }
            for (int a = 0; a < P; a++) {
                xty[a] += row[a] * annualLicChange[i];
                for (int b = 0; b < P; b++) {
                    xtx[a][b] += row[a] * row[b];
                }
            }
        }
        double[][] inverse = invert(xtx);
        double[] beta = new double[P];
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                beta[a] += inverse[a][b] * xty[b];
            }
        }
        double mean = 0;
        for (double y : annualLicChange) {
            mean += y / n;
        }
        double rss = 0;
        double tss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = beta[0] + beta[1] * ironIntakeMgPerKgPerDay[i] + beta[2] * chelatorDoseMgPerKgPerDay[i];
            rss += (annualLicChange[i] - fitted) * (annualLicChange[i] - fitted);
            tss += (annualLicChange[i] - mean) * (annualLicChange[i] - mean);
        }
        double sigma2 = n > P ? rss / (n - P) : Double.NaN;
        double[] se = new double[P];
        for (int a = 0; a < P; a++) {
            se[a] = Math.sqrt(sigma2 * inverse[a][a]);
        }
        return new IronBalanceRegression(beta, se, tss > 0 ? 1 - rss / tss : Double.NaN, n);
    }

    /** The inverse of a symmetric 3×3 matrix by cofactors (adjugate / determinant). */
    private static double[][] invert(double[][] m) {
        double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
        double c01 = -(m[1][0] * m[2][2] - m[1][2] * m[2][0]);
        double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
        double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
        double scale = Math.abs(m[0][0] * m[1][1] * m[2][2]);
        if (!(Math.abs(det) > 1e-12 * Math.max(scale, 1e-300))) {
            throw new IllegalArgumentException(
                    "iron intake and chelator dose are collinear across patients (or one is constant):"
                            + " their effects cannot be separated");
        }
        double c11 = m[0][0] * m[2][2] - m[0][2] * m[2][0];
        double c12 = -(m[0][0] * m[2][1] - m[0][1] * m[2][0]);
        double c22 = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double c10 = -(m[0][1] * m[2][2] - m[0][2] * m[2][1]);
        double c20 = m[0][1] * m[1][2] - m[0][2] * m[1][1];
        double c21 = -(m[0][0] * m[1][2] - m[0][2] * m[1][0]);
        return new double[][] {
            {c00 / det, c10 / det, c20 / det},
            {c01 / det, c11 / det, c21 / det},
            {c02 / det, c12 / det, c22 / det}
        };
    }

    /** β₀, β₁, β₂ (a copy). */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Standard errors of β₀, β₁, β₂ (a copy). */
    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }
}
