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
package org.ferrum.relaxometry.r2star;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.relaxometry.MeasurementNoise;

/**
 * Monte-Carlo study of the R2* fits on simulated single-channel magnitude decays: bias and spread per method and
 * true R2* (issue 6, part 1). Run it with
 * {@code java -cp modules/relaxometry/target/classes:<core jar> org.ferrum.relaxometry.r2star.R2StarSimulation} or
 * through the test {@code R2StarSimulationTest}, which prints the table.
 *
 * <p>Protocol (the issue's): 12 echoes, TE_n = 1.1 ms + (n−1)·1.1 ms; S0 = 1000 a.u.; SNR = S0/σ = 50 with σ the
 * noise SD per channel (real and imaginary), so σ = 20 a.u.; magnitudes |S0 e^{−R2* TE} + n_re + i n_im| with
 * Gaussian n (Rician magnitudes, {@link MeasurementNoise}, seeded, so runs repeat exactly); {@value #DEFAULT_TRIALS}
 * trials per R2*. The fits know the true σ (as they would after {@link BackgroundNoise} or a given
 * {@code noise_sigma}). Bias is (mean estimate − truth)/truth in %, SD the standard deviation of the estimates in
 * 1/s; failed fits are counted and left out of both. R2* range for clamping: [0, 5000] s⁻¹ (wide enough not to hide
 * bias).
 */
public final class R2StarSimulation {

    /** Trials per R2* value. */
    public static final int DEFAULT_TRIALS = 2000;
    /** The R2* values of the study, 1/s. */
    public static final double[] R2STAR = {50, 200, 600, 1000};
    /** S0, a.u. */
    public static final double S0 = 1000;
    /** S0/σ. */
    public static final double SNR = 50;
    /** Truncation multiple of the noise floor σ√(π/2) in the truncated variants. */
    public static final double TRUNCATION = 2;

    /** The protocol's echo times, s. */
    public static double[] echoTimes() {
        double[] te = new double[12];
        for (int n = 0; n < te.length; n++) {
            te[n] = 1.1e-3 * (n + 1);
        }
        return te;
    }

    /**
     * One row of the table.
     *
     * @param method   label
     * @param r2star   true R2*, 1/s
     * @param mean     mean estimate, 1/s
     * @param sd       SD of the estimates, 1/s
     * @param failures failed fits
     */
    public record Row(String method, double r2star, double mean, double sd, int failures) {

        /** (mean − truth)/truth in %. */
        public double biasPercent() {
            return 100 * (mean - r2star) / r2star;
        }
    }

    /** The methods of the study, by label: log-linear, ARLO, NLLS, NLLS + noise floor, each plain and truncated. */
    public static List<String> methods() {
        return List.of(
                "loglinear",
                "loglinear+trunc",
                "arlo",
                "arlo+trunc",
                "nlls",
                "nlls+trunc",
                "nlls+floor",
                "nlls+floor+trunc");
    }

    /** The mapping a label stands for, with noise σ. */
    public static R2StarMapping mapping(String method, double[] te, double sigma) {
        boolean trunc = method.endsWith("+trunc");
        String base = trunc ? method.substring(0, method.length() - "+trunc".length()) : method;
        boolean floor = base.endsWith("+floor");
        DecayFit.Method fit = DecayFits.byName(floor ? base.substring(0, base.length() - "+floor".length()) : base);
        if (floor && !fit.needsStart()) {
            throw new IllegalArgumentException("unknown method " + method + ": only nlls models the noise floor");
        }
        DecayFit.Settings settings = new DecayFit.Settings(floor ? sigma : 0, null);
        return new R2StarMapping(te, fit.create(te, settings), sigma, trunc ? TRUNCATION : 0, 0, 0, 5000);
    }

    /** Runs the study for one method and R2*, with {@code trials} trials and a seed. */
    public static Row run(String method, double r2star, int trials, long seed) {
        double[] te = echoTimes();
        double sigma = S0 / SNR;
        R2StarMapping mapping = mapping(method, te, sigma);
        MeasurementNoise noise = new MeasurementNoise(sigma, seed);
        double[] signal = new double[te.length];
        double[] out = new double[4];
        double sum = 0;
        double sumSq = 0;
        int ok = 0;
        for (int trial = 0; trial < trials; trial++) {
            for (int n = 0; n < te.length; n++) {
                signal[n] = noise.noisyMagnitude(S0 * Math.exp(-r2star * te[n]));
            }
            if (mapping.fitVoxel(signal, out) != R2StarMapping.FAILED) {
                sum += out[1];
                sumSq += out[1] * out[1];
                ok++;
            }
        }
        double mean = sum / ok;
        double sd = Math.sqrt(Math.max(0, (sumSq - ok * mean * mean) / (ok - 1)));
        return new Row(method, r2star, mean, sd, trials - ok);
    }

    /** The whole table: every method at every R2*, the same noise seed per R2* for all methods. */
    public static List<Row> table(int trials) {
        List<Row> rows = new ArrayList<>();
        for (String method : methods()) {
            for (double r : R2STAR) {
                rows.add(run(method, r, trials, 1000L + (long) r));
            }
        }
        return rows;
    }

    /** The table as Markdown: bias % (SD 1/s) per method and R2*. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| method |");
        for (double r : R2STAR) {
            sb.append(String.format(Locale.ROOT, " %.0f s⁻¹ |", r));
        }
        sb.append("\n|---|").append("---|".repeat(R2STAR.length)).append('\n');
        for (String method : methods()) {
            sb.append("| ").append(method).append(" |");
            for (Row row : rows) {
                if (row.method().equals(method)) {
                    sb.append(String.format(
                            Locale.ROOT,
                            " %+.1f %% (%.1f)%s |",
                            row.biasPercent(),
                            row.sd(),
                            row.failures() > 0 ? " " + row.failures() + " failed" : ""));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Where a method stops being usable: the lowest R2* of the sweep 50, 100, … , 2500 s⁻¹ at which |bias| exceeds
     * {@code maxBiasPercent}, or NaN if none does.
     */
    public static double usableUpTo(String method, double maxBiasPercent, int trials) {
        for (double r = 50; r <= 2500; r += 50) {
            if (Math.abs(run(method, r, trials, 7000L + (long) r).biasPercent()) > maxBiasPercent) {
                return r;
            }
        }
        return Double.NaN;
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_TRIALS;
        System.out.printf(
                Locale.ROOT,
                "R2* simulation: 12 echoes TE 1.1:1.1:13.2 ms, S0 %.0f, SNR %.0f (σ = %.0f per channel),"
                        + " Rician, %d trials; bias %% of truth (SD in 1/s)%n",
                S0,
                SNR,
                S0 / SNR,
                trials);
        System.out.print(markdown(table(trials)));
        System.out.println(
                "\n| method | bias beyond ±10 % from (sweep in steps of 50 s⁻¹, " + trials + " trials) |\n|---|---|");
        for (String method : methods()) {
            double limit = usableUpTo(method, 10, trials);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s |%n",
                    method,
                    Double.isNaN(limit) ? "never up to 2500 s⁻¹" : String.format(Locale.ROOT, "%.0f s⁻¹", limit));
        }
    }
}
