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
            assertEquals(1, db.schemaVersion());
            db.insert(new Subject(null, "S01", "F", 2001, 52.0, "thalassaemia major", null));
        }
        try (StudyDatabase db = StudyDatabase.embedded(dir)) {
            assertEquals(1, db.schemaVersion());
            assertEquals(1, db.findAll(Subject.class).size());
        }
        try (Connection c = DriverManager.getConnection(StudyDatabase.embeddedUrl(dir), "sa", "");
                Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*), MIN(description) FROM schema_version")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one migration row, not re-applied");
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
        assertEquals("database schema version 7 is newer than this Ferrum (1); use a newer Ferrum", e.getMessage());
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
            StudyException hct = assertThrows(StudyException.class,
                    () -> db.insert(new Transfusion(null, s.id(), LocalDate.of(2024, 1, 1), 300, 60)));
            assertEquals("haematocrit", hct.field().orElseThrow());
            assertEquals("transfusions.haematocrit must be between 0 and 1 (a fraction, not a percentage)", hct.getMessage());

            StudyException vol = assertThrows(StudyException.class,
                    () -> db.insert(new Transfusion(null, s.id(), LocalDate.of(2024, 1, 1), -5, 0.6)));
            assertEquals("volume_ml", vol.field().orElseThrow());

            StudyException dates = assertThrows(StudyException.class, () -> db.insert(new Chelation(null, s.id(), "deferasirox",
                    20, LocalDate.of(2024, 5, 1), LocalDate.of(2024, 1, 1))));
            assertEquals("chelation.end_date must not be before start_date", dates.getMessage());

            StudyException dup = assertThrows(StudyException.class, () -> db.insert(new Subject(null, "S01", null, null, null, null, null)));
            assertEquals("code", dup.field().orElseThrow());
            assertTrue(dup.getMessage().startsWith("subjects.code must be unique"), dup.getMessage());

            StudyException missing = assertThrows(StudyException.class, () -> db.insert(new Subject(null, null, null, null, null, null, null)));
            assertEquals("subjects.code is required", missing.getMessage());

            StudyException orphan = assertThrows(StudyException.class, () -> db.insert(new Visit(null, 999, LocalDate.of(2024, 1, 1), null)));
            assertEquals("subject_id", orphan.field().orElseThrow());
            assertEquals("visits.subject_id names no existing subject (no subject with that id)", orphan.getMessage());

            StudyException drug = assertThrows(StudyException.class, () -> db.insert(new Chelation(null, s.id(), "aspirin",
                    20, LocalDate.of(2024, 1, 1), null)));
            assertEquals("drug", drug.field().orElseThrow());
        }
    }

    @Test
    void failedTransactionKeepsNothing() throws Exception {
        try (StudyDatabase db = memory("rollback")) {
            assertThrows(StudyException.class, () -> db.inTransaction(r -> {
                Subject s = r.insert(new Subject(null, "S01", null, null, null, null, null));
                r.insert(new Visit(null, s.id(), LocalDate.of(2024, 1, 1), -1.0));
                return null;
            }));
            assertTrue(db.isEmpty(), "the subject inserted before the failure was rolled back");
            // a nested call joins the outer transaction rather than committing its part
            assertThrows(StudyException.class, () -> db.inTransaction(r -> {
                db.insert(new Subject(null, "S02", null, null, null, null, null));
                throw new StudyException("abandon");
            }));
            assertTrue(db.isEmpty(), "the nested insert went with the outer rollback");
        }
    }
}
