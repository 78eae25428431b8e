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

import java.awt.Graphics2D;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.VolumeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drawing ROIs with (simulated) mouse events on linked views, headless on the event thread. */
class RoiInteractionTest {

    /** 10×10×3 unit voxels; value = x + 10·y + 100·z (each voxel distinct, so statistics see which voxels). */
    private static Volume<FloatType> ramp(PhysicalUnit unit, float scale) {
        Volume<FloatType> v = Volumes.createFloat(new long[] {10, 10, 3}, Geometry.identity(), unit);
        float[] a = Volumes.floats(v);
        for (int i = 0; i < a.length; i++) {
            a[i] = scale * ((i % 10) + 10 * ((i / 10) % 10) + 100 * (i / 100));
        }
        return v;
    }

    private static <T> T onEdt(Callable<T> task) throws Exception {
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

    private static void mouse(SliceView view, int id, int x, int y, int clicks) {
        int button = id == MouseEvent.MOUSE_DRAGGED ? MouseEvent.NOBUTTON : MouseEvent.BUTTON1;
        view.dispatchEvent(new MouseEvent(
                view, id, System.currentTimeMillis(), InputEvent.BUTTON1_DOWN_MASK, x, y, clicks, false, button));
    }

    /** Lays out a component tree that is not in a window (headless: no validate from a peer). */
    private static void layout(java.awt.Component c) {
        if (c instanceof java.awt.Container k) {
            k.doLayout();
            for (java.awt.Component child : k.getComponents()) {
                layout(child);
            }
        }
    }

    private static LinkedViews twoMaps() {
        NamedVolume r2s = new NamedVolume("R2*", ramp(PhysicalUnit.PER_SECOND, 1));
        NamedVolume lic = new NamedVolume("LIC", ramp(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, 0.5f));
        LinkedViews linked = new LinkedViews(List.of(r2s, lic), DisplayConvention.RADIOLOGICAL, Plane.AXIAL);
        linked.views().forEach(v -> v.setSize(100, 100)); // 10 screen pixels per voxel, no offset
        return linked;
    }

    @Test
    void draggingAnEllipseLabelsTheVoxelsInsideOnTheCurrentSliceOnly() throws Exception {
        onEdt(() -> {
            LinkedViews linked = twoMaps();
            SliceView view = linked.views().get(0);
            linked.link().setRoiTool(RoiTool.ELLIPSE);
            double[] cursorBefore = linked.link().cursorMm();
            // box from display pixel (2, 2) to (8, 8): centre (5, 5), semi-axes 3 × 3. Pixel centres at offsets
            // ±0.5, ±1.5, ±2.5; inside x² + y² ≤ 9 per quadrant: 8 ((2.5, 2.5) is 12.5) → 32 voxels
            mouse(view, MouseEvent.MOUSE_PRESSED, 20, 20, 1);
            mouse(view, MouseEvent.MOUSE_DRAGGED, 50, 60, 0);
            mouse(view, MouseEvent.MOUSE_DRAGGED, 80, 80, 0);
            mouse(view, MouseEvent.MOUSE_RELEASED, 80, 80, 1);
            Volume<FloatType> roi = linked.link().roi();
            assertNotNull(roi);
            float[] l = Volumes.floats(roi);
            int inside = 0, onSlice1 = 0;
            for (int i = 0; i < l.length; i++) {
                if (l[i] == 1) {
                    inside++;
                    if (i / 100 == 1) {
                        onSlice1++;
                    }
                }
            }
            assertEquals(32, inside);
            assertEquals(32, onSlice1, "the cursor starts on the middle slice (index 1)");
            assertArrayEquals(cursorBefore, linked.link().cursorMm(), "drawing does not move the crosshair");
            assertEquals(0, linked.link().pan(Plane.AXIAL).x, "drawing does not pan");
            return null;
        });
    }

    @Test
    void aFreehandTraceClosesIntoTheRoiOnRelease() throws Exception {
        onEdt(() -> {
            LinkedViews linked = twoMaps();
            SliceView view = linked.views().get(0);
            linked.link().setRoiTool(RoiTool.FREEHAND);
            // trace the square from display pixel (2, 2) to (6, 6) along its edges; pixel centres strictly inside
            // are columns and rows 2..5 → 4 × 4 = 16 voxels (centres at x + 0.5 ∈ (2, 6))
            int[][] path = {{20, 20}, {40, 20}, {60, 20}, {60, 40}, {60, 60}, {40, 60}, {20, 60}, {20, 40}};
            mouse(view, MouseEvent.MOUSE_PRESSED, path[0][0], path[0][1], 1);
            for (int[] p : path) {
                mouse(view, MouseEvent.MOUSE_DRAGGED, p[0], p[1], 0);
            }
            assertNull(linked.link().roi(), "nothing is labelled before the button is released");
            mouse(view, MouseEvent.MOUSE_RELEASED, 20, 40, 1);
            float[] l = Volumes.floats(linked.link().roi());
            int inside = 0;
            for (float v : l) {
                inside += v == 1 ? 1 : 0;
            }
            assertEquals(16, inside);
            return null;
        });
    }

    @Test
    void theTableShowsRoiStatisticsOfEveryMapAndFollowsTheRoi() throws Exception {
        onEdt(() -> {
            LinkedViews linked = twoMaps();
            SliceView view = linked.views().get(1); // drawing in any view sets the one shared ROI
            assertNull(linked.roiStatistics().statistics());
            linked.link().setRoiTool(RoiTool.ELLIPSE);
            mouse(view, MouseEvent.MOUSE_PRESSED, 20, 20, 1);
            mouse(view, MouseEvent.MOUSE_DRAGGED, 80, 80, 0);
            mouse(view, MouseEvent.MOUSE_RELEASED, 80, 80, 1);
            Table shown = linked.roiStatistics().statistics();
            List<NamedVolume> maps = linked.views().stream()
                    .map(v -> new NamedVolume(v.title(), v.renderer().volume()))
                    .toList();
            assertEquals(RoiStatistics.table(maps, linked.link().roi(), 1), shown);
            javax.swing.JTable table = linked.roiStatistics().table();
            assertEquals(2, table.getRowCount());
            assertEquals("LIC", table.getValueAt(1, 0));
            assertEquals("mg Fe/g dw", table.getValueAt(1, 1), "each row in its map's unit");
            assertEquals(32.0, table.getValueAt(0, 2));
            // identity geometry shown radiologically: patient right (x = 0, LPS) on the left, so column c is
            // x = c and row r is y = r; the ellipse is symmetric about display (5, 5) → x and y mean 4.5;
            // slice z = 1: R2* mean = 4.5 + 10·4.5 + 100 = 149.5
            assertEquals(
                    149.5, (Double) table.getValueAt(0, table.getColumnModel().getColumnIndex("mean")), 1e-4);
            assertEquals(149.5 / 2, shown.number(1, "mean"), 1e-4, "LIC is half the R2* ramp");

            // a polygon (click, click, double-click) replaces the ROI: triangle over pixels
            linked.link().setRoiTool(RoiTool.POLYGON);
            mouse(view, MouseEvent.MOUSE_PRESSED, 0, 0, 1);
            mouse(view, MouseEvent.MOUSE_RELEASED, 0, 0, 1);
            mouse(view, MouseEvent.MOUSE_PRESSED, 40, 0, 1);
            mouse(view, MouseEvent.MOUSE_RELEASED, 40, 0, 1);
            mouse(view, MouseEvent.MOUSE_PRESSED, 40, 20, 1);
            mouse(view, MouseEvent.MOUSE_RELEASED, 40, 20, 1);
            mouse(view, MouseEvent.MOUSE_PRESSED, 0, 20, 1);
            mouse(view, MouseEvent.MOUSE_RELEASED, 0, 20, 1);
            mouse(view, MouseEvent.MOUSE_PRESSED, 0, 20, 2);
            mouse(view, MouseEvent.MOUSE_RELEASED, 0, 20, 2);
            // rectangle of display pixels columns 0–3, rows 0–1 → 8 voxels
            assertEquals(8.0, linked.roiStatistics().statistics().number(0, "n"));
            // x ∈ {0..3}: mean 1.5; y ∈ {0, 1}: mean 0.5 → 1.5 + 5 + 100
            assertEquals(106.5, linked.roiStatistics().statistics().number(0, "mean"), 1e-4);

            // a 1.2 mm sphere round the clicked voxel: itself and its 6 face neighbours (√2 > 1.2)
            linked.link().setRoiTool(RoiTool.SPHERE);
            linked.link().setSphereRadiusMm(1.2);
            mouse(view, MouseEvent.MOUSE_PRESSED, 55, 55, 1);
            mouse(view, MouseEvent.MOUSE_RELEASED, 55, 55, 1);
            assertEquals(7.0, linked.roiStatistics().statistics().number(0, "n"));
            // centre voxel x = 5, y = 5, z = 1: value 155; the neighbours are symmetric about it → mean 155
            assertEquals(155, linked.roiStatistics().statistics().number(0, "mean"), 1e-4);

            linked.link().setRoi(null);
            assertNull(linked.roiStatistics().statistics());
            assertEquals(0, table.getRowCount());
            return null;
        });
    }

    @Test
    void theRoiIsOverlaidOnEveryLinkedViewAndSavedAsNifti(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("roi.nii");
        onEdt(() -> {
            LinkedViews linked = twoMaps();
            linked.link().setRoiTool(RoiTool.ELLIPSE);
            SliceView first = linked.views().get(0), second = linked.views().get(1);
            mouse(first, MouseEvent.MOUSE_PRESSED, 20, 20, 1);
            mouse(first, MouseEvent.MOUSE_DRAGGED, 80, 80, 0);
            mouse(first, MouseEvent.MOUSE_RELEASED, 80, 80, 1);
            BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            second.paint(g);
            g.dispose();
            int inside = img.getRGB(45, 35), outside = img.getRGB(5, 95);
            int red = (inside >> 16) & 0xFF, green = (inside >> 8) & 0xFF;
            assertTrue(
                    red > green + 50, "label 1 (red) blended over the second view, got " + Integer.toHexString(inside));
            int r0 = (outside >> 16) & 0xFF, g0 = (outside >> 8) & 0xFF;
            assertEquals(r0, g0, "outside the ROI the grey map is untouched");
            linked.saveRoi(saved);
            return null;
        });
        Volume<FloatType> back = VolumeFiles.readFloat(saved);
        assertTrue(Files.size(saved) > 348);
        assertArrayEquals(new long[] {10, 10, 3}, new long[] {back.dimension(0), back.dimension(1), back.dimension(2)});
        double sum = 0;
        for (float f : Volumes.floats(back)) {
            sum += f;
        }
        assertEquals(32, sum, 1e-6);
    }

    @Test
    void withoutAToolClicksStillMoveTheCrosshair() throws Exception {
        onEdt(() -> {
            LinkedViews linked = twoMaps();
            SliceView view = linked.views().get(0);
            mouse(view, MouseEvent.MOUSE_PRESSED, 5, 5, 1);
            mouse(view, MouseEvent.MOUSE_RELEASED, 5, 5, 1);
            assertNull(linked.link().roi());
            assertArrayEquals(new double[] {0, 0, 1}, linked.link().cursorMm(), 1e-9, "top-left voxel");
            assertThrows(IllegalStateException.class, () -> linked.saveRoi(Path.of("never.nii")));
            return null;
        });
    }

    @Test
    void scatterOfMapOneVsTwoAndBlandAltmanOfTwoLicMapsFollowTheRoi() throws Exception {
        onEdt(() -> {
            PhysicalUnit lic = PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT;
            Volume<FloatType> fromR2s = ramp(lic, 0.5f);
            Volume<FloatType> fromQsm = ramp(lic, 0.5f);
            float[] q = Volumes.floats(fromQsm);
            for (int i = 0; i < q.length; i++) {
                q[i] += (i % 10) % 2 == 0 ? 1 : 3; // QSM − R2*: 1 at even x, 3 at odd x
            }
            LinkedViews linked = new LinkedViews(
                    List.of(
                            new NamedVolume("R2*", ramp(PhysicalUnit.PER_SECOND, 1)),
                            new NamedVolume("χ", ramp(PhysicalUnit.PPM, 0.01f)),
                            new NamedVolume("LIC QSM", fromQsm),
                            new NamedVolume("LIC R2*", fromR2s)),
                    DisplayConvention.RADIOLOGICAL,
                    Plane.AXIAL);
            assertTrue(linked.roiCharts().isEmpty(), "no ROI, no charts");
            SliceView view = linked.views().get(2);
            view.setSize(100, 100);
            linked.link().setRoiTool(RoiTool.ELLIPSE);
            mouse(view, MouseEvent.MOUSE_PRESSED, 20, 20, 1);
            mouse(view, MouseEvent.MOUSE_DRAGGED, 80, 80, 0);
            mouse(view, MouseEvent.MOUSE_RELEASED, 80, 80, 1);
            assertEquals(2, linked.roiCharts().size());

            org.jfree.chart.plot.XYPlot scatter =
                    linked.roiCharts().get(0).chart().getXYPlot();
            assertEquals(32, scatter.getDataset().getItemCount(0));
            for (int i = 0; i < 32; i++) {
                assertEquals(
                        0.01 * scatter.getDataset().getXValue(0, i),
                        scatter.getDataset().getYValue(0, i),
                        1e-4,
                        "each point pairs one voxel's R2* and χ");
            }
            assertEquals(32, linked.roiCharts().get(0).data().rows().size());

            // the ellipse covers x = 2…7 with 4, 6, 6, 6, 6, 4 voxels: 16 even-x (d = 1) and 16 odd-x (d = 3)
            // → bias 2, SD = √(32·1²/31) = 1.0160, limits 2 ± 1.96·1.0160 = 0.00864 and 3.99136
            org.jfree.chart.plot.XYPlot ba = linked.roiCharts().get(1).chart().getXYPlot();
            assertEquals(32, ba.getDataset().getItemCount(0));
            double[] markers = ba.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).stream()
                    .mapToDouble(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue())
                    .sorted()
                    .toArray();
            assertArrayEquals(
                    new double[] {2 - 1.96 * Math.sqrt(32 / 31.0), 2, 2 + 1.96 * Math.sqrt(32 / 31.0)}, markers, 1e-5);
            assertEquals(0.00864, markers[0], 1e-5);
            double diffSum = 0;
            for (int i = 0; i < 32; i++) {
                diffSum += ba.getDataset().getYValue(0, i);
            }
            assertEquals(64, diffSum, 1e-4);

            BufferedImage img = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
            linked.setSize(1200, 900);
            layout(linked);
            Graphics2D g = img.createGraphics();
            linked.paint(g);
            g.dispose();
            // for a person to look at: four linked maps, the ROI over each, the table and both charts
            javax.imageio.ImageIO.write(
                    img, "png", Path.of("target", "viewer-roi.png").toFile());

            linked.link().setRoi(null);
            assertTrue(linked.roiCharts().isEmpty());
            return null;
        });
    }

    @Test
    void blandAltmanIsRefusedForMapsThatAreNotLicInOneUnit() {
        NamedVolume r2s = new NamedVolume("R2*", ramp(PhysicalUnit.PER_SECOND, 1));
        NamedVolume lic = new NamedVolume("LIC", ramp(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, 1));
        NamedVolume wet = new NamedVolume("LIC ww", ramp(PhysicalUnit.MG_FE_PER_G_WET_WEIGHT, 1));
        assertFalse(RoiCharts.comparableLic(r2s, lic));
        assertFalse(RoiCharts.comparableLic(lic, wet));
        assertTrue(RoiCharts.comparableLic(lic, lic));
        Volume<FloatType> roi = RoiDrawing.emptyLabels(lic.volume());
        assertThrows(IllegalArgumentException.class, () -> RoiCharts.blandAltman(r2s, lic, roi, 1));
    }
}
