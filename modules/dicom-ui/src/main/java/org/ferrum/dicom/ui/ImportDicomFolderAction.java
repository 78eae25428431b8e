package org.ferrum.dicom.ui;

import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionRegistration;
import org.openide.util.NbBundle.Messages;

/** File ▸ Import DICOM Folder…: opens the import window and asks for the folder to scan. */
@ActionID(category = "File", id = "org.ferrum.dicom.ui.ImportDicomFolderAction")
@ActionRegistration(displayName = "#CTL_ImportDicomFolderAction")
@ActionReference(path = "Menu/File", position = 150)
@Messages("CTL_ImportDicomFolderAction=Import DICOM Folder…")
public final class ImportDicomFolderAction implements ActionListener {

    @Override
    public void actionPerformed(ActionEvent e) {
        DicomImportTopComponent.openWindow().chooseAndScan();
    }
}
