package org.ferrum.study.ui;

import java.util.List;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.liver.phantom.SimulatedAbdomenCase;
import org.ferrum.viewer.NamedVolume;
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
    static final String COMPARISON_TITLE = "DEMO — simulated abdomen (true maps): χ | R2* | LIC | PDFF";

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

    /** Opens the χ | R2* | LIC | PDFF comparison of the simulated abdomen (computed here, about a second). */
    public static void showComparison() {
        AbdomenPhantom p = SimulatedAbdomenCase.phantom();
        float[] labels = org.ferrum.pipeline.spi.VolumeArrays.frame(p.labels(), 0);
        ViewerTopComponent.open(COMPARISON_TITLE, List.of(new NamedVolume("χ (ppm)", inTissue(p.chi(), labels)),
                new NamedVolume("R2* (1/s)", inTissue(p.r2star(), labels)), new NamedVolume("LIC (mg Fe/g dw)", p.lic()),
                new NamedVolume("PDFF (%)", inTissue(p.pdff(), labels))));
    }

    /** The map with NaN (shown transparent) where there is no tissue: air, bowel gas, lung. */
    private static org.ferrum.core.Volume<net.imglib2.type.numeric.real.FloatType> inTissue(
            org.ferrum.core.Volume<net.imglib2.type.numeric.real.FloatType> map, float[] labels) {
        float[] v = org.ferrum.pipeline.spi.VolumeArrays.frame(map, 0);
        for (int n = 0; n < v.length; n++) {
            org.ferrum.liver.phantom.AbdomenTissue t = org.ferrum.liver.phantom.AbdomenTissue.ofLabel((int) labels[n]);
            if (t.protonDensity() < 0.5) {
                v[n] = Float.NaN;
            }
        }
        return org.ferrum.pipeline.spi.VolumeArrays.volume(v, org.ferrum.core.VoxelGrid.of(map), map.geometry(), map.unit());
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
