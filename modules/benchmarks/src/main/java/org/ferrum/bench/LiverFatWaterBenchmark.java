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

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;
import org.ferrum.relaxometry.fatwater.FatWaterSeparation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code relax.fatwater} as the liver pipeline runs it (issue 13: whole liver pipeline ≤ 60 s on 256×192×40 × 12
 * echoes, 2 cores): 1.5 T, TE 1.0 + n·1.2 ms, 12 echoes, 6-peak liver fat, full-resolution field map (coarse factor 1,
 * as {@code testdata/pipelines/liver-hqsm.json}), the mask from the signal threshold as the operator makes it without a
 * mask input. Body ellipse with a subcutaneous fat ring (PDFF 95 %), a liver with PDFF 0–40 % and R2* 50–1000 /s, other
 * tissue PDFF 0 %; smooth field ±200 Hz; SNR 50. FATWATER.md quotes the measured time.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar LiverFatWaterBenchmark -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx3g", "-Xms3g"})
public class LiverFatWaterBenchmark {

    private static final double B0 = 1.5;
    private static final int ECHOES = 12;
    /** Slices (40 in the size; fewer for a quick figure on a busy machine, the work is linear in voxels). */
    static int slices = 40;

    private VoxelGrid grid;
    private float[][] re;
    private float[][] im;
    private boolean[] mask;
    private double[] te;
    private FatSpectrum spectrum;

    @Setup(Level.Trial)
    public void generate() {
        long start = System.nanoTime();
        grid = new VoxelGrid(256, 192, slices, 1.6, 1.6, 5);
        te = new double[ECHOES];
        for (int e = 0; e < ECHOES; e++) {
            te[e] = (1.0 + 1.2 * e) * 1e-3;
        }
        spectrum = FatSpectrum.byId("liver-6peak");
        double[] c = spectrum.complexFactor(te, B0);
        int n = grid.size();
        re = new float[ECHOES][n];
        im = new float[ECHOES][n];
        MeasurementNoise noise = new MeasurementNoise(2, 7);
        for (int z = 0; z < grid.nz(); z++) {
            for (int y = 0; y < grid.ny(); y++) {
                for (int x = 0; x < grid.nx(); x++) {
                    int v = grid.index(x, y, z);
                    double ex = (x - 127.5) / 125;
                    double ey = (y - 95.5) / 90;
                    double rho = 0;
                    double ff = 0;
                    double r2 = 0;
                    if (ex * ex + ey * ey <= 1) {
                        rho = 100;
                        if (Math.hypot((x - 127.5) / 115, (y - 95.5) / 80) > 1) {
                            ff = 95;
                            r2 = 40;
                        } else if (x >= 48 && x < 168 && y >= 40 && y < 150) {
                            ff = 40.0 * (x - 48) / 120;
                            r2 = 50 + 950.0 * (y - 40) / 110;
                        } else {
                            r2 = 35;
                        }
                    }
                    double psi = 140 * (x - 127.5) / 128
                            + 55
                                    * Math.cos(2 * Math.PI * y / 192)
                                    * Math.cos(Math.PI * (z - (slices - 1) / 2.0) / (2.0 * slices));
                    double w = rho * (1 - ff / 100);
                    double f = rho * ff / 100;
                    double[] s = ChemicalShiftSignal.evaluate(new double[] {w, 0}, new double[] {f, 0}, psi, r2, te, c);
                    noise.addTo(s);
                    for (int e = 0; e < ECHOES; e++) {
                        re[e][v] = (float) s[2 * e];
                        im[e][v] = (float) s[2 * e + 1];
                    }
                }
            }
        }
        mask = FatWaterSeparation.signalMask(re, im, 0.1);
        int inside = 0;
        for (boolean b : mask) {
            inside += b ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%n[LiverFatWaterBenchmark] %s, %d echoes, %d voxels in the mask (%.0f %%), generated in" + " %.1f s%n",
                grid,
                ECHOES,
                inside,
                100.0 * inside / n,
                (System.nanoTime() - start) * 1e-9);
    }

    @Benchmark
    public FatWaterSeparation.Result separate() {
        return FatWaterSeparation.separate(
                re,
                im,
                mask,
                grid,
                te,
                spectrum,
                B0,
                FatWaterSeparation.Options.DEFAULTS.withCoarseFactor(1),
                Cancellation.NEVER);
    }

    /** Three timed runs without JMH (for a quick figure); optional argument: the number of slices. */
    public static void main(String[] args) {
        if (args.length > 0) {
            slices = Integer.parseInt(args[0]);
        }
        LiverFatWaterBenchmark b = new LiverFatWaterBenchmark();
        b.generate();
        // process CPU time too: on a shared machine the wall time measures the other sessions' load as well, and CPU
        // seconds / 2 is what an otherwise idle 2-core machine would take if both cores stay busy
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            b.separate();
            System.out.printf(
                    Locale.ROOT,
                    "relax.fatwater (separate) %.1f s wall, %.1f s CPU%n",
                    (System.nanoTime() - t) * 1e-9,
                    (os.getProcessCpuTime() - cpu) * 1e-9);
        }
    }
}
