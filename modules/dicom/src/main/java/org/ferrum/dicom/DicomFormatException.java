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
package org.ferrum.dicom;

import java.nio.file.Path;
import org.ferrum.io.VolumeFormatException;

/**
 * A DICOM file or series that cannot be read as the standard says: the message names the file and,
 * where it applies, the attribute (keyword and tag) or byte offset.
 */
public class DicomFormatException extends VolumeFormatException {

    private static final long serialVersionUID = 1L;

    public DicomFormatException(Path file, String problem) {
        super(file, problem);
    }

    public DicomFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
