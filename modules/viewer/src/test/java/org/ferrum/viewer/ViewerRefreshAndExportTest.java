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

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.charts.PlottedChart;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.view.OutputSource;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 10: refresh after a re-run, unique titles, readable overlay text, PNG export, histogram. */
class ViewerRefreshAndExportTest {

    static Volume<FloatType> constant(float value, PhysicalUnit unit) {
        Volume<FloatType> v = Volumes.createFloat(new long[] {20, 20, 10}, Geometry.axisAligned(1, 1, 2), unit);
        java.util.Arrays.fill(Volumes.floats(v), value);
        return v;
    }

    private static Volume<FloatType> shownVolume(ViewerTopComponent tc) {
        return ((OrthogonalView) tc.content()).views().get(0).renderer().volume();
    }

    @Test
    void showingANodeAgainAfterAReRunRefreshesItsWindowInPlace() throws Exception {
        RoiEditingTest.onEdt(() -> {
            List<ViewerTopComponent> opened = new ArrayList<>();
            Instant t1 = Instant.parse("2026-12-07T10:15:30Z"), t2 = Instant.parse("2026-12-07T10:17:05Z");
            OutputSource first = new OutputSource("liver_qsm", "dipole", "qsm.dipole.tfi", "aaaa", t1);
            Volume<FloatType> old = constant(1, PhysicalUnit.PPM), fresh = constant(2, PhysicalUnit.PPM);
            ViewerTopComponent tc = ViewerTopComponent.forSource(first, List.of(new NamedVolume("chi", old)), opened);
            opened.add(tc);
            assertSame(old, shownVolume(tc));
            assertEquals(first.title(), tc.getName());
            assertTrue(tc.getName().startsWith("liver_qsm · dipole (qsm.dipole.tfi) · run "), tc.getName());
            assertEquals(ViewerTopComponent.CONTENT_NAME, tc.content().getName());

            // the same results again: same window, nothing replaced
            java.awt.Component content = tc.content();
            assertSame(tc, ViewerTopComponent.forSource(first, List.of(new NamedVolume("chi", old)), opened));
            assertSame(content, tc.content());

            // an ROI drawn before the re-run
            ViewerLink before = ((OrthogonalView) tc.content()).link();
            Volumes.floats(before.roiOn(old))[5] = 1;
            before.roiChanged();
            // re-run: same window, new data, new title with the new run time
            OutputSource second = new OutputSource("liver_qsm", "dipole", "qsm.dipole.tfi", "bbbb", t2);
            assertSame(tc, ViewerTopComponent.forSource(second, List.of(new NamedVolume("chi", fresh)), opened));
            assertSame(fresh, shownVolume(tc));
            assertEquals(second.title(), tc.getName());
            assertNotEquals(first.title(), second.title(), "the run time is in the title");
            assertEquals(1, opened.size());
            ViewerLink after = ((OrthogonalView) tc.content()).link();
            assertNotSame(before, after);
            assertEquals(1f, Volumes.floats(after.roi())[5], "the ROI stays over the refreshed maps (same grid)");

            // another pipeline's node with the same id: a new window with its own title
            OutputSource otherPipeline = new OutputSource("brain_qsm", "dipole", "qsm.dipole.tfi", "cccc", t2);
            ViewerTopComponent tc2 =
                    ViewerTopComponent.forSource(otherPipeline, List.of(new NamedVolume("chi", old)), opened);
            assertNotSame(tc, tc2);
            opened.add(tc2);
            // a title already taken gets a number
            ViewerTopComponent same = new ViewerTopComponent("x", List.of(new NamedVolume("chi", old)));
            opened.add(same);
            assertEquals("x (2)", ViewerTopComponent.uniqueTitle("x", opened, null));
            assertEquals("x", ViewerTopComponent.uniqueTitle("x", opened, same));
            return null;
        });
    }

    @Test
    void overlayTextNeverOverlapsAtNarrowOrWideSizes() throws Exception {
        RoiEditingTest.onEdt(() -> {
            OrthogonalView view = new OrthogonalView(
                    new NamedVolume("a rather long map title, R2* from the pipeline", RoiEditingTest.anisotropic()),
                    DisplayConvention.RADIOLOGICAL);
            for (SliceView v : view.views()) {
                for (int[] size : new int[][] {{220, 220}, {420, 380}, {800, 600}}) {
                    v.setSize(size[0], size[1]);
                    Map<String, Rectangle> boxes = v.textLayout().boxes();
                    List<String> names = new ArrayList<>(boxes.keySet());
                    for (int i = 0; i < names.size(); i++) {
                        for (int j = i + 1; j < names.size(); j++) {
                            String a = names.get(i), b = names.get(j);
                            if (Set.of("title", "window", "readout").containsAll(List.of(a, b))) {
                                continue; // left-aligned text lines on separate rows
                            }
                            if ((a.equals("title") || a.equals("window") || a.equals("readout")) && !isLetter(b)) {
                                continue; // long text lines may run under the colour bar's labels only off-screen
                            }
                            assertFalse(
                                    boxes.get(a).intersects(boxes.get(b)),
                                    v.plane() + " " + size[0] + "×" + size[1] + ": " + a + " " + boxes.get(a)
                                            + " overlaps " + b + " " + boxes.get(b));
                        }
                    }
                }
            }
            return null;
        });
    }

    private static boolean isLetter(String name) {
        return Set.of("top", "bottom", "left", "right").contains(name);
    }

    @Test
    void pngIsTheViewAtItsSizeWithReadableTextOverABrightMap(@TempDir Path dir) throws Exception {
        RoiEditingTest.onEdt(() -> {
            OrthogonalView view = new OrthogonalView(
                    new NamedVolume("R2*", constant(1000, PhysicalUnit.PER_SECOND)), DisplayConvention.RADIOLOGICAL);
            SliceView axial = view.views().get(0);
            axial.setSize(360, 340);
            axial.setWindow(WindowLevel.ofRange(0, 10)); // everything saturates: a white map
            Path png = dir.resolve("view.png");
            axial.writePng(png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(360, img.getWidth());
            assertEquals(340, img.getHeight());
            SliceView.TextLayout t = axial.textLayout();
            // inside the title's box: white text and its dark halo on the white map
            int dark = 0, white = 0;
            for (int y = t.title.y; y < t.title.y + t.title.height; y++) {
                for (int x = t.title.x; x < t.title.x + t.title.width; x++) {
                    int rgb = img.getRGB(x, y), lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                    dark += lum < 150 ? 1 : 0;
                    white += lum > 740 ? 1 : 0;
                }
            }
            assertTrue(dark > 40, "the halo makes the title stand out from the white map: " + dark + " dark pixels");
            assertTrue(white > 40, "the map under the text is white: " + white);
            // the top orientation letter in yellow with its halo
            int yellow = 0, haloed = 0;
            for (int y = t.top.y; y < t.top.y + t.top.height; y++) {
                for (int x = t.top.x; x < t.top.x + t.top.width; x++) {
                    int rgb = img.getRGB(x, y);
                    yellow += ((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) > 200 && (rgb & 0xFF) < 80 ? 1 : 0;
                    haloed += ((rgb >> 16) & 0xFF) < 60 ? 1 : 0;
                }
            }
            assertTrue(yellow > 5 && haloed > 5, "letter " + yellow + " yellow, " + haloed + " halo pixels");
            // the colour bar: dark at the bottom, white at the top (grey colormap)
            Rectangle bar = t.bar;
            assertNotNull(bar);
            assertTrue((img.getRGB(bar.x + bar.width / 2, bar.y + 1) & 0xFF) > 250);
            assertTrue((img.getRGB(bar.x + bar.width / 2, bar.y + bar.height - 2) & 0xFF) < 10);
            assertEquals("1/s", t.unitText);
            return null;
        });
    }

    @Test
    void histogramCountsTheVolumeAndTheRoiWithTheUnitOnTheAxis() throws Exception {
        RoiEditingTest.onEdt(() -> {
            // 10×10×10 voxels, value = x (0 … 9), 100 of each; one NaN
            Volume<FloatType> v =
                    Volumes.createFloat(new long[] {10, 10, 10}, Geometry.identity(), PhysicalUnit.PER_SECOND);
            float[] a = Volumes.floats(v);
            for (int i = 0; i < a.length; i++) {
                a[i] = i % 10;
            }
            a[999] = Float.NaN;
            VolumeHistogram h = VolumeHistogram.of(a, 0, 10, 10, PhysicalUnit.PER_SECOND);
            long[] expected = {100, 100, 100, 100, 100, 100, 100, 100, 100, 99};
            assertArrayEquals(expected, h.counts());
            assertEquals(1, h.nNaN());
            assertArrayEquals(new double[] {0, 9}, VolumeHistogram.finiteRange(a));
            VolumeHistogram clipped = VolumeHistogram.of(a, 2, 5, 3, PhysicalUnit.PER_SECOND);
            assertArrayEquals(new long[] {100, 100, 200}, clipped.counts(), "the last bin holds the upper edge");
            assertEquals(200, clipped.below());
            assertEquals(399, clipped.above());

            OrthogonalView view = new OrthogonalView(new NamedVolume("R2*", v), DisplayConvention.RADIOLOGICAL);
            SliceView axial = view.views().get(0);
            PlottedChart chart = ViewActions.histogram(axial);
            CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.chart().getXYPlot();
            assertEquals("R2* [1/s]", plot.getDomainAxis().getLabel());
            assertEquals(1, plot.getSubplots().size(), "no ROI: one histogram");
            assertEquals(VolumeHistogram.DEFAULT_BINS, chart.data().rows().size());
            double total = chart.data().rows().stream()
                    .mapToDouble(r -> ((Number) r.get(2)).doubleValue())
                    .sum();
            assertEquals(999, total);
            // an ROI of the voxels with x = 3: its histogram is one bin of 100
            Volume<FloatType> labels = view.link().roiOn(v);
            for (int i = 0; i < a.length; i++) {
                if (i % 10 == 3) {
                    Volumes.floats(labels)[i] = 1;
                }
            }
            view.link().roiChanged();
            chart = ViewActions.histogram(axial);
            plot = (CombinedDomainXYPlot) chart.chart().getXYPlot();
            assertEquals(2, plot.getSubplots().size());
            double roiTotal = 0, binsWithRoi = 0;
            for (List<Object> r : chart.data().rows()) {
                double c = ((Number) r.get(3)).doubleValue();
                roiTotal += c;
                binsWithRoi += c > 0 ? 1 : 0;
                if (c > 0) {
                    assertTrue(((Number) r.get(0)).doubleValue() <= 3 && 3 < ((Number) r.get(1)).doubleValue() + 1e-9);
                }
            }
            assertEquals(100, roiTotal);
            assertEquals(1, binsWithRoi);
            return null;
        });
    }
}
