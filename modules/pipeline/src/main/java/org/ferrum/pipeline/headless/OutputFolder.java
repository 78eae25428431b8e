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
package org.ferrum.pipeline.headless;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ferrum.io.RegularFiles;
import org.ferrum.pipeline.Provenance;

/**
 * The output folder of a run ({@code --out DIR}), published as a whole or not at all.
 *
 * <ul>
 * <li>{@link #problems} — before any work: {@code DIR} must not be a file, a broken link or on a kernel file
 *     system ({@code /proc}, {@code /sys}…); its nearest existing parent must be a writable folder; an existing
 *     {@code DIR} must be empty, unless {@code overwrite} is given, and then it must be an earlier run's output
 *     folder (it holds {@code provenance.json}) and hold none of the run's inputs.</li>
 * <li>{@link #open} — creates the hidden staging folder {@code .DIR.ferrum-partial-…} beside {@code DIR} (same
 *     file system, so the final rename is atomic). Everything the run writes goes there.</li>
 * <li>{@link #publish} — the run succeeded: the staging folder becomes {@code DIR} by one rename (a missing or
 *     empty {@code DIR}) or, with overwrite, by two: the old {@code DIR} is renamed aside to
 *     {@code .DIR.ferrum-replaced-…}, the staging folder renamed to {@code DIR}, and the old one deleted.</li>
 * <li>{@link #keepFailed} — the run failed: the staging folder, with whatever outputs were made and a
 *     {@code provenance.json} that says "failed", becomes {@code DIR.failed-YYYYMMDDTHHMMSSZ} beside
 *     {@code DIR}; {@code DIR} itself is not touched.</li>
 * <li>{@link #close} — anything not published or kept is deleted.</li>
 * </ul>
 * So {@code DIR} only ever holds one complete run, and no {@code .part} file is ever inside it. A process
 * killed mid-run leaves only its hidden staging folder, and one killed in the microseconds between the two
 * renames of an overwrite leaves {@code DIR} missing and the old folder under its hidden name; the next
 * {@code open} of the same {@code DIR} on the same machine deletes the former and puts the latter back, once
 * the process that made them is gone.
 */
public final class OutputFolder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutputFolder.class.getName());

    /** File systems that hold kernel state, not files: nothing can be stored there. */
    private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of(
            "proc",
            "sysfs",
            "devtmpfs",
            "devpts",
            "cgroup",
            "cgroup2",
            "debugfs",
            "tracefs",
            "securityfs",
            "pstore",
            "bpf",
            "configfs",
            "fusectl",
            "mqueue",
            "binfmt_misc",
            "efivarfs");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean done;

    private OutputFolder(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /** {@code dir} as an absolute path, with a symbolic link to a folder replaced by the folder itself. */
    static Path canonical(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs) && Files.isDirectory(abs)) {
            try {
                return abs.toRealPath();
            } catch (IOException e) {
                return abs;
            }
        }
        return abs;
    }

    /**
     * Everything wrong with {@code dir} as a run's output folder, one line each naming {@code dir}, or an
     * empty list. Reads only; creates nothing.
     *
     * @param overwrite  whether an existing, non-empty {@code dir} may be replaced
     * @param inputs     files and folders the run reads, which an overwrite must not delete
     */
    public static List<String> problems(Path dir, boolean overwrite, Collection<Path> inputs) {
        Path target = canonical(dir);
        List<String> problems = new ArrayList<>();
        String where = locationProblem(target);
        if (where != null) {
            problems.add(where);
            return problems;
        }
        if (Files.isDirectory(target)) {
            List<String> entries;
            try {
                entries = entries(target);
            } catch (IOException e) {
                problems.add(target + ": --out cannot be listed: " + e.getMessage());
                return problems;
            }
            if (!entries.isEmpty() && !overwrite) {
                problems.add(target + ": --out already holds " + entries.size()
                        + (entries.size() == 1 ? " entry" : " entries")
                        + " (" + String.join(", ", entries.subList(0, Math.min(3, entries.size())))
                        + (entries.size() > 3 ? ", …" : "")
                        + "); give a new or empty folder, or --overwrite to replace it as a whole");
            } else if (!entries.isEmpty() && !entries.contains(Provenance.FILE_NAME)) {
                problems.add(target + ": --out holds no " + Provenance.FILE_NAME
                        + ", so it is not the output folder of an earlier"
                        + " run; --overwrite replaces only those (move or delete it yourself if you mean to)");
            } else if (!entries.isEmpty()) {
                for (Path in : inputs) {
                    Path abs = in.toAbsolutePath().normalize();
                    if (abs.startsWith(target)) {
                        problems.add(target + ": --overwrite would delete " + abs + ", which this run reads");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * What makes {@code dir} unusable as a folder to write into, whatever it holds, or null: it is a file or
     * a broken link, lies on a kernel file system, or its nearest existing parent is not a writable folder.
     * The message names {@code dir}; nothing is created.
     */
    public static String locationProblem(Path dir) {
        Path target = canonical(dir);
        if (target.getParent() == null) {
            return target + ": --out cannot be the root of the file system; give a folder to create or an empty one";
        }
        if (Files.isSymbolicLink(target) && !Files.exists(target)) {
            return target + ": --out is a symbolic link to something that does not exist";
        }
        String kernel = kernelFileSystem(target);
        if (kernel != null) {
            return target + ": --out is on the kernel's '" + kernel + "' file system, which holds system information,"
                    + " not files; choose a folder on a disk";
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            return target + ": --out is " + RegularFiles.kind(target) + ", not a folder";
        }
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return target + ": --out cannot be created, because " + existing + " is " + RegularFiles.kind(existing)
                    + ", not a folder";
        }
        if (existing != null && !Files.isWritable(existing)) {
            return target + ": --out cannot be written: " + existing
                    + (readOnly(existing) ? " is on a read-only file system" : " is not writable by this user");
        }
        return null;
    }

    /**
     * Checks {@code dir} ({@link #problems}) and creates its staging folder.
     *
     * @throws IOException whose message names {@code dir} and says what is wrong
     */
    public static OutputFolder open(Path dir, boolean overwrite, Collection<Path> inputs) throws IOException {
        List<String> problems = problems(dir, overwrite, inputs);
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems));
        }
        Path target = canonical(dir);
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            cleanUpAfterKilledRuns(target);
            Path staging =
                    parent.resolve(hiddenName(target, "partial", Owner.current().token()));
            Files.createDirectory(staging);
            return new OutputFolder(target, staging, overwrite);
        } catch (IOException e) {
            throw new IOException(target + ": --out cannot be created in " + parent + ": " + describe(e), e);
        }
    }

    /** Where the run writes its files until {@link #publish} or {@link #keepFailed}. */
    public Path staging() {
        return staging;
    }

    /** The output folder asked for. */
    public Path target() {
        return target;
    }

    /**
     * Puts the staged files in place as {@code DIR}.
     *
     * @return {@code DIR}
     * @throws IOException if that fails; {@code DIR} is then as before and the staged files are still in
     *                     {@link #staging()} (e.g. for {@link #keepFailed})
     */
    public Path publish() throws IOException {
        if (done) {
            throw new IllegalStateException("already published or kept");
        }
        if (overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(target)) {
            Path aside = target.getParent()
                    .resolve(hiddenName(target, "replaced", Owner.current().token()));
            rename(target, aside);
            try {
                rename(staging, target);
            } catch (IOException e) {
                try {
                    rename(aside, target);
                } catch (IOException back) {
                    e.addSuppressed(back);
                }
                throw e;
            }
            done = true;
            deleteQuietly(aside);
            return target;
        }
        try {
            rename(staging, target); // replaces an empty folder in one step on POSIX systems
        } catch (IOException e) {
            if (!isEmptyFolder(target)) {
                throw new IOException(target + ": --out cannot be put in place (" + describe(e) + ")", e);
            }
            Files.delete(target); // file systems that do not rename over an empty folder
            rename(staging, target);
        }
        done = true;
        return target;
    }

    /**
     * Keeps a failed run's files beside {@code DIR}, as {@code DIR.failed-<UTC time>}; {@code DIR} is untouched.
     *
     * @return the folder the files are in now
     */
    public Path keepFailed() throws IOException {
        if (done) {
            throw new IllegalStateException("already published or kept");
        }
        String base = target.getFileName() + ".failed-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path kept = target.resolveSibling(base);
        for (int i = 2; Files.exists(kept, LinkOption.NOFOLLOW_LINKS); i++) {
            kept = target.resolveSibling(base + "-" + i);
        }
        Files.move(staging, kept); // not ATOMIC_MOVE: that would silently replace a folder made meanwhile
        done = true;
        return kept;
    }

    /**
     * Keeps a failed run's files as {@code kept} (e.g. a cohort's {@code .failed/<task id>/}), replacing an earlier
     * failed run's folder there; {@code DIR} is untouched. {@code kept}'s parent is created if missing.
     *
     * @return {@code kept}
     */
    public Path keepFailedAs(Path kept) throws IOException {
        if (done) {
            throw new IllegalStateException("already published or kept");
        }
        Files.createDirectories(kept.getParent());
        if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
            deleteQuietly(kept);
        }
        Files.move(staging, kept);
        done = true;
        return kept;
    }

    /** Deletes a folder and everything in it, if it exists (e.g. a stale {@code .failed/} folder of a task now done). */
    public static void deleteTree(Path tree) {
        if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            deleteQuietly(tree);
        }
    }

    /** Deletes the staging folder unless it was published or kept. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            deleteQuietly(staging);
        }
    }

    private static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmptyFolder(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .sorted((a, b) ->
                            a.equals(Provenance.FILE_NAME) ? -1 : b.equals(Provenance.FILE_NAME) ? 1 : a.compareTo(b))
                    .toList();
        }
    }

    /** The kernel file system {@code path} (or its nearest existing parent) is on, or null for an ordinary one. */
    private static String kernelFileSystem(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        try {
            String type = Files.getFileStore(p).type();
            return KERNEL_FILE_SYSTEMS.contains(type) ? type : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean readOnly(Path p) {
        try {
            return Files.getFileStore(p).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    // ---- hidden folders of unfinished runs ----

    private static String hiddenName(Path target, String kind, String token) {
        return "." + target.getFileName() + ".ferrum-" + kind + "-" + token;
    }

    /**
     * Deletes staging folders and puts back replaced folders that killed processes of this machine left beside
     * {@code dir} (see the class comment); {@link #open} does this too, but a caller that checks {@code dir}
     * first should call it before {@link #problems}, so that the check sees {@code dir} as it will be.
     */
    public static void recover(Path dir) {
        Path target = canonical(dir);
        if (target.getParent() != null && Files.isDirectory(target.getParent())) {
            cleanUpAfterKilledRuns(target);
        }
    }

    private static void cleanUpAfterKilledRuns(Path target) {
        String prefix = "." + target.getFileName() + ".ferrum-";
        List<Path> left;
        try (Stream<Path> s = Files.list(target.getParent())) {
            left = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return;
        }
        Pattern form = Pattern.compile(Pattern.quote(prefix) + "(partial|replaced)-(.+)");
        for (Path p : left) {
            Matcher m = form.matcher(p.getFileName().toString());
            if (!m.matches() || !Owner.isGone(m.group(2))) {
                continue;
            }
            if (m.group(1).equals("replaced") && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    rename(p, target);
                    LOG.log(Level.INFO, "{0}: put back the earlier output folder a killed run had moved aside", target);
                    continue;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, target + ": could not put back " + p, e);
                    continue;
                }
            }
            deleteQuietly(p);
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete " + tree, e);
        }
    }

    /**
     * The process that owns a hidden folder, as {@code pid-startMillis-random@host}: a folder is stale when its
     * host is this one and no process with that id and start time runs (a reused pid has another start time).
     */
    record Owner(long pid, long startMillis, String host) {

        private static final Owner CURRENT =
                new Owner(ProcessHandle.current().pid(), startOf(ProcessHandle.current()), machineName());

        static Owner current() {
            return CURRENT;
        }

        String token() {
            return pid + "-" + startMillis + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)) + "@" + host;
        }

        static boolean isGone(String token) {
            Matcher m = Pattern.compile("(\\d+)-(\\d+)-[0-9a-f]+@(.+)").matcher(token);
            if (!m.matches() || !m.group(3).equals(CURRENT.host)) {
                return false;
            }
            long pid = Long.parseLong(m.group(1));
            long start = Long.parseLong(m.group(2));
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(h -> startOf(h) != start)
                    .orElse(true);
        }

        private static long startOf(ProcessHandle h) {
            return h.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        }

        /** This machine's name, without a DNS look-up (which can stall for seconds on a cluster node). */
        private static String machineName() {
            String h;
            try {
                h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                h = System.getenv(
                        System.getProperty("os.name", "").startsWith("Windows") ? "COMPUTERNAME" : "HOSTNAME");
            }
            return h == null || h.isBlank() ? "localhost" : h.replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }
}
