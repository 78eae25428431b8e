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
import java.util.Set;
import java.util.stream.Collectors;
import org.ferrum.dicom.deid.DeidentificationKeys;
import org.ferrum.dicom.deid.DeidentificationOption;
import org.ferrum.dicom.deid.DeidentificationProfile;
import org.ferrum.dicom.deid.DeidentificationRun;
import org.ferrum.dicom.deid.Deidentifier;
import org.ferrum.pipeline.headless.HeadlessRunner;

/**
 * {@code --deidentify IN_DIR OUT_DIR [--options a,b,...] [--secret FILE] [--keep-burned-in] [--keep-names]}:
 * de-identifies every DICOM file under IN_DIR into OUT_DIR ({@link DeidentificationRun}) and prints a summary. Output
 * files are named by de-identified identifiers only ({@link DeidentificationRun#outputName}); {@code --keep-names}
 * mirrors IN_DIR's tree instead and prints a warning first.
 *
 * <p>The secret: {@code --secret FILE} uses the file's bytes (at least 16). Without it a new random 256-bit secret is
 * written to {@code deid-secret.key} in OUT_DIR's parent folder, readable by the owner only (0600), and its path is
 * printed; if that file already exists the command refuses (pass it with {@code --secret}, or move it), so a
 * secret is never silently reused nor overwritten. The key never goes inside OUT_DIR, which is what gets shared.
 *
 * <p>Exit status: 0 every DICOM file written or flagged; 1 some failed (the others are written); 2 bad arguments
 * (nothing written). Messages name input files by {@link DeidentificationKeys#inputName} (by their path relative to
 * IN_DIR with {@code --keep-names}) and written files by their name in OUT_DIR.
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

    int run(
            Path inArgument,
            Path outArgument,
            String optionList,
            Path secretArgument,
            boolean keepBurnedIn,
            boolean keepNames) {
        Path in = workingDirectory.resolve(inArgument).normalize();
        Path outDir = workingDirectory.resolve(outArgument).normalize();
        String problem = DeidentificationRun.locationProblem(in, outDir);
        if (problem != null) {
            err.println((Files.isDirectory(in) ? outArgument : inArgument) + ": " + problem);
            return HeadlessRunner.BAD_INPUT;
        }
        Set<DeidentificationOption> options;
        try {
            options = DeidentificationRun.parseOptions(optionList);
        } catch (IllegalArgumentException e) {
            err.println("--options: " + e.getMessage());
            return HeadlessRunner.BAD_INPUT;
        }
        byte[] secret;
        if (secretArgument != null) {
            Path key = workingDirectory.resolve(secretArgument).normalize();
            try {
                secret = Files.readAllBytes(key);
            } catch (IOException e) {
                err.println(secretArgument + ": the secret cannot be read ("
                        + e.getClass().getSimpleName() + ")");
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
                                key,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
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
        if (keepNames) {
            err.println("warning: --keep-names: " + DeidentificationRun.KEEP_NAMES_WARNING);
        }
        DeidentificationRun.Summary s;
        try {
            s = DeidentificationRun.run(
                    deid,
                    in,
                    outDir,
                    Runtime.getRuntime().availableProcessors(),
                    keepNames,
                    (file, output, status, reason) -> {
                        switch (status) {
                            case FAILED -> err.println(file + ": failed, not written: " + reason);
                            case FLAGGED -> err.println(file + ": " + reason);
                            case FLAGGED_WRITTEN -> err.println(file + " (written as " + output + "): " + reason);
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
                + "; names: "
                + (keepNames ? "kept (mirrored)" : "<pseudonym>/<study>/<series number>_<series>/<instance>.dcm")
                + "; audit: " + outArgument.resolve(DeidentificationRun.AUDIT));
        return s.failed() > 0 ? HeadlessRunner.FAILURE : HeadlessRunner.OK;
    }
}
