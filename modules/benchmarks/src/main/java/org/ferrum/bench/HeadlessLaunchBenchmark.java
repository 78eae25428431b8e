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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Wall time of a headless run through the assembled application's launcher, from spawning
 * {@code bin/ferrum --nogui} to the process exiting, for a one-node pipeline whose operator does almost
 * nothing (it reads a 1.3 MB NIfTI file). The launch-to-first-operator time is below this figure
 * (target ≤ 5 s). {@code cold} uses a fresh user directory each time (first start: module caches are
 * built), {@code warm} reuses one. Needs {@code mvn install -DskipTests} first; run from the repository
 * root: {@code java -jar modules/benchmarks/target/benchmarks.jar HeadlessLaunchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class HeadlessLaunchBenchmark {

    @Param({"warm", "cold"})
    public String userdir;

    @Param({"application/target/ferrum"})
    public String app;

    private Path work;
    private Path pipeline;
    private Path warmUserdir;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        Path launcher = Path.of(app, "bin", "ferrum").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(
                    launcher + " not found: build the application first (mvn install -DskipTests)");
        }
        Path volume = Path.of("testdata/gre/mriresearchtools-small/Mag.nii").toAbsolutePath();
        if (!Files.isRegularFile(volume)) {
            throw new IllegalStateException(volume + " not found: run from the repository root");
        }
        work = Files.createTempDirectory("ferrum-launch");
        warmUserdir = work.resolve("userdir");
        pipeline = work.resolve("one-node.json");
        Files.writeString(
                pipeline,
                """
                { "format": "ferrum-pipeline", "formatVersion": 1, "name": "launch benchmark",
                  "nodes": [ { "id": "read", "operator": "io.read.volume", "version": "1.0",
                               "parameters": { "path": "%s" } } ] }
                """
                        .formatted(volume.toString().replace("\\", "\\\\")));
        launch(warmUserdir);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Benchmark
    public int headlessRun() throws IOException, InterruptedException {
        Path ud = userdir.equals("warm") ? warmUserdir : Files.createTempDirectory(work, "cold");
        return launch(ud);
    }

    private int launch(Path ud) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory(work, "out");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(app, "bin", "ferrum").toAbsolutePath().toString(),
                        "--nogui",
                        "--userdir",
                        ud.toString(),
                        "-J-Djava.awt.headless=true",
                        "--run",
                        pipeline.toString(),
                        "--out",
                        out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "headless run failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
        return p.exitValue();
    }
}
