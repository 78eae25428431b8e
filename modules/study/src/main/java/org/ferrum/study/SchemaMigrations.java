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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our own versioned schema migrations: {@code migrations/V<n>__<description>.sql} resources, applied in order, each in
 * one transaction together with its row in {@code schema_version} (version, description, SHA-256 checksum of the file,
 * applied_at).
 *
 * <p>Contract of {@link #migrate}: a database whose highest recorded version exceeds {@link #LATEST} is refused before
 * anything is written; an applied migration whose checksum differs from the file in this build is refused (someone
 * edited a released migration); otherwise the missing versions are applied and nothing else changes, so opening twice
 * is idempotent.
 *
 * <p>Why not Flyway: under the NetBeans module system Flyway scans the class path for {@code db/migration} resources,
 * which a module class loader does not expose as a directory (it needs a custom resource provider), and it adds ~1 MB
 * and a wrapper module for what is ~150 auditable lines here; the schema_version table keeps the same ideas
 * (versioned, checksummed, one transaction per step, refuse what we do not know).
 */
final class SchemaMigrations {

    /** The migrations this build knows: version → resource file name. */
    static final Map<Integer, String> FILES = new TreeMap<>(Map.of(
            1, "V1__schema.sql", 2, "V2__finite_weights.sql", 3, "V3__pipeline_runs.sql", 4, "V4__brain_iron.sql"));

    /** The schema version this build writes. */
    static final int LATEST = 4;

    private SchemaMigrations() {}

    /** Brings the schema up to {@link #LATEST}; returns the version found before (0 for an empty database). */
    static int migrate(Connection c) throws StudyException {
        try {
            c.setAutoCommit(true);
            int found = currentVersion(c);
            if (found > LATEST) {
                throw new StudyException("database schema version " + found + " is newer than this Ferrum (" + LATEST
                        + "); use a newer Ferrum");
            }
            if (!hasVersionTable(c)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute(
                            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                                    + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
            Map<Integer, String> applied = appliedChecksums(c);
            for (Map.Entry<Integer, String> m : FILES.entrySet()) {
                int version = m.getKey();
                String text = read(m.getValue());
                String checksum = sha256(text);
                if (applied.containsKey(version)) {
                    if (!applied.get(version).equals(checksum)) {
                        throw new StudyException("schema migration " + m.getValue() + " was applied with checksum "
                                + applied.get(version) + " but this Ferrum has " + checksum
                                + "; the database or this build was altered, refusing to continue");
                    }
                    continue;
                }
                apply(c, version, description(m.getValue()), text, checksum);
            }
            return found;
        } catch (SQLException e) {
            throw new StudyException(
                    "cannot migrate the study database schema: " + e.getMessage(), "schema_version", null, e);
        } finally {
            try {
                c.setAutoCommit(false);
            } catch (SQLException ignored) {
                // the connection is closed by the caller on failure
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        if (!hasVersionTable(c)) {
            return 0;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean hasVersionTable(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        // Unquoted identifiers fold to upper case in H2 and the standard, to lower case in PostgreSQL.
        for (String name : new String[] {"SCHEMA_VERSION", "schema_version"}) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<Integer, String> appliedChecksums(Connection c) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void apply(Connection c, int version, String description, String text, String checksum)
            throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : statements(text)) {
                s.execute(statement);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, description);
                p.setString(3, checksum);
                p.setTimestamp(4, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** The statements of a migration: '--' comments dropped, split at ';' ending a line (our files put none in strings). */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String st = current.toString().strip();
                out.add(st.substring(0, st.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    static String read(String file) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + file);
            }
            // Line ends normalised so that a checkout with CRLF gives the same checksum.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String description(String file) {
        return file.substring(file.indexOf("__") + 2, file.lastIndexOf('.')).replace('_', ' ');
    }
}
