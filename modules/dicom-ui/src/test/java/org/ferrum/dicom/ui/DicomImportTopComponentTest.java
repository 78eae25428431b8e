package org.ferrum.dicom.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
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
        SwingUtilities.invokeAndWait(() -> { }); // let the worker's invokeLater run
        AtomicReference<String> status = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> status.set(window.get().statusText()));
        assertTrue(status.get().startsWith("Scan cancelled after "), status.get());
    }

    @Test
    void scanThenConvertWritesNiftiForEverySeries() throws Exception {
        Path in = tmp.resolve("in"), out = tmp.resolve("out");
        var img = net.imglib2.img.array.ArrayImgs.floats(5, 4, 3);
        float v = 0;
        for (var t : img) {
            t.set(v += 0.25f);
        }
        var map = new org.ferrum.core.Volume<>(img, org.ferrum.core.Geometry.axisAligned(1, 1, 2), org.ferrum.core.PhysicalUnit.PPM);
        org.ferrum.io.dicom.DerivedMapExport.of(org.ferrum.io.dicom.DerivedMapExport.MapKind.QSM_CHI).write(map, in.resolve("chi"));
        org.ferrum.io.dicom.DerivedMapExport.of(org.ferrum.io.dicom.DerivedMapExport.MapKind.R2STAR).seriesNumber(1001)
                .write(map.withUnit(org.ferrum.core.PhysicalUnit.PER_SECOND), in.resolve("r2s"));

        AtomicReference<DicomImportTopComponent> window = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            window.set(new DicomImportTopComponent());
            window.get().scan(in);
        });
        waitUntilIdle(window.get());
        SwingUtilities.invokeAndWait(() -> window.get().convert(out));
        waitUntilIdle(window.get());
        AtomicReference<String> status = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> status.set(window.get().statusText()));
        assertTrue(status.get().startsWith("Converted into " + out + ": 2 outputs written, 0 series skipped"), status.get());
        try (var files = Files.list(out)) {
            assertTrue(files.filter(f -> f.toString().endsWith(".nii")).count() == 2);
        }
    }

    private static void waitUntilIdle(DicomImportTopComponent w) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        AtomicReference<Boolean> running = new AtomicReference<>(true);
        while (running.get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            SwingUtilities.invokeAndWait(() -> running.set(w.isRunning()));
        }
        SwingUtilities.invokeAndWait(() -> { });
    }
}
