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
package org.ferrum.dicom.ops;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.dicom.DerivedMapExport;
import org.ferrum.dicom.DicomProvenance;
import org.ferrum.dicom.DicomScan;
import org.ferrum.dicom.DicomScanner;
import org.ferrum.dicom.DicomSeries;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code io.write.dicom}: writes a derived map (χ, R2*, T2*, PDFF, LIC, field map) as a DICOM series that PACS, viewers,
 * dcm2niix and Ferrum read: {@link DerivedMapExport} (classic MR Image Storage, one file per slice, Real World Value
 * Mapping with the unit). The source series is referenced (patient, study, frame of reference, Source Image Sequence)
 * when it is known: the {@code source} parameter (a folder or file of the series the map was computed from), else the
 * series the input's grid was read from in this session ({@link DicomProvenance}: a map computed from a DICOM-read GRE
 * lies on its grid). Without a source the series gets the placeholder patient {@code FERRUM^ANONYMOUS} in a new study,
 * with a warning. No outputs: the executor runs writers every time. (Moved from the engine's built-in operators; id and
 * version unchanged.)
 */
@ServiceProvider(service = Operator.class)
public final class WriteDicomOperator implements Operator {

    public static final String ID = "io.write.dicom";
    static final String AUTO = "from unit";

    private static final Map<String, DerivedMapExport.MapKind> KINDS = Map.of(
            "QSM",
            DerivedMapExport.MapKind.QSM_CHI,
            "R2STAR",
            DerivedMapExport.MapKind.R2STAR,
            "T2STAR",
            DerivedMapExport.MapKind.T2STAR,
            "PDFF",
            DerivedMapExport.MapKind.PDFF,
            "LIC",
            DerivedMapExport.MapKind.LIC,
            "FIELD_MAP",
            DerivedMapExport.MapKind.FIELD_MAP);

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The map to write (3-D)");
    public static final Parameter<String> FOLDER = Parameter.path(
            "folder", null, "A new (or empty) folder for the series; relative paths are relative to the pipeline file");
    public static final Parameter<String> MAP_KIND = Parameter.choice(
            "map_kind",
            AUTO,
            List.of(AUTO, "QSM", "R2STAR", "T2STAR", "PDFF", "LIC", "FIELD_MAP"),
            "What the map is (the third value of Image Type); 'from unit': ppm → QSM, 1/s → R2STAR, ms → T2STAR, % → PDFF,"
                    + " mg Fe/g → LIC, Hz → FIELD_MAP");
    public static final Parameter<String> SOURCE = Parameter.path(
            "source",
            "",
            "The DICOM folder (or a file) of the series the"
                    + " map was computed from; empty: the series the input's grid was read from in this run, if any");
    public static final Parameter<String> SERIES_DESCRIPTION =
            Parameter.text("series_description", "", "Series Description; empty: 'Ferrum <kind> (<unit>)'");
    public static final Parameter<Long> SERIES_NUMBER =
            Parameter.integer("series_number", 0, 0L, 99999L, "Series Number; 0: the source's number + 1000");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Write DICOM")
            .category("Input and output") // the engine's input/output category, shared by io.read.* and io.write.*
            .description(
                    "Writes a derived map as a DICOM series (MR Image Storage, one file per slice, unit in the Real World"
                            + " Value Mapping) that PACS and dcm2niix read, referencing the source series when it is known.")
            .input(VOLUME)
            .parameters(List.of(FOLDER, MAP_KIND, SOURCE, SERIES_DESCRIPTION, SERIES_NUMBER))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        Path folder = context.path(FOLDER);
        if (volume.frames() != 1) {
            throw OperatorException.badInput("input 'volume': a DICOM derived map is one 3-D volume, this one has "
                    + volume.frames() + " frames; select one with a Select frame node");
        }
        DerivedMapExport.MapKind kind = kind(context.get(MAP_KIND), volume.unit());
        DerivedMapExport export = DerivedMapExport.of(kind);
        Optional<DicomSeries> source = source(context, volume);
        if (source.isPresent()) {
            DicomSeries s = source.get();
            try {
                export.source(DicomProvenance.sourceSeries(s));
            } catch (IOException e) {
                throw reading(SOURCE, s.files().get(0), e);
            }
            context.log("referencing source series " + s.seriesNumber() + " \"" + s.seriesDescription() + "\" ("
                    + s.files().size() + " files, patient " + s.patientName() + ", study " + s.studyInstanceUid()
                    + ")");
        } else {
            context.warn(
                    "no DICOM source is known for the input (it was not read from DICOM in this run and 'source' is"
                            + " empty): written with the placeholder patient FERRUM^ANONYMOUS in a new study; set 'source' to the DICOM folder"
                            + " the data came from so that PACS files the map with the patient's study");
        }
        String description = context.get(SERIES_DESCRIPTION);
        if (!description.isBlank()) {
            export.seriesDescription(description);
        }
        long number = context.get(SERIES_NUMBER);
        if (number > 0) {
            export.seriesNumber((int) number);
        }
        context.progress(0, "writing " + folder.getFileName());
        DerivedMapExport.Result r;
        try {
            r = export.write(volume, folder);
        } catch (IOException e) {
            throw writing(FOLDER, folder, e);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input 'volume': " + e.getMessage());
        }
        context.log(String.format(
                Locale.ROOT,
                "wrote %d DICOM files into %s: %s, series %s, value = stored × %.6g + %.6g %s",
                r.files().size(),
                r.folder(),
                kind.label(),
                r.seriesInstanceUid(),
                r.slope(),
                r.intercept(),
                volume.unit().symbol()));
        context.progress(1, "wrote " + folder.getFileName());
    }

    static DerivedMapExport.MapKind kind(String choice, PhysicalUnit unit) throws OperatorException {
        if (!choice.equals(AUTO)) {
            return KINDS.get(choice);
        }
        return DerivedMapExport.MapKind.forUnit(unit)
                .orElseThrow(
                        () -> OperatorException.badInput("parameter 'map_kind': the input" + " is in " + unit.symbol()
                                + ", which says no map kind; choose one (QSM, R2STAR, T2STAR, PDFF, LIC, FIELD_MAP)"));
    }

    private static Optional<DicomSeries> source(OperatorContext context, Volume<FloatType> volume)
            throws OperatorException {
        String given = context.get(SOURCE);
        if (given == null || given.isBlank()) {
            return DicomProvenance.sourceOf(volume.geometry());
        }
        Path path = context.path(SOURCE);
        DicomScan scan;
        try {
            scan = DicomScanner.scan(path);
        } catch (IOException e) {
            throw reading(SOURCE, path, e);
        }
        List<DicomSeries> series = scan.series();
        if (Files.isRegularFile(path)) {
            Path abs = path.toAbsolutePath().normalize();
            series = series.stream()
                    .filter(s -> s.files().stream()
                            .anyMatch(f -> f.toAbsolutePath().normalize().equals(abs)))
                    .toList();
        }
        if (series.size() != 1) {
            throw OperatorException.badInput("parameter 'source': " + path
                    + (series.isEmpty()
                            ? " holds no DICOM image series"
                            : " holds " + series.size()
                                    + " series; name the folder (or a file) of the one the map was computed from"));
        }
        return Optional.of(series.get(0));
    }

    /*
     * The engine's file messages (pipeline's FileFailures, which this module cannot reach: it depends on pipeline-api
     * only), for the two cases this operator meets: the file named, then what is wrong with it.
     */

    /** A file (or folder) given by {@code parameter} could not be read: bad input. */
    private static OperatorException reading(Parameter<String> parameter, Path file, IOException e) {
        String what = e instanceof VolumeFormatException
                ? file + ": " + afterFileName(e.getMessage(), file)
                : e instanceof NoSuchFileException
                        ? file + ": no such file or folder"
                        : e instanceof AccessDeniedException
                                ? file + ": permission denied"
                                : file + ": cannot be read (" + e.getMessage() + ")";
        return OperatorException.badInput("parameter '" + parameter.name() + "': " + what, e);
    }

    /** Writing into the folder given by {@code parameter} failed: bad input if the folder is unusable, else a failure. */
    private static OperatorException writing(Parameter<String> parameter, Path file, IOException e) {
        if (e instanceof VolumeFormatException) {
            return OperatorException.badInput(
                    "parameter '" + parameter.name() + "': " + file + ": " + afterFileName(e.getMessage(), file), e);
        }
        if (e instanceof AccessDeniedException) {
            return OperatorException.badInput(
                    "parameter '" + parameter.name() + "': " + file + ": permission denied", e);
        }
        return OperatorException.failure(
                "parameter '" + parameter.name() + "': cannot write " + file + " (" + e.getMessage() + ")", e);
    }

    /** io's format exceptions start with the bare file name; the full path replaces it. */
    private static String afterFileName(String message, Path file) {
        String prefix = file.getFileName() + ": ";
        return message != null && message.startsWith(prefix)
                ? message.substring(prefix.length())
                : String.valueOf(message);
    }
}
