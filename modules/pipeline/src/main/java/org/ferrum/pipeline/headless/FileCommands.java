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
package org.ferrum.pipeline.headless;

import java.nio.file.Path;
import org.openide.util.Lookup;

/**
 * The headless commands that are not pipelines: {@code --convert FOLDER --out DIR}, {@code --dump FILE} and
 * {@code --deidentify IN OUT}. The engine
 * only parses them ({@link HeadlessMain}); the module that understands the files implements them and registers with
 * {@code @ServiceProvider(service = FileCommands.class)} (modules/cli's {@code DicomConversion}, for DICOM), so that
 * the engine itself knows no file format beyond io's volumes.
 */
public interface FileCommands {

    /** Converts the files under {@code folder} into {@code out}; returns the exit status ({@link HeadlessRunner#OK}, ...). */
    int convert(Path folder, Path out);

    /** Prints one file's attributes; returns the exit status. */
    int dump(Path file);

    /**
     * De-identifies every file under {@code in} into {@code out} ({@code --deidentify IN OUT}); returns the exit status.
     *
     * @param options      comma-separated option names, or null for the Basic Profile alone
     * @param secret       the project secret's file, or null to generate one
     * @param keepBurnedIn write files that may carry burned-in text (flagged) instead of withholding them
     * @param keepNames    mirror the input tree and file names instead of naming outputs by de-identified
     *     identifiers ({@code --keep-names}, for inputs whose names are known to carry no PHI)
     */
    default int deidentify(Path in, Path out, String options, Path secret, boolean keepBurnedIn, boolean keepNames) {
        System.err.println("--deidentify needs Ferrum's DICOM support (modules ferrum-dicom and ferrum-cli), which is"
                + " not installed");
        return HeadlessRunner.FAILURE;
    }

    /** The registered implementation; without one, both commands say what is missing and fail. */
    static FileCommands installed() {
        FileCommands c = Lookup.getDefault().lookup(FileCommands.class);
        if (c != null) {
            return c;
        }
        return new FileCommands() {
            @Override
            public int convert(Path folder, Path out) {
                return missing("--convert");
            }

            @Override
            public int dump(Path file) {
                return missing("--dump");
            }

            private int missing(String option) {
                System.err.println(
                        option
                                + " needs Ferrum's DICOM support (modules ferrum-dicom and ferrum-cli), which is not installed");
                return HeadlessRunner.FAILURE;
            }
        };
    }
}
