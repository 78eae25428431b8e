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

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.junit.jupiter.api.Test;

/** Issue 18: legend names and colours in the viewer, and the fusion overlay for registration checking. */
class LabelsAndFusionTest {

    private static final LabelTable LEGEND = LabelTable.of(
            List.of(LabelEntry.named(12, "Left-Putamen", 0xEC0DB0), LabelEntry.named(51, "Right-Putamen", 0x0000FF)));

    private static Volume<FloatType> filled(long nx, long ny, long nz, Geometry g, PhysicalUnit unit, float value) {
        Volume<FloatType> v = Volumes.createFloat(new long[] {nx, ny, nz}, g, unit);
        java.util.Arrays.fill(Volumes.floats(v), value);
        return v;
    }

    /** 6×6×2 labels: x < 3 → 12 (left putamen), x ≥ 3 → 51, slice z = 1 all 0. */
    private static Volume<FloatType> labels() {
        Volume<FloatType> v = filled(6, 6, 2, Geometry.identity(), PhysicalUnit.DIMENSIONLESS, 0);
        float[] a = Volumes.floats(v);
        for (int n = 0; n < 36; n++) {
            a[n] = n % 6 < 3 ? 12 : 51;
        }
        return v.withLabels(LEGEND);
    }

    static <T> T onEdt(Callable<T> task) throws Exception {
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

    @Test
    void aLabelMapsLegendNamesTheReadoutTheStatisticsAndColoursTheOverlay() throws Exception {
        onEdt(() -> {
            Volume<FloatType> chi = filled(6, 6, 2, Geometry.identity(), PhysicalUnit.PPM, 0.1f);
            ViewerLink link = new ViewerLink();
            link.setLabelMap(labels());
            assertEquals(0xEC0DB0, link.labelColours().get(12));
            assertEquals(0x0000FF, link.labelColours().get(51));
            assertEquals("12 Left-Putamen", link.labelAt(new long[] {1, 2, 0}));
            assertEquals("51 Right-Putamen", link.labelAt(new long[] {4, 2, 0}));
            assertEquals("", link.labelAt(new long[] {4, 2, 1}));

            link.setCursorMm(new double[] {1, 2, 0}); // voxel (1, 2, 0): identity geometry
            SliceView view =
                    new SliceView("chi", new SliceRenderer(chi, DisplayConvention.RADIOLOGICAL), Plane.AXIAL, link);
            assertTrue(view.statusText().contains("0.1000 ppm  12 Left-Putamen"), view.statusText());
            assertEquals("12 Left-Putamen", view.readout().label());

            // The overlay's colour is the legend's: grey window → 0.1 ppm in [−0.2, 0.2] is mid-grey, then 40 % label.
            view.setColormap(Colormap.GREY);
            view.setWindow(WindowLevel.ofRange(-0.2, 0.2));
            BufferedImage img = view.renderer()
                    .render(
                            Plane.AXIAL,
                            0,
                            0,
                            view.window(),
                            Colormap.GREY,
                            new LabelOverlay(link.roi(), link.labelColours(), SliceView.ROI_OPACITY, false));
            int[] px = view.renderer().displayPosition(Plane.AXIAL, new long[] {1, 2, 0});
            int base = Colormap.GREY.argb((int) ((0.1 + 0.2) / 0.4 * 256)) & 0xFF;
            int expectedRed = (int) Math.round(base * 0.6 + 0xEC * 0.4);
            int expectedBlue = (int) Math.round(base * 0.6 + 0xB0 * 0.4);
            int rgb = img.getRGB(px[0], px[1]);
            assertEquals(expectedRed, (rgb >> 16) & 0xFF);
            assertEquals(expectedBlue, rgb & 0xFF);

            link.setActiveLabel(51);
            RoiStatisticsPanel stats = new RoiStatisticsPanel(List.of(new NamedVolume("chi", chi)), link);
            assertEquals("ROI statistics of 'Right-Putamen' (18 voxels)", stats.captionText());
            return null;
        });
    }

    @Test
    void aMapThatIsItselfALabelMapNamesItsValueAndViewerContentOverlaysIt() throws Exception {
        SliceRenderer r = new SliceRenderer(labels(), DisplayConvention.RADIOLOGICAL);
        assertEquals("51 Right-Putamen", r.readout(new long[] {5, 0, 0}, 0).label());
        assertEquals("", r.readout(new long[] {5, 0, 1}, 0).label());
        assertTrue(r.readout(new long[] {5, 0, 0}, 0).text().endsWith("  51 Right-Putamen"));
        onEdt(() -> {
            Volume<FloatType> chi = filled(6, 6, 2, Geometry.identity(), PhysicalUnit.PPM, 0.1f);
            LinkedViews content = (LinkedViews) ViewerTopComponent.createContent(
                    List.of(new NamedVolume("chi", chi), new NamedVolume("labels", labels())));
            assertNotNull(content.link().roi());
            assertEquals(
                    "Left-Putamen",
                    content.link().labelTable().label(12).orElseThrow().name());
            return null;
        });
    }

    /** 4×4×1 fixed image of 0 (black in a grey window [0, 256)), fused image of 255.5 (white) with one NaN voxel. */
    private static BufferedImage fuse(FusionOverlay.Mode mode, double opacity, int tile, boolean[] nan) {
        Volume<FloatType> fixed = filled(4, 4, 1, Geometry.identity(), PhysicalUnit.ARBITRARY, 0);
        Volume<FloatType> moving = filled(4, 4, 1, Geometry.identity(), PhysicalUnit.ARBITRARY, 255.5f);
        Volumes.floats(moving)[0] = Float.NaN;
        nan[0] = true;
        FusionOverlay f =
                new FusionOverlay(moving, "moving", WindowLevel.ofRange(0, 256), Colormap.GREY, opacity, mode, tile);
        SliceRenderer r = new SliceRenderer(fixed, DisplayConvention.RADIOLOGICAL);
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        r.renderInto(img, Plane.AXIAL, 0, 0, WindowLevel.ofRange(0, 256), Colormap.GREY, f);
        return img;
    }

    @Test
    void blendMixesTheTwoImagesByTheOpacityAndNaNLeavesTheMap() {
        BufferedImage img = fuse(FusionOverlay.Mode.BLEND, 0.25, 1, new boolean[1]);
        SliceRenderer r = new SliceRenderer(
                filled(4, 4, 1, Geometry.identity(), PhysicalUnit.ARBITRARY, 0), DisplayConvention.RADIOLOGICAL);
        int[] nanPixel = r.displayPosition(Plane.AXIAL, new long[] {0, 0, 0});
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int expected = x == nanPixel[0] && y == nanPixel[1] ? 0 : (int) Math.round(255 * 0.25); // 64
                assertEquals(expected, img.getRGB(x, y) & 0xFF, x + "," + y);
                assertEquals(expected, (img.getRGB(x, y) >> 16) & 0xFF, x + "," + y);
            }
        }
    }

    @Test
    void checkerboardAlternatesSquaresOfTheTwoImages() {
        BufferedImage img = fuse(FusionOverlay.Mode.CHECKERBOARD, 0.25, 2, new boolean[1]);
        SliceRenderer r = new SliceRenderer(
                filled(4, 4, 1, Geometry.identity(), PhysicalUnit.ARBITRARY, 0), DisplayConvention.RADIOLOGICAL);
        int[] nanPixel = r.displayPosition(Plane.AXIAL, new long[] {0, 0, 0});
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                boolean fusedTile = ((x / 2 + y / 2) % 2) == 1;
                boolean nan = x == nanPixel[0] && y == nanPixel[1];
                assertEquals(fusedTile && !nan ? 255 : 0, img.getRGB(x, y) & 0xFF, x + "," + y);
            }
        }
    }

    @Test
    void aMovingImageOnAnotherGridIsPutOnTheFixedGridWhereItLies() throws Exception {
        // Fixed: 10×10×3 at 1 mm from the origin. Moving: 4×4×3 at 2 mm, its voxel 0 at (4, 4, 0) mm, value = 1 + i.
        Volume<FloatType> fixed = filled(10, 10, 3, Geometry.identity(), PhysicalUnit.ARBITRARY, 0);
        Volume<FloatType> moving =
                filled(4, 4, 3, Geometry.ofAffine(2, 0, 0, 4, 0, 2, 0, 4, 0, 0, 1, 0), PhysicalUnit.ARBITRARY, 0);
        float[] m = Volumes.floats(moving);
        for (int n = 0; n < m.length; n++) {
            m[n] = 1 + n % 4;
        }
        FusionOverlay f = FusionOverlay.onto(new NamedVolume("fixed", fixed), new NamedVolume("moving", moving));
        assertTrue(GridResampling.sameGrid(fixed, f.image()));
        var ra = f.image().image().randomAccess();
        assertTrue(Float.isNaN(ra.setPositionAndGet(0, 0, 0).get())); // (0, 0, 0) mm: outside the moving image
        assertEquals(1f, ra.setPositionAndGet(4, 4, 1).get()); // (4, 4, 1) mm = moving voxel (0, 0, 1)
        assertEquals(3f, ra.setPositionAndGet(8, 5, 1).get()); // (8, 5) mm = moving voxel (2, 0.5) → (2, 0) or (2, 1)
        onEdt(() -> {
            OrthogonalView view = new OrthogonalView(new NamedVolume("fixed", fixed), DisplayConvention.RADIOLOGICAL);
            view.fuse(new NamedVolume("moving", moving));
            assertEquals("fused: moving (blend 50 %)", view.link().fusion().caption());
            assertNotNull(view.views().get(0).fusion());
            view.link().setFusion(view.link().fusion().withMode(FusionOverlay.Mode.CHECKERBOARD));
            assertEquals(
                    "fused: moving (checkerboard 16 px)", view.link().fusion().caption());
            // The fusion row follows the link and changes it.
            @SuppressWarnings("unchecked")
            javax.swing.JComboBox<FusionOverlay.Mode> mode =
                    (javax.swing.JComboBox<FusionOverlay.Mode>) find(view, FusionControls.NAME_MODE);
            assertEquals(FusionOverlay.Mode.CHECKERBOARD, mode.getSelectedItem());
            mode.setSelectedItem(FusionOverlay.Mode.BLEND);
            ((javax.swing.JSlider) find(view, FusionControls.NAME_OPACITY)).setValue(80);
            assertEquals(FusionOverlay.Mode.BLEND, view.link().fusion().mode());
            assertEquals(0.8, view.link().fusion().opacity(), 1e-12);
            ((javax.swing.JButton) find(view, FusionControls.NAME_REMOVE)).doClick();
            assertNull(view.link().fusion());
            assertFalse(find(view, FusionControls.NAME_OPACITY).isEnabled());
            return null;
        });
    }

    private static java.awt.Component find(java.awt.Container root, String name) {
        for (java.awt.Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof java.awt.Container k) {
                java.awt.Component found = find(k, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
