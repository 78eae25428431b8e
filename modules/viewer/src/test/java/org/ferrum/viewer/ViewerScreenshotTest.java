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
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

/**
 * Paints a χ | R2* comparison and an orthogonal view of a synthetic liver-like phantom into
 * target/viewer-*.png for a person to look at, and checks the images are not blank.
 */
class ViewerScreenshotTest {

    /** An ellipsoid "organ" with a brighter sphere "lesion"; outside the body NaN. */
    static Volume<FloatType> phantom(PhysicalUnit unit, float organ, float lesion, float background) {
        int n = 48;
        Volume<FloatType> v = Volumes.createFloat(new long[] {n, n, 24}, Geometry.axisAligned(2, 2, 4), unit);
        float[] a = Volumes.floats(v);
        int i = 0;
        for (int z = 0; z < 24; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++, i++) {
                    double ex = (x - 24) / 20.0, ey = (y - 24) / 14.0, ez = (z - 12) / 10.0;
                    double body = ex * ex + ey * ey + ez * ez;
                    double lx = x - 30, ly = y - 20, lz = z - 12;
                    a[i] = body > 1
                            ? Float.NaN
                            : lx * lx + ly * ly + lz * lz < 25
                                    ? lesion
                                    : (float) (organ + background * (x - 24) / 24.0);
                }
        return v;
    }

    @Test
    void paintsComparisonAndOrthogonalViews() throws Exception {
        Path out = Path.of("target");
        Files.createDirectories(out);
        SwingUtilities.invokeAndWait(() -> {
            try {
                NamedVolume chi = new NamedVolume("χ", phantom(PhysicalUnit.PPM, 0.05f, 0.15f, 0.05f));
                NamedVolume r2s = new NamedVolume("R2*", phantom(PhysicalUnit.PER_SECOND, 150f, 420f, 40f));
                JComponent linked = ViewerTopComponent.createContent(List.of(chi, r2s));
                write(linked, 1000, 560, out.resolve("viewer-linked.png"));
                JComponent ortho = ViewerTopComponent.createContent(List.of(r2s));
                ((OrthogonalView) ortho)
                        .views()
                        .get(0)
                        .addOverlay(LabelOverlay.mask(phantom(PhysicalUnit.DIMENSIONLESS, 0f, 1f, 0f), 0xFF0000, 0.5));
                write(ortho, 1200, 460, out.resolve("viewer-orthogonal.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(Files.size(out.resolve("viewer-linked.png")) > 5000);
        assertTrue(Files.size(out.resolve("viewer-orthogonal.png")) > 5000);
    }

    /**
     * Issue 15: the viewer at 1600×1000 with a bright map (R2* window saturating most of the organ) and an ROI being
     * edited — two labels painted with the brushes, the label table beside — into target/viewer-roi-editing.png; and the
     * histogram with the ROI into target/viewer-histogram.png.
     */
    @Test
    void paintsRoiEditingOnABrightMapAt1600x1000() throws Exception {
        Path out = Path.of("target");
        Files.createDirectories(out);
        SwingUtilities.invokeAndWait(() -> {
            try {
                NamedVolume r2s = new NamedVolume(
                        "R2* (liver_r2star · fit · run 10:17:05)", phantom(PhysicalUnit.PER_SECOND, 400f, 900f, 60f));
                OrthogonalView ortho = (OrthogonalView) ViewerTopComponent.createContent(List.of(r2s));
                ortho.setSize(1600, 1000);
                layoutAll(ortho);
                for (SliceView v : ortho.views()) {
                    v.setWindow(WindowLevel.ofRange(0, 420)); // bright: the organ saturates white
                }
                ViewerLink link = ortho.link();
                RoiEditorPanel editor = ortho.roiEditor();
                editor.rename(1, "liver right lobe");
                link.setRoiTool(RoiTool.PAINT);
                link.setBrush(new Brush(Brush.Shape.SPHERE, 8));
                SliceView axial = ortho.views().get(0);
                int cx = axial.getWidth() / 2, cy = axial.getHeight() / 2;
                stroke(axial, cx - 60, cy, cx - 10, cy + 20);
                editor.addLabel();
                editor.rename(2, "lesion");
                link.setBrush(new Brush(Brush.Shape.DISC, 5));
                stroke(axial, cx + 40, cy - 30, cx + 60, cy - 20);
                write(ortho, 1600, 1000, out.resolve("viewer-roi-editing.png"));
                javax.swing.JComponent chart = new org.ferrum.charts.PlottedChartPanel(ViewActions.histogram(axial));
                write(chart, 720, 480, out.resolve("viewer-histogram.png"));
                axial.writePng(out.resolve("viewer-axial-view.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(Files.size(out.resolve("viewer-roi-editing.png")) > 5000);
    }

    private static void stroke(SliceView v, int x0, int y0, int x1, int y1) {
        v.dispatchEvent(new java.awt.event.MouseEvent(
                v,
                java.awt.event.MouseEvent.MOUSE_PRESSED,
                0,
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK,
                x0,
                y0,
                1,
                false,
                java.awt.event.MouseEvent.BUTTON1));
        v.dispatchEvent(new java.awt.event.MouseEvent(
                v,
                java.awt.event.MouseEvent.MOUSE_DRAGGED,
                0,
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK,
                x1,
                y1,
                1,
                false,
                java.awt.event.MouseEvent.NOBUTTON));
        v.dispatchEvent(new java.awt.event.MouseEvent(
                v,
                java.awt.event.MouseEvent.MOUSE_RELEASED,
                0,
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK,
                x1,
                y1,
                1,
                false,
                java.awt.event.MouseEvent.BUTTON1));
    }

    private static void write(JComponent c, int w, int h, Path file) throws Exception {
        c.setSize(w, h);
        layoutAll(c);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.paint(g);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void layoutAll(java.awt.Container c) {
        c.doLayout();
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof java.awt.Container k) {
                layoutAll(k);
            }
        }
    }
}
