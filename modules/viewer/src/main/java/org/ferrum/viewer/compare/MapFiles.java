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
package org.ferrum.viewer.compare;

import java.awt.Component;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.viewer.NamedVolume;
import org.openide.util.RequestProcessor;

/** Map files for the comparison: NIfTI files (or a DICOM series folder) read with {@link VolumeFiles}. */
final class MapFiles {

    private static final RequestProcessor READER = new RequestProcessor("Ferrum compare reader", 1);
    private static File lastDirectory;

    private MapFiles() {}

    /** Reads {@code path} and adds it to the catalogue, named after the file (without .nii / .nii.gz). */
    static MapCatalogue.Entry read(MapCatalogue catalogue, Path path) throws IOException {
        Volume<FloatType> v = VolumeFiles.readFloat(path);
        return catalogue.add(new NamedVolume(displayName(path), v), "file " + path);
    }

    static String displayName(Path path) {
        String n = path.getFileName() == null
                ? path.toString()
                : path.getFileName().toString();
        return Files.isDirectory(path) ? n : n.replaceFirst("(?i)\\.nii(\\.gz)?$", "");
    }

    /** A file chooser, then the file read in the background; {@code picked} gets the entry on the event thread. */
    static void chooseAndAdd(Component parent, MapCatalogue catalogue, Consumer<MapCatalogue.Entry> picked) {
        JFileChooser chooser = new JFileChooser(lastDirectory);
        chooser.setDialogTitle("Add a map to compare (NIfTI file or DICOM series folder)");
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        chooser.setFileFilter(new FileNameExtensionFilter("NIfTI (.nii, .nii.gz)", "nii", "gz"));
        if (chooser.showOpenDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File f = chooser.getSelectedFile();
        lastDirectory = f.getParentFile();
        READER.post(() -> {
            try {
                MapCatalogue.Entry e = read(catalogue, f.toPath());
                SwingUtilities.invokeLater(() -> picked.accept(e));
            } catch (IOException | RuntimeException ex) {
                String why = ex.getMessage() != null ? ex.getMessage() : ex.toString();
                SwingUtilities.invokeLater(() -> JOptionPane.showMessageDialog(
                        parent, "Cannot read " + f + ":\n" + why, "Add file", JOptionPane.ERROR_MESSAGE));
            }
        });
    }
}
