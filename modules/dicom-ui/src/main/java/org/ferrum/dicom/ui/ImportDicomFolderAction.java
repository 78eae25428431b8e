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
