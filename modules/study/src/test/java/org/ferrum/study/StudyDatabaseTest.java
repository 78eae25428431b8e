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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyDatabaseTest {

    @TempDir
    Path dir;

    static StudyDatabase memory(String name) throws StudyException {
        return StudyDatabase.open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void freshDatabaseIsMigratedAndReopeningChangesNothing() throws Exception {
        try (StudyDatabase db = StudyDatabase.embedded(dir)) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
            db.insert(new Subject(null, "S01", "F", 2001, 52.0, "thalassaemia major", null));
        }
        try (StudyDatabase db = StudyDatabase.embedded(dir)) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
            assertEquals(1, db.findAll(Subject.class).size());
        }
        try (Connection c = DriverManager.getConnection(StudyDatabase.embeddedUrl(dir), "sa", "");
                Statement s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT COUNT(*), MAX(CASE WHEN version = 1 THEN description END) FROM schema_version")) {
            rs.next();
            assertEquals(SchemaMigrations.LATEST, rs.getInt(1), "one row per migration, none re-applied");
            assertEquals("schema", rs.getString(2));
        }
    }

    @Test
    void newerSchemaIsRefusedAndTheFileIsNotWritten() throws Exception {
        try (StudyDatabase db = StudyDatabase.embedded(dir)) {
            db.insert(new Subject(null, "S01", null, null, null, null, null));
        }
        try (Connection c = DriverManager.getConnection(StudyDatabase.embeddedUrl(dir), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (7, 'from the future', 'x', CURRENT_TIMESTAMP)");
        }
        Path file = dir.resolve(StudyDatabase.EMBEDDED_NAME + ".mv.db");
        byte[] before = Files.readAllBytes(file);
        StudyException e = assertThrows(StudyException.class, () -> StudyDatabase.embedded(dir));
        assertEquals(
                "database schema version 7 is newer than this Ferrum (" + SchemaMigrations.LATEST
                        + "); use a newer Ferrum",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the refused database file is byte for byte unchanged");
    }

    @Test
    void alteredMigrationChecksumIsRefused() throws Exception {
        try (StudyDatabase db = memory("checksum")) {
            db.inTransaction(r -> {
                try (Statement s = r.connection().createStatement()) {
                    s.execute("UPDATE schema_version SET checksum = 'abc' WHERE version = 1");
                } catch (java.sql.SQLException ex) {
                    throw new StudyException(ex.getMessage());
                }
                return null;
            });
            StudyException e = assertThrows(StudyException.class, () -> memory("checksum"));
            assertTrue(e.getMessage().contains("V1__schema.sql was applied with checksum abc"), e.getMessage());
        }
    }

    @Test
    void crudRoundTrip() throws Exception {
        try (StudyDatabase db = memory("crud")) {
            Subject s = db.insert(new Subject(null, "S01", "M", 1999, 60.0, "sickle cell disease", "demo"));
            assertTrue(s.id() != null && s.id() > 0);
            Visit v = db.insert(new Visit(null, s.id(), LocalDate.of(2024, 3, 1), 61.5));
            Transfusion t = db.insert(new Transfusion(null, s.id(), LocalDate.of(2024, 2, 10), 450, 0.6));
            assertEquals(v, db.find(Visit.class, v.id()).orElseThrow());
            assertEquals(t, db.find(Transfusion.class, t.id()).orElseThrow());

            Subject heavier = new Subject(s.id(), "S01", "M", 1999, 64.0, "sickle cell disease", null);
            assertTrue(db.update(heavier));
            assertEquals(heavier, db.find(Subject.class, s.id()).orElseThrow());
            assertEquals(List.of(v), db.inTransaction(r -> r.visitsOf(s.id())));
            assertEquals(heavier, db.inTransaction(r -> r.subjectByCode("S01")).orElseThrow());

            assertTrue(db.delete(Subject.class, s.id()));
            assertTrue(db.find(Visit.class, v.id()).isEmpty(), "visits go with their subject (ON DELETE CASCADE)");
            assertTrue(db.isEmpty());
            assertFalse(db.delete(Subject.class, s.id()));
        }
    }

    @Test
    void constraintViolationsNameTheField() throws Exception {
        try (StudyDatabase db = memory("constraints")) {
            Subject s = db.insert(new Subject(null, "S01", null, null, null, null, null));
            StudyException hct = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Transfusion(null, s.id(), LocalDate.of(2024, 1, 1), 300, 60)));
            assertEquals("haematocrit", hct.field().orElseThrow());
            assertEquals(
                    "transfusions.haematocrit must be between 0 and 1 (a fraction, not a percentage)",
                    hct.getMessage());

            StudyException vol = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Transfusion(null, s.id(), LocalDate.of(2024, 1, 1), -5, 0.6)));
            assertEquals("volume_ml", vol.field().orElseThrow());

            StudyException dates = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Chelation(
                            null, s.id(), "deferasirox", 20, LocalDate.of(2024, 5, 1), LocalDate.of(2024, 1, 1))));
            assertEquals("chelation.end_date must not be before start_date", dates.getMessage());

            StudyException dup = assertThrows(
                    StudyException.class, () -> db.insert(new Subject(null, "S01", null, null, null, null, null)));
            assertEquals("code", dup.field().orElseThrow());
            assertTrue(dup.getMessage().startsWith("subjects.code must be unique"), dup.getMessage());

            StudyException missing = assertThrows(
                    StudyException.class, () -> db.insert(new Subject(null, null, null, null, null, null, null)));
            assertEquals("subjects.code is required", missing.getMessage());

            StudyException orphan = assertThrows(
                    StudyException.class, () -> db.insert(new Visit(null, 999, LocalDate.of(2024, 1, 1), null)));
            assertEquals("subject_id", orphan.field().orElseThrow());
            assertEquals("visits.subject_id names no existing subject (no subject with that id)", orphan.getMessage());

            StudyException drug = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Chelation(null, s.id(), "aspirin", 20, LocalDate.of(2024, 1, 1), null)));
            assertEquals("drug", drug.field().orElseThrow());
        }
    }

    @Test
    void failedTransactionKeepsNothing() throws Exception {
        try (StudyDatabase db = memory("rollback")) {
            assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> {
                        Subject s = r.insert(new Subject(null, "S01", null, null, null, null, null));
                        r.insert(new Visit(null, s.id(), LocalDate.of(2024, 1, 1), -1.0));
                        return null;
                    }));
            assertTrue(db.isEmpty(), "the subject inserted before the failure was rolled back");
            // a nested call joins the outer transaction rather than committing its part
            assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> {
                        db.insert(new Subject(null, "S02", null, null, null, null, null));
                        throw new StudyException("abandon");
                    }));
            assertTrue(db.isEmpty(), "the nested insert went with the outer rollback");
        }
    }

    @Test
    void fileUrlsAreOpenedWithoutWriteDelay() {
        String file = StudyDatabase.embeddedUrl(dir);
        assertEquals(file + ";WRITE_DELAY=0", StudyDatabase.durable(file));
        assertEquals("jdbc:h2:./study;WRITE_DELAY=0", StudyDatabase.durable("jdbc:h2:./study"));
        assertEquals(
                file + ";write_delay=200",
                StudyDatabase.durable(file + ";write_delay=200"),
                "an explicit setting is kept");
        assertEquals("jdbc:h2:mem:x", StudyDatabase.durable("jdbc:h2:mem:x"));
        assertEquals(
                "jdbc:h2:tcp://host/db",
                StudyDatabase.durable("jdbc:h2:tcp://host/db"),
                "a server's settings are its own");
        assertEquals("jdbc:postgresql://h/db", StudyDatabase.durable("jdbc:postgresql://h/db"));
    }

    @Test
    void theEmbeddedDatabaseRunsWithWriteDelayZero() throws Exception {
        try (StudyDatabase db = StudyDatabase.embedded(dir)) {
            String delay = db.inTransaction(r -> {
                try (Statement s = r.connection().createStatement();
                        var rs = s.executeQuery(
                                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    return rs.next() ? rs.getString(1) : null;
                } catch (java.sql.SQLException e) {
                    throw new StudyException(e.getMessage());
                }
            });
            assertEquals("0", delay);
        }
    }

    @Test
    void nanAndInfiniteNumbersAreRefusedNamingTheFieldAndTheLimit() throws Exception {
        try (StudyDatabase db = memory("finite")) {
            StudyException nan = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Subject(null, "S01", null, null, Double.NaN, null, null)));
            assertEquals("subjects.weight_kg must be a finite number greater than 0 kg; got NaN", nan.getMessage());
            assertEquals("weight_kg", nan.field().orElseThrow());
            Subject s = db.insert(new Subject(null, "S01", null, null, 50.0, null, null));
            StudyException inf = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Visit(null, s.id(), LocalDate.of(2024, 1, 1), Double.POSITIVE_INFINITY)));
            assertEquals("visits.weight_kg must be a finite number greater than 0 kg; got Infinity", inf.getMessage());
            assertThrows(
                    StudyException.class,
                    () -> db.update(new Subject(s.id(), "S01", null, null, Double.NaN, null, null)));
            assertThrows(
                    StudyException.class,
                    () -> db.inTransaction(r -> {
                        r.insertAll(
                                Subject.class,
                                List.of(new Subject(null, "S02", null, null, Double.NEGATIVE_INFINITY, null, null)));
                        return null;
                    }));
            StudyException volume = assertThrows(
                    StudyException.class,
                    () -> db.insert(new Transfusion(null, s.id(), LocalDate.of(2024, 1, 1), Double.NaN, 0.6)));
            assertEquals("transfusions.volume_ml must be a finite number, 0 mL or more; got NaN", volume.getMessage());
            StudyException value = assertThrows(
                    StudyException.class,
                    () -> db.insert(new RoiMeasurement(
                            null,
                            1,
                            "chi",
                            "liver",
                            null,
                            1,
                            0.0,
                            0.0,
                            0.0,
                            Double.POSITIVE_INFINITY,
                            0.0,
                            "ppm",
                            null)));
            assertEquals("roi_measurements.mean must be a finite number; got Infinity", value.getMessage());
            assertEquals(List.of(s), db.findAll(Subject.class), "nothing but the valid subject was stored");
        }
    }

    @Test
    void theSchemaItselfRefusesNanWeights() throws Exception {
        try (StudyDatabase db = memory("finiteschema")) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                StudyException e = assertThrows(
                        StudyException.class,
                        () -> db.inTransaction(r -> {
                            try (var p = r.connection()
                                    .prepareStatement("INSERT INTO subjects (code, weight_kg) VALUES ('RAW', ?)")) {
                                p.setDouble(1, bad); // past the Java check, straight to the database
                                p.executeUpdate();
                            } catch (java.sql.SQLException ex) {
                                throw ConstraintMessages.translate(ex, "subjects");
                            }
                            return null;
                        }));
                assertEquals("subjects.weight_kg must be a finite number greater than 0 kg", e.getMessage());
            }
        }
    }

    @Test
    void aVersionOneDatabaseWithNanWeightsIsMigratedToNulls() throws Exception {
        String url = "jdbc:h2:mem:v1nan;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            VersionOneDatabase.createWithNonFiniteWeights(c);
        }
        try (StudyDatabase db = StudyDatabase.open(url, "sa", "")) {
            assertEquals(SchemaMigrations.LATEST, db.schemaVersion());
            assertEquals(
                    java.util.Arrays.asList(null, null, 70.0),
                    db.findAll(Subject.class).stream().map(Subject::weightKg).toList());
        }
    }

    @Test
    void aTooLongTextIsRefusedNamingTheFieldAndTheLimit() throws Exception {
        try (StudyDatabase db = memory("length")) {
            String code = "C".repeat(65);
            StudyException e = assertThrows(
                    StudyException.class, () -> db.insert(new Subject(null, code, null, null, null, null, null)));
            assertEquals("subjects.code must be at most 64 characters long; it has 65", e.getMessage());
            assertEquals("code", e.field().orElseThrow());
            db.insert(new Subject(null, "C".repeat(64), null, null, null, null, null));
            assertEquals(1, db.findAll(Subject.class).size());
        }
    }

    @Test
    void theDatabasesOwnTooLongMessageNamesTheFieldToo() {
        // what H2 2.3 says when a text reaches the database too long (e.g. past the Java check on another path)
        java.sql.SQLException h2 = new java.sql.SQLException(
                "Value too long for column \"CODE CHARACTER VARYING(64)\": \"'" + "C".repeat(65)
                        + "' (65)\"; SQL statement:\nINSERT INTO subjects (code) VALUES (?) [22001-232]",
                "22001");
        StudyException e = ConstraintMessages.translate(h2, "subjects");
        assertEquals("subjects.code must be at most 64 characters long; it has 65", e.getMessage());
        assertEquals("code", e.field().orElseThrow());
    }
}
