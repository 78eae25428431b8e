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
package org.ferrum.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ferrum.core.statistics.LinearMixedModel;

/**
 * The Ferrum side of {@code scripts/lmm-peer.sh}: fits every data set of a directory with
 * {@link LinearMixedModel#randomSlopeOverTime} (or a random intercept only) and writes the figures the peers (lme4,
 * statsmodels) write, one {@code dataset,quantity,value} row each.
 *
 * <p>Data set files are CSV with the header {@code subject,years,y[,covariate...]}; {@code datasets.csv} in the same
 * directory lists {@code file,random} with random = {@code intercept} or {@code intercept+years}. Quantities:
 * {@code beta:NAME}, {@code se:NAME}, {@code G11}, {@code G12}, {@code G22}, {@code sigma2}, {@code reml_loglik}.
 *
 * <pre>
 * java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.MixedModelPeer fit DATA_DIR OUT.csv
 * java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.MixedModelPeer simulate DATA_DIR
 * </pre>
 *
 * {@code simulate} writes the simulated cohorts kept as test data in core (cohort-*.csv; their README says how they
 * were made).
 */
public final class MixedModelPeer {

    private MixedModelPeer() {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("fit")) {
            fitAll(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length >= 2 && args[0].equals("simulate")) {
            simulate(Path.of(args[1]));
        } else {
            System.err.println("usage: MixedModelPeer fit DATA_DIR OUT.csv | simulate DATA_DIR");
            System.exit(2);
        }
    }

    /** One data set read back: subject, years, y and named covariates. */
    record Table(int[] subject, double[] years, double[] y, Map<String, double[]> covariates) {}

    static Table read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] head = lines.get(0).trim().split(",");
        if (head.length < 3 || !head[0].equals("subject") || !head[1].equals("years") || !head[2].equals("y")) {
            throw new IOException(file + ": header must start with subject,years,y (found " + lines.get(0) + ")");
        }
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) {
                rows.add(l.trim().split(","));
            }
        }
        int n = rows.size();
        int[] s = new int[n];
        double[] t = new double[n];
        double[] y = new double[n];
        Map<String, double[]> cov = new LinkedHashMap<>();
        for (int c = 3; c < head.length; c++) {
            cov.put(head[c], new double[n]);
        }
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            s[i] = Integer.parseInt(r[0]);
            t[i] = Double.parseDouble(r[1]);
            y[i] = Double.parseDouble(r[2]);
            for (int c = 3; c < head.length; c++) {
                cov.get(head[c])[i] = Double.parseDouble(r[c]);
            }
        }
        return new Table(s, t, y, cov);
    }

    static LinearMixedModel.Fit fit(Table t, boolean slope) {
        if (slope) {
            return LinearMixedModel.randomSlopeOverTime(t.y(), t.years(), t.subject(), t.covariates());
        }
        int n = t.y().length;
        List<String> names = new ArrayList<>(List.of("intercept", "years"));
        names.addAll(t.covariates().keySet());
        double[][] x = new double[n][names.size()];
        double[][] z = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            x[i][1] = t.years()[i];
            int c = 2;
            for (double[] v : t.covariates().values()) {
                x[i][c++] = v[i];
            }
            z[i][0] = 1;
        }
        return LinearMixedModel.fitReml(
                new LinearMixedModel.Data(t.y(), x, names, z, List.of("intercept"), t.subject()));
    }

    static void fitAll(Path dir, Path out) throws IOException {
        StringBuilder csv = new StringBuilder("dataset,quantity,value\n");
        List<String> manifest = Files.readAllLines(dir.resolve("datasets.csv"));
        for (String line : manifest.subList(1, manifest.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            Table t = read(dir.resolve(f[0]));
            boolean slope = f[1].trim().equals("intercept+years");
            fit(t, slope); // warm-up
            long t0 = System.nanoTime();
            LinearMixedModel.Fit fit = fit(t, slope);
            double ms = (System.nanoTime() - t0) / 1e6;
            String name = f[0].replace(".csv", "");
            for (int j = 0; j < fit.beta().length; j++) {
                csv.append(row(name, "beta:" + fit.fixedNames().get(j), fit.beta()[j]));
                csv.append(row(name, "se:" + fit.fixedNames().get(j), fit.standardErrors()[j]));
            }
            double[][] g = fit.randomCovariance();
            csv.append(row(name, "G11", g[0][0]));
            if (g.length > 1) {
                csv.append(row(name, "G12", g[0][1]));
                csv.append(row(name, "G22", g[1][1]));
            }
            csv.append(row(name, "sigma2", fit.residualVariance()));
            csv.append(row(name, "reml_loglik", fit.restrictedLogLikelihood()));
            System.out.printf(
                    Locale.ROOT,
                    "%-18s n=%d groups=%d  %.2f ms  %s%n",
                    name,
                    fit.observations(),
                    fit.groups(),
                    ms,
                    fit.message());
        }
        Files.writeString(out, csv);
    }

    private static String row(String dataset, String quantity, double value) {
        return dataset + "," + quantity + "," + String.format(Locale.ROOT, "%.17g", value) + "\n";
    }

    /**
     * The simulated cohorts. Each subject has a baseline χ-like level and a change per year drawn from a bivariate
     * normal (or, for the boundary case, one common slope), visits at nominal years 0, 1, 2, 3 with ±0.15 y scheduling
     * jitter, some visits missed, and covariates of the kind the brain-iron study uses (ferritin per subject, log-scale;
     * transferrin saturation per visit; dialysis vintage at baseline). Residuals are Student-t with 5 degrees of
     * freedom rather than normal, so the data are not drawn from the model that is fitted.
     */
    static void simulate(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeCohort(dir.resolve("cohort-a.csv"), 11, 100, 4, 1.0, 0.10, 0.02, 0.6, 0.03, false, 0.0);
        writeCohort(dir.resolve("cohort-b.csv"), 22, 40, 5, 0.7, 0.12, 0.025, -0.4, 0.04, false, 0.0);
        writeCohort(dir.resolve("cohort-c.csv"), 33, 30, 4, 0.9, 0.08, 0.0, 0.0, 0.05, false, 0.0);
        writeCohort(dir.resolve("cohort-d.csv"), 44, 60, 3, 0.8, 0.10, 0.015, 0.2, 0.03, true, 0.0);
        writeCohort(dir.resolve("cohort-e.csv"), 55, 25, 6, 0.6, 40.0, 6.0, 0.3, 12.0, false, 1000.0);
    }

    private static void writeCohort(
            Path file,
            long seed,
            int subjects,
            int visits,
            double keep,
            double sdIntercept,
            double sdSlope,
            double rho,
            double sdResidual,
            boolean noCovariates,
            double offset)
            throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv =
                new StringBuilder(noCovariates ? "subject,years,y\n" : "subject,years,y,ferritin,tsat,vintage\n");
        for (int s = 0; s < subjects; s++) {
            int id = 1000 + 7 * s;
            double z1 = gauss(r);
            double z2 = rho * z1 + Math.sqrt(1 - rho * rho) * gauss(r);
            double b0 = sdIntercept * z1;
            double b1 = sdSlope * z2;
            double ferritin = Math.exp(Math.log(400) + 0.6 * gauss(r));
            double vintage = 0.5 + 8 * r.nextDouble();
            int kept = 0;
            for (int v = 0; v < visits; v++) {
                boolean last = v == visits - 1 && kept == 0;
                if (!last && v > 0 && r.nextDouble() > keep) {
                    continue;
                }
                kept++;
                double years = v == 0 ? 0 : v + 0.15 * (2 * r.nextDouble() - 1);
                double tsat = 20 + 8 * gauss(r);
                double mean = offset
                        + 0.05
                        + 0.012 * years
                        + 0.00004 * (ferritin - 400)
                        + 0.0008 * (tsat - 20)
                        + 0.002 * vintage;
                double y = mean + b0 + b1 * years + sdResidual * studentT5(r);
                csv.append(id).append(',').append(String.format(Locale.ROOT, "%.4f,%.6f", years, y));
                if (!noCovariates) {
                    csv.append(String.format(Locale.ROOT, ",%.1f,%.2f,%.3f", ferritin, tsat, vintage));
                }
                csv.append('\n');
            }
        }
        Files.writeString(file, csv);
    }

    private static double gauss(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Student t with 5 degrees of freedom, scaled to unit variance. */
    private static double studentT5(SplittableRandom r) {
        double chi2 = 0;
        for (int i = 0; i < 5; i++) {
            double g = gauss(r);
            chi2 += g * g;
        }
        return gauss(r) / Math.sqrt(chi2 / 5) * Math.sqrt(3.0 / 5.0);
    }
}
