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
package org.ferrum.study.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.study.DemoCohort;
import org.ferrum.study.DerivedMap;
import org.ferrum.study.StudyDatabase;
import org.ferrum.viewer.NamedVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo workspace's data path, headless: demo cohort, demo maps recorded on a visit and read back for the viewer. */
class DemoWorkspaceTest {

    @Test
    void demoMapsAreRecordedOnAVisitAndReadBackWithTheirUnits(@TempDir Path dir) throws Exception {
        StudyDatabase db = StudyDatabase.embedded(dir.resolve("db"));
        try {
            assertTrue(DemoCohort.generate().loadInto(db), "an empty database gets the demo cohort");
            long visit = DemoMaps.attach(db, dir.resolve("maps")).orElseThrow();
            List<DerivedMap> rows = db.inTransaction(r -> r.findBy(DerivedMap.class, "visit_id", visit));
            assertEquals(
                    Set.of("chi", "r2star", "lic", "pdff"),
                    rows.stream().map(DerivedMap::kind).collect(Collectors.toSet()));
            assertTrue(rows.stream().allMatch(m -> m.provenance().contains("synthetic")), "labelled as synthetic");
            assertTrue(rows.stream().allMatch(m -> Files.isRegularFile(Path.of(m.path()))), "the files exist");
            List<NamedVolume> maps = DemoMaps.read(db, visit);
            assertEquals(4, maps.size());
            NamedVolume chi = maps.stream()
                    .filter(m -> m.name().startsWith("chi"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(PhysicalUnit.PPM, chi.volume().unit(), "the unit survives the file");
            NamedVolume lic = maps.stream()
                    .filter(m -> m.name().startsWith("lic"))
                    .findFirst()
                    .orElseThrow();
            float[] v = org.ferrum.core.VolumeArrays.frame(lic.volume(), 0);
            float max = 0;
            for (float x : v) {
                max = Float.isNaN(x) ? max : Math.max(max, x);
            }
            assertEquals(8f, max, 1e-4, "the right lobe's true LIC");
            assertTrue(!DemoCohort.generate().loadInto(db), "a non-empty database is left alone");
        } finally {
            db.close();
        }
    }
}
