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

import java.io.IOException;
import java.nio.file.Path;
import org.ferrum.io.HostileInput;
import org.ferrum.io.VolumeFiles;

/** How Ferrum reads a DICOM file, for {@link HostileInput} (io's test jar). */
public enum DicomWay implements HostileInput.Reading {
    /** {@link DicomParser#read}, {@link DicomDump#dump} ({@code --dump}), {@link DicomFile#frameCount}, then up to 3 frames {@link PixelData#decodeFrame decoded}. */
    DICOM {
        @Override
        public String readOnce(Path file) throws IOException {
            DicomFile f = DicomParser.read(file);
            DicomDump.dump(f);
            if (f.hasPixelData()) {
                int frames = f.frameCount();
                for (int i = 0; i < Math.min(frames, 3); i++) {
                    PixelData.decodeFrame(f, i);
                }
            }
            return null;
        }
    },
    /** {@link DicomScanner#scan} of the file (header only, as the import window and {@code --convert} start). */
    DICOM_SCAN {
        @Override
        public String readOnce(Path file) throws IOException {
            DicomScan scan = DicomScanner.scan(file);
            for (UnreadableFile u : scan.unreadable()) {
                return u.path().getFileName() + ": " + u.reason();
            }
            return null;
        }
    },
    /** The DICOM volume reader ({@code VolumeFiles.read}: scan, series assembly, pixels). */
    DICOM_VOLUME {
        @Override
        public String readOnce(Path file) throws IOException {
            VolumeFiles.read(file);
            return null;
        }
    }
}
