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
package org.ferrum.study.ui;

import java.util.List;
import org.openide.modules.OnStop;
import org.openide.util.RequestProcessor;
import org.openide.windows.OnShowing;

/**
 * What the application opens onto: the study browser (the demo cohort on a first start: subjects, visits, LIC charts,
 * cohort summary) and, on a first start, a QSM | R2* comparison of the simulated abdomen — its true susceptibility, R2*,
 * LIC and PDFF side by side in linked viewers, labelled as synthetic.
 */
@OnShowing
public final class DemoWorkspace implements Runnable {

    /** Title of the comparison window: says plainly that it is simulated. */
    static final String COMPARISON_TITLE =
            "DEMO — simulated abdomen (true maps) of " + DemoMaps.SUBJECT + ": χ | R2* | LIC | PDFF";

    @Override
    public void run() {
        if (Boolean.getBoolean("ferrum.noDemo")) {
            return;
        }
        StudyBrowserTopComponent.showBrowser();
        RequestProcessor.getDefault().post(() -> {
            warmUpCharts();
            StudyWorkspace.database();
            if (StudyWorkspace.demoJustLoaded()) {
                showComparison();
            }
        });
    }

    /**
     * Records the demo maps on a demo visit and opens them linked, read back from the database and their files: the
     * χ | R2* | LIC | PDFF comparison of the simulated abdomen.
     */
    static void showComparison() {
        try {
            org.ferrum.study.StudyDatabase db = StudyWorkspace.database();
            java.util.Optional<Long> visit =
                    DemoMaps.attach(db, StudyWorkspace.folder().resolve("demo-maps"));
            if (visit.isPresent()) {
                openComparison(COMPARISON_TITLE, DemoMaps.read(db, visit.get()));
                StudyBrowserTopComponent.reloadOpen();
            }
        } catch (org.ferrum.study.StudyException | java.io.IOException e) {
            java.util.logging.Logger.getLogger(DemoWorkspace.class.getName()).warning("demo maps: " + e.getMessage());
        }
    }

    /**
     * Opens the first-start comparison of the demo maps: the one place that says which window shows them (the
     * comparison workspace, 2 × 2 for the four maps, with agreement statistics for any pair in one unit).
     */
    static void openComparison(String title, List<org.ferrum.viewer.NamedVolume> maps) {
        org.ferrum.viewer.compare.CompareMaps.open(title, maps);
        java.util.logging.Logger.getLogger(DemoWorkspace.class.getName())
                .log(
                        java.util.logging.Level.INFO,
                        "first start: opened the comparison \"{0}\" with {1} maps",
                        new Object[] {title, maps.size()});
    }

    /**
     * Builds and paints one small chart off screen: the first JFreeChart in a JVM pays ~0.4 s of class loading and font
     * set-up (ChartBenchmark), which would otherwise fall on the first subject the user clicks.
     */
    static void warmUpCharts() {
        var chart = org.ferrum.charts.LicOverTimeChart.create(
                "warm-up",
                List.of(
                        new org.ferrum.charts.LicObservation(java.time.LocalDate.of(2020, 1, 1), 5, 5),
                        new org.ferrum.charts.LicObservation(java.time.LocalDate.of(2021, 1, 1), 4, 4)));
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(200, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        chart.chart().draw(g, new java.awt.Rectangle(200, 120));
        g.dispose();
    }

    /** Closes the study database when the application exits. */
    @OnStop
    public static final class Close implements Runnable {
        @Override
        public void run() {
            StudyWorkspace.close();
        }
    }
}
