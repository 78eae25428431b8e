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

import static org.ferrum.batch.manifest.Fixtures.DESCRIPTION;
import static org.ferrum.batch.manifest.Fixtures.touch;
import static org.ferrum.batch.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.OperatorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidsManifestTest {

    @TempDir
    Path dir;

    private List<CohortTask> read(Path ds, Map<String, String> overrides) throws Exception {
        return CohortManifest.read(
                ds, Fixtures.pipeline(), dir.resolve("p.json"), overrides, OperatorRegistry.installed(), dir);
    }

    private String at(String relative) {
        return dir.resolve("ds").resolve(relative).toString();
    }

    @Test
    void sessionsAreTasksInputsFoundBySuffixAndDatesFromEachSourceInTurn() throws Exception {
        Path ds = dir.resolve("ds");
        write(ds.resolve("dataset_description.json"), DESCRIPTION);
        // sub-01 ses-1: sessions.tsv wins over its scans.tsv
        write(
                ds.resolve("sub-01/sub-01_sessions.tsv"),
                "session_id\tacq_time\nses-1\t2024-01-10T09:00:00\nses-2\tn/a\n");
        touch(ds.resolve("sub-01/ses-1/anat/sub-01_ses-1_T1w.nii.gz"));
        touch(ds.resolve("sub-01/ses-1/anat/sub-01_ses-1_dseg.nii.gz"));
        write(
                ds.resolve("sub-01/ses-1/sub-01_ses-1_scans.tsv"),
                "filename\tacq_time\nanat/x.nii.gz\t2019-01-01T00:00:00\n");
        // sub-01 ses-2: n/a in sessions.tsv, so the earliest acq_time of scans.tsv (over a sidecar's date)
        touch(ds.resolve("sub-01/ses-2/anat/sub-01_ses-2_T1w.nii.gz"));
        write(
                ds.resolve("sub-01/ses-2/anat/sub-01_ses-2_T1w.json"),
                "{\"AcquisitionDateTime\": \"2020-01-01T00:00:00\"}");
        touch(ds.resolve("sub-01/ses-2/anat/sub-01_ses-2_dseg.nii.gz"));
        write(
                ds.resolve("sub-01/ses-2/sub-01_ses-2_scans.tsv"),
                "filename\tacq_time\nanat/sub-01_ses-2_T1w.nii.gz\t2024-06-02T10:00:00\nanat/y.nii.gz\t2024-06-01T23:59:00Z\n");
        // sub-02 ses-1: the bound image's sidecar AcquisitionDateTime (an uncompressed .nii)
        touch(ds.resolve("sub-02/ses-1/anat/sub-02_ses-1_T1w.nii"));
        write(
                ds.resolve("sub-02/ses-1/anat/sub-02_ses-1_T1w.json"),
                "{\"AcquisitionDateTime\": \"2023-11-30T08:15:00.000000\"}");
        touch(ds.resolve("sub-02/ses-1/anat/sub-02_ses-1_dseg.nii.gz"));
        // sub-03 ses-1: AcquisitionDate of a sidecar; ses-2: no date anywhere
        touch(ds.resolve("sub-03/ses-1/anat/sub-03_ses-1_T1w.nii.gz"));
        touch(ds.resolve("sub-03/ses-1/anat/sub-03_ses-1_dseg.nii.gz"));
        write(ds.resolve("sub-03/ses-1/anat/sub-03_ses-1_dseg.json"), "{\"AcquisitionDate\": \"2022-02-02\"}");
        touch(ds.resolve("sub-03/ses-2/anat/sub-03_ses-2_T1w.nii.gz"));
        touch(ds.resolve("sub-03/ses-2/anat/sub-03_ses-2_dseg.nii.gz"));
        // not subjects: derivatives, and a file named like one
        touch(ds.resolve("derivatives/ferrum/sub-01/ses-1/anat/sub-01_ses-1_T1w.nii.gz"));
        touch(ds.resolve("sub-04.txt"));

        assertEquals(
                List.of(
                        task("01", "1", LocalDate.of(2024, 1, 10), "sub-01/ses-1/anat/sub-01_ses-1_T1w.nii.gz"),
                        task("01", "2", LocalDate.of(2024, 6, 1), "sub-01/ses-2/anat/sub-01_ses-2_T1w.nii.gz"),
                        task("02", "1", LocalDate.of(2023, 11, 30), "sub-02/ses-1/anat/sub-02_ses-1_T1w.nii"),
                        task("03", "1", LocalDate.of(2022, 2, 2), "sub-03/ses-1/anat/sub-03_ses-1_T1w.nii.gz"),
                        task("03", "2", null, "sub-03/ses-2/anat/sub-03_ses-2_T1w.nii.gz")),
                read(ds, Map.of("upper", "9")));
    }

    /** A task of the first test: t1w as given, dseg beside it, upper 9; lower stays on its default (unbound). */
    private CohortTask task(String subject, String visit, LocalDate date, String t1w) {
        String dseg = t1w.replaceAll("_T1w\\.nii(\\.gz)?$", "_dseg.nii.gz");
        return new CohortTask(subject, visit, date, Map.of("t1w", at(t1w), "dseg", at(dseg), "upper", "9"));
    }

    @Test
    void withoutSessionsGlobsFoldersAbsolutePathsAndBidsignore() throws Exception {
        Path ds = dir.resolve("ds");
        write(ds.resolve("dataset_description.json"), DESCRIPTION);
        write(ds.resolve(".bidsignore"), "# old acquisitions\n*_acq-old_*\nsub-09/\n");
        touch(ds.resolve("sub-01/anat/sub-01_T1w.nii.gz"));
        write(ds.resolve("sub-01/anat/sub-01_T1w.json"), "{}");
        touch(ds.resolve("sub-01/anat/sub-01_acq-old_T1w.nii.gz"));
        touch(ds.resolve("sub-02/anat/sub-02_T1w.nii.gz"));
        touch(ds.resolve("sub-09/anat/sub-09_T1w.nii.gz"));
        Path atlas = touch(dir.resolve("atlas.nii.gz"));

        // by suffix (the ignored acq-old image is no second match), dseg from an absolute path
        Map<String, String> common = Map.of("dseg", atlas.toString(), "upper", "{subject}");
        assertEquals(
                List.of(
                        new CohortTask(
                                "01",
                                "",
                                null,
                                Map.of(
                                        "t1w",
                                        at("sub-01/anat/sub-01_T1w.nii.gz"),
                                        "dseg",
                                        atlas.toString(),
                                        "upper",
                                        "01")),
                        new CohortTask(
                                "02",
                                "",
                                null,
                                Map.of(
                                        "t1w",
                                        at("sub-02/anat/sub-02_T1w.nii.gz"),
                                        "dseg",
                                        atlas.toString(),
                                        "upper",
                                        "02"))),
                read(ds, common));
        assertEquals("sub-01", read(ds, common).get(0).id());

        // a glob with {subject}; the sidecar it also matches is dropped for its image
        Map<String, String> glob = new java.util.HashMap<>(common);
        glob.put("t1w", "anat/sub-{subject}_T1w*");
        assertEquals(
                List.of(at("sub-01/anat/sub-01_T1w.nii.gz"), at("sub-02/anat/sub-02_T1w.nii.gz")),
                read(ds, glob).stream().map(t -> t.inputs().get("t1w")).toList());

        // a folder
        glob.put("t1w", "anat");
        assertEquals(
                List.of(at("sub-01/anat"), at("sub-02/anat")),
                read(ds, glob).stream().map(t -> t.inputs().get("t1w")).toList());
    }

    @Test
    void everyProblemOfADatasetIsListedAtOnce() throws Exception {
        Path ds = dir.resolve("ds");
        write(ds.resolve("sub-01/sub-01_sessions.tsv"), "session_id\tacq_time\nses-1\tyesterday\n");
        touch(ds.resolve("sub-01/ses-1/anat/sub-01_ses-1_acq-a_T1w.nii.gz"));
        touch(ds.resolve("sub-01/ses-1/anat/sub-01_ses-1_acq-b_T1w.nii.gz"));
        touch(ds.resolve("sub-01/ses-1/anat/sub-01_ses-1_dseg.nii.gz"));
        touch(ds.resolve("sub-01/ses-2/anat/sub-01_ses-2_T2w.nii.gz"));
        touch(ds.resolve("sub-0_1/anat/sub-0_1_T1w.nii.gz"));
        ManifestException e =
                assertThrows(ManifestException.class, () -> read(ds, Map.of("dseg", "anat/*_dseg.nii.gz")));
        assertEquals(
                List.of(
                        at("dataset_description.json") + ": missing: a BIDS dataset needs it (with Name and"
                                + " BIDSVersion)",
                        at("") + ": input 'upper' is bound nowhere: its name is no BIDS suffix and it has no default"
                                + " in the pipeline; give --input upper=VALUE",
                        at("sub-01/sub-01_sessions.tsv") + ":2: column 2 'acq_time': 'yesterday' is not an ISO 8601"
                                + " date-time (YYYY-MM-DDThh:mm:ss)",
                        at("sub-01/ses-1") + ": input t1w (BIDS suffix T1w): 2 matches, one needed:"
                                + " anat/sub-01_ses-1_acq-a_T1w.nii.gz, anat/sub-01_ses-1_acq-b_T1w.nii.gz",
                        at("sub-01/ses-2") + ": input t1w (BIDS suffix T1w): nothing matches *_T1w.nii[.gz] in its"
                                + " datatype folders",
                        at("sub-01/ses-2") + ": --input dseg=anat/*_dseg.nii.gz: nothing matches anat/*_dseg.nii.gz",
                        at("sub-0_1") + ": '0_1' is not a BIDS label (letters A-Z, a-z and digits only)"),
                e.problems());
        assertEquals(List.of("sub-01_ses-2"), List.copyOf(e.missingData().keySet()));
        assertEquals(false, e.onlyMissingData());
    }

    @Test
    void aSessionWithoutTheInputsImagesIsMissingDataWhileTheOthersCanRun() throws Exception {
        Path ds = dir.resolve("ds");
        write(ds.resolve("dataset_description.json"), DESCRIPTION);
        touch(ds.resolve("sub-01/anat/sub-01_T1w.nii.gz"));
        touch(ds.resolve("sub-02/anat/sub-02_T2w.nii.gz"));
        Path atlas = touch(dir.resolve("atlas.nii.gz"));
        ManifestException e =
                assertThrows(ManifestException.class, () -> read(ds, Map.of("upper", "1", "dseg", atlas.toString())));
        String missing = at("sub-02") + ": input t1w (BIDS suffix T1w): nothing matches *_T1w.nii[.gz] in its"
                + " datatype folders";
        assertEquals(List.of(missing), e.problems());
        assertEquals(Map.of("sub-02", List.of(missing)), e.missingData());
        assertEquals(true, e.onlyMissingData());
        assertEquals(
                List.of("sub-01", "sub-02"),
                e.tasks().stream().map(CohortTask::id).toList());
    }

    @Test
    void aDescriptionWithoutItsRequiredKeysOrNotJsonIsAProblem() throws Exception {
        Path ds = dir.resolve("ds");
        touch(ds.resolve("sub-01/anat/sub-01_T1w.nii.gz"));
        touch(ds.resolve("sub-01/anat/sub-01_dseg.nii.gz"));
        write(ds.resolve("dataset_description.json"), "{\"Name\": \"x\"}");
        assertEquals(
                List.of(at("dataset_description.json") + ": no BIDSVersion (REQUIRED by BIDS)"),
                assertThrows(ManifestException.class, () -> read(ds, Map.of("upper", "1")))
                        .problems());
        write(ds.resolve("dataset_description.json"), "[1, 2]");
        assertEquals(
                List.of(at("dataset_description.json") + ": not a JSON object"),
                assertThrows(ManifestException.class, () -> read(ds, Map.of("upper", "1")))
                        .problems());
    }
}
