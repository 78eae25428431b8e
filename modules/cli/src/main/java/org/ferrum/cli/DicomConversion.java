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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.dicom.ConversionReport;
import org.ferrum.dicom.DicomConverter;
import org.ferrum.dicom.DicomDump;
import org.ferrum.io.RegularFiles;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.pipeline.FerrumVersion;
import org.ferrum.pipeline.headless.FileCommands;
import org.ferrum.pipeline.headless.HeadlessMain;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.ferrum.pipeline.headless.OutputFolder;
import org.openide.util.lookup.ServiceProvider;

/**
 * The headless DICOM commands, shared by the application's {@code --nogui} command line ({@link HeadlessCommandLine})
 * and the launcher's plain JVM ({@link HeadlessMain}, which finds this class through Lookup as its {@link FileCommands};
 * moved here from the engine, which knows no DICOM):
 * <ul>
 * <li>{@link #convert}: {@code --convert DICOM_DIR --out DIR} converts every series under the folder to
 *     NIfTI + BIDS JSON ({@link DicomConverter}), printing one line per file written;</li>
 * <li>{@link #dump}: {@code --dump FILE} prints a DICOM file's attributes ({@link DicomDump}).</li>
 * </ul>
 * Exit status, as for pipelines: {@link HeadlessRunner#OK} when every series found was converted;
 * {@link HeadlessRunner#BAD_INPUT} when the folder is missing or holds no DICOM series, or a series could
 * not be converted because its data is unsupported or inconsistent (the others are still converted; one
 * line on the error stream per series, naming it and the problem); {@link HeadlessRunner#FAILURE} when
 * an output could not be written or anything else went wrong. Files that are not readable DICOM (a
 * README, a truncated file) are listed on the error stream, one line each, and do not change the status
 * as long as at least one series was converted.
 */
@ServiceProvider(service = FileCommands.class)
public final class DicomConversion implements FileCommands {

    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;
    private final DicomConverter.Options options;

    /** For Lookup: in the process's working directory, printing to the process streams ({@link #standard()}). */
    public DicomConversion() {
        this(Path.of(""), System.out, System.err);
    }

    /**
     * @param workingDirectory relative folder arguments are resolved against it
     */
    public DicomConversion(Path workingDirectory, PrintStream out, PrintStream err) {
        this(workingDirectory, out, err, DicomConverter.Options.defaults().withSoftwareVersion(FerrumVersion.get()));
    }

    public DicomConversion(Path workingDirectory, PrintStream out, PrintStream err, DicomConverter.Options options) {
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.out = out;
        this.err = err;
        this.options = options;
    }

    /** In the process's working directory, printing to the process streams. */
    public static DicomConversion standard() {
        return new DicomConversion(Path.of(""), System.out, System.err);
    }

    /**
     * Converts a DICOM folder.
     *
     * @return the exit status
     */
    @Override
    public int convert(Path dicomDirArgument, Path outDirArgument) {
        Path in = workingDirectory.resolve(dicomDirArgument).normalize();
        Path outDir = workingDirectory.resolve(outDirArgument).normalize();
        if (!Files.exists(in)) {
            err.println(in + ": no such folder");
            return HeadlessRunner.BAD_INPUT;
        }
        if (!Files.isDirectory(in)) {
            err.println(in + ": not a folder; --convert takes the folder that holds the DICOM files");
            return HeadlessRunner.BAD_INPUT;
        }
        String outProblem = OutputFolder.locationProblem(outDir);
        if (outProblem == null && Files.isDirectory(outDir) && !Files.isWritable(outDir)) {
            outProblem = outDir + ": --out is not writable by this user";
        }
        if (outProblem != null) { // checked before any series is read
            err.println(outProblem);
            return HeadlessRunner.BAD_INPUT;
        }
        ConversionReport report;
        try {
            report = new DicomConverter(options)
                    .convert(
                            in,
                            outDir,
                            new DicomConverter.Listener() {
                                @Override
                                public void written(ConversionReport.Output o) {
                                    out.println("wrote " + o.image() + " (" + o.series() + ", " + o.kind() + ", "
                                            + o.dimensionsText() + ", " + o.units() + ")");
                                }
                            },
                            Cancellation.NEVER);
        } catch (NoSuchFileException e) {
            err.println(e.getFile() + ": no such file or folder");
            return HeadlessRunner.BAD_INPUT;
        } catch (VolumeFormatException e) {
            err.println(e.getMessage());
            return HeadlessRunner.BAD_INPUT;
        } catch (IOException e) {
            err.println("converting " + in + " failed: " + e);
            return HeadlessRunner.FAILURE;
        } catch (RuntimeException e) {
            err.println("converting " + in + " failed: " + e);
            return HeadlessRunner.FAILURE;
        }
        for (ConversionReport.Unreadable u : report.unreadable()) {
            err.println(u.file() + ": not converted: " + u.reason());
        }
        for (ConversionReport.Skipped s : report.skipped()) {
            err.println("series " + s.series() + ": not converted: " + s.reason());
        }
        for (String w : report.warnings()) {
            err.println("warning: " + w);
        }
        out.println("converted " + (report.seriesFound() - report.skipped().size()) + " of " + report.seriesFound()
                + " series from " + in + " into " + report.written().size() + " images in " + outDir
                + (report.unreadable().isEmpty()
                        ? ""
                        : "; " + report.unreadable().size() + " files not readable as DICOM")
                + (report.notDicom() == 0 ? "" : "; " + report.notDicom() + " non-DICOM files ignored"));
        if (report.seriesFound() == 0) {
            err.println(in + ": no DICOM image series found (" + report.filesScanned() + " files looked at)");
            return HeadlessRunner.BAD_INPUT;
        }
        if (report.skipped().stream().anyMatch(s -> !s.badInput())) {
            return HeadlessRunner.FAILURE;
        }
        return report.skipped().isEmpty() ? HeadlessRunner.OK : HeadlessRunner.BAD_INPUT;
    }

    /**
     * Prints the attributes of one DICOM file.
     *
     * @return the exit status: 2 if the file is missing or not DICOM
     */
    @Override
    public int dump(Path fileArgument) {
        Path file = workingDirectory.resolve(fileArgument).normalize();
        if (!Files.isRegularFile(file)) {
            err.println(file
                    + (Files.exists(file)
                            ? ": is " + RegularFiles.kind(file) + ", not a DICOM file"
                            : ": no such file"));
            return HeadlessRunner.BAD_INPUT;
        }
        try {
            out.print(DicomDump.dump(file));
            out.flush();
            return HeadlessRunner.OK;
        } catch (VolumeFormatException e) {
            err.println(e.getMessage());
            return HeadlessRunner.BAD_INPUT;
        } catch (IOException | RuntimeException e) {
            err.println("dumping " + file + " failed: " + e);
            return HeadlessRunner.FAILURE;
        }
    }

    /** De-identifies a DICOM folder ({@link DicomDeidentification}). */
    @Override
    public int deidentify(Path in, Path outDir, String options, Path secret, boolean keepBurnedIn, boolean keepNames) {
        return new DicomDeidentification(workingDirectory, out, err)
                .run(in, outDir, options, secret, keepBurnedIn, keepNames);
    }
}
