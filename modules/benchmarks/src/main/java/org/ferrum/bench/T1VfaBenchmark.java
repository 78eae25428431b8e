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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.relaxometry.MeasurementNoise;
import org.ferrum.relaxometry.t1.SpgrSignal;
import org.ferrum.relaxometry.t1.VfaFit;
import org.ferrum.relaxometry.t1.VfaMapping;
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
 * T1 by variable flip angle ({@link VfaMapping}) on 256×256×32 voxels × 4 flip angles (2.1·10⁶ fits), the issue's
 * target being ≤ 1 s on 2 cores: DESPOT1, nonlinear (the operator's default), nonlinear with a B1 map, and the water fit
 * of the water–fat model (50 % PDFF) after the apparent fit. T1 uniform in 0.3–3 s, B1 0.8–1.2, Rician noise at SNR
 * ≈ 100 of the brightest angle.
 *
 * <p>Run: {@code java -jar modules/benchmarks/target/benchmarks.jar T1VfaBenchmark -f 1 -wi 2 -i 5}; figures in the
 * relaxometry README (T1 section).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g", "-Xms2g"})
public class T1VfaBenchmark {

    private static final double[] ANGLES = {3, 8, 15, 25};
    private static final double TR = 0.0054;

    private VoxelGrid grid;
    private float[][] signal;
    private float[] kappa;
    private float[] pdff;
    private VfaMapping.Result apparent;

    @Setup(Level.Trial)
    public void generate() {
        long t0 = System.nanoTime();
        grid = new VoxelGrid(256, 256, 32, 1, 1, 3);
        int size = grid.size();
        signal = new float[ANGLES.length][size];
        kappa = new float[size];
        pdff = new float[size];
        int perSlice = grid.nx() * grid.ny();
        ParallelLoop.forEachChunk(grid.nz(), 1, Cancellation.NEVER, (from, to) -> {
            for (int k = (int) from; k < to; k++) {
                SplittableRandom random = new SplittableRandom(k);
                MeasurementNoise noise = new MeasurementNoise(0.6, 1000 + k);
                for (int v = k * perSlice; v < (k + 1) * perSlice; v++) {
                    double t1 = 0.3 + 2.7 * random.nextDouble();
                    kappa[v] = (float) (0.8 + 0.4 * random.nextDouble());
                    pdff[v] = 50;
                    for (int i = 0; i < ANGLES.length; i++) {
                        double s = SpgrSignal.signal(1000, Math.toRadians(ANGLES[i]) * kappa[v], TR, 1 / t1);
                        signal[i][v] = (float) noise.noisyMagnitude(s);
                    }
                }
            }
        });
        apparent = VfaMapping.map(signal, ANGLES, TR, kappa, null, VfaMapping.Params.DEFAULTS, Cancellation.NEVER);
        System.out.printf(
                Locale.ROOT,
                "%n[T1VfaBenchmark] %s × %d flip angles generated in %.1f s on %d processors%n",
                grid,
                ANGLES.length,
                (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors());
    }

    private VfaMapping.Result map(String method, float[] b1) {
        VfaMapping.Params p = new VfaMapping.Params(method, 0, 0.005, 10, 90);
        return VfaMapping.map(signal, ANGLES, TR, b1, null, p, Cancellation.NEVER);
    }

    @Benchmark
    public VfaMapping.Result despot1() {
        return map(VfaFit.Method.DESPOT1.id(), null);
    }

    @Benchmark
    public VfaMapping.Result nonlinear() {
        return map(VfaFit.Method.NONLINEAR.id(), null);
    }

    @Benchmark
    public VfaMapping.Result nonlinearB1() {
        return map(VfaFit.Method.NONLINEAR.id(), kappa);
    }

    /** The water fit alone (the apparent fit it starts from is made once in the set-up). */
    @Benchmark
    public VfaMapping.Result waterFat() {
        VfaMapping.water(
                signal, ANGLES, TR, kappa, pdff, null, 0.371, VfaMapping.Params.DEFAULTS, apparent, Cancellation.NEVER);
        return apparent;
    }
}
