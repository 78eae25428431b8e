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
package org.ferrum.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning folder trees: grouping, progress, cancellation and unreadable files. */
class DicomScannerTest {

    @TempDir
    Path dir;

    @Test
    void groupsPatientStudySeries() throws IOException {
        DicomScan scan = DicomScanner.scan(TestData.path("dicom/heudiconv/MEGRE"));
        assertEquals(List.of(), scan.unreadable());
        assertEquals(1, scan.patients().size());
        DicomScan.Patient p = scan.patients().get(0);
        assertEquals("Phantom_QSM_bids", p.name());
        assertEquals(1, p.studies().size());
        DicomScan.Study st = p.studies().get(0);
        assertEquals("20220202", st.date());
        assertEquals(
                List.of(2, 3),
                st.series().stream().map(DicomSeries::seriesNumber).toList());
        DicomSeries mag = st.series().get(0), phase = st.series().get(1);
        assertEquals("GRE_QSM", mag.seriesDescription());
        assertEquals("MR", mag.modality());
        assertEquals("SIEMENS", mag.manufacturer());
        assertEquals("GRE_QSM", mag.protocolName());
        assertEquals(3.0, mag.magneticFieldStrength());
        assertEquals(java.util.Set.of(ImageKind.MAGNITUDE), mag.imageKinds());
        assertEquals(java.util.Set.of(ImageKind.PHASE), phase.imageKinds());
        assertEquals(List.of(4.0, 10.0, 16.0), mag.echoTimesMs());
        assertEquals(List.of(1, 2, 3), mag.echoNumbers());
        assertEquals(3, mag.files().size());
        assertEquals(3, mag.frameCount());
        assertEquals(6, scan.files());
    }

    @Test
    void wholeTestdataTreeListsEveryNonImageWithAReasonAndNeverFails() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger maxDone = new AtomicInteger();
        int[] totalSeen = new int[1];
        DicomScan scan = DicomScanner.scan(
                TestData.path("dicom"),
                (done, total) -> {
                    calls.incrementAndGet();
                    maxDone.accumulateAndGet(done, Math::max);
                    totalSeen[0] = total;
                },
                Cancellation.NEVER);
        assertEquals(scan.files(), calls.get(), "one progress report per file");
        assertEquals(scan.files(), maxDone.get());
        assertEquals(scan.files(), totalSeen[0]);
        int inSeries = scan.series().stream().mapToInt(s -> s.files().size()).sum();
        assertEquals(
                scan.files(), inSeries + scan.unreadable().size(), "every file is in a series or listed as unreadable");
        for (UnreadableFile u : scan.unreadable()) {
            String name = u.path().getFileName().toString();
            assertTrue(
                    name.endsWith(".nii")
                            || name.endsWith(".json")
                            || name.endsWith(".txt")
                            || name.equals("LICENSE")
                            || name.endsWith(".bval")
                            || name.endsWith(".bvec")
                            || name.endsWith(".md")
                            || name.endsWith(".sh"),
                    "a DICOM image was left out: " + u);
            assertTrue(!u.reason().isBlank());
            // issue 15 item 15: READMEs, licences, NIfTI and JSON are not DICOM, and counted apart from broken DICOM
            assertEquals(UnreadableFile.Kind.NOT_DICOM, u.kind(), u.toString());
        }
        List<String> described =
                scan.series().stream().map(DicomSeries::toString).collect(Collectors.toList());
        assertTrue(described.stream().anyMatch(s -> s.startsWith("series 801 ")), described.toString());
        assertTrue(scan.bytes() > 10_000_000L, "bytes " + scan.bytes());
    }

    @Test
    void brokenFilesAreListedWithTheReason() throws IOException {
        Path good = TestData.path("dicom/heudiconv/MEGRE/mag/00001.dcm");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("good.dcm"), bytes);
        Files.write(dir.resolve("truncated.dcm"), Arrays.copyOf(bytes, 700));
        Files.writeString(dir.resolve("notes.txt"), "not an image\n");
        Files.write(dir.resolve("empty"), new byte[0]);
        DicomScan scan = DicomScanner.scan(dir);
        assertEquals(1, scan.series().size());
        assertEquals(3, scan.unreadable().size(), scan.unreadable().toString());
        for (UnreadableFile u : scan.unreadable()) {
            assertTrue(u.reason().length() > 5, u.toString());
            assertTrue(!u.reason().contains("Exception"), "a reason, not a stack trace: " + u);
        }
        assertEquals(
                List.of("empty", "notes.txt"),
                scan.unreadable(UnreadableFile.Kind.NOT_DICOM).stream()
                        .map(u -> u.path().getFileName().toString())
                        .toList());
        assertEquals(
                List.of("truncated.dcm"),
                scan.unreadable(UnreadableFile.Kind.UNREADABLE).stream()
                        .map(u -> u.path().getFileName().toString())
                        .toList());
    }

    @Test
    void cancellationStopsTheScan() {
        AtomicInteger polls = new AtomicInteger();
        Cancellation afterFirstBatch = () -> polls.incrementAndGet() > 1;
        assertThrows(
                CancellationException.class,
                () -> DicomScanner.scan(
                        TestData.path("dicom/dcm_qa_fmap"), DicomScanner.Progress.NONE, afterFirstBatch));
    }

    @Test
    void aMissingRootIsAnIoError() {
        assertThrows(IOException.class, () -> DicomScanner.scan(dir.resolve("nope")));
    }

    @Test
    void aFileWithoutSeriesUidIsNotAnImage() throws IOException {
        FakeSource source = new FakeSource();
        Path f = Files.write(dir.resolve("x.dcm"), new byte[1]);
        source.add(f, new FakeDataset("x.dcm").put(FrameTags.ROWS, 2).put(FrameTags.COLUMNS, 2));
        DicomScan scan = DicomScanner.scan(dir, DicomScanner.Progress.NONE, Cancellation.NEVER, source);
        assertEquals(1, scan.unreadable().size());
        assertTrue(
                scan.unreadable().get(0).reason().contains("SeriesInstanceUID"),
                scan.unreadable().toString());
    }
}
