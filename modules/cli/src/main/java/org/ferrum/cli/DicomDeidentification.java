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
package org.ferrum.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ferrum.dicom.deid.DeidentificationKeys;
import org.ferrum.dicom.deid.DeidentificationOption;
import org.ferrum.dicom.deid.DeidentificationProfile;
import org.ferrum.dicom.deid.DeidentificationRun;
import org.ferrum.dicom.deid.Deidentifier;
import org.ferrum.pipeline.headless.HeadlessRunner;

/**
 * {@code --deidentify IN_DIR OUT_DIR [--options a,b,...] [--secret FILE] [--keep-burned-in]}: de-identifies every
 * DICOM file under IN_DIR into OUT_DIR ({@link DeidentificationRun}) and prints a summary.
 *
 * <p>The secret: {@code --secret FILE} uses the file's bytes (at least 16). Without it a new random 256-bit secret is
 * written to {@code deid-secret.key} in OUT_DIR's parent folder, readable by the owner only (0600), and its path is
 * printed; if that file already exists the command refuses (pass it with {@code --secret}, or move it), so a
 * secret is never silently reused nor overwritten. The key never goes inside OUT_DIR, which is what gets shared.
 *
 * <p>Exit status: 0 every DICOM file written or flagged; 1 some failed (the others are written); 2 bad arguments
 * (nothing written). Messages name files by their path relative to IN_DIR.
 */
final class DicomDeidentification {

    /** The generated key's file name, in OUT_DIR's parent folder. */
    static final String GENERATED_KEY = "deid-secret.key";

    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;

    DicomDeidentification(Path workingDirectory, PrintStream out, PrintStream err) {
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.out = out;
        this.err = err;
    }

    int run(Path inArgument, Path outArgument, String optionList, Path secretArgument, boolean keepBurnedIn) {
        Path in = workingDirectory.resolve(inArgument).normalize();
        Path outDir = workingDirectory.resolve(outArgument).normalize();
        if (!Files.isDirectory(in)) {
            err.println(inArgument + (Files.exists(in) ? ": not a folder" : ": no such folder")
                    + "; --deidentify takes the folder that holds the DICOM files");
            return HeadlessRunner.BAD_INPUT;
        }
        if (outDir.startsWith(in) || in.startsWith(outDir)) {
            err.println(outArgument + ": the output folder must be outside the input folder and not contain it");
            return HeadlessRunner.BAD_INPUT;
        }
        if (Files.exists(outDir)) {
            if (!Files.isDirectory(outDir)) {
                err.println(outArgument + ": exists and is not a folder");
                return HeadlessRunner.BAD_INPUT;
            }
            try (Stream<Path> s = Files.list(outDir)) {
                if (s.findAny().isPresent()) {
                    err.println(outArgument + ": not empty; de-identify into a new or empty folder");
                    return HeadlessRunner.BAD_INPUT;
                }
            } catch (IOException e) {
                err.println(outArgument + ": cannot be listed: " + e.getMessage());
                return HeadlessRunner.BAD_INPUT;
            }
        }
        Set<DeidentificationOption> options = EnumSet.noneOf(DeidentificationOption.class);
        if (optionList != null) {
            for (String name : optionList.split(",")) {
                String n = name.trim();
                if (n.isEmpty()) {
                    continue;
                }
                Optional<DeidentificationOption> o = DeidentificationOption.byCliName(n);
                if (o.isEmpty()) {
                    err.println("--options: unknown option '" + n + "'; the options are "
                            + Stream.of(DeidentificationOption.values())
                                    .map(DeidentificationOption::cliName)
                                    .collect(Collectors.joining(", ")));
                    return HeadlessRunner.BAD_INPUT;
                }
                options.add(o.get());
            }
        }
        if (options.contains(DeidentificationOption.RETAIN_FULL_DATES)
                && options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES)) {
            err.println("--options: retain-full-dates and retain-modified-dates exclude each other");
            return HeadlessRunner.BAD_INPUT;
        }
        byte[] secret;
        if (secretArgument != null) {
            Path key = workingDirectory.resolve(secretArgument).normalize();
            try {
                secret = Files.readAllBytes(key);
            } catch (IOException e) {
                err.println(secretArgument + ": the secret cannot be read (" + e.getClass().getSimpleName() + ")");
                return HeadlessRunner.BAD_INPUT;
            }
            if (secret.length < DeidentificationKeys.MIN_SECRET_BYTES) {
                err.println(secretArgument + ": the secret has " + secret.length + " bytes; at least "
                        + DeidentificationKeys.MIN_SECRET_BYTES + " are needed (e.g. head -c 32 /dev/urandom > FILE)");
                return HeadlessRunner.BAD_INPUT;
            }
        } else {
            Path parent = outDir.getParent() == null ? workingDirectory : outDir.getParent();
            Path key = parent.resolve(GENERATED_KEY);
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try {
                Files.createDirectories(parent);
                Files.write(
                        Files.createFile(
                                key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                        secret);
            } catch (FileAlreadyExistsException e) {
                err.println(key + " already exists: pass it with --secret to keep this project's pseudonyms, UIDs"
                        + " and date shifts, or move it away to start a new project");
                return HeadlessRunner.BAD_INPUT;
            } catch (UnsupportedOperationException | IOException e) {
                err.println(key + ": cannot write a new secret (" + e.getClass().getSimpleName() + "); pass one with"
                        + " --secret FILE");
                return HeadlessRunner.BAD_INPUT;
            }
            out.println("new project secret written to " + key + " (owner-only, 0600): keep it, and pass it with"
                    + " --secret to map the same patients, UIDs and dates the same way in later batches; never share"
                    + " it with the de-identified data");
        }
        Deidentifier deid;
        try {
            deid = new Deidentifier(DeidentificationProfile.standard(), options, secret, keepBurnedIn);
        } catch (RuntimeException e) {
            err.println("de-identification profile cannot be loaded: " + e.getMessage());
            return HeadlessRunner.FAILURE;
        }
        DeidentificationRun.Summary s;
        try {
            s = DeidentificationRun.run(
                    deid, in, outDir, Runtime.getRuntime().availableProcessors(), (file, status, reason) -> {
                        switch (status) {
                            case FAILED -> err.println(file + ": failed, not written: " + reason);
                            case FLAGGED, FLAGGED_WRITTEN -> err.println(file + ": " + reason);
                            default -> {}
                        }
                    });
        } catch (IOException | RuntimeException e) {
            err.println("de-identification stopped: " + e.getClass().getSimpleName()
                    + "; the output folder has no audit and is incomplete");
            return HeadlessRunner.FAILURE;
        }
        out.println("de-identified " + s.filesIn() + " files in: " + s.written() + " written, " + s.flagged()
                + " flagged (burned-in text possible: pixel data not cleaned"
                + (keepBurnedIn ? "; written" : "; not written") + "), " + s.failed() + " failed, " + s.notDicom()
                + " not DICOM (ignored); options: "
                + (options.isEmpty()
                        ? "none (Basic Profile)"
                        : options.stream().map(DeidentificationOption::cliName).collect(Collectors.joining(",")))
                + "; audit: " + outArgument.resolve(DeidentificationRun.AUDIT));
        return s.failed() > 0 ? HeadlessRunner.FAILURE : HeadlessRunner.OK;
    }
}
