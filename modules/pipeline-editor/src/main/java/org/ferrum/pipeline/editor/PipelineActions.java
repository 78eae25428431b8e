package org.ferrum.pipeline.editor;

import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import javax.swing.JFileChooser;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionRegistration;
import org.openide.windows.WindowManager;

/** File ▸ New Pipeline and File ▸ Open Pipeline…, registered in the platform's menus. */
public final class PipelineActions {

    private PipelineActions() {
    }

    /** File ▸ New Pipeline. */
    @ActionID(category = "File", id = "org.ferrum.pipeline.editor.NewPipeline")
    @ActionRegistration(displayName = "New Pipeline")
    @ActionReference(path = "Menu/File", position = 10)
    public static final class NewPipeline implements ActionListener {
        @Override
        public void actionPerformed(ActionEvent e) {
            PipelineEditorTopComponent.openNew();
        }
    }

    /** File ▸ Open Pipeline…. */
    @ActionID(category = "File", id = "org.ferrum.pipeline.editor.OpenPipeline")
    @ActionRegistration(displayName = "Open Pipeline…")
    @ActionReference(path = "Menu/File", position = 20)
    public static final class OpenPipeline implements ActionListener {
        @Override
        public void actionPerformed(ActionEvent e) {
            JFileChooser chooser = PipelineFiles.chooser("Open pipeline");
            if (chooser.showOpenDialog(WindowManager.getDefault().getMainWindow()) == JFileChooser.APPROVE_OPTION) {
                PipelineFiles.remember(chooser.getSelectedFile().toPath());
                PipelineEditorTopComponent.open(chooser.getSelectedFile().toPath());
            }
        }
    }
}
