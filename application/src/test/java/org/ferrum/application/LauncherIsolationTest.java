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
package org.ferrum.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/ferrum} as batch jobs use it (issue 14): headless commands are processes of their own with
 * their own exit status, even four at once on one user directory or beside the open application; file names with
 * shell metacharacters reach the program verbatim and run nothing; headless commands leave the user directory alone
 * (no study database); no heap dump is configured into the user directory.
 */
class LauncherIsolationTest {

    /** Characters a shell would act on, in one folder name: command substitution, backticks, both quotes, spaces, a newline. */
    static final String HOSTILE = "scan $(touch PWNED1) `touch PWNED2` it's \"q\" \\ x\nline2";

    @TempDir
    Path tmp;

    record Launch(Process process, Path out, Path err, List<String> command) {
        int waitFor() throws InterruptedException {
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "launcher did not finish within 180 s: " + command);
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        String report() throws IOException {
            return command + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr();
        }
    }

    static Path launcher() {
        return HeadlessLauncherTest.app().resolve("bin/ferrum").toAbsolutePath();
    }

    static Path sample() {
        return HeadlessLauncherTest.testdata()
                .resolve("pipelines/gre-roi-statistics.json")
                .toAbsolutePath();
    }

    /** Starts {@code bin/ferrum ARGS} in {@code tmp} with HOME in {@code tmp/home} and no display. */
    Launch start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        return startCommand(cmd, env);
    }

    /** Starts {@code cmd} in {@code tmp} with HOME in {@code tmp/home} and no display. */
    Launch startCommand(List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment()
                .put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Launch(pb.start(), out, err, cmd);
    }

    Launch runSample(Path userdir, Path out, String... inputs) throws IOException {
        List<String> args =
                new ArrayList<>(List.of("--nogui", "--userdir", userdir.toString(), "--run", sample().toString()));
        for (String i : inputs) {
            args.add("--input");
            args.add(i);
        }
        args.add("--out");
        args.add(out.toString());
        return start(Map.of(), args.toArray(String[]::new));
    }

    static void assertCompleteRun(Launch l, int status, Path out) throws Exception {
        assertEquals(0, status, l.report());
        assertTrue(Files.size(out.resolve("mask.nii.gz")) > 0, "mask missing in " + out);
        assertTrue(Files.readString(out.resolve("stats.csv")).lines().count() > 1, "stats table empty in " + out);
        assertTrue(
                Files.readString(out.resolve("provenance.json")).contains("\"status\" : \"succeeded\""),
                "provenance of " + out);
    }

    @Test
    void fourConcurrentRunsOnOneUserDirectoryAndAFailingOneEachExitWithTheirOwnStatus() throws Exception {
        Path userdir = tmp.resolve("shared userdir");
        Path notNifti = Files.writeString(tmp.resolve("not-a-volume.nii"), "this is not NIfTI");
        List<Launch> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.add(runSample(userdir, tmp.resolve("out" + i)));
        }
        Launch bad = runSample(userdir, tmp.resolve("out-bad"), "magnitude=" + notNifti);
        for (int i = 0; i < 4; i++) {
            assertCompleteRun(good.get(i), good.get(i).waitFor(), tmp.resolve("out" + i));
        }
        int badStatus = bad.waitFor();
        assertNotEquals(0, badStatus, bad.report());
        assertTrue(bad.stderr().contains("not-a-volume.nii"), "the failing run names its input\n" + bad.report());
        // item 12: headless commands do not open (or create) the study database, nor anything else in the user
        // directory
        assertFalse(Files.exists(userdir), "a headless run wrote into the user directory: " + list(userdir));
        assertFalse(Files.exists(tmp.resolve("home/.ferrum")), "a headless run created the default user directory");
    }

    @Test
    void namesWithShellMetacharactersReachTheProgramVerbatimAndRunNothing() throws Exception {
        Path hostile = Files.createDirectories(tmp.resolve(HOSTILE));
        Path magnitude = hostile.resolve("mag $(touch PWNED3) `touch PWNED4`.nii");
        Files.copy(
                sample().getParent()
                        .resolve("../gre/mriresearchtools-small/Mag.nii")
                        .normalize(),
                magnitude);
        Path out = hostile.resolve("out '$(touch PWNED5)'");
        Launch run = runSample(tmp.resolve("userdir"), out, "magnitude=" + magnitude);
        assertCompleteRun(run, run.waitFor(), out);
        assertTrue(
                Files.readString(out.resolve("provenance.json")).contains("mag $(touch PWNED3) `touch PWNED4`.nii"),
                "the input name as given is recorded");

        Path dicom = hostile.resolve("MR \"small\" $(touch PWNED6).dcm");
        Files.copy(HeadlessLauncherTest.testdata().resolve("dicom/pydicom/MR_small.dcm"), dicom);
        Launch dump = start(Map.of(), "--nogui", "--dump", dicom.toString());
        assertEquals(0, dump.waitFor(), dump.report());
        assertTrue(dump.stdout().contains("PatientName") || dump.stdout().contains("(0010,0010)"), dump.report());

        Path missing = hostile.resolve("gone `touch PWNED7`.dcm");
        Launch none = start(Map.of(), "--nogui", "--dump", missing.toString());
        assertEquals(2, none.waitFor(), none.report());
        assertTrue(
                none.stderr().contains(missing + ": no such file"), "the name is reported verbatim\n" + none.report());

        assertNoFileCreatedByTheNames();
    }

    /**
     * What each path of the launcher hands to java, seen through a stand-in JDK whose {@code java} records its
     * arguments: every argument arrives as one element, unchanged; the headless path runs HeadlessMain without the
     * user directory; neither path configures a heap dump.
     */
    @Test
    void bothPathsPassArgumentsAsGivenAndConfigureNoHeapDump() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("fake jdk/bin"));
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$FERRUM_TEST_ARGS\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path argsFile = tmp.resolve("args");
        Map<String, String> env = Map.of("FERRUM_TEST_ARGS", argsFile.toString());
        String weird = tmp.resolve(HOSTILE).toString();
        String jdkHome = jdk.getParent().toString();

        Launch headless = start(
                env,
                "--jdkhome",
                jdkHome,
                "--nogui",
                "--userdir",
                tmp.resolve("u").toString(),
                "-J-Dferrum.test=a b",
                "--dump",
                weird,
                "--input",
                "x=" + weird,
                "--out",
                "-Jnot-a-jvm-option");
        assertEquals(0, headless.waitFor(), headless.report());
        List<String> jvm = recorded(argsFile);
        int main = jvm.indexOf("org.ferrum.pipeline.headless.HeadlessMain");
        assertTrue(main > 0, jvm.toString());
        assertEquals(
                List.of("--dump", weird, "--input", "x=" + weird, "--out", "-Jnot-a-jvm-option"),
                jvm.subList(main + 1, jvm.size()));
        assertTrue(jvm.contains("-Dferrum.test=a b"), jvm.toString());
        assertTrue(jvm.contains("-Djava.awt.headless=true"), jvm.toString());
        assertFalse(
                String.join(" ", jvm).contains(tmp.resolve("u").toString()),
                "the headless JVM is given no user directory: " + jvm);
        assertFalse(String.join(" ", jvm).contains("HeapDump"), jvm.toString());

        Path userdir = tmp.resolve("user dir $(touch PWNED8)");
        Launch gui =
                start(env, "--jdkhome", jdkHome, "--userdir", userdir.toString(), "--open", weird, "--laf", "Metal");
        assertEquals(0, gui.waitFor(), gui.report());
        jvm = recorded(argsFile);
        main = jvm.indexOf("org.netbeans.Main");
        assertTrue(main > 0, jvm.toString());
        List<String> mainArgs = jvm.subList(main + 1, jvm.size());
        assertEquals(userdir.toString(), mainArgs.get(mainArgs.indexOf("--userdir") + 1), mainArgs.toString());
        assertEquals(
                List.of("--open", weird, "--laf", "Metal"), mainArgs.subList(mainArgs.size() - 4, mainArgs.size()));
        assertTrue(
                jvm.stream().anyMatch(a -> a.startsWith("-Dnetbeans.home=") && a.endsWith("platform")), jvm.toString());
        assertFalse(
                String.join(" ", jvm).contains("HeapDump"), "no heap dump into the user directory by default: " + jvm);
        assertNoFileCreatedByTheNames();
    }

    /**
     * The GUI path's restart and module-update loop, through a stand-in JDK: a first run that asks for a restart
     * ({@code <userdir>/var/restart}, as the platform writes it) is started again, once; a module waiting in
     * {@code <userdir>/update/download} is installed by the platform's updater before the application starts, and the
     * launcher exits with the application's status.
     */
    @Test
    void theGuiPathRestartsOnceWhenAskedAndRunsTheUpdaterBeforeStarting() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("fake jdk/bin"));
        Path java = jdk.resolve("java");
        // one line per JVM: its main class; Main asks for a restart the first time, the updater "installs" the module
        Files.writeString(
                java,
                String.join(
                        "\n",
                        "#!/bin/bash",
                        "ud=; prev=; main=",
                        "for a in \"$@\"; do",
                        "  [ \"$prev\" = --userdir ] && ud=$a",
                        "  case $a in -Dnetbeans.user=*) ud=${a#-Dnetbeans.user=};; org.netbeans.Main|org.netbeans.updater.UpdaterFrame) main=$a;; esac",
                        "  prev=$a",
                        "done",
                        "echo \"$main\" >> \"$FERRUM_TEST_ARGS\"",
                        "if [ \"$main\" = org.netbeans.updater.UpdaterFrame ]; then rm -f \"$ud\"/update/download/*.nbm; fi",
                        "if [ \"$main\" = org.netbeans.Main ] && [ ! -f \"$ud/restarted\" ]; then",
                        "  mkdir -p \"$ud/var\"; touch \"$ud/var/restart\" \"$ud/restarted\"; exit 0",
                        "fi",
                        "exit 7",
                        ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path argsFile = tmp.resolve("mains");
        Map<String, String> env = Map.of("FERRUM_TEST_ARGS", argsFile.toString());

        Path userdir = tmp.resolve("user dir");
        Launch restart =
                start(env, "--jdkhome", jdk.getParent().toString(), "--userdir", userdir.toString(), "--nosplash");
        assertEquals(7, restart.waitFor(), restart.report());
        assertEquals(List.of("org.netbeans.Main", "org.netbeans.Main"), Files.readAllLines(argsFile), restart.report());
        assertFalse(Files.exists(userdir.resolve("var/restart")), "the restart request is consumed");

        Files.delete(argsFile);
        Path other = tmp.resolve("user dir 2");
        Files.createDirectories(other.resolve("update/download"));
        Files.writeString(other.resolve("update/download/org-example-module.nbm"), "not really an nbm");
        Files.createFile(other.resolve("restarted")); // no restart this time
        Launch update =
                start(env, "--jdkhome", jdk.getParent().toString(), "--userdir", other.toString(), "--nosplash");
        assertEquals(7, update.waitFor(), update.report());
        assertEquals(
                List.of("org.netbeans.updater.UpdaterFrame", "org.netbeans.Main"),
                Files.readAllLines(argsFile),
                update.report());
    }

    /**
     * Four headless runs at once beside the open application (under Xvfb) each run in a process of their own: each exits
     * 0 with its outputs, and the application is still running afterwards. A command handed to the open application
     * through the platform's single-instance lock is refused there, and the application keeps running.
     */
    @Test
    void headlessRunsBesideTheOpenApplicationLeaveItRunning() throws Exception {
        assumeTrue(onPath("xvfb-run"), "xvfb-run is not installed");
        Path userdir = tmp.resolve("gui userdir");
        List<String> cmd = List.of(
                "xvfb-run",
                "-a",
                launcher().toString(),
                "--userdir",
                userdir.toString(),
                "--nosplash",
                "-J-Dferrum.noDemo=true");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment()
                .put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        pb.redirectOutput(tmp.resolve("gui.out").toFile())
                .redirectError(tmp.resolve("gui.err").toFile());
        Process app = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(userdir.resolve("lock")) && System.nanoTime() < deadline && app.isAlive()) {
                Thread.sleep(200);
            }
            assertTrue(
                    app.isAlive() && Files.exists(userdir.resolve("lock")),
                    "the application did not start: " + Files.readString(tmp.resolve("gui.err")));
            List<Launch> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(runSample(userdir, tmp.resolve("beside" + i)));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertCompleteRun(runs.get(i), runs.get(i).waitFor(), tmp.resolve("beside" + i));
            }
            assertTrue(app.isAlive(), "the application ended while headless runs ran beside it");

            // A command handed to the open application by the platform's own single-instance path (the platform's
            // generic launcher, which a user might still call) is refused there instead of running inside the
            // application and ending it.
            Path handed = tmp.resolve("handed");
            Path home = HeadlessLauncherTest.app().toAbsolutePath();
            Launch refused = startCommand(
                    List.of(
                            "sh",
                            home.resolve("platform/lib/nbexec").toString(),
                            "--clusters",
                            home.resolve("ferrum") + File.pathSeparator + home.resolve("extra"),
                            "--userdir",
                            userdir.toString(),
                            "--run",
                            sample().toString(),
                            "--out",
                            handed.toString()),
                    Map.of());
            assertNotEquals(0, refused.waitFor(), refused.report());
            assertTrue(
                    (refused.stdout() + refused.stderr()).contains("running with its windows open"), refused.report());
            assertFalse(Files.exists(handed), "the refused command wrote " + handed);
            Thread.sleep(2000);
            assertTrue(app.isAlive(), "the application ended after refusing a handed-over command");
        } finally {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void assertNoFileCreatedByTheNames() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            List<String> pwned = all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("PWNED"))
                    .toList();
            assertTrue(pwned.isEmpty(), "shell code in a file name ran: " + pwned);
        }
        assertFalse(
                Files.exists(Path.of("PWNED1")) || Files.exists(Path.of("/tmp/PWNED1")),
                "shell code in a file name ran");
    }

    private static List<String> recorded(Path argsFile) throws IOException {
        String all = Files.readString(argsFile, StandardCharsets.UTF_8);
        return Arrays.asList(all.substring(0, all.length() - 1).split("\0", -1));
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return "(none)";
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).toList().toString();
        }
    }
}
