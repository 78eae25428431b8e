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
import org.ferrum.relaxometry.t2.CpmgEchoTrain;
import org.ferrum.relaxometry.t2.EpgT2Fit;
import org.ferrum.relaxometry.t2.MonoExponentialT2Fit;
import org.ferrum.relaxometry.t2.T2Mapping;
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
 * T2 mapping of a 128×128×8 slab (131 072 voxels, all in the mask) of a 32-echo CPMG train, ESP 10 ms: the EPG fit
 * (M0, T2, B1; noise floor) and the mono-exponential fit (noise floor, from echo 2), as {@code relax.t2.epg} and
 * {@code relax.t2.mono} run them ({@link T2Mapping#map} with the operators' defaults and σ given).
 *
 * <p>Data: T2 uniform in 20–200 ms, B1 uniform in 0.7–1.2 (seeded), M0 = 1000, Rician noise σ = 10 (SNR 100), echo
 * trains from {@link CpmgEchoTrain} (timing only: accuracy is checked in the relaxometry tests against an independent
 * isochromat simulation).
 *
 * <p>Measured 2026-12-07 on the shared 2-core machine at load average 17–22 (upper bounds): EPG 244 s (216–261 s),
 * mono 3.3 s (3.0–3.8 s); the EPG fit costs 0.24 ms of CPU per voxel (thread CPU clock), ≈ 16 s for this slab on two
 * free cores. See modules/relaxometry/T2.md.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar T2Benchmark -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g", "-Xms2g"})
public class T2Benchmark {

    private static final double SIGMA = 10;
    private static final int ECHOES = 32;
    private static final double ESP = 0.01;

    private float[][] magnitude;
    private double[] te;

    @Setup(Level.Trial)
    public void generate() {
        long t0 = System.nanoTime();
        VoxelGrid grid = new VoxelGrid(128, 128, 8, 1, 1, 3);
        te = new double[ECHOES];
        for (int e = 0; e < ECHOES; e++) {
            te[e] = (e + 1) * ESP;
        }
        int size = grid.size();
        magnitude = new float[ECHOES][size];
        int perSlice = grid.nx() * grid.ny();
        ParallelLoop.forEachChunk(grid.nz(), 1, Cancellation.NEVER, (from, to) -> {
            CpmgEchoTrain train = new CpmgEchoTrain(ECHOES, ESP, 1.0, 180);
            double[] s = new double[ECHOES];
            for (int k = (int) from; k < to; k++) {
                SplittableRandom random = new SplittableRandom(k);
                MeasurementNoise noise = new MeasurementNoise(SIGMA, 1000 + k);
                for (int v = k * perSlice; v < (k + 1) * perSlice; v++) {
                    train.compute(0.02 + 0.18 * random.nextDouble(), 0.7 + 0.5 * random.nextDouble(), s, null, null);
                    for (int e = 0; e < ECHOES; e++) {
                        magnitude[e][v] = (float) noise.noisyMagnitude(1000 * s[e]);
                    }
                }
            }
        });
        System.out.printf(
                Locale.ROOT,
                "%n[T2Benchmark] %s × %d echoes generated in %.1f s%n",
                grid,
                ECHOES,
                (System.nanoTime() - t0) / 1e9);
    }

    /** EPG fit of M0, T2 and B1 with the noise floor (the defaults of relax.t2.epg, σ given). */
    @Benchmark
    public T2Mapping.Result epg() {
        return T2Mapping.map(
                magnitude, null, () -> new EpgT2Fit(te, EpgT2Fit.Params.DEFAULTS, SIGMA), Cancellation.NEVER);
    }

    /** Mono-exponential fit with the noise floor from echo 2 (the defaults of relax.t2.mono, σ given). */
    @Benchmark
    public T2Mapping.Result mono() {
        return T2Mapping.map(
                magnitude,
                null,
                () -> new MonoExponentialT2Fit(te, MonoExponentialT2Fit.Params.DEFAULTS, SIGMA),
                Cancellation.NEVER);
    }
}
