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
package org.ferrum.viewer;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.table.LabelTable;
import org.ferrum.io.table.LabelTableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 11: labels, paint and erase brushes in mm, undo, label table, NIfTI + dseg.tsv. */
class RoiEditingTest {

    static final double SX = 0.5, SY = 0.8, SZ = 2.0;

    /** 80×60×20 anisotropic voxels (0.5 × 0.8 × 2 mm), value = x. */
    static Volume<FloatType> anisotropic() {
        Volume<FloatType> v =
                Volumes.createFloat(new long[] {80, 60, 20}, Geometry.axisAligned(SX, SY, SZ), PhysicalUnit.PER_SECOND);
        float[] a = Volumes.floats(v);
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 80;
        }
        return v;
    }

    static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        javax.swing.SwingUtilities.invokeAndWait(() -> {
            try {
                out.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return out.get();
    }

    static void mouse(SliceView view, int id, int x, int y) {
        int button = id == MouseEvent.MOUSE_DRAGGED ? MouseEvent.NOBUTTON : MouseEvent.BUTTON1;
        view.dispatchEvent(new MouseEvent(
                view, id, System.currentTimeMillis(), InputEvent.BUTTON1_DOWN_MASK, x, y, 1, false, button));
    }

    /** Lattice points (i, j[, k]) with (sx·i)² + (sy·j)² [+ (sz·k)²] ≤ r², counted directly. */
    static long latticeCount(double r, boolean sphere) {
        long n = 0;
        int ki = sphere ? (int) (r / SZ) + 1 : 0;
        for (int k = -ki; k <= ki; k++) {
            for (int j = -100; j <= 100; j++) {
                for (int i = -100; i <= 100; i++) {
                    double d = Math.pow(SX * i, 2) + Math.pow(SY * j, 2) + Math.pow(SZ * k, 2);
                    if (d <= r * r) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static long count(Volume<FloatType> labels, int label) {
        long n = 0;
        for (float v : Volumes.floats(labels)) {
            if (Math.round(v) == label && v != 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void discAndSphereBrushesAreRoundInMillimetresOnAnisotropicVoxels() {
        Volume<FloatType> labels = RoiDrawing.emptyLabels(anisotropic());
        LabelEdit.Recorder rec = new LabelEdit.Recorder(labels);
        int disc = new Brush(Brush.Shape.DISC, 6).dab(rec, labels, new long[] {40, 30, 10}, 2, 1, false);
        long expectedDisc = latticeCount(6, false);
        assertEquals(expectedDisc, disc);
        assertEquals(expectedDisc, count(labels, 1));
        // analytic: area π r² over the voxel's in-plane area, within 3 %
        assertEquals(Math.PI * 36 / (SX * SY), disc, 0.03 * Math.PI * 36 / (SX * SY));
        // all in slice 10
        float[] a = Volumes.floats(labels);
        for (int n = 0; n < a.length; n++) {
            if (a[n] != 0) {
                assertEquals(10, n / (80 * 60));
            }
        }
        Volume<FloatType> l3 = RoiDrawing.emptyLabels(anisotropic());
        int sphere = new Brush(Brush.Shape.SPHERE, 9)
                .dab(new LabelEdit.Recorder(l3), l3, new long[] {40, 30, 10}, 2, 2, false);
        assertEquals(latticeCount(9, true), sphere);
        double analytic = 4.0 / 3 * Math.PI * 729 / (SX * SY * SZ);
        assertEquals(analytic, sphere, 0.05 * analytic);
    }

    @Test
    void eraseRemovesOnlyTheActiveLabel() {
        Volume<FloatType> labels = RoiDrawing.emptyLabels(anisotropic());
        new Brush(Brush.Shape.DISC, 4)
                .dab(new LabelEdit.Recorder(labels), labels, new long[] {40, 30, 10}, 2, 1, false);
        new Brush(Brush.Shape.DISC, 4)
                .dab(new LabelEdit.Recorder(labels), labels, new long[] {44, 30, 10}, 2, 2, false);
        long ones = count(labels, 1), twos = count(labels, 2);
        new Brush(Brush.Shape.SPHERE, 50)
                .dab(new LabelEdit.Recorder(labels), labels, new long[] {40, 30, 10}, 2, 1, true);
        assertEquals(0, count(labels, 1));
        assertEquals(twos, count(labels, 2), "label 2 untouched by erasing label 1");
        assertTrue(ones > 0 && twos > 0);
    }

    @Test
    void paintStrokesWithTheMouseAndUndoRestoresTheExactLabelArray() throws Exception {
        onEdt(() -> {
            OrthogonalView view =
                    new OrthogonalView(new NamedVolume("R2*", anisotropic()), DisplayConvention.RADIOLOGICAL);
            SliceView axial = view.views().get(0);
            axial.setSize(400, 300); // 80 × 0.5 = 40 mm wide, 60 × 0.8 = 48 mm high: 6.25 px per mm
            ViewerLink link = view.link();
            link.setRoiTool(RoiTool.PAINT);
            link.setBrush(new Brush(Brush.Shape.DISC, 3));
            mouse(axial, MouseEvent.MOUSE_PRESSED, 150, 100);
            mouse(axial, MouseEvent.MOUSE_DRAGGED, 200, 120);
            mouse(axial, MouseEvent.MOUSE_RELEASED, 200, 120);
            float[] afterFirst = Volumes.floats(link.roi()).clone();
            assertTrue(count(link.roi(), 1) > latticeCount(3, false), "a dragged stroke covers more than one dab");
            assertEquals(count(link.roi(), 1), view.roiEditor().rows().get(0).voxels());
            // second label, second stroke crossing the first
            int two = view.roiEditor().addLabel();
            assertEquals(2, two);
            assertEquals(2, link.activeLabel());
            link.setBrush(new Brush(Brush.Shape.SPHERE, 4));
            mouse(axial, MouseEvent.MOUSE_PRESSED, 180, 110);
            mouse(axial, MouseEvent.MOUSE_RELEASED, 180, 110);
            assertTrue(count(link.roi(), 2) > 0);
            assertFalse(java.util.Arrays.equals(afterFirst, Volumes.floats(link.roi())));
            assertTrue(link.undo());
            assertArrayEquals(afterFirst, Volumes.floats(link.roi()), "undo restores the label array exactly");
            assertTrue(link.undo());
            assertEquals(0, count(link.roi(), 1));
            assertFalse(link.undo(), "nothing left to undo");
            assertTrue(link.redo());
            assertArrayEquals(afterFirst, Volumes.floats(link.roi()));
            // erase brush on label 1
            link.setActiveLabel(1);
            link.setRoiTool(RoiTool.ERASE);
            link.setBrush(new Brush(Brush.Shape.DISC, 50));
            mouse(axial, MouseEvent.MOUSE_PRESSED, 150, 100);
            mouse(axial, MouseEvent.MOUSE_RELEASED, 150, 100);
            assertEquals(0, count(link.roi(), 1));
            link.undo();
            assertArrayEquals(afterFirst, Volumes.floats(link.roi()));
            return null;
        });
    }

    @Test
    void shapesReplaceOnlyTheActiveLabelAndStatisticsFollowIt() throws Exception {
        onEdt(() -> {
            OrthogonalView view =
                    new OrthogonalView(new NamedVolume("R2*", anisotropic()), DisplayConvention.RADIOLOGICAL);
            ViewerLink link = view.link();
            Volume<FloatType> labels = RoiDrawing.emptyLabels(anisotropic());
            RoiDrawing.sphere(labels, new double[] {20 * SX, 30 * SY, 10 * SZ}, 3, 1);
            link.replaceLabel(labels, 1, "sphere");
            view.roiEditor().addLabel();
            Volume<FloatType> second = RoiDrawing.emptyLabels(anisotropic());
            RoiDrawing.sphere(second, new double[] {60 * SX, 30 * SY, 10 * SZ}, 3, 2);
            link.replaceLabel(second, 2, "sphere");
            assertEquals(count(labels, 1), count(link.roi(), 1), "label 1 kept when label 2 is drawn");
            assertEquals(count(second, 2), count(link.roi(), 2));
            // statistics of the active label: x = 60 ± a few voxels
            RoiStatisticsPanel stats = new RoiStatisticsPanel(List.of(new NamedVolume("R2*", anisotropic())), link);
            assertEquals(60, stats.statistics().number(0, "mean"), 0.5);
            link.setActiveLabel(1);
            assertEquals(20, stats.statistics().number(0, "mean"), 0.5);
            return null;
        });
    }

    @Test
    void labelTableAddsRenamesRecoloursRemovesAndCountsMillilitres() throws Exception {
        onEdt(() -> {
            OrthogonalView view =
                    new OrthogonalView(new NamedVolume("R2*", anisotropic()), DisplayConvention.RADIOLOGICAL);
            RoiEditorPanel editor = view.roiEditor();
            ViewerLink link = view.link();
            Volume<FloatType> l = link.roiOn(anisotropic());
            Volumes.floats(l)[0] = 1;
            Volumes.floats(l)[1] = 1;
            link.roiChanged();
            editor.rename(1, "liver right lobe");
            editor.recolour(1, 0x123456);
            int two = editor.addLabel();
            editor.rename(two, "spleen");
            RoiEditorPanel.Row r = editor.rows().get(0);
            assertEquals(new RoiEditorPanel.Row(1, "liver right lobe", 0x123456, 2, 2 * SX * SY * SZ / 1000), r);
            assertEquals("spleen", editor.table().getValueAt(1, 2));
            assertEquals(0x123456, link.labelColours().get(1));
            assertThrows(IllegalArgumentException.class, () -> editor.rename(1, "a\tb"));
            editor.removeLabel(1);
            assertEquals(
                    List.of(2),
                    editor.rows().stream().map(RoiEditorPanel.Row::index).toList());
            assertEquals(0, count(link.roi(), 1), "a removed label's voxels are cleared");
            assertEquals(2, link.activeLabel());
            assertThrows(IllegalStateException.class, () -> editor.removeLabel(2));
            link.undo();
            assertEquals(2, count(link.roi(), 1), "undo brings the voxels back");
            return null;
        });
    }

    @Test
    void labelsSavedAsNiftiWithDsegTsvAndLoadedBack(@TempDir Path dir) throws Exception {
        onEdt(() -> {
            OrthogonalView view =
                    new OrthogonalView(new NamedVolume("R2*", anisotropic()), DisplayConvention.RADIOLOGICAL);
            RoiEditorPanel editor = view.roiEditor();
            ViewerLink link = view.link();
            new Brush(Brush.Shape.SPHERE, 5)
                    .dab(
                            new LabelEdit.Recorder(link.roiOn(anisotropic())),
                            link.roi(),
                            new long[] {20, 20, 5},
                            2,
                            1,
                            false);
            editor.rename(1, "tumour");
            int two = editor.addLabel();
            new Brush(Brush.Shape.SPHERE, 5)
                    .dab(new LabelEdit.Recorder(link.roi()), link.roi(), new long[] {60, 40, 15}, 2, two, false);
            editor.recolour(two, 0x00FF80);
            link.roiChanged();
            float[] saved = Volumes.floats(link.roi()).clone();
            Path f = dir.resolve("sub-01_dseg.nii.gz");
            editor.save(f);
            assertEquals(
                    "index\tname\tcolor\n1\ttumour\t#ff0000\n2\tlabel 2\t#00ff80\n",
                    Files.readString(dir.resolve("sub-01_dseg.tsv")));
            OrthogonalView other =
                    new OrthogonalView(new NamedVolume("R2*", anisotropic()), DisplayConvention.RADIOLOGICAL);
            other.roiEditor().load(f);
            assertArrayEquals(saved, Volumes.floats(other.link().roi()));
            assertEquals(link.labelTable(), other.link().labelTable());
            // a FreeSurfer LUT imported as the table
            Path lut = dir.resolve("lut.txt");
            LabelTableFiles.write(
                    new LabelTable(List.of(
                            new LabelTable.Label(1, "Liver", 0xDC0000), new LabelTable.Label(2, "Spleen", 0x00DC00))),
                    lut);
            other.link().setLabelTable(LabelTableFiles.read(lut));
            assertEquals("Spleen", other.roiEditor().rows().get(1).name());
            // a label map on another grid is refused, naming the file
            Path wrong = dir.resolve("wrong.nii.gz");
            VolumeFiles.write(
                    Volumes.createFloat(new long[] {10, 10, 10}, Geometry.identity(), PhysicalUnit.DIMENSIONLESS),
                    wrong);
            java.io.IOException e = assertThrows(
                    java.io.IOException.class, () -> other.roiEditor().load(wrong));
            assertTrue(e.getMessage().startsWith("wrong.nii.gz: the label map's grid (10×10×10"), e.getMessage());
            assertArrayEquals(saved, Volumes.floats(other.link().roi()), "a refused file leaves the ROI as it was");
            return null;
        });
    }
}
