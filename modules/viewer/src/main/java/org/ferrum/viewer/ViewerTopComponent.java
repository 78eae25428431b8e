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

import java.awt.BorderLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.view.OutputSource;
import org.openide.DialogDisplayer;
import org.openide.NotifyDescriptor;
import org.openide.util.RequestProcessor;
import org.openide.windows.TopComponent;

/**
 * The viewer window. One map opens in three orthogonal planes ({@link OrthogonalView}); several open side
 * by side in one plane, linked ({@link LinkedViews}). The window only hosts those panels: all viewing
 * logic lives in them and in the headless engine ({@link SliceRenderer}).
 *
 * <p>Entry points for other modules: {@link #open(String, List)} (the pipeline editor's "show output",
 * the study browser) and {@link #openPath(Path)} (File ▸ Open Image…: a NIfTI file or a DICOM series
 * folder, read in the background).
 */
@TopComponent.Description(preferredID = "ViewerTopComponent", persistenceType = TopComponent.PERSISTENCE_NEVER)
public final class ViewerTopComponent extends TopComponent {

    private static final RequestProcessor READER = new RequestProcessor("Ferrum image reader", 2);

    /** Name of the hosted panel (component name, for GUI tests). */
    public static final String CONTENT_NAME = "viewer.content";

    /** The viewer windows open now (event thread only). */
    private static final List<ViewerTopComponent> OPENED = new ArrayList<>();

    private JComponent content;
    private OutputSource source;

    ViewerTopComponent(String title, List<NamedVolume> maps) {
        setLayout(new BorderLayout());
        setContent(title, maps);
    }

    private void setContent(String title, List<NamedVolume> maps) {
        JComponent previous = content;
        if (previous != null) {
            remove(previous);
            detachAll(previous);
        }
        setName(title);
        setDisplayName(title);
        setToolTipText(title + " — " + maps.size() + (maps.size() == 1 ? " map" : " maps"));
        content = createContent(maps);
        putClientProperty(
                NamedVolume.class, List.copyOf(maps)); // the shown maps, for actions such as ExportAsDicomAction
        content.setName(CONTENT_NAME);
        keepRoi(previous, content);
        add(content, BorderLayout.CENTER);
        revalidate();
        repaint();
    }

    /** After a refresh: the ROI and label table drawn on the old maps stay, if the new maps lie on the same grid. */
    private static void keepRoi(JComponent from, JComponent to) {
        ViewerLink a = linkOf(from), b = linkOf(to);
        if (a == null || b == null || a.roi() == null) {
            return;
        }
        List<SliceView> views = to instanceof OrthogonalView o ? o.views() : ((LinkedViews) to).views();
        if (!views.isEmpty()
                && GridResampling.sameGrid(a.roi(), views.get(0).renderer().volume())) {
            b.setLabelTable(a.labelTable());
            b.setRoi(a.roi());
            b.setActiveLabel(a.activeLabel());
        }
    }

    private static ViewerLink linkOf(JComponent c) {
        return c instanceof OrthogonalView o ? o.link() : c instanceof LinkedViews l ? l.link() : null;
    }

    private static void detachAll(java.awt.Container c) {
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof SliceView v) {
                v.detach();
            } else if (child instanceof java.awt.Container k) {
                detachAll(k);
            }
        }
    }

    /** The pipeline node whose outputs this window shows, or null for other content. */
    public OutputSource source() {
        return source;
    }

    @Override
    protected void componentOpened() {
        if (!OPENED.contains(this)) {
            OPENED.add(this);
        }
    }

    @Override
    protected void componentClosed() {
        OPENED.remove(this);
    }

    /** {@code title}, or with " (2)", " (3)", … appended if an open viewer window already has that title. */
    static String uniqueTitle(String title, Collection<ViewerTopComponent> opened, ViewerTopComponent except) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (ViewerTopComponent tc : opened) {
            if (tc != except) {
                taken.add(tc.getName());
            }
        }
        String t = title;
        for (int n = 2; taken.contains(t); n++) {
            t = title + " (" + n + ")";
        }
        return t;
    }

    /**
     * The window for {@code source}'s node: the open window already showing that pipeline's node, with its content
     * replaced (new maps, title with the new run time) when the results differ (another cache key), or a new window
     * (not yet opened) when none shows it. Titles stay unique among {@code opened}.
     *
     * @return the window, and whether it must still be opened
     */
    static ViewerTopComponent forSource(
            OutputSource source, List<NamedVolume> maps, Collection<ViewerTopComponent> opened) {
        for (ViewerTopComponent tc : opened) {
            if (source.sameNode(tc.source)) {
                if (!source.cacheKey().equals(tc.source.cacheKey())) {
                    tc.source = source;
                    tc.setContent(uniqueTitle(source.title(), opened, tc), maps);
                }
                return tc;
            }
        }
        ViewerTopComponent tc = new ViewerTopComponent(uniqueTitle(source.title(), opened, null), maps);
        tc.source = source;
        return tc;
    }

    /**
     * Shows a pipeline node's volumes (call from any thread): refreshes the window already showing that node if it was
     * run again, else opens one.
     */
    public static void show(OutputSource source, List<NamedVolume> maps) {
        List<NamedVolume> copy = List.copyOf(maps);
        onEventThread(() -> {
            ViewerTopComponent tc = forSource(source, copy, OPENED);
            if (!tc.isOpened()) {
                tc.open();
            }
            tc.requestActive();
        });
    }

    /**
     * On the event thread, after a run: the open window showing {@code source}'s node, if any and if it shows other
     * results, shows {@code maps} instead (in place, not brought to the front).
     *
     * @return true if a window was refreshed
     */
    public static boolean refreshIfShowing(OutputSource source, List<NamedVolume> maps) {
        for (ViewerTopComponent tc : OPENED) {
            if (source.sameNode(tc.source) && !source.cacheKey().equals(tc.source.cacheKey())) {
                forSource(source, List.copyOf(maps), OPENED);
                return true;
            }
        }
        return false;
    }

    private static void onEventThread(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    /**
     * The panel the window shows for these maps: orthogonal planes for one map, linked views for several
     * (radiological convention). Public so that other windows (e.g. the study browser) can embed it.
     */
    public static JComponent createContent(List<NamedVolume> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("no map to show");
        }
        JComponent content = maps.size() == 1
                ? new OrthogonalView(maps.get(0), DisplayConvention.RADIOLOGICAL)
                : new LinkedViews(maps, DisplayConvention.RADIOLOGICAL, Plane.AXIAL);
        // A label map that carries a legend (io.read.labels, a pipeline's labels output) is also the label overlay, so
        // the readout and the ROI statistics name its regions and its colours are the legend's.
        ViewerLink link = linkOf(content);
        Volume<FloatType> reference = maps.get(0).volume();
        maps.stream()
                .map(NamedVolume::volume)
                .filter(v -> !v.labels().isEmpty() && GridResampling.sameGrid(v, reference))
                .findFirst()
                .ifPresent(link::setLabelMap);
        return content;
    }

    /**
     * Opens a viewer window on {@code fixed} with {@code moving} fused over it (registration checking; call from any
     * thread): blend at half opacity, changed with the fusion row. {@code moving} is put on the fixed grid by nearest
     * neighbour if it lies elsewhere (give {@code registration.apply}'s output to see the registration's own
     * interpolation).
     */
    public static void openFusion(String title, NamedVolume fixed, NamedVolume moving) {
        onEventThread(() -> {
            ViewerTopComponent tc = new ViewerTopComponent(uniqueTitle(title, OPENED, null), List.of(fixed));
            ((OrthogonalView) tc.content()).fuse(moving);
            tc.open();
            tc.requestActive();
        });
    }

    /**
     * Opens a viewer window on {@code maps} (call from any thread; the window is created on the event
     * thread).
     *
     * @param title the window's title, e.g. the pipeline or visit name (" (2)" is appended if an open viewer has it)
     * @param maps  the maps, the first one the reference grid for linked views
     */
    public static void open(String title, List<NamedVolume> maps) {
        List<NamedVolume> copy = List.copyOf(maps);
        // every map the user has opened can be picked in the comparison workspace too
        org.ferrum.viewer.compare.MapCatalogue.global().addAll(copy, title);
        onEventThread(() -> {
            ViewerTopComponent tc = new ViewerTopComponent(uniqueTitle(title, OPENED, null), copy);
            tc.open();
            tc.requestActive();
        });
    }

    /**
     * Reads a NIfTI file or a DICOM series folder in the background and opens it; a file that cannot be
     * read is reported in a dialog naming the file and the reason.
     */
    public static void openPath(Path path) {
        READER.post(() -> {
            try {
                Volume<FloatType> v = VolumeFiles.readFloat(path);
                open(displayName(path), List.of(new NamedVolume(displayName(path), v)));
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                DialogDisplayer.getDefault()
                        .notifyLater(new NotifyDescriptor.Message(
                                "Cannot open " + path + ":\n" + why, NotifyDescriptor.ERROR_MESSAGE));
            }
        });
    }

    /** The file name without .nii / .nii.gz / .mgz / .mgh, or the folder name. */
    static String displayName(Path path) {
        String n = path.getFileName() == null
                ? path.toString()
                : path.getFileName().toString();
        if (!Files.isDirectory(path)) {
            n = n.replaceFirst("(?i)(\\.nii(\\.gz)?|\\.mgz|\\.mgh)$", "");
        }
        return n;
    }

    /** The hosted panel ({@link OrthogonalView} or {@link LinkedViews}). */
    public JComponent content() {
        return content;
    }
}
