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
package org.ferrum.study;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The longitudinal study database: one JDBC connection, its schema brought to this build's version on opening, and
 * transactions around every write.
 *
 * <p>Contract: {@link #open} accepts any JDBC URL whose driver is on the class path (embedded H2 by default,
 * {@link #embedded}; PostgreSQL works because the migrations use only standard SQL). Opening migrates the schema
 * ({@link SchemaMigrations}): a database written by a newer Ferrum is refused with "database schema version N is
 * newer than this Ferrum (M); use a newer Ferrum" and nothing is written. {@link #inTransaction} runs work in one
 * transaction: committed if it returns, rolled back entirely if it throws — so a failed import or a crash mid-way
 * leaves the database as it was. Thread-safe: transactions are serialised on the one connection, which suits a
 * desktop study browser and keeps H2's embedded file locking simple.
 *
 * <p>Durability: a transaction whose commit returned survives a crash of the JVM (kill -9, an abort).
 * H2 by default writes committed changes to its file up to {@code WRITE_DELAY} = 500 ms later, so a crash lost the
 * last half second of commits (12–140 subjects per kill in issue 14's test); every H2 file URL opened here therefore
 * gets {@code WRITE_DELAY=0} ({@link #durable}), which writes each commit before {@code commit()} returns. H2 does
 * not fsync on commit, so a crash of the operating system itself may still lose the last commits; PostgreSQL's
 * default {@code synchronous_commit=on} covers that too.
 */
public final class StudyDatabase implements AutoCloseable {

    /** File name (without H2's {@code .mv.db}) of the embedded database inside its folder. */
    public static final String EMBEDDED_NAME = "ferrum-study";

    /** Work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StudyRepository repository) throws StudyException;
    }

    /** Held while an H2 database is probed and connected to (see {@link #open}). */
    private static final Object H2_OPENING = new Object();

    private final Connection connection;
    private final String url;
    private final StudyRepository repository;
    /** Nesting of {@link #inTransaction} on the owning thread (guarded by this). */
    private int depth;

    private StudyDatabase(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
        this.repository = new StudyRepository(connection);
    }

    /**
     * The JDBC URL of the embedded H2 database kept in {@code folder} (e.g. the NetBeans user directory), without
     * settings; {@link #open} adds {@code WRITE_DELAY=0} ({@link #durable}).
     */
    public static String embeddedUrl(Path folder) {
        return "jdbc:h2:file:"
                + folder.toAbsolutePath().resolve(EMBEDDED_NAME).toString().replace('\\', '/');
    }

    /**
     * The URL with which {@link #open} connects: for an H2 database opened in this process from its file,
     * {@code ;WRITE_DELAY=0} appended so that a returned commit is in the file. Left as they are: an in-memory
     * database, an H2 server ({@code tcp:}, {@code ssl:}: the server's own settings apply, and changing them needs
     * admin rights), a read-only {@code zip:} database, another driver's URL, and an H2 URL that sets
     * {@code WRITE_DELAY} itself (a deliberate choice, e.g. the benchmark measuring the cost).
     */
    static String durable(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")
                || jdbcUrl.startsWith("jdbc:h2:mem:")
                || jdbcUrl.startsWith("jdbc:h2:tcp:")
                || jdbcUrl.startsWith("jdbc:h2:ssl:")
                || jdbcUrl.startsWith("jdbc:h2:zip:")
                || jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";WRITE_DELAY=0";
    }

    /** Opens (creating if needed) the embedded H2 database in {@code folder}. */
    public static StudyDatabase embedded(Path folder) throws StudyException {
        return open(embeddedUrl(folder), "sa", "");
    }

    /** Opens any JDBC database and brings its schema up to date (see the class contract). */
    public static StudyDatabase open(String jdbcUrl, String user, String password) throws StudyException {
        Connection c;
        try {
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                // Under the module system DriverManager's service lookup may not see the H2 module; name the driver.
                org.h2.Driver.load();
                // The read-only probe opens the file's database in this JVM read-only while it lasts; a connection
                // opened meanwhile by another thread would join that read-only instance ("The database is read only").
                synchronized (H2_OPENING) {
                    refuseNewerEmbeddedSchema(jdbcUrl, user, password);
                    c = DriverManager.getConnection(durable(jdbcUrl), user, password);
                }
            } else {
                c = DriverManager.getConnection(durable(jdbcUrl), user, password);
            }
        } catch (SQLException e) {
            throw new StudyException(
                    "cannot open the study database " + jdbcUrl + ": " + e.getMessage(), null, null, e);
        }
        try {
            SchemaMigrations.migrate(c);
            c.setAutoCommit(false);
            return new StudyDatabase(c, jdbcUrl);
        } catch (StudyException | SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw e instanceof StudyException se ? se : new StudyException(e.getMessage(), null, null, e);
        }
    }

    /**
     * H2 rewrites its file when a database is opened for writing, even if nothing is changed; so an existing H2 file
     * database is first opened read-only to learn its schema version, and a newer one is refused untouched.
     */
    private static void refuseNewerEmbeddedSchema(String jdbcUrl, String user, String password) throws StudyException {
        if (jdbcUrl.startsWith("jdbc:h2:mem:")
                || jdbcUrl.startsWith("jdbc:h2:tcp:")
                || jdbcUrl.startsWith("jdbc:h2:ssl:")) {
            return;
        }
        int found;
        try (Connection probe =
                DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", user, password)) {
            found = SchemaMigrations.currentVersion(probe);
        } catch (SQLException e) {
            return; // not there yet (or not openable read-only): the normal path reports real problems
        }
        if (found > SchemaMigrations.LATEST) {
            throw new StudyException("database schema version " + found + " is newer than this Ferrum ("
                    + SchemaMigrations.LATEST + "); use a newer Ferrum");
        }
    }

    public String url() {
        return url;
    }

    /** The schema version of the open database (this build's {@link #schemaVersionOfThisBuild()} after opening). */
    public synchronized int schemaVersion() throws StudyException {
        try {
            int v = SchemaMigrations.currentVersion(connection);
            connection.commit();
            return v;
        } catch (SQLException e) {
            throw new StudyException(e.getMessage(), "schema_version", null, e);
        }
    }

    public static int schemaVersionOfThisBuild() {
        return SchemaMigrations.LATEST;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws anything. Called again
     * from inside {@code work} (on the same thread), it joins the enclosing transaction instead of committing early.
     */
    public synchronized <T> T inTransaction(Work<T> work) throws StudyException {
        if (depth > 0) {
            return work.run(repository);
        }
        depth++;
        try {
            T result = work.run(repository);
            connection.commit();
            return result;
        } catch (StudyException | RuntimeException | Error e) {
            rollbackQuietly(e);
            throw e;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new StudyException("commit failed: " + e.getMessage(), null, null, e);
        } finally {
            depth--;
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    // Single-statement conveniences, each its own transaction.

    public <R extends Record> R insert(R row) throws StudyException {
        return inTransaction(r -> r.insert(row));
    }

    public <R extends Record> boolean update(R row) throws StudyException {
        return inTransaction(r -> r.update(row));
    }

    public <R extends Record> boolean delete(Class<R> type, long id) throws StudyException {
        return inTransaction(r -> r.delete(type, id));
    }

    public <R extends Record> Optional<R> find(Class<R> type, long id) throws StudyException {
        return inTransaction(r -> r.find(type, id));
    }

    public <R extends Record> List<R> findAll(Class<R> type) throws StudyException {
        return inTransaction(r -> r.findAll(type));
    }

    /** True if no subject is recorded (e.g. before the demo cohort is loaded). */
    public boolean isEmpty() throws StudyException {
        return inTransaction(r -> r.count(Subject.class) == 0);
    }

    @Override
    public synchronized void close() throws StudyException {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            throw new StudyException("closing the study database failed: " + e.getMessage(), null, null, e);
        }
    }
}
