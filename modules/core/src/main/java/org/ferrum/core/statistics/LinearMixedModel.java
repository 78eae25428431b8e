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

import java.util.List;

/**
 * A linear mixed-effects model y = Xβ + Zb + ε with per-group random effects b<sub>g</sub> ~ N(0, G) and residuals
 * ε ~ N(0, σ²I), fitted by restricted maximum likelihood (REML; Patterson &amp; Thompson 1971, Laird &amp; Ware 1982).
 *
 * <p>Contract of {@link #fitReml}: rows i = 0..n−1 carry the response {@code y[i]}, fixed-effect covariates
 * {@code x[i][0..p−1]} (include a column of ones for the intercept), random-effect covariates {@code z[i][0..q−1]}
 * (q = 1: random intercept, z = 1; q = 2: random intercept and slope, z = (1, t)) and a group (subject) id; G is an
 * unrestricted q × q covariance (positive semi-definite). The estimates maximise the REML log-likelihood; β̂ is the
 * generalised least-squares estimate given the fitted (G, σ²) and its covariance (XᵀV⁻¹X)⁻¹, the quantities
 * statsmodels {@code MixedLM(..., re_formula="~t").fit(reml=True)} and lme4 {@code lmer(y ~ ... + (t | id))} report.
 * Confidence intervals are Wald intervals β̂ ± z<sub>0.975</sub>·SE (as statsmodels reports them). A fit that does not
 * converge says so ({@link Fit#converged()} false, with the reason) rather than returning a silent estimate.
 */
public final class LinearMixedModel {

    private LinearMixedModel() {}

    /**
     * The data of one model.
     *
     * @param y           response per row
     * @param x           fixed-effect design, n × p (row-major)
     * @param fixedNames  names of the p fixed-effect columns, e.g. {@code ["intercept", "years", "ferritin"]}
     * @param z           random-effect design, n × q, q = 1 or 2
     * @param randomNames names of the q random-effect columns, e.g. {@code ["intercept", "years"]}
     * @param group       group (subject) of each row; any ints, rows of a group need not be adjacent
     */
    public record Data(
            double[] y, double[][] x, List<String> fixedNames, double[][] z, List<String> randomNames, int[] group) {}

    /**
     * A fitted model.
     *
     * @param fixedNames              as in the data
     * @param beta                    fixed effects β̂
     * @param standardErrors          SE of each β̂ (square roots of the diagonal of (XᵀV̂⁻¹X)⁻¹)
     * @param betaCovariance          (XᵀV̂⁻¹X)⁻¹, p × p
     * @param randomCovariance        Ĝ, q × q
     * @param residualVariance        σ̂²
     * @param restrictedLogLikelihood the maximised REML log-likelihood (the constant included, as statsmodels and lme4)
     * @param groups                  number of groups
     * @param observations            number of rows
     * @param converged               whether the optimiser met its tolerance
     * @param iterations              optimiser iterations used
     * @param message                 how the fit ended, e.g. "converged (gradient 3e-9)" or why it did not
     */
    public record Fit(
            List<String> fixedNames,
            double[] beta,
            double[] standardErrors,
            double[][] betaCovariance,
            double[][] randomCovariance,
            double residualVariance,
            double restrictedLogLikelihood,
            int groups,
            int observations,
            boolean converged,
            int iterations,
            String message) {

        /** Index of the fixed effect named {@code name}; IllegalArgumentException naming it if there is none. */
        public int indexOf(String name) {
            int i = fixedNames.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("the model has no fixed effect '" + name + "' (" + fixedNames + ")");
            }
            return i;
        }

        /** The Wald 95 % interval β̂ ± z<sub>0.975</sub>·SE of fixed effect {@code name}. */
        public ConfidenceInterval confidenceInterval95(String name) {
            int i = indexOf(name);
            return ConfidenceInterval.around(beta[i], ConfidenceInterval.Z_975 * standardErrors[i]);
        }
    }

    /**
     * Fits the model by REML.
     *
     * @throws IllegalArgumentException naming what is wrong: ragged or empty designs, non-finite values, fewer
     *     groups than random effects, a rank-deficient X
     */
    public static Fit fitReml(Data data) {
        throw new UnsupportedOperationException("issue 18: LinearMixedModel.fitReml is being written");
    }
}
