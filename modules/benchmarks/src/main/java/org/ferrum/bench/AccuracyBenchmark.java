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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ferrum.core.statistics.ClusteredProportion;
import org.ferrum.core.statistics.DiagnosticAccuracy;
import org.ferrum.core.statistics.DiagnosticAccuracy.Bootstrap;
import org.ferrum.core.statistics.DiagnosticAccuracy.Measure;
import org.ferrum.core.statistics.EmpiricalRoc;

/**
 * Issue 20, Performance: "bootstrap CIs (2,000 resamples, 100 patients, 1,000 nodes) ≤ 2 s". A simulated node-level
 * reading (100 patients, 1,000 nodes, 2–18 per patient, patient-dependent prevalence and detection, a continuous score)
 * is analysed as {@code --accuracy} does at node level: the 2×2 table per patient, the five Rao–Scott intervals, the
 * 2,000-resample patient bootstrap of all five measures, and the clustered (Obuchowski) AUC with its interval. Times
 * the whole in a fresh JVM (cold, first pass) and the median of 10 warm passes; one thread; wall and thread CPU time.
 *
 * <pre>
 * mvn -o -q -pl modules/benchmarks -am package -DskipTests
 * java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.AccuracyBenchmark [patients nodes resamples]
 * </pre>
 */
public final class AccuracyBenchmark {

    private AccuracyBenchmark() {}

    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int resamples = args.length > 2 ? Integer.parseInt(args[2]) : DiagnosticAccuracy.DEFAULT_RESAMPLES;
        SplittableRandom random = new SplittableRandom(20);
        int[] patient = new int[nodes];
        boolean[] truth = new boolean[nodes];
        boolean[] call = new boolean[nodes];
        double[] score = new double[nodes];
        double[] prevalence = new double[patients];
        double[] separation = new double[patients];
        for (int i = 0; i < patients; i++) {
            prevalence[i] = random.nextBoolean() ? 0.05 : 0.4;
            separation[i] = 1.5 + random.nextGaussian();
        }
        for (int u = 0; u < nodes; u++) {
            // every patient gets at least one node, the rest at random
            patient[u] = u < patients ? u : random.nextInt(patients);
            truth[u] = random.nextDouble() < prevalence[patient[u]];
            score[u] = random.nextGaussian() + (truth[u] ? separation[patient[u]] : 0);
            call[u] = score[u] > 1;
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        String cold = run(patient, truth, call, score, resamples);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        double coldCpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        double[] warm = new double[10];
        double[] warmCpu = new double[10];
        for (int i = 0; i < warm.length; i++) {
            long c = cpu.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            run(patient, truth, call, score, resamples);
            warm[i] = (System.nanoTime() - t) / 1e6;
            warmCpu[i] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        System.out.println(cold);
        System.out.printf(
                Locale.ROOT,
                "%d patients, %d nodes, %d resamples: cold %.1f ms (CPU %.1f ms), warm median %.1f ms (CPU %.1f ms);"
                        + " target 2000 ms%n",
                patients,
                nodes,
                resamples,
                coldMs,
                coldCpuMs,
                warm[warm.length / 2],
                warmCpu[warmCpu.length / 2]);
    }

    private static String run(int[] patient, boolean[] truth, boolean[] call, double[] score, int resamples) {
        DiagnosticAccuracy table = DiagnosticAccuracy.of(patient, truth, call);
        Map<Measure, Bootstrap> bootstrap = table.bootstrap(resamples, 1);
        StringBuilder out = new StringBuilder(table.counts().toString()).append('\n');
        for (Measure m : Measure.values()) {
            ClusteredProportion p = table.estimate(m);
            out.append(String.format(
                    Locale.ROOT,
                    "%-12s %.3f  Rao–Scott %s  bootstrap %s  Wilson %s%n",
                    m.key(),
                    p.estimate(),
                    p.interval().format(3),
                    bootstrap.get(m).interval().format(3),
                    p.wilson().format(3)));
        }
        EmpiricalRoc roc = EmpiricalRoc.clustered(score, truth, patient);
        out.append(String.format(
                Locale.ROOT,
                "auc          %.3f  Obuchowski %s  DeLong %s",
                roc.auc(),
                roc.interval().format(3),
                EmpiricalRoc.independent(score, truth).interval().format(3)));
        return out.toString();
    }
}
