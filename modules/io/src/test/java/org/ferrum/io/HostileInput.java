package org.ferrum.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ferrum.io.dicom.DicomDump;
import org.ferrum.io.dicom.DicomFile;
import org.ferrum.io.dicom.DicomFormatException;
import org.ferrum.io.dicom.DicomParser;
import org.ferrum.io.dicom.DicomScan;
import org.ferrum.io.dicom.DicomScanner;
import org.ferrum.io.dicom.PixelData;
import org.ferrum.io.dicom.UnreadableFile;
import org.ferrum.io.nifti.NiftiReader;

/**
 * Reads hostile files the ways Ferrum reads files, and measures each read: wall time and the bytes the
 * reading thread allocated ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}).
 * The readers' documented refusals are {@link VolumeFormatException} (NIfTI) and
 * {@link DicomFormatException} (DICOM); for a folder scan, the file listed as unreadable.
 *
 * <p>{@link #main} runs the same reads in a child JVM (started by {@link #inChildJvm} with a small
 * {@code -Xmx}), so that the memory bound holds for all threads, not only the measured one.
 */
public final class HostileInput {

    /** How a file is read. */
    public enum Way {
        /** {@link NiftiReader#read}. */
        NIFTI,
        /** {@link DicomParser#read}, {@link DicomDump#dump} ({@code --dump}), {@link DicomFile#frameCount}, then up to 3 frames {@link PixelData#decodeFrame decoded}. */
        DICOM,
        /** {@link DicomScanner#scan} of the file (header only, as the import window and {@code --convert} start). */
        DICOM_SCAN,
        /** The DICOM volume reader ({@code VolumeFiles.read}: scan, series assembly, pixels). */
        DICOM_VOLUME
    }

    /** What one read did: the refusal (or other throwable, or null if it read), its time and the allocated bytes. */
    public record Outcome(Throwable thrown, String refusal, long nanos, long allocatedBytes) {

        /** True if the read ended in one of the readers' documented refusals. */
        public boolean refused() {
            return refusal != null;
        }

        public String line() {
            return String.format(Locale.ROOT, "%.3f s, %.1f MB allocated: %s", nanos / 1e9, allocatedBytes / 1e6,
                    refusal != null ? refusal : thrown == null ? "read without complaint" : String.valueOf(thrown));
        }
    }

    private HostileInput() {
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Reads {@code file} in {@code way}, measured. Never throws (an {@link Error} such as OutOfMemoryError is the outcome). */
    public static Outcome read(Way way, Path file) {
        long a0 = allocated(), t0 = System.nanoTime();
        Throwable thrown = null;
        String refusal = null;
        try {
            refusal = readOnce(way, file);
        } catch (VolumeFormatException e) { // DicomFormatException is one
            thrown = e;
            refusal = e.getMessage();
        } catch (Throwable e) {
            thrown = e;
        }
        return new Outcome(thrown, refusal, System.nanoTime() - t0, allocated() - a0);
    }

    /** The refusal message for a scan that lists the file as unreadable, else null; throws the reader's exceptions. */
    private static String readOnce(Way way, Path file) throws IOException {
        switch (way) {
            case NIFTI -> new NiftiReader().read(file);
            case DICOM -> {
                DicomFile f = DicomParser.read(file);
                DicomDump.dump(f);
                if (f.hasPixelData()) {
                    int frames = f.frameCount();
                    for (int i = 0; i < Math.min(frames, 3); i++) {
                        PixelData.decodeFrame(f, i);
                    }
                }
            }
            case DICOM_SCAN -> {
                DicomScan scan = DicomScanner.scan(file);
                for (UnreadableFile u : scan.unreadable()) {
                    return u.path().getFileName() + ": " + u.reason();
                }
            }
            case DICOM_VOLUME -> VolumeFiles.read(file);
            default -> throw new IllegalArgumentException(String.valueOf(way));
        }
        return null;
    }

    /**
     * Reads each {@code WAY=path} argument and prints one line per file: {@code path TAB outcome}; exits 0
     * if every file was refused the documented way, 1 otherwise.
     */
    public static void main(String[] args) {
        boolean allRefused = true;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            Way way = Way.valueOf(arg.substring(0, eq));
            Path file = Path.of(arg.substring(eq + 1));
            Outcome o = read(way, file);
            allRefused &= o.refused();
            System.out.println(way + " " + file.getFileName() + "\t" + o.line().replace('\n', ' '));
        }
        System.out.flush();
        System.exit(allRefused ? 0 : 1);
    }

    /** Output and exit code of {@link #main} run in a child JVM with {@code -Xmx<maxHeapMb>m}. */
    public record ChildRun(int exitCode, List<String> lines, long nanos) {
    }

    /** Runs {@link #main} on {@code reads} ("WAY=path") in a child JVM with the test class path and the given heap. */
    public static ChildRun inChildJvm(int maxHeapMb, List<String> reads) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeapMb + "m", "-XX:-HeapDumpOnOutOfMemoryError",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), HostileInput.class.getName()));
        cmd.addAll(reads);
        Path out = Files.createTempFile("hostile", ".txt");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
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
