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

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.swing.table.AbstractTableModel;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import org.ferrum.dicom.DicomScan;
import org.ferrum.dicom.DicomSeries;
import org.ferrum.dicom.ImageKind;
import org.ferrum.dicom.UnreadableFile;

/**
 * The models behind the import window, built from a {@link DicomScan}: a tree patient → study → series
 * whose nodes carry an {@link Entry}, and a table of the unreadable files with their reasons. Plain Swing
 * models, so they are built and tested without a display.
 */
public final class ScanTreeModel {

    /** What a tree node shows: its level, its one-line text, and the scanned object it stands for. */
    public record Entry(Level level, String text, Object value) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The level of a tree node. */
    public enum Level {
        ROOT,
        PATIENT,
        STUDY,
        SERIES
    }

    private ScanTreeModel() {}

    /** The patient → study → series tree of a scan (the root is the scan itself). */
    public static DefaultTreeModel tree(DicomScan scan) {
        DefaultMutableTreeNode root = new DefaultMutableTreeNode(new Entry(Level.ROOT, rootText(scan), scan));
        for (DicomScan.Patient p : scan.patients()) {
            DefaultMutableTreeNode pn = new DefaultMutableTreeNode(new Entry(Level.PATIENT, patientText(p), p));
            root.add(pn);
            for (DicomScan.Study s : p.studies()) {
                DefaultMutableTreeNode sn = new DefaultMutableTreeNode(new Entry(Level.STUDY, studyText(s), s));
                pn.add(sn);
                for (DicomSeries series : s.series()) {
                    sn.add(new DefaultMutableTreeNode(new Entry(Level.SERIES, seriesText(series), series), false));
                }
            }
        }
        return new DefaultTreeModel(root);
    }

    /** An empty tree saying what to do. */
    public static DefaultTreeModel empty(String message) {
        return new DefaultTreeModel(new DefaultMutableTreeNode(new Entry(Level.ROOT, message, null)));
    }

    static String rootText(DicomScan scan) {
        int series = scan.series().size();
        return String.format(
                Locale.ROOT,
                "%d patient%s, %d series, %d files (%s); %s",
                scan.patients().size(),
                plural(scan.patients().size()),
                series,
                scan.files(),
                megabytes(scan.bytes()),
                leftOutText(scan));
    }

    /**
     * The files left out, counted by kind: {@code "2 unreadable DICOM files, 12 non-DICOM files ignored"}; a README or a
     * NIfTI file in the tree is no fault of the data, so it is not counted with broken DICOM files.
     */
    public static String leftOutText(DicomScan scan) {
        int broken = scan.unreadable(UnreadableFile.Kind.UNREADABLE).size();
        int notImage = scan.unreadable(UnreadableFile.Kind.NOT_AN_IMAGE).size();
        int notDicom = scan.unreadable(UnreadableFile.Kind.NOT_DICOM).size();
        List<String> parts = new java.util.ArrayList<>();
        parts.add(broken + " unreadable DICOM file" + plural(broken));
        if (notImage > 0) {
            parts.add(notImage + " DICOM file" + plural(notImage) + " without an image");
        }
        parts.add(notDicom + " non-DICOM file" + plural(notDicom) + " ignored");
        return String.join(", ", parts);
    }

    static String kindText(UnreadableFile.Kind kind) {
        return switch (kind) {
            case UNREADABLE -> "unreadable DICOM";
            case NOT_AN_IMAGE -> "DICOM, not an image";
            case NOT_DICOM -> "not DICOM (ignored)";
        };
    }

    static String patientText(DicomScan.Patient p) {
        String cleaned = p.name().replace('^', ' ').strip();
        String name = cleaned.isEmpty() ? "(no name)" : cleaned;
        String id = p.id().isBlank() ? "" : "  ID " + p.id();
        return name + id + "  —  " + p.studies().size() + " stud" + (p.studies().size() == 1 ? "y" : "ies");
    }

    static String studyText(DicomScan.Study s) {
        String date = formatDate(s.date());
        String description = s.description().isBlank() ? "(no description)" : s.description();
        return (date.isEmpty() ? "" : date + "  ") + description + "  —  "
                + s.series().size() + " series";
    }

    /**
     * One line per series: number, description, modality, image kinds, echoes, files; e.g.
     * {@code "#5  gre_qsm  ·  MR  ·  magnitude + phase  ·  4 echoes (TE 4.9–24.5 ms)  ·  192 files"}.
     */
    public static String seriesText(DicomSeries s) {
        DicomSeries.Identity id = s.identity();
        String description = !id.seriesDescription().isBlank()
                ? id.seriesDescription()
                : !id.protocolName().isBlank() ? id.protocolName() : "(no description)";
        String kinds = s.imageKinds().stream().map(ScanTreeModel::kindName).collect(Collectors.joining(" + "));
        List<Double> te = s.echoTimesMs();
        String echoes;
        if (te.size() > 1) {
            echoes = String.format(
                    Locale.ROOT,
                    "%d echoes (TE %s–%s ms)",
                    te.size(),
                    number(te.get(0)),
                    number(te.get(te.size() - 1)));
        } else if (te.size() == 1) {
            echoes = "1 echo (TE " + number(te.get(0)) + " ms)";
        } else {
            echoes = "no echo time";
        }
        int files = s.files().size();
        String images = s.frameCount() != files ? ", " + s.frameCount() + " images" : "";
        return String.format(
                Locale.ROOT,
                "#%d  %s  ·  %s  ·  %s  ·  %s  ·  %d file%s%s",
                id.seriesNumber(),
                description,
                id.modality().isBlank() ? "?" : id.modality(),
                kinds.isEmpty() ? "no images" : kinds,
                echoes,
                files,
                plural(files),
                images);
    }

    static String kindName(ImageKind k) {
        return switch (k) {
            case MAGNITUDE -> "magnitude";
            case PHASE -> "phase";
            case REAL -> "real";
            case IMAGINARY -> "imaginary";
            case FIELD_MAP -> "field map";
            case OTHER -> "derived/other";
        };
    }

    /** The files left out as a three-column table: file, what it is, why it was not used. */
    public static AbstractTableModel unreadable(List<UnreadableFile> files) {
        return unreadable(files, null);
    }

    /**
     * The same, with file paths shown relative to the scanned folder {@code root} (if not null); broken DICOM files
     * first (they are what a user must look at), then DICOM files without images, then files that are not DICOM.
     */
    public static AbstractTableModel unreadable(List<UnreadableFile> files, Path root) {
        List<UnreadableFile> rows = new java.util.ArrayList<>(files);
        rows.sort(
                java.util.Comparator.comparing(UnreadableFile::kind, java.util.Comparator.comparingInt(k -> switch (k) {
                            case UNREADABLE -> 0;
                            case NOT_AN_IMAGE -> 1;
                            case NOT_DICOM -> 2;
                        }))
                        .thenComparing(UnreadableFile::path));
        return new AbstractTableModel() {
            @Override
            public int getRowCount() {
                return rows.size();
            }

            @Override
            public int getColumnCount() {
                return 3;
            }

            @Override
            public String getColumnName(int column) {
                return switch (column) {
                    case 0 -> "File";
                    case 1 -> "What";
                    default -> "Why it was not used";
                };
            }

            @Override
            public Object getValueAt(int row, int column) {
                UnreadableFile u = rows.get(row);
                if (column == 2) {
                    return u.reason();
                }
                if (column == 1) {
                    return kindText(u.kind());
                }
                return root != null && u.path().startsWith(root) && !u.path().equals(root)
                        ? root.relativize(u.path()).toString()
                        : u.path().toString();
            }
        };
    }

    private static String formatDate(String dicomDate) {
        if (dicomDate != null && dicomDate.matches("\\d{8}")) {
            return dicomDate.substring(0, 4) + "-" + dicomDate.substring(4, 6) + "-" + dicomDate.substring(6);
        }
        return dicomDate == null ? "" : dicomDate;
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
