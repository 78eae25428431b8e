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
import java.util.ArrayList;
import java.util.List;
import javax.swing.table.TableModel;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.dicom.DerivedMapExport;
import org.ferrum.dicom.DicomScan;
import org.ferrum.dicom.DicomScanner;
import org.ferrum.dicom.Uids;
import org.ferrum.dicom.Vr;
import org.ferrum.dicom.WritableDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import window's tree, built headless from a real scan of a folder: two derived maps of one patient's
 * study, one map without a source (the anonymous placeholder patient), a text file and a truncated DICOM.
 */
class ScanTreeModelTest {

    @TempDir
    Path tmp;

    @Test
    void treeShowsPatientsStudiesSeriesAndTheUnreadableFilesWithReasons() throws Exception {
        Path root = tmp.resolve("dicom");
        WritableDataset source = new WritableDataset("source")
                .putString(0x00100010, Vr.PN, "DOE^JANE")
                .putString(0x00100020, Vr.LO, "P001")
                .putString(0x0020000D, Vr.UI, "1.2.3.4.5")
                .putString(0x00080020, Vr.DA, "20240102")
                .putString(0x00081030, Vr.LO, "Liver iron")
                .putString(0x0020000E, Vr.UI, Uids.newUid())
                .putIntegers(0x00200011, 7);
        DerivedMapExport.SourceSeries src = new DerivedMapExport.SourceSeries(source, List.of());
        DerivedMapExport.of(DerivedMapExport.MapKind.R2STAR)
                .source(src)
                .write(map(PhysicalUnit.PER_SECOND, 4), root.resolve("a/r2s"));
        DerivedMapExport.of(DerivedMapExport.MapKind.PDFF)
                .source(src)
                .seriesNumber(1010)
                .write(map(PhysicalUnit.PERCENT, 3), root.resolve("a/pdff"));
        DerivedMapExport.of(DerivedMapExport.MapKind.QSM_CHI).write(map(PhysicalUnit.PPM, 2), root.resolve("b/chi"));
        Files.writeString(root.resolve("notes.txt"), "not DICOM");
        byte[] whole = Files.readAllBytes(root.resolve("a/r2s/MR_0001.dcm"));
        Files.write(root.resolve("b/truncated.dcm"), java.util.Arrays.copyOf(whole, 300));

        DicomScan scan = DicomScanner.scan(root);
        DefaultTreeModel model = ScanTreeModel.tree(scan);

        DefaultMutableTreeNode top = (DefaultMutableTreeNode) model.getRoot();
        assertEquals(ScanTreeModel.Level.ROOT, entry(top).level());
        assertTrue(
                entry(top).text().startsWith("2 patients, 3 series, 11 files"),
                entry(top).text());
        List<String> lines = new ArrayList<>();
        collect(top, "", lines);
        String all = String.join("\n", lines);
        // patient → study → series, with number, description, modality, kind, echoes and file count
        assertTrue(all.contains("\n  DOE JANE  ID P001  —  1 study"), all);
        assertTrue(all.contains("\n    2024-01-02  Liver iron  —  2 series"), all);
        assertTrue(
                all.contains("\n      #1007  Ferrum R2* (1/s)  ·  MR  ·  derived/other  ·  no echo time  ·  4 files"),
                all);
        assertTrue(
                all.contains("\n      #1010  Ferrum PDFF (%)  ·  MR  ·  derived/other  ·  no echo time  ·  3 files"),
                all);
        assertTrue(all.contains("\n  FERRUM ANONYMOUS  ID FERRUM-NO-SOURCE  —  1 study"), all);
        assertTrue(
                all.contains("#1000  Ferrum QSM chi (ppm)  ·  MR  ·  derived/other  ·  no echo time  ·  2 files"), all);

        TableModel bad = ScanTreeModel.unreadable(scan.unreadable());
        assertEquals(2, bad.getRowCount());
        assertEquals("File", bad.getColumnName(0));
        // broken DICOM first, then the ignored non-DICOM file, each with what it is and why
        assertTrue(((String) bad.getValueAt(0, 0)).endsWith("truncated.dcm"));
        assertEquals("unreadable DICOM", bad.getValueAt(0, 1));
        assertTrue(((String) bad.getValueAt(1, 0)).endsWith("notes.txt"));
        assertEquals("not DICOM (ignored)", bad.getValueAt(1, 1));
        for (int r = 0; r < 2; r++) {
            assertTrue(!((String) bad.getValueAt(r, 2)).isBlank(), "a reason for " + bad.getValueAt(r, 0));
        }
        // counted apart (issue 15 item 15)
        assertTrue(
                entry(top).text().endsWith("1 unreadable DICOM file, 1 non-DICOM file ignored"),
                entry(top).text());
    }

    private static Volume<FloatType> map(PhysicalUnit unit, int slices) {
        var img = ArrayImgs.floats(6, 5, slices);
        float v = 0;
        for (FloatType t : img) {
            t.set(v += 0.5f);
        }
        return new Volume<>(img, Geometry.axisAligned(2, 2, 4), unit);
    }

    private static ScanTreeModel.Entry entry(DefaultMutableTreeNode n) {
        return (ScanTreeModel.Entry) n.getUserObject();
    }

    private static void collect(DefaultMutableTreeNode n, String indent, List<String> out) {
        out.add(indent + entry(n).text());
        for (int i = 0; i < n.getChildCount(); i++) {
            collect((DefaultMutableTreeNode) n.getChildAt(i), indent + "  ", out);
        }
    }
}
