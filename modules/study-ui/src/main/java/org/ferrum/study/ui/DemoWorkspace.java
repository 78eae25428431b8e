package org.ferrum.study.ui;

import org.ferrum.viewer.ViewerTopComponent;
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
    static final String COMPARISON_TITLE = "DEMO — simulated abdomen (true maps) of " + DemoMaps.SUBJECT + ": χ | R2* | LIC | PDFF";

    @Override
    public void run() {
        if (Boolean.getBoolean("ferrum.noDemo")) {
            return;
        }
        StudyBrowserTopComponent.showBrowser();
        RequestProcessor.getDefault().post(() -> {
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
            java.util.Optional<Long> visit = DemoMaps.attach(db, StudyWorkspace.folder().resolve("demo-maps"));
            if (visit.isPresent()) {
                ViewerTopComponent.open(COMPARISON_TITLE, DemoMaps.read(db, visit.get()));
                StudyBrowserTopComponent.reloadOpen();
            }
        } catch (org.ferrum.study.StudyException | java.io.IOException e) {
            java.util.logging.Logger.getLogger(DemoWorkspace.class.getName()).warning("demo maps: " + e.getMessage());
        }
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
