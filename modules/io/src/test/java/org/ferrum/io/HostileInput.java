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
package org.ferrum.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ferrum.io.nifti.NiftiReader;

/**
 * Reads hostile files the ways Ferrum reads files, and measures each read: wall time and the bytes the
 * reading thread allocated ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}).
 * The readers' documented refusal is {@link VolumeFormatException} (NIfTI; DICOM's {@code DicomFormatException}
 * is one); for a folder scan, the file listed as unreadable. The ways of reading are {@link Reading}s: io's own
 * ({@link Way}) and those of other modules' tests (modules/dicom's {@code DicomWay}), which use this class through
 * io's test jar.
 *
 * <p>{@link #main} runs the same reads in a child JVM (started by {@link #inChildJvm} with a small
 * {@code -Xmx}), so that the memory bound holds for all threads, not only the measured one.
 */
public final class HostileInput {

    /** A way of reading a file. */
    public interface Reading {

        /** The name used in {@code WAY=path} arguments and output lines. */
        String name();

        /** Reads the file; returns the refusal when the read lists the file as unreadable instead of throwing, else null. */
        String readOnce(Path file) throws IOException;
    }

    /** How io reads a file. */
    public enum Way implements Reading {
        /** {@link NiftiReader#read}. */
        NIFTI;

        @Override
        public String readOnce(Path file) throws IOException {
            new NiftiReader().read(file);
            return null;
        }
    }

    /** What one read did: the refusal (or other throwable, or null if it read), its time and the allocated bytes. */
    public record Outcome(Throwable thrown, String refusal, long nanos, long allocatedBytes) {

        /** True if the read ended in one of the readers' documented refusals. */
        public boolean refused() {
            return refusal != null;
        }

        public String line() {
            return String.format(
                    Locale.ROOT,
                    "%.3f s, %.1f MB allocated: %s",
                    nanos / 1e9,
                    allocatedBytes / 1e6,
                    refusal != null ? refusal : thrown == null ? "read without complaint" : String.valueOf(thrown));
        }
    }

    private HostileInput() {}

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Reads {@code file} in {@code way}, measured. Never throws (an {@link Error} such as OutOfMemoryError is the outcome). */
    public static Outcome read(Reading way, Path file) {
        long a0 = allocated(), t0 = System.nanoTime();
        Throwable thrown = null;
        String refusal = null;
        try {
            refusal = way.readOnce(file);
        } catch (VolumeFormatException e) { // DICOM's DicomFormatException is one
            thrown = e;
            refusal = e.getMessage();
        } catch (Throwable e) {
            thrown = e;
        }
        return new Outcome(thrown, refusal, System.nanoTime() - t0, allocated() - a0);
    }

    /**
     * Reads each {@code WAY=path} argument and prints one line per file: {@code path TAB outcome}; exits 0
     * if every file was refused the documented way, 1 otherwise.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws ClassNotFoundException {
        Class ways = Class.forName(System.getProperty(WAYS_PROPERTY, Way.class.getName()));
        boolean allRefused = true;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            Reading way = (Reading) Enum.valueOf(ways, arg.substring(0, eq));
            Path file = Path.of(arg.substring(eq + 1));
            Outcome o = read(way, file);
            allRefused &= o.refused();
            System.out.println(way + " " + file.getFileName() + "\t" + o.line().replace('\n', ' '));
        }
        System.out.flush();
        System.exit(allRefused ? 0 : 1);
    }

    /** Output and exit code of {@link #main} run in a child JVM with {@code -Xmx<maxHeapMb>m}. */
    public record ChildRun(int exitCode, List<String> lines, long nanos) {}

    /** The system property naming the enum of {@link Reading}s that the child JVM's {@code WAY} names are taken from. */
    private static final String WAYS_PROPERTY = "hostile.ways";

    /** Runs {@link #main} on {@code reads} ("WAY=path", WAY one of io's {@link Way}s) in a child JVM with the test class path and the given heap. */
    public static ChildRun inChildJvm(int maxHeapMb, List<String> reads) throws IOException, InterruptedException {
        return inChildJvm(maxHeapMb, Way.class, reads);
    }

    /** As {@link #inChildJvm(int, List)}, WAY one of the constants of {@code ways}. */
    public static <W extends Enum<W> & Reading> ChildRun inChildJvm(int maxHeapMb, Class<W> ways, List<String> reads)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx" + maxHeapMb + "m",
                "-XX:-HeapDumpOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-D" + WAYS_PROPERTY + "=" + ways.getName(),
                "-cp",
                System.getProperty("java.class.path"),
                HostileInput.class.getName()));
        cmd.addAll(reads);
        Path out = Files.createTempFile("hostile", ".txt");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish in 5 minutes: " + cmd);
            }
            return new ChildRun(p.exitValue(), Files.readAllLines(out), System.nanoTime() - t0);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
