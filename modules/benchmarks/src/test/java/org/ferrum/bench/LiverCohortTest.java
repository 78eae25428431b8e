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
package org.ferrum.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.bids.BidsMultiEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiverCohortTest {

    @TempDir
    Path dir;

    @Test
    void writesAManifestAndABidsLayoutTheGreReaderAccepts() throws Exception {
        Path manifest = LiverCohort.write(dir, 2, 7);
        List<String> lines = Files.readAllLines(manifest);
        assertEquals("subject,visit,gre,rois", lines.get(0));
        assertEquals(3, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("L001", first[0]);
        assertEquals("1", first[1]);
        assertEquals(dir.toAbsolutePath().resolve("bids/sub-L001/ses-1/anat"), Path.of(first[2]));
        assertTrue(Files.isRegularFile(Path.of(first[3])), first[3]);
        assertTrue(Files.isRegularFile(dir.resolve("bids/dataset_description.json")));
        // the label map beside the echoes must not disturb the echo reader (no echo- entity)
        MultiEchoGre gre = BidsMultiEcho.read(Path.of(first[2]));
        assertEquals(6, gre.echoCount());
        assertEquals(1.5, gre.acquisition().fieldStrengthTesla(), 1e-9);
        List<String> participants = Files.readAllLines(dir.resolve("bids/participants.tsv"));
        assertEquals("participant_id\tlic_right\tlic_left\tpdff", participants.get(0));
        assertEquals(3, participants.size());
    }

    @Test
    void subjectsDifferAndTheSameSeedGivesTheSameFiles() throws Exception {
        List<LiverCohort.Subject> a = LiverCohort.subjects(dir, 40, 19);
        assertEquals(40, a.size());
        assertEquals(
                40, a.stream().map(LiverCohort.Subject::licRight).distinct().count());
        for (LiverCohort.Subject s : a) {
            assertTrue(s.licRight() >= 1 && s.licRight() <= 12, s.toString());
            assertTrue(s.licLeft() >= 0.3 * s.licRight() - 1e-3 && s.licLeft() <= s.licRight() + 1e-3, s.toString());
            assertTrue(s.pdffPercent() >= 2 && s.pdffPercent() <= 30, s.toString());
        }
        assertEquals(a, LiverCohort.subjects(dir, 40, 19));
        assertNotEquals(a, LiverCohort.subjects(dir, 40, 20));

        Path one = LiverCohort.write(dir.resolve("one"), 2, 5);
        Path two = LiverCohort.write(dir.resolve("two"), 2, 5);
        String echo = "sub-L002_ses-1_acq-liver_echo-6_part-mag_MEGRE.nii.gz";
        Path anatOne = Path.of(Files.readAllLines(one).get(2).split(",")[2]);
        Path anatTwo = Path.of(Files.readAllLines(two).get(2).split(",")[2]);
        assertArrayEquals(Files.readAllBytes(anatOne.resolve(echo)), Files.readAllBytes(anatTwo.resolve(echo)));
        // a different subject (its own noise, iron and fat) gives different images
        Path anatFirst = Path.of(Files.readAllLines(one).get(1).split(",")[2]);
        assertNotEquals(
                java.util.Arrays.hashCode(Files.readAllBytes(anatFirst.resolve(echo.replace("L002", "L001")))),
                java.util.Arrays.hashCode(Files.readAllBytes(anatOne.resolve(echo))));
    }

    @Test
    void aCompleteCohortIsReusedAndBadSizesAreRefused() throws Exception {
        Path manifest = LiverCohort.write(dir, 1, 3);
        long written = Files.getLastModifiedTime(manifest).toMillis();
        Thread.sleep(20);
        assertEquals(manifest, LiverCohort.write(dir, 1, 3));
        assertEquals(written, Files.getLastModifiedTime(manifest).toMillis());
        assertThrows(IllegalArgumentException.class, () -> LiverCohort.subjects(dir, 0, 1));
    }

    @Test
    void taskSlotsOfALocalMaster() {
        assertEquals(1, CohortBatchBenchmark.slots("local"));
        assertEquals(2, CohortBatchBenchmark.slots("local[2]"));
        assertEquals(4, CohortBatchBenchmark.slots("local[4,3]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), CohortBatchBenchmark.slots("local[*]"));
        assertThrows(IllegalArgumentException.class, () -> CohortBatchBenchmark.slots("spark://host:7077"));
    }
}
