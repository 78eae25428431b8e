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
package org.ferrum.dicom.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's Cancel really stops the scan (headless: the window is built but never shown). */
class DicomImportTopComponentTest {

    @TempDir
    Path tmp;

    @Test
    void cancelStopsTheScanAndSaysSo() throws Exception {
        for (int d = 0; d < 40; d++) {
            Path dir = Files.createDirectories(tmp.resolve("d" + d));
            for (int f = 0; f < 100; f++) {
                Files.write(dir.resolve("f" + f + ".dcm"), new byte[200]);
            }
        }
        AtomicReference<DicomImportTopComponent> window = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            DicomImportTopComponent w = new DicomImportTopComponent();
            window.set(w);
            w.scan(tmp);
            w.cancel();
        });
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            AtomicReference<Boolean> running = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> running.set(window.get().isRunning()));
            if (!running.get()) {
                break;
            }
            Thread.sleep(20);
        }
        SwingUtilities.invokeAndWait(() -> {}); // let the worker's invokeLater run
        AtomicReference<String> status = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> status.set(window.get().statusText()));
        assertTrue(status.get().startsWith("Scan cancelled after "), status.get());
    }

    /** Two derived maps (series 1000 χ, 1001 R2*), a JPEG-LS file Ferrum cannot decode, a README and a .json. */
    private Path input() throws Exception {
        Path in = tmp.resolve("in");
        var img = net.imglib2.img.array.ArrayImgs.floats(5, 4, 3);
        float v = 0;
        for (var t : img) {
            t.set(v += 0.25f);
        }
        var map = new org.ferrum.core.Volume<>(
                img, org.ferrum.core.Geometry.axisAligned(1, 1, 2), org.ferrum.core.PhysicalUnit.PPM);
        org.ferrum.dicom.DerivedMapExport.of(org.ferrum.dicom.DerivedMapExport.MapKind.QSM_CHI)
                .write(map, in.resolve("chi"));
        org.ferrum.dicom.DerivedMapExport.of(org.ferrum.dicom.DerivedMapExport.MapKind.R2STAR)
                .seriesNumber(1001)
                .write(map.withUnit(org.ferrum.core.PhysicalUnit.PER_SECOND), in.resolve("r2s"));
        Files.copy(TestData.path("dicom", "dcm_qa_ts", "In", "7.dcm"), in.resolve("jpegls.dcm"));
        Files.writeString(in.resolve("README"), "scanner export\n");
        Files.writeString(in.resolve("dataset_description.json"), "{}\n");
        return in;
    }

    private DicomImportTopComponent scanned(Path in) throws Exception {
        AtomicReference<DicomImportTopComponent> window = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            window.set(new DicomImportTopComponent());
            window.get().scan(in);
        });
        waitUntilIdle(window.get());
        return window.get();
    }

    private static <T> T onEdt(java.util.function.Supplier<T> s) throws Exception {
        AtomicReference<T> r = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> r.set(s.get()));
        return r.get();
    }

    @Test
    void convertsOnlyTheSelectedSeriesAndAllOnlyWhenAsked() throws Exception {
        Path in = input(), out = tmp.resolve("out"), all = tmp.resolve("all");
        DicomImportTopComponent w = scanned(in);
        // nothing selected: nothing converted, and the user is told what to do
        SwingUtilities.invokeAndWait(() -> w.convert(out));
        String nothing = onEdt(w::statusText);
        assertTrue(nothing.startsWith("Select one or more series"), nothing);
        assertTrue(!Files.exists(out));
        SwingUtilities.invokeAndWait(() -> w.selectSeries(s -> s.seriesNumber() == 1001));
        SwingUtilities.invokeAndWait(() -> w.convert(out));
        waitUntilIdle(w);
        String status = onEdt(w::statusText);
        assertTrue(status.startsWith("Converted 1 of 1 series into " + out + ": 1 output written."), status);
        try (var files = Files.list(out)) {
            List<String> names =
                    files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(0).endsWith("_1001.json") && names.get(1).endsWith("_1001.nii"), names.toString());
        }
        String one = onEdt(w::reportText);
        assertTrue(one.contains("from series 1001"), one);
        // "All series": every series, the undecodable one skipped with its reason in the report
        SwingUtilities.invokeAndWait(() -> w.setConvertAll(true));
        SwingUtilities.invokeAndWait(() -> w.convert(all));
        waitUntilIdle(w);
        status = onEdt(w::statusText);
        assertTrue(status.startsWith("Converted 2 of 3 series into " + all + ": 2 outputs written, 1 skipped"), status);
        String report = onEdt(w::reportText);
        assertTrue(report.contains("1 series not converted:") && report.contains("JPEG-LS"), report);
    }

    @Test
    void nonDicomFilesAreCountedApartAndTheDefaultOutputIsANewFolderOutsideTheSource() throws Exception {
        Path in = input();
        DicomImportTopComponent w = scanned(in);
        String status = onEdt(w::statusText);
        assertTrue(status.contains("0 unreadable DICOM files, 2 non-DICOM files ignored"), status);
        String out = onEdt(w::outputText);
        assertTrue(
                out.startsWith(
                        Path.of(System.getProperty("user.home"), "ferrum-nifti").toString()),
                out);
        assertTrue(!Path.of(out).toAbsolutePath().startsWith(in.toAbsolutePath()), out);
        // a home inside the scanned tree: the default moves beside the tree; an existing non-empty folder is not reused
        org.ferrum.dicom.DicomScan scan = org.ferrum.dicom.DicomScanner.scan(in);
        Path inside = org.ferrum.dicom.ui.DicomImportTopComponent.defaultOutput(in, scan, in.resolve("home"));
        assertEquals(tmp.resolve("in-nifti").resolve("in"), inside);
        Path first = DicomImportTopComponent.defaultOutput(in, scan, tmp.resolve("h"));
        Files.createDirectories(first);
        Files.writeString(first.resolve("x.nii"), "");
        assertEquals(
                first.resolveSibling(first.getFileName() + "-2"),
                DicomImportTopComponent.defaultOutput(in, scan, tmp.resolve("h")));
    }

    @Test
    void componentsHaveNamesForGuiTestsAndTheSeriesMenuHasOpenConvertAndTags() throws Exception {
        DicomImportTopComponent w = scanned(input());
        java.util.Set<String> names = new java.util.HashSet<>();
        SwingUtilities.invokeAndWait(() -> collectNames(w, names));
        for (String n : List.of(
                "dicomSeriesTree",
                "dicomConvertButton",
                "dicomOutputFolder",
                "dicomOutputBrowse",
                "dicomConvertAll",
                "dicomFilesTable",
                "dicomConversionReport",
                "dicomStatus")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
        List<String> items = onEdt(() -> {
            List<String> t = new java.util.ArrayList<>();
            for (var c : w.popupMenu(null).getComponents()) {
                if (c instanceof javax.swing.JMenuItem m) {
                    t.add(m.getText());
                }
            }
            return t;
        });
        assertEquals(List.of("Open in Viewer", "Convert to NIfTI", "Show Tags…"), items);
    }

    private static void collectNames(java.awt.Component c, java.util.Set<String> names) {
        if (c.getName() != null) {
            names.add(c.getName());
        }
        if (c instanceof java.awt.Container k) {
            for (var child : k.getComponents()) {
                collectNames(child, names);
            }
        }
    }

    private static void waitUntilIdle(DicomImportTopComponent w) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        AtomicReference<Boolean> running = new AtomicReference<>(true);
        while (running.get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            SwingUtilities.invokeAndWait(() -> running.set(w.isRunning()));
        }
        SwingUtilities.invokeAndWait(() -> {});
    }
}
