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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ferrum.core.Table;
import org.ferrum.dicom.deid.DeidentificationKeys;
import org.ferrum.dicom.deid.DeidentificationOption;
import org.ferrum.dicom.deid.DeidentificationProfile;
import org.ferrum.dicom.deid.DeidentificationRun;
import org.ferrum.dicom.deid.Deidentifier;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code dicom.deidentify}: the same de-identification as {@code ferrum --nogui --deidentify} ({@link
 * DeidentificationRun}), as a pipeline node. Unlike the command it never generates a secret: a pipeline is re-run,
 * and a fresh secret per run would break the consistency the secret exists for, so the secret file is required.
 * Output: one row per input file (its keyed name, output name, status, reason); the audit CSV is written in the
 * output folder. Output files are named by de-identified identifiers only ({@link DeidentificationRun#outputName});
 * {@code keep_names} mirrors the input tree instead, for inputs whose names are known to be free of PHI.
 */
@ServiceProvider(service = Operator.class)
public final class DeidentifyOperator implements Operator {

    public static final String ID = "dicom.deidentify";

    public static final Parameter<String> INPUT_FOLDER =
            Parameter.path("input_folder", null, "The folder of DICOM files to de-identify (only read)");
    public static final Parameter<String> OUTPUT_FOLDER = Parameter.path(
            "output_folder", null, "A new or empty folder, outside the input folder, for the de-identified files");
    public static final Parameter<String> OPTIONS = Parameter.text(
            "options",
            "retain-modified-dates,retain-safe-private,clean-descriptors",
            "Profile options (PS3.15 Table E.1-1 columns), comma-separated: retain-safe-private, retain-uids,"
                    + " retain-device-identity, retain-institution-identity, retain-patient-characteristics,"
                    + " retain-full-dates, retain-modified-dates, clean-descriptors, clean-structured-content,"
                    + " clean-graphics; empty: the Basic Profile alone. Output file names are de-identified whatever the"
                    + " options (see keep_names)");
    public static final Parameter<String> SECRET = Parameter.path(
            "secret",
            null,
            "The project secret's file (at least 16 bytes, e.g. head -c 32 /dev/urandom): the same secret maps the"
                    + " same patients, UIDs and date shifts the same way in every batch");
    public static final Parameter<Boolean> KEEP_BURNED_IN = Parameter.flag(
            "keep_burned_in",
            false,
            "Also write files that may show burned-in text (Secondary Capture, screen saves, US, Burned In Annotation"
                    + " YES); they are flagged either way, their pixel data is not cleaned");
    public static final Parameter<Boolean> KEEP_NAMES = Parameter.flag(
            "keep_names",
            false,
            "Mirror the input folder tree and file names (and name input files by relative path in the audit and"
                    + " messages) instead of naming outputs <pseudonym>/<study>/<series number>_<series>/<instance>.dcm;"
                    + " only for inputs whose folder and file names are known to carry no PHI");
    public static final Port<Table> FILES = Port.output(
            "files",
            PortTypes.TABLE,
            "Each input file (keyed name, or relative path with keep_names) with its output name, status and reason");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.1")
            .displayName("De-identify DICOM")
            .category("Input and output")
            .description("De-identifies a DICOM folder by the PS3.15 Basic Application Level Confidentiality Profile"
                    + " and the chosen options, file by file in the original transfer syntax, under de-identified"
                    + " names, with an audit CSV.")
            .parameters(List.of(INPUT_FOLDER, OUTPUT_FOLDER, OPTIONS, SECRET, KEEP_BURNED_IN, KEEP_NAMES))
            .output(FILES)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path in = context.path(INPUT_FOLDER);
        Path out = context.path(OUTPUT_FOLDER);
        String problem = DeidentificationRun.locationProblem(in, out);
        if (problem != null) {
            throw OperatorException.badInput("parameter '"
                    + (Files.isDirectory(in) ? OUTPUT_FOLDER.name() : INPUT_FOLDER.name()) + "': " + problem);
        }
        Set<DeidentificationOption> options;
        try {
            options = DeidentificationRun.parseOptions(context.get(OPTIONS));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter 'options': " + e.getMessage());
        }
        byte[] secret;
        Path key = context.path(SECRET);
        try {
            secret = Files.readAllBytes(key);
        } catch (IOException e) {
            throw OperatorException.badInput("parameter 'secret': " + key.getFileName() + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (secret.length < DeidentificationKeys.MIN_SECRET_BYTES) {
            throw OperatorException.badInput("parameter 'secret': " + key.getFileName() + " has " + secret.length
                    + " bytes; at least " + DeidentificationKeys.MIN_SECRET_BYTES + " are needed");
        }
        Deidentifier deid =
                new Deidentifier(DeidentificationProfile.standard(), options, secret, context.get(KEEP_BURNED_IN));
        Table.Builder rows = Table.builder(
                Table.Column.text("file"),
                Table.Column.text("output"),
                Table.Column.text("status"),
                Table.Column.text("reason"));
        boolean keepNames = context.get(KEEP_NAMES);
        if (keepNames) {
            context.warn("keep_names: " + DeidentificationRun.KEEP_NAMES_WARNING);
        }
        DeidentificationRun.Summary s;
        try {
            s = DeidentificationRun.run(
                    deid,
                    in,
                    out,
                    Runtime.getRuntime().availableProcessors(),
                    keepNames,
                    (file, output, status, reason) -> {
                        rows.row(
                                file,
                                output,
                                status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                                reason);
                        if (status == Deidentifier.Status.FAILED) {
                            context.warn(file + ": failed, not written: " + reason);
                        } else if (status == Deidentifier.Status.FLAGGED
                                || status == Deidentifier.Status.FLAGGED_WRITTEN) {
                            context.warn(file + ": " + reason);
                        }
                    });
        } catch (IOException e) {
            throw new OperatorException(
                    "de-identification stopped (" + e.getClass().getSimpleName() + "); the output folder has no audit",
                    false,
                    e);
        }
        context.log("de-identified " + s.filesIn() + " files: " + s.written() + " written, " + s.flagged()
                + " flagged (burned-in text possible: pixel data not cleaned), " + s.failed() + " failed, "
                + s.notDicom() + " not DICOM; audit " + DeidentificationRun.AUDIT);
        context.output(FILES, rows.build());
    }
}
