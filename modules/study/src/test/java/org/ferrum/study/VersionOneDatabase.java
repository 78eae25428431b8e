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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A study database as schema version 1 left it, for migration tests on H2 and PostgreSQL. */
final class VersionOneDatabase {

    private VersionOneDatabase() {}

    /**
     * Creates schema version 1 (with its recorded checksum) on an empty database and three subjects whose weights
     * version 1 let through: NaN ("NAN"), +∞ ("INF") and 70 kg ("OK").
     */
    static void createWithNonFiniteWeights(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            String v1 = SchemaMigrations.read("V1__schema.sql");
            for (String st : SchemaMigrations.statements(v1)) {
                s.execute(st);
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'schema', '" + SchemaMigrations.sha256(v1)
                    + "', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO subjects (id, code, weight_kg) VALUES (1, 'NAN', CAST('NaN' AS DOUBLE PRECISION)),"
                    + " (2, 'INF', CAST('Infinity' AS DOUBLE PRECISION)), (3, 'OK', 70)");
        }
    }
}
