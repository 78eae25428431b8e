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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.io.nifti.NiftiWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a 256×256×128×8 float32 volume (256 MiB of voxels) from {@code .nii} and {@code .nii.gz}.
 * Targets (issue 2): ≥ 1 GB/s uncompressed, ≥ 200 MB/s of output for gzip.
 *
 * <p>Cases: {@code .nii} and {@code .nii.gz} as {@link NiftiWriter} writes them (the gzip one
 * block-indexed, so it is inflated on all threads), and {@code foreign.nii.gz}: the same {@code .nii}
 * bytes compressed as one stream by a plain {@link GZIPOutputStream} (default level), as a file from
 * another tool, which can only be inflated on one core.
 *
 * <p>The score is seconds per read; throughput in MB/s of output = 268.435456 MB / score. The
 * content is a smooth phantom plus noise (like a magnitude image), so gzip compresses it the way it
 * compresses real data rather than all zeros or random bits. The {@code .nii} file is read from the
 * page cache after the first iteration, as a pipeline re-reading its inputs would.
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar NiftiReadBenchmark -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx3g"})
public class NiftiReadBenchmark {

    /** Output bytes per read: 256·256·128·8 voxels × 4 bytes. */
    public static final long OUTPUT_BYTES = 256L * 256 * 128 * 8 * 4;

    @Param({".nii", ".nii.gz", "foreign.nii.gz"})
    public String extension;

    private Path dir;
    private Path file;
    private final NiftiReader reader = new NiftiReader();

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        long[] dims = {256, 256, 128, 8};
        Volume<FloatType> v = Volumes.createFloat(dims, Geometry.axisAligned(0.9, 0.9, 1.2), PhysicalUnit.ARBITRARY);
        float[] a = Volumes.floats(v);
        SplittableRandom rnd = new SplittableRandom(42);
        int i = 0;
        for (int t = 0; t < 8; t++) {
            double decay = Math.exp(-0.15 * t);
            for (int z = 0; z < 128; z++) {
                for (int y = 0; y < 256; y++) {
                    for (int x = 0; x < 256; x++) {
                        double r2 = ((x - 128) * (x - 128) + (y - 128) * (y - 128)) / (100.0 * 100)
                                + (z - 64) * (z - 64) / (50.0 * 50);
                        double signal = r2 < 1 ? 1000 * decay * (1 + 0.2 * Math.sin(x * 0.1) * Math.cos(y * 0.07)) : 0;
                        a[i++] = (float) (signal + 20 * rnd.nextDouble());
                    }
                }
            }
        }
        dir = Files.createTempDirectory("nifti-bench");
        file = dir.resolve("volume" + extension);
        if (extension.startsWith("foreign")) {
            Path plain = dir.resolve("volume.nii");
            NiftiWriter.nifti1().write(ScaledVolume.unscaled(v), plain);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                Files.copy(plain, out);
            }
            Files.delete(plain);
        } else {
            NiftiWriter.nifti1().write(ScaledVolume.unscaled(v), file);
        }
        System.out.printf(
                "%n%s: %d bytes on disk for %d bytes of voxels%n", file.getFileName(), Files.size(file), OUTPUT_BYTES);
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public ScaledVolume<?> read() throws IOException {
        return reader.read(file);
    }
}
