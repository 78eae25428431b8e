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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.statistics.LinearMixedModel;

/**
 * Issue 18, Performance: "a 100-subject × 4-visit cohort's nucleus tables and mixed model ≤ 2 s". A simulated cohort
 * (100 subjects, visits at 0, 1, 2, 3 years with scheduling jitter, about 10 % of follow-up visits missed) has one
 * {@code measurements} table per visit in the column layout of {@code brain.nuclei.measure} (7 nuclei × left, right,
 * both × χ and R2*); the benchmark gathers them into one long table per (nucleus, hemisphere, map) with the study
 * covariates (ferritin, transferrin saturation, dialysis vintage, IV iron dose) and fits
 * {@code value ~ years + ferritin + tsat + vintage + iv_iron + (years | subject)} by REML for each of the
 * 7 × 2 × 2 = 28 (left and right) series. Times the whole (tables built, reshaped, 28 fits) in a fresh JVM (first,
 * cold pass) and then as the median of 10 warm passes; one thread; wall and CPU time of the thread (CPU time is the
 * figure that does not depend on what else the machine runs).
 *
 * <pre>
 * mvn -o -q -pl modules/benchmarks -am package -DskipTests
 * java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.MixedModelBenchmark
 * </pre>
 */
public final class MixedModelBenchmark {

    private MixedModelBenchmark() {}

    static final String[] NUCLEI = {
        "caudate", "putamen", "globus pallidus", "thalamus", "substantia nigra", "red nucleus", "dentate"
    };
    /** Typical χ (ppm, CSF-referenced) of each nucleus in adults and its yearly change in the simulation. */
    static final double[] CHI = {0.06, 0.07, 0.17, 0.01, 0.14, 0.11, 0.10};

    static final double[] R2STAR = {22, 27, 38, 20, 35, 32, 30};

    private static final String[] COVARIATES = {"ferritin", "tsat", "vintage", "iv_iron"};

    public static void main(String[] args) {
        int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int visits = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Cohort cohort = new Cohort(subjects, visits, 18);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Result cold = run(cohort);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        double coldCpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        double[] warm = new double[10];
        double[] warmCpu = new double[10];
        Result last = cold;
        for (int i = 0; i < warm.length; i++) {
            long c = cpu.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            last = run(cohort);
            warm[i] = (System.nanoTime() - t) / 1e6;
            warmCpu[i] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
        }
        java.util.Arrays.sort(warm);
        java.util.Arrays.sort(warmCpu);
        System.out.printf(
                Locale.ROOT,
                "cohort: %d subjects, %d visit rows, %d measurement rows per visit%n",
                subjects,
                cohort.visitCount(),
                cohort.tables.get(0).rowCount());
        System.out.printf(
                Locale.ROOT,
                "cold (first pass, fresh JVM): %.0f ms wall, %.0f ms CPU (wall: tables %.0f ms, reshaping %.0f ms, %d fits"
                        + " %.0f ms)%n",
                coldMs,
                coldCpuMs,
                cold.tablesMs,
                cold.reshapeMs,
                cold.fits.size(),
                cold.fitMs);
        System.out.printf(
                Locale.ROOT,
                "warm (median of %d passes): %.1f ms wall, %.1f ms CPU (last pass, wall: tables %.1f, reshaping %.1f,"
                        + " fits %.1f ms)%n",
                warm.length,
                warm[warm.length / 2],
                warmCpu[warm.length / 2],
                last.tablesMs,
                last.reshapeMs,
                last.fitMs);
        int converged = 0;
        int singular = 0;
        int covered = 0;
        for (Map.Entry<String, LinearMixedModel.Fit> e : last.fits.entrySet()) {
            LinearMixedModel.Fit f = e.getValue();
            converged += f.converged() ? 1 : 0;
            singular += f.singular() ? 1 : 0;
            String[] key = e.getKey().split("/");
            double truth = Cohort.yearlyChange(indexOf(key[0]), key[2]);
            covered += f.confidenceInterval95("years").contains(truth) ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%d of %d fits converged, %d singular; the true yearly change lies in the 95 %% " + "interval of %d%n",
                converged,
                last.fits.size(),
                singular,
                covered);
        LinearMixedModel.Fit example = last.fits.get("putamen/left/chi");
        System.out.printf(
                Locale.ROOT,
                "putamen/left/chi: slope %.5f ppm/year (95 %% CI %s), truth %.5f; %s%n",
                example.beta()[example.indexOf("years")],
                example.confidenceInterval95("years").format(3),
                Cohort.yearlyChange(1, "chi"),
                example.message());
    }

    private static int indexOf(String nucleus) {
        for (int i = 0; i < NUCLEI.length; i++) {
            if (NUCLEI[i].equals(nucleus)) {
                return i;
            }
        }
        throw new IllegalArgumentException(nucleus);
    }

    record Result(Map<String, LinearMixedModel.Fit> fits, double tablesMs, double reshapeMs, double fitMs) {}

    static Result run(Cohort cohort) {
        long t0 = System.nanoTime();
        List<Table> tables = cohort.measurementTables();
        long t1 = System.nanoTime();
        // one long table per (nucleus, hemisphere, map): rows = visits, in visit order
        Map<String, Series> series = new LinkedHashMap<>();
        for (int v = 0; v < tables.size(); v++) {
            Table t = tables.get(v);
            for (int r = 0; r < t.rowCount(); r++) {
                String hemisphere = t.text(r, "hemisphere");
                if (hemisphere.equals("both")) {
                    continue;
                }
                String map = t.text(r, "map");
                String key = t.text(r, "nucleus") + "/" + hemisphere + "/" + map;
                double value = map.equals("chi") ? t.number(r, "median_referenced") : t.number(r, "median");
                series.computeIfAbsent(key, k -> new Series()).add(value, cohort, v);
            }
        }
        long t2 = System.nanoTime();
        Map<String, LinearMixedModel.Fit> fits = new LinkedHashMap<>();
        for (Map.Entry<String, Series> e : series.entrySet()) {
            Series s = e.getValue();
            Map<String, double[]> cov = new LinkedHashMap<>();
            for (int c = 0; c < COVARIATES.length; c++) {
                cov.put(COVARIATES[c], s.covariate(c));
            }
            fits.put(e.getKey(), LinearMixedModel.randomSlopeOverTime(s.values(), s.years(), s.subjects(), cov));
        }
        long t3 = System.nanoTime();
        return new Result(fits, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }

    /** A (nucleus, hemisphere, map) series gathered across visits. */
    private static final class Series {
        final List<double[]> rows = new ArrayList<>(); // value, years, subject, covariates…

        void add(double value, Cohort c, int visit) {
            double[] row = new double[3 + COVARIATES.length];
            row[0] = value;
            row[1] = c.years[visit];
            row[2] = c.subject[visit];
            System.arraycopy(c.covariates[visit], 0, row, 3, COVARIATES.length);
            rows.add(row);
        }

        double[] column(int j) {
            double[] out = new double[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.get(i)[j];
            }
            return out;
        }

        double[] values() {
            return column(0);
        }

        double[] years() {
            return column(1);
        }

        int[] subjects() {
            double[] s = column(2);
            int[] out = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = (int) s[i];
            }
            return out;
        }

        double[] covariate(int c) {
            return column(3 + c);
        }
    }

    /**
     * The simulated cohort: per visit row its subject, years since baseline, covariates from the study database, and
     * the measured medians per nucleus, hemisphere and map (subject-level random level and slope per nucleus, visit
     * noise).
     */
    static final class Cohort {
        final int[] subject;
        final double[] years;
        final double[][] covariates;
        final double[][][][] median; // [visit][nucleus][hemisphere 0 left, 1 right][map 0 chi, 1 r2star]
        final List<Table> tables = new ArrayList<>();

        static double yearlyChange(int nucleus, String map) {
            return map.equals("chi") ? 0.004 + 0.001 * nucleus : 0.3 + 0.05 * nucleus;
        }

        Cohort(int subjects, int visits, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            List<double[]> rows = new ArrayList<>();
            List<double[][][]> meds = new ArrayList<>();
            for (int s = 0; s < subjects; s++) {
                double ferritin = 400 * Math.exp(0.6 * gauss(r));
                double vintage = 0.5 + 8 * r.nextDouble();
                double[][][] level = new double[NUCLEI.length][2][2];
                double[][][] slope = new double[NUCLEI.length][2][2];
                for (int n = 0; n < NUCLEI.length; n++) {
                    for (int m = 0; m < 2; m++) {
                        double common = gauss(r);
                        for (int h = 0; h < 2; h++) {
                            double base = m == 0 ? CHI[n] : R2STAR[n];
                            double sd = m == 0 ? 0.02 : 2.5;
                            level[n][h][m] = base + sd * (0.8 * common + 0.6 * gauss(r));
                            slope[n][h][m] =
                                    yearlyChange(n, m == 0 ? "chi" : "r2star") + (m == 0 ? 0.003 : 0.2) * gauss(r);
                        }
                    }
                }
                for (int v = 0; v < visits; v++) {
                    if (v > 0 && r.nextDouble() < 0.1) {
                        continue;
                    }
                    double t = v == 0 ? 0 : v + 0.2 * (r.nextDouble() - 0.5);
                    double tsat = 25 + 8 * gauss(r);
                    double ivIron = Math.max(0, 600 + 300 * gauss(r));
                    rows.add(new double[] {s, t, ferritin, tsat, vintage + t, ivIron});
                    double[][][] med = new double[NUCLEI.length][2][2];
                    for (int n = 0; n < NUCLEI.length; n++) {
                        for (int h = 0; h < 2; h++) {
                            med[n][h][0] =
                                    level[n][h][0] + slope[n][h][0] * t + 2e-5 * (ferritin - 400) + 0.012 * gauss(r);
                            med[n][h][1] =
                                    level[n][h][1] + slope[n][h][1] * t + 0.002 * (ferritin - 400) + 1.2 * gauss(r);
                        }
                    }
                    meds.add(med);
                }
            }
            int n = rows.size();
            subject = new int[n];
            years = new double[n];
            covariates = new double[n][COVARIATES.length];
            median = new double[n][][][];
            for (int i = 0; i < n; i++) {
                double[] row = rows.get(i);
                subject[i] = (int) row[0];
                years[i] = row[1];
                System.arraycopy(row, 2, covariates[i], 0, COVARIATES.length);
                median[i] = meds.get(i);
            }
            tables.addAll(measurementTables());
        }

        int visitCount() {
            return subject.length;
        }

        /** One {@code brain.nuclei.measure} table per visit row (left, right and both; χ in ppm and R2* in 1/s). */
        List<Table> measurementTables() {
            List<Table> out = new ArrayList<>(subject.length);
            PhysicalUnit ppm = PhysicalUnit.PPM;
            PhysicalUnit rate = PhysicalUnit.PER_SECOND;
            for (int v = 0; v < subject.length; v++) {
                Table.Builder b = Table.builder(
                        Table.Column.text("nucleus"),
                        Table.Column.text("hemisphere"),
                        Table.Column.text("labels"),
                        Table.Column.text("map"),
                        Table.Column.text("unit"),
                        Table.Column.number("n", null),
                        Table.Column.number("n_excluded", null),
                        Table.Column.number("mean", null),
                        Table.Column.number("median", null),
                        Table.Column.number("q1", null),
                        Table.Column.number("q3", null),
                        Table.Column.number("iqr", null),
                        Table.Column.number("sd", null),
                        Table.Column.text("reference"),
                        Table.Column.number("reference_median", null),
                        Table.Column.number("mean_referenced", null),
                        Table.Column.number("median_referenced", null),
                        Table.Column.text("alt_reference"),
                        Table.Column.number("alt_reference_median", null),
                        Table.Column.number("mean_alt_referenced", null),
                        Table.Column.number("median_alt_referenced", null));
                for (int n = 0; n < NUCLEI.length; n++) {
                    for (int m = 0; m < 2; m++) {
                        boolean chi = m == 0;
                        for (int h = 0; h < 3; h++) {
                            double med = h < 2 ? median[v][n][h][m] : 0.5 * (median[v][n][0][m] + median[v][n][1][m]);
                            double ref = chi ? -0.01 : Double.NaN;
                            double raw = chi ? med + ref : med;
                            b.row(
                                    NUCLEI[n],
                                    h == 0 ? "left" : h == 1 ? "right" : "both",
                                    (10 + n) + "+" + (50 + n),
                                    chi ? "chi" : "r2star",
                                    chi ? ppm.symbol() : rate.symbol(),
                                    900.0,
                                    0.0,
                                    raw,
                                    raw,
                                    raw - 0.02,
                                    raw + 0.02,
                                    0.04,
                                    0.03,
                                    chi ? "csf" : "none",
                                    ref,
                                    chi ? raw - ref : Double.NaN,
                                    chi ? raw - ref : Double.NaN,
                                    chi ? "whole_brain" : "none",
                                    chi ? 0.0 : Double.NaN,
                                    chi ? raw : Double.NaN,
                                    chi ? raw : Double.NaN);
                        }
                    }
                }
                out.add(b.build());
            }
            return out;
        }

        private static double gauss(SplittableRandom r) {
            double u1 = 1 - r.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
    }
}
