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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.LinearMixedModel;

/**
 * The cohort trend of a nucleus over visits: a linear mixed-effects model with a random intercept and a random slope per
 * subject, fitted by REML ({@link LinearMixedModel#fitReml}):
 *
 * <pre>  y_ij = β₀ + β_years·t_ij + Σ_k γ_k·(c_ijk − c̄_k) + b₀ᵢ + b₁ᵢ·t_ij + ε_ij</pre>
 *
 * t = years since the subject's first scan in the data (days / 365.25); covariates c are centred at their means over
 * the rows fitted, so β₀ + β_years·t is the trend of a subject with average covariates — the line the chart draws.
 *
 * <p>Contract of {@link #fit}: the longitudinal rows are one scan per subject and day ({@link #longitudinal}: the
 * pre-dialysis scan where a day has one, since the post-dialysis scan measures the session's acute effect, which the
 * paired chart shows); rows with a covariate not known (NaN) are left out and counted; a fit that throws (too few
 * subjects, a rank-deficient design, the model not yet available) is reported in {@link Result#failure()} rather than
 * thrown, so the subjects' lines can still be drawn.
 */
public final class BrainIronTrend {

    /** Fixed-effect names of the intercept and the time slope. */
    public static final String INTERCEPT = "intercept", YEARS = "years";

    /** Days per year of the time axis (the Julian year). */
    public static final double DAYS_PER_YEAR = 365.25;

    /**
     * A fitted (or failed) trend.
     *
     * @param data           the model data as fitted
     * @param fit            the REML fit, or null if it failed
     * @param failure        why there is no fit, or null
     * @param covariates     the covariates in the model, in order
     * @param covariateMeans their means over the rows fitted (the centring)
     * @param rowsLeftOut    longitudinal rows left out for an unknown covariate
     * @param subjects       subjects in the fit
     */
    public record Result(
            LinearMixedModel.Data data,
            LinearMixedModel.Fit fit,
            String failure,
            List<String> covariates,
            double[] covariateMeans,
            int rowsLeftOut,
            int subjects) {

        /** β̂₀ + β̂_years·t, NaN without a fit. */
        public double trendAt(double years) {
            if (fit == null) {
                return Double.NaN;
            }
            return fit.beta()[fit.indexOf(INTERCEPT)] + fit.beta()[fit.indexOf(YEARS)] * years;
        }

        /**
         * The Wald 95 % interval of the mean trend at t: β̂₀ + β̂_years·t ± z₀.₉₇₅·√(c₀₀ + 2t·c₀₁ + t²·c₁₁), c = Cov(β̂).
         */
        public ConfidenceInterval trendInterval(double years) {
            if (fit == null) {
                return ConfidenceInterval.NONE;
            }
            int i = fit.indexOf(INTERCEPT), j = fit.indexOf(YEARS);
            double[][] c = fit.betaCovariance();
            double var = c[i][i] + 2 * years * c[i][j] + years * years * c[j][j];
            return ConfidenceInterval.around(trendAt(years), ConfidenceInterval.Z_975 * Math.sqrt(var));
        }

        /** The slope per year and its Wald 95 % interval, or null without a fit. */
        public double slope() {
            return fit == null ? Double.NaN : fit.beta()[fit.indexOf(YEARS)];
        }
    }

    private BrainIronTrend() {}

    /**
     * The model table: per fixed effect its estimate, SE and Wald 95 % CI (unit: the value's unit, per year for the
     * slope, per covariate unit for a covariate); then the variance components as SDs (random intercept, random slope,
     * their correlation, residual), the REML log-likelihood and whether the fit converged. Empty rows but the failure
     * without a fit.
     */
    public static ChartData table(Result r, String unit) {
        ChartData.Builder b = ChartData.builder(
                new ChartData.Column("term", ""),
                new ChartData.Column("estimate", ""),
                new ChartData.Column("SE", ""),
                new ChartData.Column("95 % CI lower", ""),
                new ChartData.Column("95 % CI upper", ""),
                new ChartData.Column("unit", ""));
        LinearMixedModel.Fit f = r.fit();
        if (f == null) {
            b.row("no fit", r.failure(), Double.NaN, Double.NaN, Double.NaN, "");
            return b.build();
        }
        for (int i = 0; i < f.fixedNames().size(); i++) {
            String name = f.fixedNames().get(i);
            ConfidenceInterval ci = f.confidenceInterval95(name);
            String u =
                    switch (name) {
                        case INTERCEPT -> unit;
                        case YEARS -> unit + "/year";
                        default -> unit + " per " + covariateUnit(name);
                    };
            b.row(
                    name.equals(YEARS) ? "slope (years)" : name,
                    f.beta()[i],
                    f.standardErrors()[i],
                    ci.lower(),
                    ci.upper(),
                    u);
        }
        double[][] g = f.randomCovariance();
        b.row("random intercept SD (subject)", Math.sqrt(g[0][0]), Double.NaN, Double.NaN, Double.NaN, unit);
        if (g.length > 1) {
            b.row("random slope SD (subject)", Math.sqrt(g[1][1]), Double.NaN, Double.NaN, Double.NaN, unit + "/year");
            double corr = g[0][1] / Math.sqrt(g[0][0] * g[1][1]);
            b.row("intercept–slope correlation", corr, Double.NaN, Double.NaN, Double.NaN, "");
        }
        b.row("residual SD", Math.sqrt(f.residualVariance()), Double.NaN, Double.NaN, Double.NaN, unit);
        b.row("REML log-likelihood", f.restrictedLogLikelihood(), Double.NaN, Double.NaN, Double.NaN, "");
        b.row("subjects / scans", f.groups() + " / " + f.observations(), Double.NaN, Double.NaN, Double.NaN, "");
        b.row(
                "converged",
                f.converged() ? "yes: " + f.message() : "NO: " + f.message(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "");
        return b.build();
    }

    /** "µg/l" of "ferritin [µg/l]"; the name itself without brackets. */
    private static String covariateUnit(String name) {
        int open = name.lastIndexOf('[');
        return open >= 0 && name.endsWith("]") ? name.substring(open + 1, name.length() - 1) : name;
    }

    /** Fits with {@link LinearMixedModel#fitReml}. */
    public static Result fit(List<NucleusObservation> observations, List<String> covariates) {
        return fit(observations, covariates, LinearMixedModel::fitReml);
    }

    /** Fits with the given REML fitter (the contract of {@link LinearMixedModel#fitReml}). */
    public static Result fit(
            List<NucleusObservation> observations,
            List<String> covariates,
            Function<LinearMixedModel.Data, LinearMixedModel.Fit> fitter) {
        List<NucleusObservation> rows = new ArrayList<>();
        int leftOut = 0;
        for (NucleusObservation o : longitudinal(observations)) {
            boolean known = covariates.stream().allMatch(c -> {
                Double v = o.covariates().get(c);
                return v != null && Double.isFinite(v);
            });
            if (known) {
                rows.add(o);
            } else {
                leftOut++;
            }
        }
        Map<String, LocalDate> first = firstScans(observations);
        int n = rows.size();
        int p = 2 + covariates.size();
        double[] means = new double[covariates.size()];
        for (NucleusObservation o : rows) {
            for (int k = 0; k < means.length; k++) {
                means[k] += o.covariates().get(covariates.get(k)) / n;
            }
        }
        double[] y = new double[n];
        double[][] x = new double[n][p];
        double[][] z = new double[n][2];
        int[] group = new int[n];
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            NucleusObservation o = rows.get(i);
            double t = years(first.get(o.subject()), o.date());
            y[i] = o.value();
            x[i][0] = 1;
            x[i][1] = t;
            for (int k = 0; k < means.length; k++) {
                x[i][2 + k] = o.covariates().get(covariates.get(k)) - means[k];
            }
            z[i][0] = 1;
            z[i][1] = t;
            group[i] = groups.computeIfAbsent(o.subject(), s -> groups.size());
        }
        List<String> fixed = new ArrayList<>(List.of(INTERCEPT, YEARS));
        fixed.addAll(covariates);
        LinearMixedModel.Data data =
                new LinearMixedModel.Data(y, x, List.copyOf(fixed), z, List.of(INTERCEPT, YEARS), group);
        LinearMixedModel.Fit fit = null;
        String failure = null;
        if (n == 0) {
            failure = "no scans to fit" + (leftOut > 0 ? " (" + leftOut + " left out for an unknown covariate)" : "");
        } else {
            try {
                fit = fitter.apply(data);
            } catch (RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        return new Result(data, fit, failure, List.copyOf(covariates), means, leftOut, groups.size());
    }

    /**
     * One scan per subject and day, by subject then date: the pre-dialysis scan where the day has one, else the day's
     * only (unlabelled) scan, else the first by label.
     */
    public static List<NucleusObservation> longitudinal(List<NucleusObservation> observations) {
        Map<String, NucleusObservation> chosen = new LinkedHashMap<>();
        for (NucleusObservation o : observations) {
            chosen.merge(o.subject() + "\u0000" + o.date(), o, (a, b) -> rank(b) < rank(a) ? b : a);
        }
        List<NucleusObservation> out = new ArrayList<>(chosen.values());
        out.sort(Comparator.comparing(NucleusObservation::subject).thenComparing(NucleusObservation::date));
        return out;
    }

    private static int rank(NucleusObservation o) {
        return switch (o.session()) {
            case NucleusObservation.PRE_DIALYSIS -> 0;
            case "" -> 1;
            case NucleusObservation.POST_DIALYSIS -> 3;
            default -> 2;
        };
    }

    /** Each subject's first scan date in the data. */
    public static Map<String, LocalDate> firstScans(List<NucleusObservation> observations) {
        Map<String, LocalDate> first = new LinkedHashMap<>();
        for (NucleusObservation o : observations) {
            first.merge(o.subject(), o.date(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    /** Years from {@code first} to {@code date}. */
    public static double years(LocalDate first, LocalDate date) {
        return (date.toEpochDay() - first.toEpochDay()) / DAYS_PER_YEAR;
    }
}
