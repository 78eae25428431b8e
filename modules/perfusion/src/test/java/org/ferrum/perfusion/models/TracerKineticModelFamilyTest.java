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
package org.ferrum.perfusion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.perfusion.ArterialInputFunction;
import org.junit.jupiter.api.Test;

/**
 * Every registered member of the {@link TracerKineticModel} family ({@link KineticModels#ALL}) through one check of
 * the family contract, against the independent {@link ForwardSimulation} (closed-form convolutions of an analytic
 * AIF; RK4 on the compartments for 2CXM/2CUM), never against the models' own output:
 * <ol>
 * <li>the analytic Jacobian equals central finite differences;</li>
 * <li>noiseless curves on a uniform (1 s) and a nonuniform (1 s, then 5 s) grid give the truth within a fifth of the
 * OSIPI tolerances (what is left is the piecewise-linear sampling of the AIF);</li>
 * <li>noisy curves (σ 0.005 and 0.02 mM, three seeds each): the median estimate is within the OSIPI tolerance and
 * the standard errors from the Jacobian match the scatter of the estimates (ratio 0.6–1.6);</li>
 * <li>a delayed tissue curve (δ = 4 s) gives δ within 0.5 s and the parameters within tolerance;</li>
 * <li>too few frames and an AIF that does not cover the series are refused.</li>
 * </ol>
 */
public class TracerKineticModelFamilyTest {

    /** Truth sets per member (model's parameter order). */
    private static List<double[]> truths(String name) {
        return switch (name) {
            case "tofts" -> List.of(new double[] {0.1, 0.2}, new double[] {0.35, 0.5}, new double[] {0.6, 0.3});
            case "extended-tofts" ->
                List.of(new double[] {0.1, 0.2, 0.02}, new double[] {0.35, 0.5, 0.05}, new double[] {0.6, 0.3, 0.1});
            case "patlak" -> List.of(new double[] {0.02, 0.05}, new double[] {0.1, 0.1}, new double[] {0.2, 0.3});
            case "2cxm" ->
                List.of(new double[] {0.05, 0.2, 30, 0.1}, new double[] {0.1, 0.3, 60, 0.2}, new double[] {
                    0.03, 0.4, 15, 0.05
                });
            case "2cum" ->
                List.of(new double[] {0.05, 30, 0.05}, new double[] {0.1, 60, 0.15}, new double[] {0.03, 15, 0.1});
            default -> throw new AssertionError("no truth sets for family member " + name + ": add them to truths()");
        };
    }

    /** The independent simulation of a member at the frame times (s), AIF delayed by {@code delay} s. */
    public static double[] simulate(String name, double[] t, double[] p, double delay) {
        double[] shifted = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            shifted[i] = t[i] - delay;
        }
        double[] c = new double[t.length];
        switch (name) {
            case "2cxm" -> c = ForwardSimulation.compartments(shifted, p[0], p[1], p[2], p[3]);
            case "2cum" -> c = ForwardSimulation.compartments(shifted, p[0], Double.POSITIVE_INFINITY, p[1], p[2]);
            default -> {
                for (int i = 0; i < t.length; i++) {
                    c[i] = switch (name) {
                        case "tofts" -> ForwardSimulation.tofts(shifted[i], p[0], p[1]);
                        case "extended-tofts" -> ForwardSimulation.extendedTofts(shifted[i], p[0], p[1], p[2]);
                        case "patlak" -> ForwardSimulation.patlak(shifted[i], p[0], p[1]);
                        default -> throw new AssertionError(name);
                    };
                }
            }
        }
        return c;
    }

    public static double[] uniform(double step, double end) {
        int n = (int) Math.round(end / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * step;
        }
        return t;
    }

    static double[] nonuniform() {
        List<Double> t = new ArrayList<>();
        for (double s = 0; s < 90; s += 1) {
            t.add(s);
        }
        for (double s = 90; s <= 300; s += 5) {
            t.add(s);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static ArterialInputFunction aif(double[] t) {
        double[] c = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            c[i] = ForwardSimulation.cp(t[i]);
        }
        return new ArterialInputFunction(t, c, "analytic test AIF");
    }

    private static double tolerance(String parameter, double reference) {
        return OsipiKineticModelSuite.atol(parameter) + OsipiKineticModelSuite.rtol(parameter) * Math.abs(reference);
    }

    @Test
    void everyRegisteredModelIsAMember() {
        assertEquals(
                List.of("tofts", "extended-tofts", "patlak", "2cxm", "2cum"),
                KineticModels.ALL.stream().map(TracerKineticModel::name).toList());
        for (TracerKineticModel m : KineticModels.ALL) {
            assertTrue(truths(m.name()).size() >= 3);
            for (KineticParameter p : m.parameters()) {
                assertTrue(OsipiKineticModelSuite.atol(p.name()) > 0, "tolerance for " + p.name());
            }
        }
    }

    @Test
    void jacobianEqualsFiniteDifferences() {
        double[] t = nonuniform();
        double[] cp = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            cp[i] = ForwardSimulation.cp(t[i]);
        }
        ModelWorkspace work = new ModelWorkspace(t);
        int n = t.length;
        for (TracerKineticModel model : KineticModels.ALL) {
            int m = model.parameterCount();
            for (double[] theta : truths(model.name())) {
                double[] y = new double[n];
                double[] jac = new double[n * m];
                model.evaluate(theta, cp, work, y, jac, m);
                double scale = Arrays.stream(y).map(Math::abs).max().orElse(1);
                for (int j = 0; j < m; j++) {
                    double h = 1e-6 * Math.max(Math.abs(theta[j]), 1e-3);
                    double[] plus = theta.clone();
                    double[] minus = theta.clone();
                    plus[j] += h;
                    minus[j] -= h;
                    double[] yp = new double[n];
                    double[] ym = new double[n];
                    model.evaluate(plus, cp, work, yp, null, 0);
                    model.evaluate(minus, cp, work, ym, null, 0);
                    for (int i = 0; i < n; i++) {
                        double fd = (yp[i] - ym[i]) / (2 * h);
                        double an = jac[i * m + j];
                        double colScale = 1e-6 * scale / Math.max(Math.abs(theta[j]), 1e-3);
                        assertEquals(
                                fd,
                                an,
                                1e-5 * Math.abs(fd) + colScale,
                                model.name() + " ∂C/∂"
                                        + model.parameters().get(j).name() + " at frame " + i);
                    }
                }
            }
        }
    }

    @Test
    void noiselessCurvesGiveTheTruthOnUniformAndNonuniformGrids() {
        List<String> table = new ArrayList<>();
        for (double[] t : List.of(uniform(1.0, 300), nonuniform())) {
            for (TracerKineticModel model : KineticModels.ALL) {
                KineticFit fit = new KineticFit(model, t, aif(t), KineticFit.Settings.DEFAULTS);
                for (double[] truth : truths(model.name())) {
                    double[] c = simulate(model.name(), t, truth, 0);
                    FitStatus status = fit.fit(c);
                    assertTrue(status.usable(), model.name() + " " + status);
                    for (int j = 0; j < truth.length; j++) {
                        String p = model.parameters().get(j).name();
                        double err = fit.parameters()[j] - truth[j];
                        table.add(String.format(Locale.ROOT, "%s %s %.4g: %+.2e", model.name(), p, truth[j], err));
                        assertEquals(
                                truth[j],
                                fit.parameters()[j],
                                0.2 * tolerance(p, truth[j]),
                                model.name() + " " + p + " on " + t.length + " frames, truth "
                                        + Arrays.toString(truth));
                    }
                }
            }
        }
        System.out.println("noiseless errors: " + String.join("; ", table));
    }

    @Test
    void noisyCurvesHaveUnbiasedMediansAndHonestStandardErrors() {
        double[] t = uniform(2.0, 300);
        ArterialInputFunction aif = aif(t);
        List<String> failures = new ArrayList<>();
        List<String> report = new ArrayList<>();
        int curves = 40;
        for (TracerKineticModel model : KineticModels.ALL) {
            KineticFit fit = new KineticFit(model, t, aif, KineticFit.Settings.DEFAULTS);
            int m = model.parameterCount();
            double[] truth = truths(model.name()).get(1);
            double[] c = simulate(model.name(), t, truth, 0);
            for (double sigma : new double[] {0.005, 0.02}) {
                for (long seed = 1; seed <= 3; seed++) {
                    SplittableRandom random = new SplittableRandom(seed * 7919 + (long) (sigma * 1e4));
                    double[][] est = new double[m][curves];
                    double[][] se = new double[m][curves];
                    double[] noisy = new double[t.length];
                    for (int r = 0; r < curves; r++) {
                        for (int i = 0; i < t.length; i++) {
                            noisy[i] = c[i] + sigma * gaussian(random);
                        }
                        fit.fit(noisy);
                        for (int j = 0; j < m; j++) {
                            est[j][r] = fit.parameters()[j];
                            se[j][r] = fit.standardErrors()[j];
                        }
                    }
                    for (int j = 0; j < m; j++) {
                        String p = model.parameters().get(j).name();
                        double median = median(est[j]);
                        double sd = sd(est[j]);
                        double medianSe = median(se[j]);
                        double ratio = medianSe / sd;
                        report.add(String.format(
                                Locale.ROOT,
                                "%s σ %.3f seed %d %s: median %.4g (truth %.4g), SD %.3g," + " median SE %.3g",
                                model.name(),
                                sigma,
                                seed,
                                p,
                                median,
                                truth[j],
                                sd,
                                medianSe));
                        if (Math.abs(median - truth[j]) > tolerance(p, truth[j])) {
                            failures.add(report.get(report.size() - 1) + ": median off");
                        }
                        // SEs are judged where the scatter is not dominated by bounds (well-determined parameters).
                        if (sd > 1e-4 && sd < 0.5 * Math.abs(truth[j]) && (ratio < 0.6 || ratio > 1.6)) {
                            failures.add(report.get(report.size() - 1) + ": SE/SD " + ratio);
                        }
                    }
                }
            }
        }
        System.out.println("noisy fits:\n  " + String.join("\n  ", report));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aDelayedTissueCurveGivesItsDelay() {
        double[] t = uniform(1.0, 300);
        ArterialInputFunction aif = aif(t);
        for (TracerKineticModel model : KineticModels.ALL) {
            double[] truth = truths(model.name()).get(1);
            double[] c = simulate(model.name(), t, truth, 4.0);
            KineticFit fit = new KineticFit(model, t, aif, KineticFit.Settings.DEFAULTS.withFitDelay(true));
            assertTrue(fit.fit(c).usable(), model.name());
            assertEquals(4.0, fit.delay(), 0.5, model.name() + " delay");
            for (int j = 0; j < truth.length; j++) {
                String p = model.parameters().get(j).name();
                assertEquals(truth[j], fit.parameters()[j], tolerance(p, truth[j]), model.name() + " " + p);
            }
            assertTrue(Double.isFinite(fit.standardErrors()[model.parameterCount()]), "delay SE");
        }
    }

    @Test
    void badInputIsRefused() {
        double[] t = uniform(1.0, 300);
        for (TracerKineticModel model : KineticModels.ALL) {
            double[] few = Arrays.copyOf(t, model.parameterCount() + 1);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new KineticFit(model, few, aif(t), KineticFit.Settings.DEFAULTS));
            assertTrue(e.getMessage().contains("frames"), e.getMessage());
        }
        double[] shortAif = Arrays.copyOf(t, 100);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new KineticFit(KineticModels.ALL.get(0), t, aif(shortAif), KineticFit.Settings.DEFAULTS));
        assertTrue(e.getMessage().contains("AIF ends"), e.getMessage());
        // a curve with a NaN is a failed fit, not a number
        KineticFit fit = new KineticFit(KineticModels.ALL.get(0), t, aif(t), KineticFit.Settings.DEFAULTS);
        double[] c = new double[t.length];
        c[10] = Double.NaN;
        assertEquals(FitStatus.FAILED, fit.fit(c));
        assertTrue(Double.isNaN(fit.parameters()[0]));
    }

    public static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double sd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
