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
package org.ferrum.batch.manifest;

import static org.ferrum.batch.manifest.Fixtures.touch;
import static org.ferrum.batch.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.OperatorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvManifestTest {

    @TempDir
    Path dir;

    private List<CohortTask> read(Path csv, Map<String, String> overrides) throws Exception {
        return CohortManifest.read(
                csv,
                Fixtures.pipeline(),
                dir.resolve("p.json"),
                overrides,
                OperatorRegistry.installed(),
                dir.resolve("work"));
    }

    private List<String> problems(Path csv, Map<String, String> overrides) {
        return assertThrows(ManifestException.class, () -> read(csv, overrides)).problems();
    }

    @Test
    void everyProblemOfTheRowsIsListedAtOnceWithFileLineAndColumn() throws Exception {
        touch(dir.resolve("a.nii.gz"));
        touch(dir.resolve("b, c.nii.gz"));
        touch(dir.resolve("work/seg-01.nii.gz"));
        Path csv = write(
                dir.resolve("cohort.csv"),
                """
                subject,visit,date,t1w,upper,colour
                sub-01,ses-1,2024-03-05,a.nii.gz,7,red
                01,1,2024-03-06,a.nii.gz,7,red
                0_2,1,2024-13-01,missing.nii.gz,,red
                03,,,"b, c.nii.gz",7,red
                04,2
                """);
        String f = csv.toString();
        assertEquals(
                List.of(
                        "--input nope: the pipeline has no input 'nope' (its inputs: t1w, dseg, lower, upper)",
                        f + ":1: column 6 'colour': not an input of the pipeline (its inputs: t1w, dseg, lower, upper;"
                                + " other columns: subject, visit, date)",
                        f + ":3: sub-01_ses-1 again (first on line 2): one row per subject and visit",
                        f + ":4: column 1 'subject': '0_2' is not a BIDS label (letters A-Z, a-z and digits only)",
                        f + ":4: column 3 'date': '2024-13-01' is not an ISO 8601 date (YYYY-MM-DD)",
                        f + ":4: column 4 't1w': no such file or folder: " + dir.resolve("missing.nii.gz"),
                        f + ":4: column 5 'upper': empty, and the input has no default in the pipeline",
                        f + ":5: column 2 'visit': empty, while other rows have a visit (leave it empty in every row"
                                + " or in none)",
                        f + ":5: --input dseg: no such file or folder: " + dir.resolve("work/seg-03.nii.gz"),
                        f + ":6: 2 fields, but the header has 6"),
                problems(csv, Map.of("nope", "1", "dseg", "seg-{subject}.nii.gz")));
        ManifestException e = assertThrows(
                ManifestException.class, () -> read(csv, Map.of("nope", "1", "dseg", "seg-{subject}.nii.gz")));
        assertEquals(
                List.of("sub-01_ses-1"), e.tasks().stream().map(CohortTask::id).toList());
        assertEquals(Map.of(), e.missingData());
        assertEquals(false, e.onlyMissingData());
    }

    @Test
    void aHeaderWithoutSubjectAndVisitIsListedWithAnInputBoundNowhereAndTheRowsStillChecked() throws Exception {
        Path csv = write(dir.resolve("cohort.csv"), "id,t1w\n01,a.nii.gz\n");
        String f = csv.toString();
        assertEquals(
                List.of(
                        f + ":1: column 1 'id': not an input of the pipeline (its inputs: t1w, dseg, lower, upper;"
                                + " other columns: subject, visit, date)",
                        f + ":1: no 'subject' column",
                        f + ":1: no 'visit' column (leave its cells empty for a cohort without visits)",
                        f + ":1: input 'upper' has no column, no --input and no default in the pipeline",
                        f + ":2: column 2 't1w': no such file or folder: " + dir.resolve("a.nii.gz")),
                problems(csv, Map.of()));
    }

    @Test
    void quotedFieldsByteOrderMarkAndCrLfAreRfc4180() throws Exception {
        touch(dir.resolve("sub/x\"y, z.nii.gz"));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "Subject,VISIT,t1w,upper\r\n"
                + "sub-01,,\"sub/x\"\"y, z.nii.gz\",\"line one\r\nline two\"\r\n"
                + "\r\n"
                + "02,,\"sub/x\"\"y, z.nii.gz\",5\r\n";
        Path csv = dir.resolve("cohort.csv");
        Files.write(csv, concat(bom, text.getBytes(StandardCharsets.UTF_8)));
        String image = dir.resolve("sub/x\"y, z.nii.gz").toString();
        assertEquals(
                List.of(
                        new CohortTask("01", "", null, Map.of("t1w", image, "upper", "line one\r\nline two")),
                        new CohortTask("02", "", null, Map.of("t1w", image, "upper", "5"))),
                read(csv, Map.of()));
        assertEquals("sub-01", read(csv, Map.of()).get(0).id());
    }

    @Test
    void aRecordAfterAQuotedLineBreakIsNamedByItsOwnLine() throws Exception {
        touch(dir.resolve("a.nii.gz"));
        Path csv = write(dir.resolve("cohort.csv"), "subject,visit,t1w,upper\n01,,a.nii.gz,\"x\ny\"\n02,,b.nii.gz,5\n");
        assertEquals(
                List.of(csv + ":4: column 3 't1w': no such file or folder: " + dir.resolve("b.nii.gz")),
                problems(csv, Map.of()));
    }

    @Test
    void textAfterAClosingQuoteAndBytesThatAreNotUtf8AreRefused() throws Exception {
        Path csv = write(dir.resolve("q.csv"), "subject,visit,t1w,upper\n01,,\"a.nii.gz\"x,5\n");
        assertEquals(List.of(csv + ":2: text after a closing double quote (RFC 4180 §2.7)"), problems(csv, Map.of()));
        Path latin1 = dir.resolve("l.csv");
        Files.write(latin1, "subject,visit,t1w,upper\n01,,caf\u00e9.nii,5\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(latin1 + ": not UTF-8 text"), problems(latin1, Map.of()));
        assertEquals(
                List.of(dir.resolve("none.csv") + ": no such manifest (a .csv file or a BIDS dataset folder)"),
                problems(dir.resolve("none.csv"), Map.of()));
    }

    @Test
    void overridesApplyToEveryRowWithSubjectAndVisitExpanded() throws Exception {
        touch(dir.resolve("data/a.nii.gz"));
        touch(dir.resolve("work/labels/01-1.nii.gz"));
        touch(dir.resolve("work/labels/02-3.nii.gz"));
        Path csv = write(
                dir.resolve("data/cohort.csv"),
                """
                subject,visit,date,t1w,upper,lower
                01,1,2024-03-05,a.nii.gz,7,
                sub-02,ses-3,,a.nii.gz,,0
                """);
        Map<String, String> overrides = Map.of("upper", "{subject}{visit}", "dseg", "labels/{subject}-{visit}.nii.gz");
        String a = dir.resolve("data/a.nii.gz").toString();
        assertEquals(
                List.of(
                        new CohortTask(
                                "01",
                                "1",
                                LocalDate.of(2024, 3, 5),
                                Map.of(
                                        "t1w",
                                        a,
                                        "upper",
                                        "011",
                                        "dseg",
                                        dir.resolve("work/labels/01-1.nii.gz").toString())),
                        new CohortTask(
                                "02",
                                "3",
                                null,
                                Map.of(
                                        "t1w",
                                        a,
                                        "upper",
                                        "023",
                                        "lower",
                                        "0",
                                        "dseg",
                                        dir.resolve("work/labels/02-3.nii.gz").toString()))),
                read(csv, overrides));
    }

    @Test
    void aRowPointingToAMissingFolderIsMissingDataWhileTheOthersCanRun() throws Exception {
        touch(dir.resolve("s1/a.nii.gz"));
        touch(dir.resolve("s3/a.nii.gz"));
        Path csv = write(dir.resolve("cohort.csv"), "subject,visit,t1w,upper\n01,,s1,1\n02,,s2,1\n03,,s3,1\n");
        ManifestException e = assertThrows(ManifestException.class, () -> read(csv, Map.of()));
        String missing = csv + ":3: column 3 't1w': no such file or folder: " + dir.resolve("s2");
        assertEquals(List.of(missing), e.problems());
        assertEquals(Map.of("sub-02", List.of(missing)), e.missingData());
        assertEquals(true, e.onlyMissingData());
        assertEquals(
                List.of("sub-01", "sub-02", "sub-03"),
                e.tasks().stream().map(CohortTask::id).toList());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
