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
package org.ferrum.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ferrum-batch} as the distribution has it (src/main/dist/bin), over a {@code jars/} folder made of this
 * build's classes and its test class path: the script finds Java, gives the JVM Spark's module options and runs.
 */
class DistributionScriptTest {

    @TempDir
    Path tmp;

    /** A distribution folder like target/ferrum-batch/: bin/ferrum-batch and jars/. */
    private Path distribution() throws IOException {
        Path dist = tmp.resolve("ferrum-batch");
        Files.createDirectories(dist.resolve("bin"));
        Path script = dist.resolve("bin/ferrum-batch");
        Files.copy(Path.of("src/main/dist/bin/ferrum-batch"), script);
        script.toFile().setExecutable(true);
        Path jars = Files.createDirectories(dist.resolve("jars"));
        int i = 0;
        for (String entry : SparkSetup.classPath().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            i++;
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Files.createSymbolicLink(jars.resolve(i + "-" + p.getFileName()), p);
            } else if (Files.isDirectory(p)) {
                jar(p, jars.resolve(i + "-" + p.getParent().getFileName() + "-" + p.getFileName() + ".jar"));
            }
        }
        return dist;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
    }

    private record Ran(int status, String out) {}

    private static Ran run(Path dist, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(dist.resolve("bin/ferrum-batch").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FERRUM_BATCH_MEMORY", "1g");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Ran(p.exitValue(), out);
    }

    @Test
    void helpAndARealRunThroughTheScript() throws Exception {
        Path dist = distribution();
        Ran help = run(dist, "--help");
        assertEquals(0, help.status, help.out);
        assertTrue(help.out.startsWith("Usage: ferrum-batch run"), help.out);

        Ran bad = run(dist, "run", "--pipeline", tmp.resolve("none.json").toString());
        assertEquals(2, bad.status, bad.out);
        assertTrue(bad.out.contains("--out DIR is required"), bad.out);

        var tasks = TestCohort.greCohort(tmp.resolve("data"));
        StringBuilder csv = new StringBuilder("subject,visit,date,magnitude\n");
        for (var t : tasks) {
            csv.append(t.subject())
                    .append(',')
                    .append(t.visit().isEmpty() ? "1" : t.visit())
                    .append(",2026-01-10,")
                    .append(t.inputs().get("magnitude"))
                    .append('\n');
        }
        Path manifest = tmp.resolve("cohort.csv");
        Files.writeString(manifest, csv);
        Ran real = run(
                dist,
                "run",
                "--pipeline",
                TestCohort.GRE_ROI_STATISTICS.toString(),
                "--manifest",
                manifest.toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--master",
                "local[2]",
                "--no-study");
        assertEquals(1, real.status, real.out);
        assertTrue(real.out.contains("4 tasks: 3 done, 0 reused, 1 failed"), real.out);
        assertTrue(Files.isRegularFile(
                tmp.resolve("out/derivatives/ferrum/sub-01/ses-1/sub-01_ses-1_desc-stats_table.csv")));
    }
}
