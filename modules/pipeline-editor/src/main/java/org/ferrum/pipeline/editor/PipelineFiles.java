package org.ferrum.pipeline.editor;

import java.io.File;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javax.swing.JFileChooser;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.openide.util.NbPreferences;

/** File choosers for pipeline files that start in the folder last used. */
final class PipelineFiles {

    private static final String LAST_FOLDER = "lastPipelineFolder";

    private PipelineFiles() {
    }

    static JFileChooser chooser(String title) {
        Preferences prefs = NbPreferences.forModule(PipelineFiles.class);
        JFileChooser c = new JFileChooser(prefs.get(LAST_FOLDER, System.getProperty("user.dir")));
        c.setDialogTitle(title);
        c.setFileFilter(new FileNameExtensionFilter("Ferrum pipelines (*.json)", "json"));
        return c;
    }

    static void remember(Path file) {
        File parent = file.toAbsolutePath().getParent().toFile();
        NbPreferences.forModule(PipelineFiles.class).put(LAST_FOLDER, parent.getPath());
    }
}
