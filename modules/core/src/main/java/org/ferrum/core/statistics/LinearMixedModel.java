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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
     * @param iterations              optimiser iterations used (counted as evaluations of the REML criterion)
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

        /** The REML criterion −2ℓ<sub>R</sub> at the optimum, the figure lme4 prints as "REML criterion at convergence". */
        public double restrictedCriterion() {
            return -2 * restrictedLogLikelihood;
        }

        /**
         * Number of estimated parameters: p fixed effects, q(q+1)/2 entries of G and σ² (lme4's {@code df} of
         * {@code logLik}).
         */
        public int parameterCount() {
            int q = randomCovariance.length;
            return beta.length + q * (q + 1) / 2 + 1;
        }

        /** Akaike's criterion from the REML log-likelihood, −2ℓ<sub>R</sub> + 2·{@link #parameterCount()} (as lme4). */
        public double aic() {
            return -2 * restrictedLogLikelihood + 2 * parameterCount();
        }

        /** Correlation of the two random effects, G₁₂/√(G₁₁G₂₂); NaN for a random intercept only or a zero variance. */
        public double randomCorrelation() {
            if (randomCovariance.length < 2 || !(randomCovariance[0][0] > 0) || !(randomCovariance[1][1] > 0)) {
                return Double.NaN;
            }
            return randomCovariance[0][1] / Math.sqrt(randomCovariance[0][0] * randomCovariance[1][1]);
        }

        /**
         * Whether Ĝ lies on the boundary of the positive semi-definite matrices: a random-effect variance of zero or a
         * correlation of ±1 (rank q − 1 or less). Tested as in lme4's {@code isSingular}: a diagonal entry of the
         * relative Cholesky factor Λ (G = σ²ΛΛᵀ) below 1e-4.
         */
        public boolean singular() {
            int q = randomCovariance.length;
            double l11 = Math.sqrt(Math.max(0, randomCovariance[0][0]) / residualVariance);
            if (q == 1) {
                return l11 < SINGULAR_RELATIVE_SD;
            }
            double l21 = l11 > 0 ? randomCovariance[1][0] / residualVariance / l11 : 0;
            double l22 = Math.sqrt(Math.max(0, randomCovariance[1][1] / residualVariance - l21 * l21));
            return l11 < SINGULAR_RELATIVE_SD || l22 < SINGULAR_RELATIVE_SD;
        }
    }

    /**
     * Fits the model by REML.
     *
     * <p>Method (Bates, Mächler, Bolker &amp; Walker, J Stat Softw 2015;67(1), section 3): G = σ²ΛΛᵀ with Λ lower
     * triangular (relative covariance factor, θ its q(q+1)/2 free entries); for given θ the generalised least-squares
     * β̂(θ) and the penalised residual sum of squares r²(θ) are closed-form, σ̂²(θ) = r²/(n−p), and the profiled REML
     * criterion
     *
     * <pre>  −2ℓ<sub>R</sub>(θ) = Σ<sub>g</sub> log det(I + ΛᵀZ<sub>g</sub>ᵀZ<sub>g</sub>Λ) + log det(XᵀH<sub>θ</sub>X)
     *                 + (n−p)(1 + log(2π r²(θ)/(n−p))),   H<sub>θ</sub> = σ²V⁻¹ = I − ZΛ(I + ΛᵀZᵀZΛ)⁻¹ΛᵀZᵀ</pre>
     *
     * (their profiled REML criterion, with the Woodbury identity applied per group so that no n × n matrix is formed)
     * is minimised over θ only. θ is left unconstrained: the criterion depends on θ through ΛΛᵀ, which covers every
     * positive semi-definite G, so a minimum with a zero diagonal entry of Λ is a boundary (singular) fit reached
     * without bounds, and reported in {@link Fit#message()} and {@link Fit#singular()}. The optimiser is Nelder–Mead
     * (Nelder &amp; Mead 1965) to a loose tolerance from lme4's start Λ = I, then Newton steps on central-difference
     * derivatives until the step in θ is below 1e-6 (typically 1e-10; a derivative-free simplex alone stops near 1e-5,
     * too coarse for SEs that agree with other implementations to 1e-6); a second start and simplex restarts only if
     * that does not end at a stationary point. Columns of X and Z are scaled to unit root-mean-square inside
     * the fit for conditioning; the results are in the units of the data.
     *
     * @throws IllegalArgumentException naming what is wrong: ragged or empty designs, non-finite values, fewer
     *     groups than random effects, a rank-deficient X
     */
    public static Fit fitReml(Data data) {
        return fitReml(data, MAX_EVALUATIONS);
    }

    /** {@link #fitReml(Data)} with at most about {@code maxEvaluations} evaluations of the criterion. */
    static Fit fitReml(Data data, int maxEvaluations) {
        Problem problem = Problem.of(data);
        problem.maxEvaluations = maxEvaluations;
        return problem.fit();
    }

    /**
     * The cohort trend model of a measurement over time: fixed effects {@code intercept}, {@code years} and one per
     * covariate (in the map's iteration order — pass a {@link java.util.LinkedHashMap} to fix it), random intercept
     * and slope over years per subject, G unrestricted, fitted by REML ({@link #fitReml}). In lme4 notation
     * {@code y ~ years + covariates + (years | subject)}.
     *
     * @param y          the measurement per row (one row per subject and visit)
     * @param years      time of the visit in years (e.g. since the subject's baseline)
     * @param subject    subject id per row
     * @param covariates further fixed effects by name, each one value per row (may be empty)
     * @throws IllegalArgumentException if lengths differ, a covariate is named {@code intercept} or {@code years}, or
     *     as {@link #fitReml}
     */
    public static Fit randomSlopeOverTime(double[] y, double[] years, int[] subject, Map<String, double[]> covariates) {
        int n = y.length;
        if (years.length != n || subject.length != n) {
            throw new IllegalArgumentException("LinearMixedModel: y has " + n + " rows but years has " + years.length
                    + " and subject " + subject.length);
        }
        List<String> names = new ArrayList<>(List.of(INTERCEPT, YEARS));
        List<double[]> columns = new ArrayList<>();
        for (Map.Entry<String, double[]> e : covariates.entrySet()) {
            if (names.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "LinearMixedModel: covariate '" + e.getKey() + "' clashes with a fixed effect of the model");
            }
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("LinearMixedModel: covariate '" + e.getKey() + "' has "
                        + e.getValue().length + " values for " + n + " rows");
            }
            names.add(e.getKey());
            columns.add(e.getValue());
        }
        double[][] x = new double[n][names.size()];
        double[][] z = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            x[i][1] = years[i];
            for (int j = 0; j < columns.size(); j++) {
                x[i][2 + j] = columns.get(j)[i];
            }
            z[i][0] = 1;
            z[i][1] = years[i];
        }
        return fitReml(new Data(y, x, List.copyOf(names), z, List.of(INTERCEPT, YEARS), subject));
    }

    /** Name of the intercept column in {@link #randomSlopeOverTime}. */
    public static final String INTERCEPT = "intercept";

    /** Name of the time column (years) in {@link #randomSlopeOverTime}. */
    public static final String YEARS = "years";

    /** A diagonal entry of Λ (in the units of z) below this makes the fit singular; lme4's {@code isSingular} uses 1e-4. */
    static final double SINGULAR_RELATIVE_SD = 1e-4;

    /** Criterion evaluations a fit may use (a fit takes about 200; the budget only stops a pathological case). */
    static final int MAX_EVALUATIONS = 20_000;

    /**
     * The fit counts as converged when the last Newton step, |H⁻¹∇|∞ (an estimate of the distance to the stationary
     * point in θ, relative to max(1, |θ|)), is below this.
     */
    private static final double STEP_TOLERANCE = 1e-6;

    /**
     * The data reduced to what the criterion needs, per group: ZᵀZ, ZᵀX, Zᵀy (q×q, q×p, q) and the rows themselves
     * (for residuals computed directly rather than from cancelling sums of squares), all with scaled columns.
     */
    private static final class Problem {
        final int n, p, q, groups;
        final List<String> fixedNames;
        final double[] xScale, zScale;
        final double[] ys; // rows in group order
        final double[][] xs, zs; // scaled, rows in group order
        final int[] groupStart; // rows of group g are groupStart[g] .. groupStart[g+1]-1
        final double[][] ztz, ztx; // per group, row-major q×q and q×p
        final double[][] zty;
        final double[] xtx; // p×p row-major
        final double[] xty;
        final double logScaleDet; // 2 Σ log xScale: log det(XᵀHX) = log det(X'ᵀHX') + this
        // work space of evaluate (a Problem is used by one thread)
        final double[][] groupFactors;
        final double[] scratchU, scratchW, scratchM;
        int evaluations;
        int maxEvaluations = MAX_EVALUATIONS;

        private Problem(Data d, int n, int p, int q, int[] order, int[] groupStart) {
            this.n = n;
            this.p = p;
            this.q = q;
            this.groups = groupStart.length - 1;
            this.fixedNames = List.copyOf(d.fixedNames());
            this.groupStart = groupStart;
            xScale = columnRms(d.x(), p);
            zScale = columnRms(d.z(), q);
            ys = new double[n];
            xs = new double[n][p];
            zs = new double[n][q];
            for (int r = 0; r < n; r++) {
                int i = order[r];
                ys[r] = d.y()[i];
                for (int j = 0; j < p; j++) {
                    xs[r][j] = d.x()[i][j] / xScale[j];
                }
                for (int k = 0; k < q; k++) {
                    zs[r][k] = d.z()[i][k] / zScale[k];
                }
            }
            ztz = new double[groups][q * q];
            ztx = new double[groups][q * p];
            zty = new double[groups][q];
            xtx = new double[p * p];
            xty = new double[p];
            for (int g = 0; g < groups; g++) {
                for (int r = groupStart[g]; r < groupStart[g + 1]; r++) {
                    for (int k = 0; k < q; k++) {
                        for (int l = 0; l < q; l++) {
                            ztz[g][k * q + l] += zs[r][k] * zs[r][l];
                        }
                        for (int j = 0; j < p; j++) {
                            ztx[g][k * p + j] += zs[r][k] * xs[r][j];
                        }
                        zty[g][k] += zs[r][k] * ys[r];
                    }
                }
            }
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < p; j++) {
                    for (int l = 0; l < p; l++) {
                        xtx[j * p + l] += xs[r][j] * xs[r][l];
                    }
                    xty[j] += xs[r][j] * ys[r];
                }
            }
            double s = 0;
            for (double v : xScale) {
                s += 2 * Math.log(v);
            }
            logScaleDet = s;
            groupFactors = new double[groups][q * q];
            scratchU = new double[q * p];
            scratchW = new double[q];
            scratchM = new double[q * q];
        }

        static Problem of(Data d) {
            if (d == null || d.y() == null || d.x() == null || d.z() == null || d.group() == null) {
                throw new IllegalArgumentException("LinearMixedModel: y, x, z and group are all required");
            }
            int n = d.y().length;
            if (n == 0) {
                throw new IllegalArgumentException("LinearMixedModel: no rows");
            }
            if (d.x().length != n || d.z().length != n || d.group().length != n) {
                throw new IllegalArgumentException("LinearMixedModel: y has " + n + " rows but x has " + d.x().length
                        + ", z " + d.z().length + " and group " + d.group().length);
            }
            int p = d.fixedNames() == null ? -1 : d.fixedNames().size();
            int q = d.randomNames() == null ? -1 : d.randomNames().size();
            if (p < 1) {
                throw new IllegalArgumentException("LinearMixedModel: no fixed effects named (fixedNames is empty)");
            }
            if (q != 1 && q != 2) {
                throw new IllegalArgumentException("LinearMixedModel: " + q
                        + " random effects named; 1 (intercept) or 2 (intercept and slope) are supported");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(d.y()[i])) {
                    throw new IllegalArgumentException("LinearMixedModel: y of row " + i + " is " + d.y()[i]);
                }
                checkRow("x", d.x()[i], p, d.fixedNames(), i);
                checkRow("z", d.z()[i], q, d.randomNames(), i);
            }
            // rows grouped, groups in order of first appearance
            Map<Integer, Integer> index = new LinkedHashMap<>();
            for (int gid : d.group()) {
                index.putIfAbsent(gid, index.size());
            }
            int groups = index.size();
            int[] count = new int[groups + 1];
            for (int gid : d.group()) {
                count[index.get(gid) + 1]++;
            }
            for (int g = 0; g < groups; g++) {
                count[g + 1] += count[g];
            }
            int[] start = count.clone();
            int[] fill = count.clone();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[fill[index.get(d.group()[i])]++] = i;
            }
            if (groups < q) {
                throw new IllegalArgumentException("LinearMixedModel: " + groups + " group(s) for " + q
                        + " random effects per group; at least " + q + " groups are needed");
            }
            if (n <= groups * q) {
                throw new IllegalArgumentException("LinearMixedModel: " + n + " rows for " + groups * q
                        + " random effects (" + groups + " groups × " + q
                        + "): the random effects and the residual variance cannot be told apart");
            }
            if (n <= p) {
                throw new IllegalArgumentException(
                        "LinearMixedModel: " + n + " rows for " + p + " fixed effects: no residual degrees of freedom");
            }
            for (int k = 0; k < q; k++) {
                boolean zero = true;
                for (int i = 0; i < n && zero; i++) {
                    zero = d.z()[i][k] == 0;
                }
                if (zero) {
                    throw new IllegalArgumentException("LinearMixedModel: random-effect column '"
                            + d.randomNames().get(k) + "' is zero in every row");
                }
            }
            for (int j = 0; j < p; j++) {
                boolean zero = true;
                for (int i = 0; i < n && zero; i++) {
                    zero = d.x()[i][j] == 0;
                }
                if (zero) {
                    throw new IllegalArgumentException("LinearMixedModel: fixed-effect column '"
                            + d.fixedNames().get(j) + "' is zero in every row");
                }
            }
            Problem problem = new Problem(d, n, p, q, order, start);
            problem.checkRank();
            return problem;
        }

        private static void checkRow(String what, double[] row, int width, List<String> names, int i) {
            if (row == null || row.length != width) {
                throw new IllegalArgumentException("LinearMixedModel: row " + i + " of " + what + " has "
                        + (row == null ? 0 : row.length) + " columns for " + width + " names " + names);
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(
                            "LinearMixedModel: " + what + " '" + names.get(j) + "' of row " + i + " is " + row[j]);
                }
            }
        }

        private static double[] columnRms(double[][] m, int width) {
            double[] s = new double[width];
            for (double[] row : m) {
                for (int j = 0; j < width; j++) {
                    s[j] += row[j] * row[j];
                }
            }
            for (int j = 0; j < width; j++) {
                s[j] = Math.sqrt(s[j] / m.length);
            }
            return s;
        }

        /** Cholesky of the scaled XᵀX with a relative pivot test: a column that adds nothing is named. */
        private void checkRank() {
            double[] a = xtx.clone();
            for (int j = 0; j < p; j++) {
                double diag = a[j * p + j];
                for (int k = 0; k < j; k++) {
                    diag -= a[j * p + k] * a[j * p + k];
                }
                // columns have unit RMS, so XᵀX has diagonal n: a pivot below n·1e-10 means the column is (nearly)
                // a combination of the columns before it
                if (!(diag > n * 1e-10)) {
                    throw new IllegalArgumentException("LinearMixedModel: the fixed-effect design is rank-deficient: '"
                            + fixedNames.get(j) + "' is a linear combination of " + fixedNames.subList(0, j));
                }
                double l = Math.sqrt(diag);
                a[j * p + j] = l;
                for (int i = j + 1; i < p; i++) {
                    double v = a[i * p + j];
                    for (int k = 0; k < j; k++) {
                        v -= a[i * p + k] * a[j * p + k];
                    }
                    a[i * p + j] = v / l;
                }
            }
        }

        int thetaLength() {
            return q * (q + 1) / 2;
        }

        /** Λ (row-major q×q, lower triangular) from θ: q = 1: [θ₀]; q = 2: [[θ₀, 0], [θ₁, θ₂]]. */
        double[] lambda(double[] theta) {
            return q == 1 ? new double[] {theta[0]} : new double[] {theta[0], 0, theta[1], theta[2]};
        }

        /** The profiled REML criterion −2ℓ<sub>R</sub>(θ) (constant included); +∞ where it cannot be evaluated. */
        double deviance(double[] theta) {
            Evaluation e = evaluate(theta, false);
            return e == null ? Double.POSITIVE_INFINITY : e.deviance;
        }

        /** Everything at θ; {@code null} if XᵀHX is not positive definite or the residual vanishes. */
        Evaluation evaluate(double[] theta, boolean full) {
            evaluations++;
            double[] lam = lambda(theta);
            double[] a = xtx.clone();
            double[] b = xty.clone();
            double logDetM = 0;
            double[][] chol = groupFactors;
            double[] u = scratchU;
            double[] w = scratchW;
            double[] m = scratchM;
            for (int g = 0; g < groups; g++) {
                innerMatrix(lam, ztz[g], m);
                double[] l = chol[g];
                cholesky(m, q, l);
                for (int k = 0; k < q; k++) {
                    logDetM += 2 * Math.log(l[k * q + k]);
                }
                // U = L⁻¹ΛᵀZᵀX, w = L⁻¹ΛᵀZᵀy
                for (int k = 0; k < q; k++) {
                    for (int j = 0; j < p; j++) {
                        double v = 0;
                        for (int m2 = k; m2 < q; m2++) { // Λᵀ is upper triangular: (Λᵀ)[k][m2] = Λ[m2][k]
                            v += lam[m2 * q + k] * ztx[g][m2 * p + j];
                        }
                        u[k * p + j] = v;
                    }
                    double v = 0;
                    for (int m2 = k; m2 < q; m2++) {
                        v += lam[m2 * q + k] * zty[g][m2];
                    }
                    w[k] = v;
                }
                forward(l, q, u, p);
                forward(l, q, w, 1);
                for (int j = 0; j < p; j++) {
                    for (int jj = j; jj < p; jj++) { // upper triangle; mirrored below
                        double v = 0;
                        for (int k = 0; k < q; k++) {
                            v += u[k * p + j] * u[k * p + jj];
                        }
                        a[j * p + jj] -= v;
                    }
                    double v = 0;
                    for (int k = 0; k < q; k++) {
                        v += u[k * p + j] * w[k];
                    }
                    b[j] -= v;
                }
            }
            for (int j = 0; j < p; j++) {
                for (int jj = j + 1; jj < p; jj++) {
                    a[jj * p + j] = a[j * p + jj];
                }
            }
            double[] ra;
            try {
                ra = cholesky(a, p);
            } catch (ArithmeticException notPositive) {
                return null;
            }
            double logDetA = 0;
            for (int j = 0; j < p; j++) {
                logDetA += 2 * Math.log(ra[j * p + j]);
            }
            double[] beta = b.clone();
            forward(ra, p, beta, 1);
            backward(ra, p, beta);
            // r² = Σ_g eᵀe − |L⁻¹ΛᵀZᵀe|², from the residuals themselves
            double r2 = 0;
            double[] zte = new double[q];
            for (int g = 0; g < groups; g++) {
                java.util.Arrays.fill(zte, 0);
                for (int r = groupStart[g]; r < groupStart[g + 1]; r++) {
                    double e = ys[r];
                    for (int j = 0; j < p; j++) {
                        e -= xs[r][j] * beta[j];
                    }
                    r2 += e * e;
                    for (int k = 0; k < q; k++) {
                        zte[k] += zs[r][k] * e;
                    }
                }
                for (int k = 0; k < q; k++) {
                    double v = 0;
                    for (int m2 = k; m2 < q; m2++) {
                        v += lam[m2 * q + k] * zte[m2];
                    }
                    w[k] = v;
                }
                forward(chol[g], q, w, 1);
                for (int k = 0; k < q; k++) {
                    r2 -= w[k] * w[k];
                }
            }
            if (!(r2 > 0)) {
                return null;
            }
            int dof = n - p;
            double deviance = logDetM + logDetA + logScaleDet + dof * (1 + Math.log(2 * Math.PI * r2 / dof));
            Evaluation out = new Evaluation();
            out.deviance = deviance;
            if (full) {
                out.beta = beta;
                out.r2 = r2;
                out.cholA = ra;
            }
            return out;
        }

        /** I + ΛᵀSΛ (row-major q×q) into {@code m}. */
        private void innerMatrix(double[] lam, double[] s, double[] m) {
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    double v = 0;
                    for (int k = 0; k < q; k++) {
                        for (int l = 0; l < q; l++) {
                            v += lam[k * q + i] * s[k * q + l] * lam[l * q + j];
                        }
                    }
                    m[i * q + j] = v + (i == j ? 1 : 0);
                }
            }
        }

        /**
         * Nelder–Mead to a loose tolerance from lme4's start (Λ = I) and the Newton polish; only if that does not end
         * at a stationary point, a second start (Λ = 0.1·I) and restarts of the simplex at the best point so far.
         */
        Fit fit() {
            int k = thetaLength();
            double[][] starts = q == 1 ? new double[][] {{1}, {0.1}} : new double[][] {{1, 0, 1}, {0.1, 0, 0.1}};
            double[] best = null;
            double bestValue = Double.POSITIVE_INFINITY;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (double[] start : starts) {
                double[] x = start;
                double step = 0.5;
                for (int round = 0; round < 3 && evaluations < maxEvaluations; round++) {
                    double[] steps = new double[k];
                    for (int i = 0; i < k; i++) {
                        steps[i] = round == 0 ? step : Math.max(0.02, 0.05 * Math.abs(x[i]));
                    }
                    x = nelderMead(x, steps);
                    double distance = newtonPolish(x);
                    double fx = deviance(x);
                    if (fx < bestValue || (fx == bestValue && distance < bestDistance)) {
                        best = x.clone();
                        bestValue = fx;
                        bestDistance = distance;
                    }
                    if (distance <= STEP_TOLERANCE) {
                        break;
                    }
                }
                if (bestDistance <= STEP_TOLERANCE) {
                    break;
                }
            }
            if (best == null || !Double.isFinite(bestValue)) {
                throw new IllegalArgumentException(
                        "LinearMixedModel: the REML criterion cannot be evaluated (the residuals vanish: y is fitted exactly)");
            }
            boolean converged = bestDistance <= STEP_TOLERANCE;
            return assemble(best, converged, bestDistance);
        }

        private Fit assemble(double[] theta, boolean converged, double distance) {
            Evaluation e = evaluate(theta, true);
            int dof = n - p;
            double sigma2 = e.r2 / dof;
            // Cov(β̂) = σ̂² (XᵀHX)⁻¹, unscaled: β = β'/s, Cov = S⁻¹ Cov' S⁻¹
            double[] inv = inverseFromCholesky(e.cholA, p);
            double[][] cov = new double[p][p];
            double[] beta = new double[p];
            double[] se = new double[p];
            for (int i = 0; i < p; i++) {
                beta[i] = e.beta[i] / xScale[i];
                for (int j = 0; j < p; j++) {
                    cov[i][j] = sigma2 * inv[i * p + j] / (xScale[i] * xScale[j]);
                }
                se[i] = Math.sqrt(cov[i][i]);
            }
            double[] lam = lambda(theta);
            double[][] g = new double[q][q];
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    double v = 0;
                    for (int k = 0; k < q; k++) {
                        v += lam[i * q + k] * lam[j * q + k];
                    }
                    g[i][j] = sigma2 * v / (zScale[i] * zScale[j]);
                }
            }
            Fit probe = new Fit(fixedNames, beta, se, cov, g, sigma2, -e.deviance / 2, groups, n, converged, 0, "");
            boolean singular = probe.singular();
            double deviance = e.deviance;
            StringBuilder message = new StringBuilder();
            message.append(converged ? "converged" : "did not converge")
                    .append(String.format(
                            Locale.ROOT,
                            ": REML criterion %.6f, last Newton step in θ %.1e after %d evaluations",
                            deviance,
                            distance,
                            evaluations));
            if (!converged) {
                message.append(String.format(Locale.ROOT, " (above the tolerance %.0e", STEP_TOLERANCE))
                        .append(
                                evaluations >= maxEvaluations
                                        ? "; the budget of " + maxEvaluations + " evaluations is spent)"
                                        : "; no Newton step brings it closer)");
            }
            if (singular) {
                message.append("; boundary fit: Ĝ is singular (")
                        .append(q == 1 ? "random-intercept variance 0" : describeSingular(g))
                        .append(")");
            }
            return new Fit(
                    fixedNames,
                    beta,
                    se,
                    cov,
                    g,
                    sigma2,
                    -deviance / 2,
                    groups,
                    n,
                    converged,
                    evaluations,
                    message.toString());
        }

        private static String describeSingular(double[][] g) {
            if (g[0][0] <= 0 || g[1][1] <= 0) {
                return "a random-effect variance is 0";
            }
            double rho = g[0][1] / Math.sqrt(g[0][0] * g[1][1]);
            return String.format(Locale.ROOT, "random-effect correlation %.3f", rho);
        }

        /**
         * Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) to a simplex of range ≤ 1e-8·|f| and size
         * ≤ 1e-4: close enough for the Newton polish to take over.
         */
        private double[] nelderMead(double[] x0, double[] step) {
            int k = x0.length;
            double[][] s = new double[k + 1][];
            double[] f = new double[k + 1];
            s[0] = x0.clone();
            f[0] = deviance(s[0]);
            for (int i = 0; i < k; i++) {
                s[i + 1] = x0.clone();
                s[i + 1][i] += step[i];
                f[i + 1] = deviance(s[i + 1]);
            }
            int budget = Math.min(evaluations + 4000, maxEvaluations);
            while (evaluations < budget) {
                sortSimplex(s, f);
                double range = f[k] - f[0];
                double size = 0;
                for (int i = 1; i <= k; i++) {
                    for (int j = 0; j < k; j++) {
                        size = Math.max(size, Math.abs(s[i][j] - s[0][j]));
                    }
                }
                if (range <= 1e-8 * (1 + Math.abs(f[0])) && size <= 1e-4) {
                    break;
                }
                double[] centroid = new double[k];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        centroid[j] += s[i][j] / k;
                    }
                }
                double[] xr = along(centroid, s[k], -1);
                double fr = deviance(xr);
                if (fr < f[0]) {
                    double[] xe = along(centroid, s[k], -2);
                    double fe = deviance(xe);
                    if (fe < fr) {
                        s[k] = xe;
                        f[k] = fe;
                    } else {
                        s[k] = xr;
                        f[k] = fr;
                    }
                } else if (fr < f[k - 1]) {
                    s[k] = xr;
                    f[k] = fr;
                } else {
                    boolean outside = fr < f[k];
                    double[] xc = along(centroid, s[k], outside ? -0.5 : 0.5);
                    double fc = deviance(xc);
                    if (fc < (outside ? fr : f[k])) {
                        s[k] = xc;
                        f[k] = fc;
                    } else {
                        for (int i = 1; i <= k; i++) {
                            for (int j = 0; j < k; j++) {
                                s[i][j] = s[0][j] + 0.5 * (s[i][j] - s[0][j]);
                            }
                            f[i] = deviance(s[i]);
                        }
                    }
                }
            }
            sortSimplex(s, f);
            return s[0];
        }

        private static double[] along(double[] centroid, double[] worst, double t) {
            double[] x = new double[centroid.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = centroid[j] + t * (worst[j] - centroid[j]);
            }
            return x;
        }

        private static void sortSimplex(double[][] s, double[] f) {
            for (int i = 1; i < f.length; i++) {
                for (int j = i; j > 0 && f[j] < f[j - 1]; j--) {
                    double t = f[j];
                    f[j] = f[j - 1];
                    f[j - 1] = t;
                    double[] v = s[j];
                    s[j] = s[j - 1];
                    s[j - 1] = v;
                }
            }
        }

        /** Central-difference gradient; step 1e-4 balances truncation (h²) against rounding (1e-13·|f|/h). */
        private double[] gradient(double[] x) {
            int k = x.length;
            double[] g = new double[k];
            for (int i = 0; i < k; i++) {
                double h = 1e-4 * Math.max(1, Math.abs(x[i]));
                double[] a = x.clone();
                double[] b = x.clone();
                a[i] += h;
                b[i] -= h;
                g[i] = (deviance(a) - deviance(b)) / (2 * h);
            }
            return g;
        }

        private double[] hessian(double[] x) {
            int k = x.length;
            double[] hm = new double[k * k];
            double f0 = deviance(x);
            double[] h = new double[k];
            for (int i = 0; i < k; i++) {
                h[i] = 1e-3 * Math.max(1, Math.abs(x[i]));
            }
            for (int i = 0; i < k; i++) {
                double[] a = x.clone();
                double[] b = x.clone();
                a[i] += h[i];
                b[i] -= h[i];
                hm[i * k + i] = (deviance(a) - 2 * f0 + deviance(b)) / (h[i] * h[i]);
                for (int j = 0; j < i; j++) {
                    double[] pp = x.clone();
                    double[] pm = x.clone();
                    double[] mp = x.clone();
                    double[] mm = x.clone();
                    pp[i] += h[i];
                    pp[j] += h[j];
                    pm[i] += h[i];
                    pm[j] -= h[j];
                    mp[i] -= h[i];
                    mp[j] += h[j];
                    mm[i] -= h[i];
                    mm[j] -= h[j];
                    double v = (deviance(pp) - deviance(pm) - deviance(mp) + deviance(mm)) / (4 * h[i] * h[j]);
                    hm[i * k + j] = v;
                    hm[j * k + i] = v;
                }
            }
            return hm;
        }

        /**
         * Damped Newton steps on finite-difference derivatives, in place on {@code x}. A step is taken if the criterion
         * does not rise beyond rounding (near the optimum the decrease, ~|∇|²/H, is below what doubles resolve, and the
         * Newton step is then the better guide). Returns the last step's size |H⁻¹∇|∞ relative to max(1, |θ|), or
         * +∞ when no Newton step could be formed.
         */
        private double newtonPolish(double[] x) {
            double fx = deviance(x);
            int k = x.length;
            double last = Double.POSITIVE_INFINITY;
            double[] hm = null;
            for (int it = 0; it < 30 && evaluations < maxEvaluations; it++) {
                double[] g = gradient(x);
                // the Hessian is kept while the steps are short and taken whole (it barely changes there)
                if (hm == null || last > 1e-3) {
                    hm = hessian(x);
                }
                double[] d = newtonStep(g, hm);
                if (d == null) {
                    return Double.POSITIVE_INFINITY;
                }
                double size = 0;
                for (int i = 0; i < k; i++) {
                    size = Math.max(size, Math.abs(d[i]) / Math.max(1, Math.abs(x[i])));
                }
                last = size;
                double slack = size < 1e-4 ? 1e-12 * (1 + Math.abs(fx)) : 0;
                double t = 1;
                boolean moved = false;
                for (int ls = 0; ls < 30; ls++) {
                    double[] y = x.clone();
                    for (int i = 0; i < k; i++) {
                        y[i] += t * d[i];
                    }
                    double fy = deviance(y);
                    if (fy <= fx + slack) {
                        System.arraycopy(y, 0, x, 0, k);
                        fx = Math.min(fx, fy);
                        moved = true;
                        break;
                    }
                    t /= 2;
                }
                if (t < 1) {
                    last = Double.POSITIVE_INFINITY; // a fresh Hessian for the next step
                }
                if (!moved || size < 1e-10) {
                    last = size;
                    break;
                }
            }
            return last;
        }

        /** −(H + λI)⁻¹∇ with the smallest λ ≥ 0 (0, then 1e-8·tr H growing tenfold) that makes H + λI positive definite. */
        private static double[] newtonStep(double[] g, double[] hm) {
            int k = g.length;
            double trace = 0;
            for (int i = 0; i < k; i++) {
                trace += Math.abs(hm[i * k + i]);
            }
            for (double damping = 0;
                    damping < 1e6 * (1 + trace);
                    damping = damping == 0 ? 1e-8 * (1 + trace) : damping * 10) {
                double[] m = hm.clone();
                for (int i = 0; i < k; i++) {
                    m[i * k + i] += damping;
                }
                try {
                    double[] l = cholesky(m, k);
                    double[] step = new double[k];
                    for (int i = 0; i < k; i++) {
                        step[i] = -g[i];
                    }
                    forward(l, k, step, 1);
                    backward(l, k, step);
                    return step;
                } catch (ArithmeticException notPositive) {
                    // more damping
                }
            }
            return null;
        }
    }

    private static final class Evaluation {
        double deviance;
        double[] beta;
        double r2;
        double[] cholA;
    }

    /** Lower Cholesky factor of a symmetric positive-definite row-major m×m matrix; ArithmeticException if not PD. */
    static double[] cholesky(double[] a, int m) {
        double[] l = new double[m * m];
        cholesky(a, m, l);
        return l;
    }

    /** {@link #cholesky(double[], int)} into {@code l} (m×m, its upper triangle left as it is). */
    static void cholesky(double[] a, int m, double[] l) {
        for (int j = 0; j < m; j++) {
            double diag = a[j * m + j];
            for (int k = 0; k < j; k++) {
                diag -= l[j * m + k] * l[j * m + k];
            }
            if (!(diag > 0)) {
                throw new ArithmeticException("not positive definite");
            }
            double d = Math.sqrt(diag);
            l[j * m + j] = d;
            for (int i = j + 1; i < m; i++) {
                double v = a[i * m + j];
                for (int k = 0; k < j; k++) {
                    v -= l[i * m + k] * l[j * m + k];
                }
                l[i * m + j] = v / d;
            }
        }
    }

    /** Solves L·X = B in place for B (row-major m×cols), L lower triangular m×m. */
    static void forward(double[] l, int m, double[] b, int cols) {
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < cols; c++) {
                double v = b[i * cols + c];
                for (int k = 0; k < i; k++) {
                    v -= l[i * m + k] * b[k * cols + c];
                }
                b[i * cols + c] = v / l[i * m + i];
            }
        }
    }

    /** Solves Lᵀ·x = b in place, L lower triangular m×m. */
    static void backward(double[] l, int m, double[] b) {
        for (int i = m - 1; i >= 0; i--) {
            double v = b[i];
            for (int k = i + 1; k < m; k++) {
                v -= l[k * m + i] * b[k];
            }
            b[i] = v / l[i * m + i];
        }
    }

    /** (LLᵀ)⁻¹ from the lower Cholesky factor L. */
    static double[] inverseFromCholesky(double[] l, int m) {
        double[] inv = new double[m * m];
        for (int c = 0; c < m; c++) {
            double[] e = new double[m];
            e[c] = 1;
            forward(l, m, e, 1);
            backward(l, m, e);
            for (int r = 0; r < m; r++) {
                inv[r * m + c] = e[r];
            }
        }
        return inv;
    }
}
