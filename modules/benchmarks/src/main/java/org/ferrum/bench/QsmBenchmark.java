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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.qsm.background.VSharp;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.ferrum.qsm.inversion.SingleStepSharp;
import org.ferrum.qsm.inversion.ThresholdedKSpaceDivision;
import org.ferrum.qsm.inversion.TotalFieldInversion;
import org.ferrum.qsm.inversion.TotalVariationAdmm;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.unwrap.LaplacianUnwrapping;
import org.ferrum.qsm.unwrap.RomeoUnwrapping;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The QSM stages and the whole brain-qsm pipeline on a 256×256×128, 4-echo numerical head (issue 5, Performance):
 * targets on 2 cores: Laplacian unwrapping ≤ 1 s, V-SHARP ≤ 3 s, TKD ≤ 0.5 s, TV-ADMM 100 iterations ≤ 25 s, the
 * whole pipeline ≤ 40 s, peak heap ≤ 3 GB.
 *
 * <p>The data are {@link HeadPhantom}'s (0.75×0.75×1 mm voxels, 3 T, TE 4/12/20/28 ms, SNR 100), generated once per
 * trial. The stage benchmarks call the algorithms on arrays, as the operators do after unpacking their inputs, on the
 * unpadded grid (256×256×128 is already a fast FFT size); {@code pipeline} runs {@code testdata/pipelines/brain-qsm.json}
 * through the executor on the phantom written as a BIDS folder (reading the gzipped NIfTI included), with its
 * default inputs (so the brain mask by the surface method: {@code mask_method=auto} finds the phantom's dark
 * background). The fork's heap is capped at 3 GB ({@code -Xmx3g}): a
 * pipeline that needed more would fail with {@code OutOfMemoryError}; the peak heap use of each trial is printed at its
 * end.
 *
 * <p>Measured on the project's 2-core machine (2026-11-30, idle), with {@code FftBenchmark}'s real-data FFT of this size
 * at 54 ms (107 ms per forward + inverse pair; the complex pair 171 ms): Laplacian unwrapping 0.80 s with the default
 * reflecting boundary (exact Neumann solve by DCT, one real FFT per DCT: 8 FFTs = 0.43 s) and 0.65 s periodic (8 FFTs);
 * ROMEO 1.5 s (no FFT: region growing); V-SHARP 1.8–1.9 s (about 35 FFTs, one kernel and one inverse per radius, nearly
 * all of it); TKD 0.18–0.26 s (3 FFTs, 0.16 s); TV-ADMM 100 iterations 14.2–14.9 s (203 FFTs, 10.9 s: 75 % FFT); the
 * whole pipeline 21.4 s with its default brain mask ({@code auto}: Otsu, then the surface), 19.8 s with a threshold
 * mask (which keeps the whole head), within the 3 GB heap. Issue 13 (2026-12-07, load average ≈ 2): brain-qsm.json with
 * single-step QSM 36.3 s per run (node times: mask 6.2 s, ROMEO 2.0 s, echo fit 3.1 s, single-step 21.7 s);
 * {@code singleStep} alone 24.3 s. The short single-shot stages need a few warm-up runs before the JIT has compiled them
 * ({@code -wi 3 -i 5} for the figures of the unwrapping and TKD; {@code -wi 1 -i 3} for the rest).
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar QsmBenchmark -f 1 -wi 1 -i 3
 * java -jar modules/benchmarks/target/benchmarks.jar 'QsmBenchmark.laplacian|QsmBenchmark.tkd' -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx3g", "-Xms3g"})
public class QsmBenchmark {

    private static final double[] B0 = {0, 0, 1};

    private VoxelGrid grid;
    private float[][] phase;
    private float[][] magnitude;
    private double[] echoTimes;
    private boolean[] mask;
    private float[] totalField;
    private float[] localField;
    private Path bids;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        long t0 = System.nanoTime();
        HeadPhantom phantom = HeadPhantom.builder()
                .size(256, 256, 128)
                .voxelSize(0.75, 0.75, 1.0)
                .generate();
        MultiEchoGre gre = phantom.gre();
        grid = VoxelGrid.of(gre.magnitude());
        int echoes = gre.echoCount();
        phase = new float[echoes][];
        magnitude = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            phase[e] = VolumeArrays.frame(gre.phase().orElseThrow(), e);
            magnitude[e] = VolumeArrays.frame(gre.magnitude(), e);
        }
        echoTimes = gre.acquisition().echoTimes().toSeconds();
        mask = phantom.brainMaskArray();
        totalField = VolumeArrays.frame(phantom.totalField(), 0);
        localField = VolumeArrays.frame(phantom.localField(), 0);
        bids = Files.createTempDirectory("ferrum-qsm-bench");
        BidsMultiEcho.write(gre, bids, "sub-phantom");
        System.out.printf(
                Locale.ROOT,
                "%n[QsmBenchmark] phantom %s, %d echoes, generated and written in %.1f s%n",
                grid,
                echoes,
                (System.nanoTime() - t0) / 1e9);
        resetPeaks();
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n[QsmBenchmark] peak heap over the trial (sum of pool peaks, an upper bound): %.2f GB%n",
                peak / 1e9);
        try (Stream<Path> files = Files.walk(bids)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Laplacian unwrapping of all four echoes with the default (reflecting) boundary: one DCT and one inverse DCT per echo. */
    @Benchmark
    public float[][] laplacianUnwrapping() {
        float[][] out = new float[phase.length][];
        for (int e = 0; e < phase.length; e++) {
            out[e] = LaplacianUnwrapping.unwrap(phase[e], grid, Cancellation.NEVER);
        }
        return out;
    }

    /**
     * The same on the periodic grid: the FFT's wrap-around instead of the reflecting boundary, for comparison with
     * the default above (same grid, a real FFT pair instead of a DCT pair).
     */
    @Benchmark
    public float[][] laplacianUnwrappingPeriodic() {
        float[][] out = new float[phase.length][];
        for (int e = 0; e < phase.length; e++) {
            out[e] = LaplacianUnwrapping.unwrap(
                    phase[e], grid, LaplacianUnwrapping.Boundary.PERIODIC, Cancellation.NEVER);
        }
        return out;
    }

    /** ROMEO-style region growing, all four echoes (template spatially, the others temporally). */
    @Benchmark
    public Object romeoUnwrapping() {
        return RomeoUnwrapping.unwrap(
                phase, magnitude, echoTimes, mask, grid, RomeoUnwrapping.Params.DEFAULTS, Cancellation.NEVER);
    }

    /** V-SHARP with the default radii (6 mm down to the voxel size; the figure in the class comment is for the former 12 mm). */
    @Benchmark
    public Object vsharp() {
        return VSharp.withDefaults().apply(totalField, mask, grid, Cancellation.NEVER);
    }

    /** TKD (2 real FFTs). */
    @Benchmark
    public Object tkd() {
        return new ThresholdedKSpaceDivision().invert(localField, mask, grid, B0, Cancellation.NEVER);
    }

    /** TV-ADMM, exactly 100 iterations (tolerance 0; 2 real FFTs per iteration). */
    @Benchmark
    public Object tv100() {
        return new TotalVariationAdmm(
                        new TotalVariationAdmm.Params(TotalVariationAdmm.Params.DEFAULTS.lambda(), 0, 100, 0))
                .invert(
                        localField,
                        mask,
                        grid,
                        B0,
                        Cancellation.NEVER,
                        org.ferrum.qsm.inversion.InversionProgress.NONE);
    }

    /**
     * Brain total field inversion (issue 13): TFI from the phantom's total field in its brain mask, preconditioner 30
     * outside the mask (Liu Z et al., MRM 2017), on the unpadded grid (the {@code pad 1} of the operator: 256×256×128 is
     * a fast FFT size), at most 5 outer iterations of at most 50 conjugate-gradient steps (4 real FFTs each).
     */
    @Benchmark
    public Object tfiBrain() {
        MorphologyEnabledDipoleInversion solver = new MorphologyEnabledDipoleInversion(
                TotalFieldInversion.Params.DEFAULTS.solver().lambda(),
                MorphologyEnabledDipoleInversion.Params.DEFAULTS.edgePercent(),
                5,
                0.01,
                50,
                0.003);
        return new TotalFieldInversion(solver, 30)
                .invert(
                        totalField,
                        mask,
                        magnitude[0],
                        grid,
                        B0,
                        Cancellation.NEVER,
                        org.ferrum.qsm.inversion.InversionProgress.NONE);
    }

    /**
     * Single-step QSM (issue 13, brain-qsm.json's inversion since) from the phantom's total field in its brain mask with
     * the defaults (spheres 8 and 4 mm, λ 3·10⁻⁴, to a χ change of 5·10⁻³, at most 200 iterations of 6 real FFTs), on the
     * unpadded grid.
     */
    @Benchmark
    public Object singleStep() {
        return new SingleStepSharp(SingleStepSharp.Params.DEFAULTS)
                .invert(
                        totalField,
                        mask,
                        null,
                        grid,
                        B0,
                        Cancellation.NEVER,
                        org.ferrum.qsm.inversion.InversionProgress.NONE);
    }

    /** testdata/pipelines/brain-qsm.json on the phantom's BIDS folder, from reading to χ; prints each node's time. */
    @Benchmark
    public Map<String, Object> pipeline() throws Exception {
        Path file = Path.of(System.getProperty("ferrum.testdata", "testdata"), "pipelines", "brain-qsm.json");
        Pipeline p = PipelineFormat.read(file);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(p, new RunOptions(Map.of("gre", bids.toString()), file.getParent()), null, null);
        if (!run.succeeded()) {
            throw new IllegalStateException(
                    run.firstFailure().map(r -> r.nodeId() + ": " + r.error()).orElse("failed"));
        }
        StringBuilder times = new StringBuilder("[QsmBenchmark] pipeline nodes:");
        run.nodeRuns()
                .forEach(r -> times.append(String.format(Locale.ROOT, " %s %.1f s", r.nodeId(), r.nanos() / 1e9)));
        System.out.println(times);
        return run.outputs();
    }
}
