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
package org.ferrum.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JMenuItem;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The Swing view builds and paints headless, on the event thread, and offers the export item. */
class PlottedChartPanelTest {

    @Test
    void paintsTheChartAndOffersExport() throws Exception {
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        AtomicReference<String> lastItem = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            PlottedChartPanel panel = new PlottedChartPanel(LicOverTimeChart.create("FE-001", Cohort.licVisits()));
            panel.setSize(600, 400);
            panel.doLayout();
            BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            panel.paint(g);
            g.dispose();
            image.set(img);
            var menu = panel.getPopupMenu();
            lastItem.set(((JMenuItem) menu.getComponent(menu.getComponentCount() - 1)).getText());
        });
        assertEquals(PlottedChartPanel.EXPORT_ITEM, lastItem.get());
        int qsm = 0;
        Color c = ChartStyle.series(0);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                if (ChartsTest.Painted.close(image.get().getRGB(x, y), c, 2)) {
                    qsm++;
                }
            }
        }
        assertTrue(qsm > 50, "the QSM series is painted in the panel: " + qsm + " pixels");
    }
}
