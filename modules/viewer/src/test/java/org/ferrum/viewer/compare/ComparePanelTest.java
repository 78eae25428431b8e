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
package org.ferrum.viewer.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.charts.PlottedChart;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.statistics.MethodComparison;
import org.ferrum.viewer.NamedVolume;
import org.ferrum.viewer.RoiDrawing;
import org.ferrum.viewer.SliceView;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * The comparison workspace laid out headless at 1600 × 1000 (no window: the Swing tree is laid out by hand): tiles stay
 * large in every layout, also once the ROI statistics and charts are there; every tile has its colour bar with the unit;
 * the statistics are those of {@link MethodComparison} over the ROI; axis labels carry the unit once; component names
 * for GUI tests are set. A picture of it goes to target/compare-1600x1000.png.
 */
class ComparePanelTest {

    static final String LIC = "mg Fe/g dw";

    /** A liver-like LIC map: an ellipsoid organ with a gradient and a lesion; NaN outside; optional scale, offset, noise. */
    static Volume<FloatType> lic(double scale, double offset, double noise, long seed) {
        int nx = 64, ny = 48, nz = 20;
        Volume<FloatType> v = Volumes.createFloat(
                new long[] {nx, ny, nz}, Geometry.axisAligned(5.5, 5.5, 7.5), PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);
        float[] a = Volumes.floats(v);
        Random r = new Random(seed);
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    double ex = (x - 32) / 26.0, ey = (y - 24) / 18.0, ez = (z - 10) / 9.0;
                    double lx = x - 40, ly = y - 20, lz = z - 10;
                    double truth = lx * lx + ly * ly + lz * lz < 30 ? 14 : 4 + 3.0 * x / nx;
                    a[i] = ex * ex + ey * ey + ez * ez > 1
                            ? Float.NaN
                            : (float) (scale * truth + offset + noise * r.nextGaussian());
                }
            }
        }
        return v;
    }

    static MapCatalogue catalogue() {
        MapCatalogue c = new MapCatalogue();
        Map<String, Object> qsm = new LinkedHashMap<>();
        qsm.put("lic", lic(1.0, 0.0, 0.4, 1));
        Map<String, Object> r2s = new LinkedHashMap<>();
        r2s.put("lic", lic(1.1, 0.3, 0.6, 2));
        c.addRunOutputs("lic_r2star (liver.lic.r2star)", r2s);
        c.addRunOutputs("lic_qsm (liver.lic.qsm)", qsm);
        c.add(new NamedVolume("r2star", withUnit(lic(30, 20, 2, 3), PhysicalUnit.PER_SECOND)), "file r2star.nii.gz");
        c.add(new NamedVolume("pdff (%)", withUnit(lic(1, 2, 0.5, 4), PhysicalUnit.PERCENT)), "study visit");
        return c;
    }

    static Volume<FloatType> withUnit(Volume<FloatType> v, PhysicalUnit unit) {
        Volume<FloatType> out =
                Volumes.createFloat(new long[] {v.dimension(0), v.dimension(1), v.dimension(2)}, v.geometry(), unit);
        System.arraycopy(Volumes.floats(v), 0, Volumes.floats(out), 0, Volumes.floats(v).length);
        return out;
    }

    static void layOut(Component c) {
        if (c instanceof Container k) {
            k.doLayout();
            for (Component child : k.getComponents()) {
                layOut(child);
            }
        }
    }

    static ComparePanel panel(MapCatalogue c, CompareLayout layout, String... names) {
        List<MapCatalogue.Entry> picked = new ArrayList<>();
        for (String n : names) {
            picked.add(c.find(n));
        }
        ComparePanel p = new ComparePanel(c, picked, layout);
        p.setSize(1600, 1000);
        layOut(p);
        layOut(p); // the split's divider is placed on the first pass
        return p;
    }

    static Component named(Component root, String name) {
        if (name.equals(root.getName())) {
            return root;
        }
        if (root instanceof Container k) {
            for (Component child : k.getComponents()) {
                Component found = named(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static void drawSphereRoi(ComparePanel p) {
        Volume<FloatType> ref = p.tiles().get(0).view().renderer().volume();
        Volume<FloatType> labels = Volumes.createFloat(
                new long[] {ref.dimension(0), ref.dimension(1), ref.dimension(2)},
                ref.geometry(),
                PhysicalUnit.DIMENSIONLESS);
        SliceView v = p.tiles().get(0).view();
        RoiDrawing.sphere(labels, v.renderer().patientOf(new long[] {38, 21, 10}), 25, 1);
        p.link().setRoi(labels);
    }

    @Test
    void oneByTwoTilesStayLargeAt1600x1000AlsoWithStatisticsAndCharts() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ComparePanel p = panel(catalogue(), CompareLayout.ONE_BY_TWO, "lic_qsm.lic", "lic_r2star.lic");
            assertEquals(2, p.tiles().size());
            for (MapTile t : p.tiles()) {
                assertTrue(
                        t.view().getWidth() >= 650 && t.view().getHeight() >= 500,
                        "tile image " + t.view().getSize());
            }
            drawSphereRoi(p);
            layOut(p);
            for (MapTile t : p.tiles()) {
                assertTrue(
                        t.view().getWidth() >= 650 && t.view().getHeight() >= 500,
                        "tile image with statistics shown " + t.view().getSize());
            }
            assertTrue(p.tilesPanel().getHeight() >= ComparePanel.MIN_TILES_HEIGHT);
            // the charts and tables below are usable too
            Component scatter = named(p, "compare.chart.scatter");
            assertNotNull(scatter);
            assertTrue(scatter.getHeight() >= 250 && scatter.getWidth() >= 400, "scatter " + scatter.getSize());
            // all eleven rows of the agreement table are in view without scrolling (at 1600 × 1000)
            javax.swing.JTable stats = (javax.swing.JTable) named(p, "compare.statistics");
            assertEquals(11, stats.getRowCount());
            assertTrue(
                    stats.getParent().getHeight() >= stats.getRowCount() * stats.getRowHeight(),
                    "agreement table viewport " + stats.getParent().getHeight() + " px for " + stats.getRowCount()
                            + " rows");
        });
    }

    @Test
    void everyLayoutGivesTheImagesTheSpace() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            MapCatalogue c = catalogue();
            ComparePanel p = panel(c, CompareLayout.TWO_BY_TWO, "lic_qsm.lic", "lic_r2star.lic", "r2star", "pdff (%)");
            assertEquals(4, p.tiles().size());
            p.tiles()
                    .forEach(t -> assertTrue(
                            t.view().getWidth() >= 650 && t.view().getHeight() >= 250,
                            "2 × 2 " + t.view().getSize()));
            p.setCompareLayout(CompareLayout.ONE_BY_THREE);
            layOut(p);
            assertEquals(3, p.tiles().size());
            p.tiles()
                    .forEach(t -> assertTrue(
                            t.view().getWidth() >= 420 && t.view().getHeight() >= 500,
                            "1 × 3 " + t.view().getSize()));
            p.setCompareLayout(CompareLayout.THREE_PLANES);
            layOut(p);
            assertEquals(3, p.tiles().size());
            assertEquals("lic_qsm.lic", p.tiles().get(2).view().title());
            assertEquals(
                    org.ferrum.viewer.Plane.SAGITTAL, p.tiles().get(2).view().plane());
            // the statistics still compare map 1 with map 2
            assertNotNull(p.agreement().comparison());
            assertTrue(p.pickers().get(1).isVisible());
            assertTrue(!p.pickers().get(2).isVisible());
        });
    }

    @Test
    void everyTileHasAColourBarWithItsUnit() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ComparePanel p =
                    panel(catalogue(), CompareLayout.TWO_BY_TWO, "lic_qsm.lic", "lic_r2star.lic", "r2star", "pdff (%)");
            List<String> units =
                    p.tiles().stream().map(t -> t.colourBar().unitText()).toList();
            assertEquals(List.of(LIC, LIC, "1/s", "%"), units);
            for (MapTile t : p.tiles()) {
                assertTrue(
                        t.colourBar().getWidth() >= 60 && t.colourBar().getHeight() >= 200,
                        "bar " + t.colourBar().getSize());
                assertFalse(t.view().isColourBarVisible(), "one colour bar per tile: the view's own is off");
                String[] ticks = t.colourBar().tickTexts();
                assertEquals(
                        Double.parseDouble(ticks[0]),
                        t.view().window().upper(),
                        1e-3 * Math.abs(t.view().window().upper()) + 1e-9);
            }
            // the window changed from a tile's header moves the bar's numbers
            MapTile first = p.tiles().get(0);
            first.setWindow(org.ferrum.viewer.WindowLevel.ofRange(0, 20));
            assertEquals(List.of("20", "10", "0"), List.of(first.colourBar().tickTexts()));
            first.setWindow(org.ferrum.viewer.WindowLevel.ofRange(-0.2, 0.15));
            assertEquals(
                    List.of("0.15", "-0.025", "-0.2"), List.of(first.colourBar().tickTexts()));
        });
    }

    @Test
    void statisticsAreOverTheRoiWithTheUnitOnceOnEveryAxis() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ComparePanel p = panel(catalogue(), CompareLayout.ONE_BY_TWO, "lic_qsm.lic", "lic_r2star.lic");
            AgreementPanel a = p.agreement();
            assertTrue(a.captionText().contains("over all voxels where both maps are finite"), a.captionText());
            drawSphereRoi(p);
            assertTrue(a.captionText().startsWith("lic_qsm.lic − lic_r2star.lic over the ROI: n = "), a.captionText());
            MethodComparison m = a.comparison();
            float[] qa = org.ferrum.viewer.RoiStatistics.values(
                    p.tiles().get(0).view().renderer().volume(), p.link().roi(), 1);
            float[] qb = org.ferrum.viewer.RoiStatistics.values(
                    p.tiles().get(1).view().renderer().volume(), p.link().roi(), 1);
            MethodComparison expected = MethodComparison.of(qa, qb, 1);
            assertEquals(expected.n(), m.n());
            assertTrue(m.n() > 100, "n " + m.n());
            assertEquals(expected.blandAltman().bias(), m.blandAltman().bias(), 1e-12);
            // a = 1·truth, b = 1.1·truth + 0.3: the bias is negative, the Deming slope of a on b about 1/1.1
            assertTrue(m.blandAltman().bias() < 0);
            assertEquals(1 / 1.1, m.deming().slope(), 0.05);
            List<String[]> rows = a.statisticsRows();
            assertEquals("n (voxel pairs)", rows.get(0)[0]);
            assertEquals(String.valueOf(m.n()), rows.get(0)[1]);
            String[] bias = rows.stream()
                    .filter(r -> r[0].startsWith("bias"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(m.blandAltman().biasCi().format(4), bias[2]);
            assertEquals(LIC, bias[3]);
            assertTrue(rows.stream().anyMatch(r -> r[0].equals("ICC(2,1) absolute agreement")));
            assertTrue(rows.stream().anyMatch(r -> r[0].equals("Lin's concordance ρc")));
            assertEquals(2, a.charts().size());
            for (PlottedChart c : a.charts()) {
                XYPlot plot = c.chart().getXYPlot();
                for (String label : List.of(
                        plot.getDomainAxis().getLabel(), plot.getRangeAxis().getLabel())) {
                    assertEquals(label.indexOf(LIC), label.lastIndexOf(LIC), "unit once in '" + label + "'");
                    assertTrue(label.endsWith("[" + LIC + "]"), label);
                }
            }
            // every cell of the ROI table fits its column (the unit column read "mg Fe/…" before)
            javax.swing.JTable roiTable = a.roiTable();
            assertTrue(roiTable.getRowCount() >= 2, "ROI rows: " + roiTable.getRowCount());
            for (int c = 0; c < roiTable.getColumnCount(); c++) {
                for (int r = 0; r < roiTable.getRowCount(); r++) {
                    int needed = roiTable.prepareRenderer(roiTable.getCellRenderer(r, c), r, c)
                            .getPreferredSize()
                            .width;
                    assertTrue(
                            roiTable.getColumnModel().getColumn(c).getPreferredWidth() >= needed,
                            "column " + roiTable.getColumnName(c) + " row " + r + " needs " + needed + " px");
                }
            }
            p.link().setRoi(null);
            assertTrue(a.captionText().contains("over all voxels"), a.captionText());
        });
    }

    @Test
    void theUserChoosesThePairAndMapsInOtherUnitsAreRefusedInWords() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ComparePanel p =
                    panel(catalogue(), CompareLayout.ONE_BY_THREE, "pdff (%)", "lic_qsm.lic", "lic_r2star.lic");
            AgreementPanel a = p.agreement();
            // the default pair is the first two maps in one unit, not maps 1 and 2
            assertTrue(a.captionText().startsWith("lic_qsm.lic − lic_r2star.lic"), a.captionText());
            a.setPair(0, 1);
            assertNull(a.comparison());
            assertTrue(a.captionText().contains("pdff (%) is in % and lic_qsm.lic in mg Fe/g dw"), a.captionText());
            assertTrue(a.charts().isEmpty());
            a.setPair(2, 1);
            assertTrue(a.captionText().startsWith("lic_r2star.lic − lic_qsm.lic"), a.captionText());
            assertTrue(a.comparison().blandAltman().bias() > 0);
        });
    }

    @Test
    void componentsAreNamedForGuiTests() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ComparePanel p = panel(catalogue(), CompareLayout.ONE_BY_TWO, "lic_qsm.lic", "lic_r2star.lic");
            drawSphereRoi(p);
            layOut(p);
            for (String n : List.of(
                    "compare.layout",
                    "compare.map.1",
                    "compare.map.2",
                    "compare.map.3",
                    "compare.map.4",
                    "compare.plane",
                    "compare.roiTool",
                    "compare.roiRadius",
                    "compare.clearRoi",
                    "compare.addFile",
                    "compare.tiles",
                    "compare.tile.1",
                    "compare.tile.2",
                    "compare.view.1",
                    "compare.colourBar.2",
                    "compare.split",
                    "compare.bottomSplit",
                    "compare.pair.a",
                    "compare.pair.b",
                    "compare.errorRatio",
                    "compare.statisticsCaption",
                    "compare.statistics",
                    "compare.roiTable",
                    "compare.chart.scatter",
                    "compare.chart.blandAltman")) {
                assertNotNull(named(p, n), n);
            }
        });
    }

    @Test
    void aReRunReplacesItsOutputAndThePickerFollows() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            MapCatalogue c = catalogue();
            ComparePanel p = panel(c, CompareLayout.ONE_BY_TWO, "lic_qsm.lic", "lic_r2star.lic");
            p.addNotify(); // listens to the catalogue as when shown
            int before = c.entries().size();
            Map<String, Object> rerun = new LinkedHashMap<>();
            Volume<FloatType> fresh = lic(1.0, 1.0, 0.4, 9);
            rerun.put("lic", fresh);
            c.addRunOutputs("lic_qsm (liver.lic.qsm)", rerun);
            assertEquals(before, c.entries().size(), "replaced, not listed twice");
            assertEquals(
                    fresh,
                    ((MapCatalogue.Entry) p.pickers().get(0).getSelectedItem())
                            .map()
                            .volume());
            p.removeNotify();
        });
    }

    @Test
    void aFileThatIsNotAMapIsRefusedNamingIt() throws Exception {
        Path bad = Files.createTempFile("not-a-map", ".nii");
        Files.writeString(bad, "hello");
        MapCatalogue c = new MapCatalogue();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> MapFiles.read(c, bad));
        assertTrue(
                String.valueOf(e.getMessage()).contains("not-a-map")
                        || String.valueOf(e.getMessage()).contains(bad.toString()),
                e.getMessage());
        assertTrue(c.entries().isEmpty());
        Files.delete(bad);
    }

    @Test
    void paintsTheComparisonForAPersonToLookAt() throws Exception {
        Path out = Path.of("target");
        Files.createDirectories(out);
        SwingUtilities.invokeAndWait(() -> {
            ComparePanel p = panel(catalogue(), CompareLayout.ONE_BY_TWO, "lic_qsm.lic", "lic_r2star.lic");
            drawSphereRoi(p);
            layOut(p);
            BufferedImage img = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            p.paint(g);
            g.dispose();
            try {
                ImageIO.write(img, "png", out.resolve("compare-1600x1000.png").toFile());
            } catch (java.io.IOException ex) {
                throw new RuntimeException(ex);
            }
        });
    }
}
