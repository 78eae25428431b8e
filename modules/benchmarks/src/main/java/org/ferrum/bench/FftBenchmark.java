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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.fft.FourierTransform;
import org.ferrum.core.fft.RealFourierTransform;
import org.ferrum.core.parallel.Parallelism;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A forward and an inverse complex 3-D FFT of a 256×256×128 volume (8.4 M voxels, 64 MiB interleaved),
 * in place, through {@link FourierTransform} with the default thread count
 * ({@link Parallelism#threads()}, i.e. all processors unless {@code -Dferrum.threads} says otherwise).
 * Target (issue 2): ≤ 300 ms per forward + inverse pair on 2 cores. {@code realForwardAndInverse} is the
 * same size as real data through the half spectrum, the route of the QSM algorithms.
 *
 * <p>The pair leaves the data as it was (up to rounding), so every invocation transforms the same
 * random values and no overflow builds up across iterations.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar FftBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class FftBenchmark {

    private Volume<ComplexFloatType> volume;
    private float[] real;

    @Setup
    public void createVolume() {
        volume = Volumes.createComplex(new long[] {256, 256, 128}, Geometry.axisAligned(1, 1, 2), PhysicalUnit.HERTZ);
        float[] data = Volumes.interleaved(volume);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() - 0.5);
        }
        real = new float[256 * 256 * 128];
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) (random.nextDouble() - 0.5);
        }
    }

    /** The same size as real data: half spectrum forward and back ({@link RealFourierTransform}), as QSM uses it. */
    @Benchmark
    public float[] realForwardAndInverse() {
        float[] spectrum = RealFourierTransform.forward(real, 256, 256, 128);
        RealFourierTransform.inverse(spectrum, 256, 256, 128, real);
        return real;
    }

    @Benchmark
    public Volume<ComplexFloatType> forwardAndInverse() {
        FourierTransform.forward(volume);
        FourierTransform.inverse(volume);
        return volume;
    }
}
