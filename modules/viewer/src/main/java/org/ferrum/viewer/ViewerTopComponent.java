package org.ferrum.viewer;

import java.awt.BorderLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
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

    private final JComponent content;

    private ViewerTopComponent(String title, List<NamedVolume> maps) {
        setLayout(new BorderLayout());
        setName(title);
        setToolTipText(title + " — " + maps.size() + (maps.size() == 1 ? " map" : " maps"));
        content = createContent(maps);
        putClientProperty(NamedVolume.class, List.copyOf(maps)); // the shown maps, for actions such as ExportAsDicomAction
        add(content, BorderLayout.CENTER);
    }

    /**
     * The panel the window shows for these maps: orthogonal planes for one map, linked views for several
     * (radiological convention). Public so that other windows (e.g. the study browser) can embed it.
     */
    public static JComponent createContent(List<NamedVolume> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("no map to show");
        }
        return maps.size() == 1 ? new OrthogonalView(maps.get(0), DisplayConvention.RADIOLOGICAL)
                : new LinkedViews(maps, DisplayConvention.RADIOLOGICAL, Plane.AXIAL);
    }

    /**
     * Opens a viewer window on {@code maps} (call from any thread; the window is created on the event
     * thread).
     *
     * @param title the window's title, e.g. the pipeline or visit name
     * @param maps  the maps, the first one the reference grid for linked views
     */
    public static void open(String title, List<NamedVolume> maps) {
        List<NamedVolume> copy = List.copyOf(maps);
        Runnable r = () -> {
            ViewerTopComponent tc = new ViewerTopComponent(title, copy);
            tc.open();
            tc.requestActive();
        };
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
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
                DialogDisplayer.getDefault().notifyLater(new NotifyDescriptor.Message(
                        "Cannot open " + path + ":\n" + why, NotifyDescriptor.ERROR_MESSAGE));
            }
        });
    }

    /** The file name without .nii / .nii.gz, or the folder name. */
    static String displayName(Path path) {
        String n = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.isDirectory(path)) {
            n = n.replaceFirst("(?i)\\.nii(\\.gz)?$", "");
        }
        return n;
    }

    /** The hosted panel ({@link OrthogonalView} or {@link LinkedViews}). */
    public JComponent content() {
        return content;
    }
}
