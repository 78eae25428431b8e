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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.RegionGrower;
import org.ferrum.core.parallel.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * The "grow nucleus" tool through the real view: mouse gestures on a {@link SliceView}, a grower found through Lookup
 * (a test grower registered in META-INF/services: it labels the voxels within 1.6 mm of the click or box centre that
 * are not locked), the label map, its table and undo.
 */
class NucleusGrowToolTest {

    /** A grower with a known answer: the unlocked voxels within 1.6 mm of the midpoint of the two corners. */
    public static final class SphereGrower implements RegionGrower {
        static final AtomicReference<double[][]> LAST = new AtomicReference<>();

        @Override
        public List<String> structures() {
            return List.of("red nucleus", "substantia nigra");
        }

        @Override
        public Grown grow(
                Volume<FloatType> map,
                boolean[] locked,
                String structure,
                Hemisphere side,
                double[] a,
                double[] b,
                Cancellation cancellation) {
            LAST.set(new double[][] {a.clone(), b.clone()});
            if (a[0] > 8.5) {
                throw new IllegalArgumentException("no contrast there");
            }
            double[] c = {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
            int nx = (int) map.dimension(0), ny = (int) map.dimension(1);
            boolean[] v = new boolean[Volumes.floats(map).length];
            for (int n = 0; n < v.length; n++) {
                double[] p = map.geometry().toPatient(n % nx, (n / nx) % ny, n / (nx * ny));
                double d2 = Math.pow(p[0] - c[0], 2) + Math.pow(p[1] - c[1], 2) + Math.pow(p[2] - c[2], 2);
                v[n] = d2 <= 1.6 * 1.6 && (locked == null || !locked[n]);
            }
            String name = (side == Hemisphere.LEFT ? "Left-" : "Right-")
                    + (structure.equals("red nucleus") ? "Red-Nucleus" : "Substantia-Nigra");
            int value = structure.equals("red nucleus") ? 9903 : 9901;
            return new Grown(v, LabelEntry.named(value + (side == Hemisphere.LEFT ? 0 : 1), name, 0xD7263D), name);
        }
    }

    private static void mouse(SliceView view, int id, int x, int y) {
        int button = id == MouseEvent.MOUSE_DRAGGED ? MouseEvent.NOBUTTON : MouseEvent.BUTTON1;
        view.dispatchEvent(new MouseEvent(
                view, id, System.currentTimeMillis(), InputEvent.BUTTON1_DOWN_MASK, x, y, 1, false, button));
    }

    private static int count(ViewerLink link, int value) {
        int n = 0;
        for (float f : Volumes.floats(link.roi())) {
            n += Math.round(f) == value ? 1 : 0;
        }
        return n;
    }

    @Test
    void clickGrowsANamedUndoableLabelThatLeavesOtherLabelsAlone() throws Exception {
        javax.swing.SwingUtilities.invokeAndWait(() -> {
            Volume<FloatType> chi = Volumes.createFloat(new long[] {10, 10, 3}, Geometry.identity(), PhysicalUnit.PPM);
            LinkedViews linked =
                    new LinkedViews(List.of(new NamedVolume("χ", chi)), DisplayConvention.RADIOLOGICAL, Plane.AXIAL);
            SliceView view = linked.views().get(0);
            view.setSize(100, 100); // 10 screen pixels per voxel
            ViewerLink link = linked.link();
            assertTrue(NucleusGrowTool.structures().contains("red nucleus"), "the grower is found through Lookup");

            // the user already drew label 1 on one voxel next to where the nucleus will grow
            link.setRoiTool(RoiTool.SPHERE);
            link.setSphereRadiusMm(0.4);
            mouse(view, MouseEvent.MOUSE_PRESSED, 55, 45);
            mouse(view, MouseEvent.MOUSE_RELEASED, 55, 45);
            assertEquals(1, count(link, 1));
            int drawn = -1;
            for (int n = 0; n < Volumes.floats(link.roi()).length; n++) {
                drawn = Volumes.floats(link.roi())[n] == 1 ? n : drawn;
            }

            link.setRoiTool(RoiTool.GROW_NUCLEUS);
            NucleusGrowTool.choose(link, "red nucleus", Hemisphere.LEFT);
            mouse(view, MouseEvent.MOUSE_PRESSED, 45, 45);
            mouse(view, MouseEvent.MOUSE_RELEASED, 45, 45);
            double[][] last = SphereGrower.LAST.get();
            assertArrayEquals(last[0], last[1], "a click sends one point twice");
            int grown = count(link, 9903);
            // a ball of 1.6 mm on unit voxels holds 1 + 6 + 12 = 19 voxel centres; one of them is the drawn label
            assertEquals(18, grown);
            assertEquals(1, count(link, 1), "the drawn label is locked");
            assertEquals(1f, Volumes.floats(link.roi())[drawn]);
            assertEquals(
                    "Left-Red-Nucleus",
                    link.labelTable().label(9903).orElseThrow().name());
            assertEquals(9903, link.activeLabel(), "the grown nucleus is the active label, ready for the brushes");
            assertTrue(NucleusGrowTool.status(link).contains("Left-Red-Nucleus"));

            // growing it again elsewhere replaces it (one label per nucleus and side); undo brings the first back
            mouse(view, MouseEvent.MOUSE_PRESSED, 25, 25);
            mouse(view, MouseEvent.MOUSE_RELEASED, 25, 25);
            assertEquals(19, count(link, 9903), "the first one is gone, the new one whole");
            assertTrue(link.undoDescription().contains("grow 'Left-Red-Nucleus'"), link.undoDescription());
            link.undo();
            assertEquals(grown, count(link, 9903));
            link.undo();
            assertEquals(0, count(link, 9903));
            assertEquals(1, count(link, 1));

            // a drag is a box: two different corners
            NucleusGrowTool.choose(link, "substantia nigra", Hemisphere.RIGHT);
            mouse(view, MouseEvent.MOUSE_PRESSED, 21, 21);
            mouse(view, MouseEvent.MOUSE_DRAGGED, 50, 50);
            mouse(view, MouseEvent.MOUSE_RELEASED, 61, 61);
            last = SphereGrower.LAST.get();
            assertFalse(java.util.Arrays.equals(last[0], last[1]));
            assertTrue(count(link, 9902) > 0);

            // a failure leaves the map as it was and says why
            int before = count(link, 9902);
            mouse(view, MouseEvent.MOUSE_PRESSED, 95, 15);
            mouse(view, MouseEvent.MOUSE_RELEASED, 95, 15);
            assertEquals(before, count(link, 9902));
            assertTrue(NucleusGrowTool.status(link).contains("no contrast there"), NucleusGrowTool.status(link));
        });
    }
}
