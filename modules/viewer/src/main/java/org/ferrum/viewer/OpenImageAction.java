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

import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.io.File;
import javax.swing.JFileChooser;
import javax.swing.filechooser.FileFilter;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionRegistration;
import org.openide.util.NbBundle.Messages;
import org.openide.windows.WindowManager;

/** File ▸ Open Image…: a NIfTI file (.nii, .nii.gz), a FreeSurfer .mgz/.mgh, or a folder holding one DICOM series. */
@ActionID(category = "File", id = "org.ferrum.viewer.OpenImageAction")
@ActionRegistration(displayName = "#CTL_OpenImageAction")
@ActionReference(path = "Menu/File", position = 140)
@Messages("CTL_OpenImageAction=Open Image…")
public final class OpenImageAction implements ActionListener {

    private static File lastDirectory;

    @Override
    public void actionPerformed(ActionEvent e) {
        JFileChooser chooser = new JFileChooser(lastDirectory);
        chooser.setDialogTitle("Open Image (NIfTI file or DICOM series folder)");
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        chooser.setFileFilter(new FileFilter() {
            @Override
            public boolean accept(File f) {
                String n = f.getName().toLowerCase(java.util.Locale.ROOT);
                return f.isDirectory()
                        || n.endsWith(".nii")
                        || n.endsWith(".nii.gz")
                        || n.endsWith(".mgz")
                        || n.endsWith(".mgh")
                        || n.endsWith(".dcm");
            }

            @Override
            public String getDescription() {
                return "NIfTI (.nii, .nii.gz), FreeSurfer (.mgz, .mgh), DICOM files and series folders";
            }
        });
        if (chooser.showOpenDialog(WindowManager.getDefault().getMainWindow()) == JFileChooser.APPROVE_OPTION) {
            File f = chooser.getSelectedFile();
            lastDirectory = f.getParentFile();
            ViewerTopComponent.openPath(f.toPath());
        }
    }
}
