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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.SeriesFiles;
import org.ferrum.io.spi.SeriesWriter;
import org.openide.DialogDisplayer;
import org.openide.NotifyDescriptor;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionRegistration;
import org.openide.util.NbBundle.Messages;
import org.openide.util.RequestProcessor;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * File ▸ Export as DICOM…: writes a map shown in the active viewer window as a DICOM series for PACS, through io's
 * {@link SeriesWriter} (modules/dicom's: MR Image Storage, one file per slice, the unit in the Real World Value
 * Mapping). The series the map's grid was read from in this session is referenced — patient, study, frame of
 * reference, source instances — so that PACS files the map with the patient's study; without one, the placeholder
 * patient is used and the confirmation says so. The kind (χ, R2*, T2*, PDFF, LIC, field map) follows from the map's
 * unit.
 */
@ActionID(category = "File", id = "org.ferrum.viewer.ExportAsDicomAction")
@ActionRegistration(displayName = "#CTL_ExportAsDicomAction")
@ActionReference(path = "Menu/File", position = 145)
@Messages("CTL_ExportAsDicomAction=Export as DICOM…")
public final class ExportAsDicomAction implements ActionListener {

    private static final RequestProcessor WRITER = new RequestProcessor("Ferrum DICOM export", 1);
    private static File lastDirectory;

    @Override
    public void actionPerformed(ActionEvent e) {
        List<NamedVolume> maps = shownMaps(TopComponent.getRegistry().getActivated());
        if (maps.isEmpty()) {
            for (TopComponent tc : TopComponent.getRegistry().getOpened()) {
                if (tc instanceof ViewerTopComponent && tc.isShowing()) {
                    maps = shownMaps(tc);
                    break;
                }
            }
        }
        if (maps.isEmpty()) {
            notify(
                    "Open a map in the viewer first (e.g. File ▸ Open Image… or a pipeline's Show outputs), then export it.",
                    NotifyDescriptor.INFORMATION_MESSAGE);
            return;
        }
        NamedVolume map = maps.get(0);
        if (maps.size() > 1) {
            JComboBox<String> choice = new JComboBox<>(maps.stream()
                    .map(m -> m.name() + " (" + m.volume().unit().symbol() + ")")
                    .toArray(String[]::new));
            NotifyDescriptor d = new NotifyDescriptor(
                    choice,
                    "Export as DICOM: which map?",
                    NotifyDescriptor.OK_CANCEL_OPTION,
                    NotifyDescriptor.QUESTION_MESSAGE,
                    null,
                    NotifyDescriptor.OK_OPTION);
            if (DialogDisplayer.getDefault().notify(d) != NotifyDescriptor.OK_OPTION) {
                return;
            }
            map = maps.get(choice.getSelectedIndex());
        }
        JFileChooser chooser = new JFileChooser(lastDirectory);
        chooser.setDialogTitle("Export " + map.name() + " as DICOM: name a new folder");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setApproveButtonText("Export");
        chooser.setSelectedFile(new File(lastDirectory, folderName(map)));
        if (chooser.showSaveDialog(WindowManager.getDefault().getMainWindow()) != JFileChooser.APPROVE_OPTION
                || chooser.getSelectedFile() == null) {
            return;
        }
        File folder = chooser.getSelectedFile();
        lastDirectory = folder.getParentFile();
        NamedVolume chosen = map;
        WRITER.post(() -> {
            try {
                notify(export(chosen, folder.toPath()), NotifyDescriptor.INFORMATION_MESSAGE);
            } catch (IOException | RuntimeException ex) {
                notify(
                        "Cannot export " + chosen.name() + " into " + folder + ":\n"
                                + (ex.getMessage() == null ? ex : ex.getMessage()),
                        NotifyDescriptor.ERROR_MESSAGE);
            }
        });
    }

    /** The maps a viewer window shows (empty for any other window). */
    static List<NamedVolume> shownMaps(TopComponent tc) {
        if (tc instanceof ViewerTopComponent v && v.getClientProperty(NamedVolume.class) instanceof List<?> list) {
            return list.stream()
                    .filter(NamedVolume.class::isInstance)
                    .map(NamedVolume.class::cast)
                    .toList();
        }
        return List.of();
    }

    /** A folder name from the map's name, e.g. {@code "LIC from QSM"} → {@code "LIC_from_QSM-dicom"}. */
    static String folderName(NamedVolume map) {
        String n = map.name().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return (n.isEmpty() ? "map" : n) + "-dicom";
    }

    /**
     * Writes {@code map} (3-D, or the first frame of a 4-D map is refused: export one frame) into the new folder and
     * says what was written, which series it references or that it has none.
     *
     * @throws IllegalArgumentException if the map's unit says no map kind, or it has several frames
     * @throws IOException              if the folder exists and is not empty, or writing fails
     */
    static String export(NamedVolume map, Path folder) throws IOException {
        Volume<FloatType> v = map.volume();
        if (v.frames() != 1) {
            throw new IllegalArgumentException(
                    map.name() + " has " + v.frames() + " frames; a DICOM derived map is one 3-D volume");
        }
        SeriesWriter writer = SeriesFiles.writer()
                .orElseThrow(() -> new IOException("no DICOM writer is installed (module ferrum-dicom)"));
        if (writer.mapKind(v.unit()).isEmpty()) {
            throw new IllegalArgumentException(
                    map.name() + " is in " + v.unit().symbol() + ", which says no map kind (χ in ppm, R2* in"
                            + " 1/s, T2* in ms, PDFF in %, LIC in mg Fe/g, field map in Hz)");
        }
        SeriesWriter.Written r = writer.write(v, folder, "Ferrum viewer export of " + map.name());
        return String.format(
                Locale.ROOT,
                "Wrote %s as %d DICOM files (%s, %s) into %s.%n%s",
                map.name(),
                r.files().size(),
                r.kind(),
                v.unit().symbol(),
                r.folder(),
                r.source()
                        .map(
                                s -> "It references " + s
                                        + ": send the folder to PACS with your DICOM sender (e.g. storescu) and it joins that study.")
                        .orElse(
                                "No DICOM source is known for this map (it was not computed from DICOM read in this session):"
                                        + " the series has the placeholder patient FERRUM^ANONYMOUS in a new study. To file it with the"
                                        + " patient, export from a pipeline with io.write.dicom and its 'source' parameter."));
    }

    private static void notify(String message, int type) {
        DialogDisplayer.getDefault().notifyLater(new NotifyDescriptor.Message(message, type));
    }
}
