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
import java.time.LocalDate;

/**
 * The writer that {@link KillDuringCommitsTest} kills: in the study database of folder {@code args[0]}, commits
 * transactions of one subject (code {@code args[1]} + number), three visits and six ROI measurements, as issue 14's
 * campaign did, and prints {@code committed CODE} on standard output after each {@code commit()} has returned —
 * never before. Runs until killed.
 */
public final class CommitLoopWriter {

    private CommitLoopWriter() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        String prefix = args[1];
        try (StudyDatabase db = StudyDatabase.embedded(folder)) {
            System.out.println("ready");
            System.out.flush();
            for (int n = 0; ; n++) {
                String code = prefix + n;
                db.inTransaction(r -> {
                    Subject s = r.insert(new Subject(
                            null, code, code.hashCode() % 2 == 0 ? "F" : "M", 1990, 60.0, "thalassaemia major", null));
                    for (int v = 0; v < 3; v++) {
                        Visit visit = r.insert(new Visit(null, s.id(), LocalDate.of(2020 + v, 1, 1), 60.0 + v));
                        for (String kind : new String[] {LicSeries.LIC_R2STAR, LicSeries.LIC_QSM}) {
                            r.insert(new RoiMeasurement(
                                    null,
                                    visit.id(),
                                    kind,
                                    LicSeries.LIVER,
                                    1,
                                    3000,
                                    5.0,
                                    4.5,
                                    5.5,
                                    5.0,
                                    0.5,
                                    "mg Fe/g dw",
                                    null));
                        }
                    }
                    return null;
                });
                System.out.println("committed " + code);
                System.out.flush();
            }
        }
    }
}
