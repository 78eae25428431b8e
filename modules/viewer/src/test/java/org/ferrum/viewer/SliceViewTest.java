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
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

/** The Swing views, built and painted headless on the event thread. */
class SliceViewTest {

    /** 4×4×4 unit voxels of 100, with voxel (1, 0, 2) = 300. */
    private static Volume<FloatType> phantom() {
        Volume<FloatType> v = Volumes.createFloat(new long[] {4, 4, 4}, Geometry.identity(), PhysicalUnit.ARBITRARY);
        float[] a = Volumes.floats(v);
        java.util.Arrays.fill(a, 100);
        a[1 + 4 * (0 + 4 * 2)] = 300;
        return v;
    }

    private static <T> T onEdt(java.util.concurrent.Callable<T> task) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
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

    private static BufferedImage paint(JComponent c, int w, int h) {
        c.setSize(w, h);
        c.doLayout();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.paint(g);
        g.dispose();
        return img;
    }

    @Test
    void paintsTheWindowedSliceThroughTheCrosshairWithLabels() throws Exception {
        onEdt(() -> {
            ViewerLink link = new ViewerLink();
            link.setCursorMm(new double[] {2, 2, 2});
            SliceView view = new SliceView(
                    "map", new SliceRenderer(phantom(), DisplayConvention.RADIOLOGICAL), Plane.AXIAL, link);
            view.setWindow(new WindowLevel(100, 200));
            BufferedImage img = paint(view, 400, 400);
            // 100 screen pixels per voxel; voxel (1, 0) spans x 100–200, y 0–100; (0, 1) spans x 0–100, y 100–200
            assertEquals(0xFFFFFF, img.getRGB(150, 50) & 0xFFFFFF, "value 300 above the window: white");
            assertEquals(0x808080, img.getRGB(50, 150) & 0xFFFFFF, "value 100 at the window centre: mid-grey");
            assertEquals(2, view.sliceIndex());
            assertTrue(hasYellow(img, 0, 185, 25, 215), "orientation letter at the left edge");
            assertTrue(hasYellow(img, 375, 185, 400, 215), "orientation letter at the right edge");
            assertEquals(0, view.renderer().orientation(Plane.AXIAL).left() - 'R');
            assertTrue(
                    view.statusText().startsWith("voxel (2, 2, 2)  (2.0, 2.0, 2.0) mm LPS  100.0 a.u."),
                    view.statusText());
            return null;
        });
    }

    @Test
    void clickMovesTheCrosshairWheelChangesSliceRightDragChangesWindow() throws Exception {
        onEdt(() -> {
            ViewerLink link = new ViewerLink();
            link.setCursorMm(new double[] {2, 2, 2});
            SliceView view = new SliceView(
                    "map", new SliceRenderer(phantom(), DisplayConvention.RADIOLOGICAL), Plane.AXIAL, link);
            view.setSize(400, 400);
            view.moveCursorTo(350, 150);
            assertArrayEquals(new double[] {3, 1, 2}, link.cursorMm(), 1e-9);
            view.stepSlice(1);
            assertArrayEquals(new double[] {3, 1, 3}, link.cursorMm(), 1e-9);
            view.stepSlice(5);
            assertEquals(3, link.cursorMm()[2], 1e-9, "clamped to the last slice");
            view.setWindow(new WindowLevel(100, 200));
            press(view, MouseEvent.MOUSE_PRESSED, 200, 200);
            press(view, MouseEvent.MOUSE_DRAGGED, 600, 200);
            press(view, MouseEvent.MOUSE_RELEASED, 600, 200);
            // one view width to the right multiplies the width by e
            assertEquals(200 * Math.E, view.window().width(), 1e-6);
            assertEquals(100, view.window().centre(), 1e-9);
            assertArrayEquals(new double[] {3, 1, 3}, link.cursorMm(), 1e-9, "a drag is not a click");
            return null;
        });
    }

    @Test
    void linkedViewsResampleAShiftedMapAndRefuseADisjointOne() throws Exception {
        onEdt(() -> {
            NamedVolume chi = new NamedVolume("χ", phantom().withUnit(PhysicalUnit.PPM));
            NamedVolume r2s = new NamedVolume(
                    "R2*",
                    phantom()
                            .withUnit(PhysicalUnit.PER_SECOND)
                            .withGeometry(Geometry.ofAffine(1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0)));
            NamedVolume far = new NamedVolume(
                    "LIC",
                    phantom()
                            .withUnit(PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT)
                            .withGeometry(Geometry.ofAffine(1, 0, 0, 500, 0, 1, 0, 0, 0, 0, 1, 0)));
            LinkedViews linked = new LinkedViews(List.of(chi, r2s, far), DisplayConvention.RADIOLOGICAL, Plane.AXIAL);
            assertEquals(2, linked.views().size());
            assertEquals("R2* (resampled)", linked.views().get(1).title());
            assertEquals(1, linked.refusedMaps().size());
            assertTrue(linked.refusedMaps().get(0).contains("'LIC' does not overlap"));
            assertEquals(Colormap.DIVERGING, linked.views().get(0).colormap(), "χ opens in the diverging map");
            assertEquals(WindowLevel.ofRange(0, 500), linked.views().get(1).window(), "R2* opens in its preset");
            // one crosshair: a click in the first view moves the second
            linked.views().get(0).setSize(400, 400);
            linked.views().get(0).moveCursorTo(50, 50);
            assertEquals("voxel (0, 0, 2)", linked.views().get(1).statusText().substring(0, 15));
            linked.link().setZoom(2);
            assertEquals(2, linked.views().get(1).link().zoom());
            BufferedImage img = paint(linked, 900, 500);
            assertNotEquals(0, img.getRGB(450, 300) & 0xFFFFFF);
            return null;
        });
    }

    @Test
    void orthogonalViewSharesOneCrosshairAcrossPlanes() throws Exception {
        onEdt(() -> {
            Volume<FloatType> fourD =
                    Volumes.createFloat(new long[] {4, 4, 4, 3}, Geometry.identity(), PhysicalUnit.ARBITRARY);
            OrthogonalView ortho =
                    (OrthogonalView) ViewerTopComponent.createContent(List.of(new NamedVolume("echoes", fourD)));
            SliceView axial = ortho.views().get(0),
                    coronal = ortho.views().get(1),
                    sagittal = ortho.views().get(2);
            coronal.setSize(400, 400);
            coronal.moveCursorTo(50, 50); // top-left of a coronal slice: patient right (x = 0), superior (z = 3)
            assertEquals(3, axial.sliceIndex());
            assertEquals(0, sagittal.sliceIndex());
            ortho.link().setFrame(7);
            assertEquals(2, axial.frame(), "limited to the map's last frame");
            assertTrue(axial.statusText().endsWith("frame 3/3"), axial.statusText());
            paint(ortho, 900, 350);
            return null;
        });
    }

    private static void press(JComponent c, int id, int x, int y) {
        int mods = InputEvent.BUTTON3_DOWN_MASK;
        c.dispatchEvent(new MouseEvent(c, id, System.currentTimeMillis(), mods, x, y, 1, false, MouseEvent.BUTTON3));
    }

    private static boolean hasYellow(BufferedImage img, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = img.getRGB(x, y);
                if (((p >> 16) & 0xFF) > 200 && ((p >> 8) & 0xFF) > 200 && (p & 0xFF) < 60) {
                    return true;
                }
            }
        }
        return false;
    }
}
