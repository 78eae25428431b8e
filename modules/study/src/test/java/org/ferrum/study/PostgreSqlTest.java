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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.ferrum.testkit.postgresql.EmbeddedPostgreSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The same schema and rules on a PostgreSQL server (portable SQL, constraint messages, newer-version refusal), and
 * {@link CohortResultsContract} there. Always runs: without a server given, the test starts its own
 * ({@link EmbeddedPostgreSql}: PostgreSQL 14 from Maven Central, as user {@code nobody} when the build runs as root,
 * on a free port; stopped and deleted after the class, also when a test fails). An external server instead:
 * {@code mvn -o test -pl modules/study -Dtest=PostgreSqlTest
 * -Dferrum.study.postgresql=jdbc:postgresql://localhost/ferrum_study -Dferrum.study.user=ferrum
 * -Dferrum.study.password=ferrum}; the tests drop every table of that database first and last, so give it a scratch
 * database.
 */
class PostgreSqlTest {

    private static final String GIVEN = System.getProperty("ferrum.study.postgresql");

    private static EmbeddedPostgreSql server;
    private static String URL;
    private static String USER;
    private static String PASSWORD;

    @BeforeAll
    static void startServer() throws Exception {
        if (GIVEN != null && !GIVEN.isBlank()) {
            URL = GIVEN;
            USER = System.getProperty("ferrum.study.user", "ferrum");
            PASSWORD = System.getProperty("ferrum.study.password", "ferrum");
            return;
        }
        server = EmbeddedPostgreSql.start();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ferrum_study");
        }
        URL = server.jdbcUrl("ferrum_study");
        USER = server.user();
        PASSWORD = "";
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void theServerIsPostgreSql() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
        }
    }

    /**
     * The fixture itself: a second server runs beside the first (own port and folder), as {@code nobody} (uid 65534)
     * when the build runs as root, and {@code close()} stops it and removes its cluster folder.
     */
    @Test
    void anEmbeddedServerRunsUnprivilegedAndLeavesNothingBehind() throws Exception {
        Assumptions.assumeTrue(server != null, "an external server was given");
        Path data;
        int port;
        try (EmbeddedPostgreSql second = EmbeddedPostgreSql.start()) {
            port = second.port();
            assertNotEquals(server.port(), port);
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.user(), "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW data_directory")) {
                rs.next();
                data = Path.of(rs.getString(1));
            }
            int us = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int owner = (Integer) Files.getAttribute(data, "unix:uid");
            assertEquals(us == 0 ? 65534 : us, owner, "owner of " + data);
        }
        assertFalse(Files.exists(data.getParent()), data.getParent() + " removed");
        assertThrows(
                java.sql.SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", ""));
    }

    /** {@link CohortResultsContract} on this server, one emptied database per test. */
    @Nested
    class CohortResultsOnPostgreSql extends CohortResultsContract {

        @Override
        String freshDatabase() throws Exception {
            dropAll();
            return URL;
        }

        @Override
        String user() {
            return USER;
        }

        @Override
        String password() {
            return PASSWORD;
        }

        @AfterAll
        void emptyAgain() throws Exception {
            dropAll();
        }
    }

    @Test
    void schemaRulesAndRefusalsHoldOnPostgreSql() throws Exception {
        dropAll();
        try {
            StudyDatabase db = StudyDatabase.open(URL, USER, PASSWORD);
            assertEquals(StudyDatabase.schemaVersionOfThisBuild(), db.schemaVersion());
            Subject s = db.insert(new Subject(null, "PG01", "F", 2001, 52.0, "thalassaemia major", null));
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2025, 1, 10), 52.0));
            db.insert(new RoiMeasurement(
                    null,
                    v.id(),
                    LicSeries.LIC_R2STAR,
                    LicSeries.LIVER,
                    1,
                    100,
                    8.0,
                    7.5,
                    8.5,
                    8.0,
                    0.5,
                    "mg Fe/g dw",
                    "{}"));
            assertEquals(8.0, LicSeries.of(db, s.id()).points().get(0).licR2star(), 0);
            StudyException bad = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Transfusion(null, s.id(), LocalDate.of(2025, 1, 1), 300, 60)));
            assertTrue(bad.getMessage().contains("haematocrit"), bad.getMessage());
            db.close();
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                    Statement st = c.createStatement()) {
                st.execute("INSERT INTO schema_version VALUES (7, 'from the future', 'x', CURRENT_TIMESTAMP)");
            }
            StudyException newer = assertThrows(StudyException.class, () -> StudyDatabase.open(URL, USER, PASSWORD));
            assertTrue(newer.getMessage().startsWith("database schema version 7 is newer"), newer.getMessage());
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                    Statement st = c.createStatement();
                    var rs = st.executeQuery("SELECT COUNT(*) FROM subjects")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the refused database keeps its data");
            }
        } finally {
            dropAll();
        }
    }

    /** Schema version 2 (issue 14) on PostgreSQL: NaN and ∞ weights refused naming the field; a V1 database migrated. */
    @Test
    void finiteWeightsAndTheVersionTwoMigrationHoldOnPostgreSql() throws Exception {
        dropAll();
        try {
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
                VersionOneDatabase.createWithNonFiniteWeights(c);
            }
            try (StudyDatabase db = StudyDatabase.open(URL, USER, PASSWORD)) {
                assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
                java.util.Map<String, Double> weight = new java.util.TreeMap<>();
                db.findAll(Subject.class).forEach(x -> weight.put(x.code(), x.weightKg()));
                assertEquals(
                        java.util.Arrays.asList(null, null, 70.0),
                        List.of("INF", "NAN", "OK").stream().map(weight::get).toList());
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                    StudyException e = assertThrows(
                            StudyException.class,
                            () -> db.insert(new Subject(null, "W" + bad, null, null, bad, null, null)));
                    assertTrue(
                            e.getMessage().startsWith("subjects.weight_kg must be a finite number greater than 0 kg"),
                            e.getMessage());
                }
            }
            // the database's own constraint, past the Java check
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                    Statement s = c.createStatement()) {
                java.sql.SQLException e = assertThrows(
                        java.sql.SQLException.class,
                        () -> s.execute(
                                "INSERT INTO subjects (code, weight_kg) VALUES ('RAW', CAST('NaN' AS DOUBLE PRECISION))"));
                assertTrue(e.getMessage().contains("ck_subjects_weight_kg"), e.getMessage());
            }
        } finally {
            dropAll();
        }
    }

    /**
     * Schema version 4 (issue 18) on PostgreSQL: pre- and post-dialysis visits on one day, a brain.nuclei.measure table
     * saved with its run and read back, and the new constraints' messages.
     */
    @Test
    void brainIronTablesHoldOnPostgreSql() throws Exception {
        dropAll();
        try (StudyDatabase db = StudyDatabase.open(URL, USER, PASSWORD)) {
            assertEquals(4, db.schemaVersion());
            Subject s = db.insert(new Subject(null, "PGH", "M", 1960, 80.0, "ESKD", null, LocalDate.of(2020, 5, 1)));
            LocalDate day = LocalDate.of(2025, 2, 3);
            Visit pre = db.insert(new Visit(null, s.id(), day, 80.0, Visit.PRE_DIALYSIS, 3.0));
            db.insert(new Visit(null, s.id(), day, 78.0, Visit.POST_DIALYSIS, 3.0));
            db.insert(new Visit(null, s.id(), day, 78.0, "", 3.0));
            StudyException dup =
                    assertThrows(StudyException.class, () -> db.insert(new Visit(null, s.id(), day, 78.0, "", 3.0)));
            assertTrue(
                    dup.getMessage().startsWith("visits.visit_date must be unique per subject and session label"),
                    dup.getMessage());
            PipelineResults.save(
                    db,
                    pre.id(),
                    new PipelineRun(null, 0, "pg1", "brain-iron", null, null, null),
                    java.util.Map.of(),
                    java.util.Map.of(),
                    List.of(BrainIronDatabaseTest.nucleusTable(60, -4)),
                    null);
            assertEquals(3, BrainIron.ofVisit(db, pre.id()).size());
            List<BrainIron.Point> points = BrainIron.of(db); // caudate both chi, putamen left chi, putamen left r2star
            assertEquals("putamen", points.get(1).measurement().nucleus());
            assertEquals(60.0, points.get(1).measurement().medianReferenced(), "putamen chi, referenced");
            assertEquals("none", points.get(2).measurement().reference());
            StudyException unit = assertThrows(
                    StudyException.class,
                    () -> db.insert(new LabValue(null, s.id(), day, LabValue.FERRITIN, 500, "mg/l")));
            assertTrue(
                    unit.getMessage().startsWith("lab_values.unit must be a unit accepted for the analyte"),
                    unit.getMessage());
            StudyException modality = assertThrows(
                    StudyException.class,
                    () -> db.insert(new DialysisSession(null, s.id(), day, "HD", 240.0, 100, null, null)));
            assertTrue(
                    modality.getMessage().startsWith("dialysis_sessions.modality must be one of"),
                    modality.getMessage());
        } finally {
            dropAll();
        }
    }

    private static void dropAll() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }
}
