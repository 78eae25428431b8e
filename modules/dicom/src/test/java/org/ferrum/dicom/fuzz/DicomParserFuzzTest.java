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
package org.ferrum.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.ferrum.dicom.DicomDump;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomFormatException;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.FrameSamples;
import org.ferrum.dicom.PixelData;

/**
 * Fuzz target for the DICOM Part 10 parser: any bytes yield a {@link DicomFile} (whose frames then decode or
 * fail with a {@link DicomFormatException}) or a {@link DicomFormatException}; any other throwable, a hang or
 * running out of memory is a finding.
 *
 * <p>Run only by the {@code fuzz} profile of modules/dicom. Without {@code JAZZER_FUZZ=1} it replays the seeds in
 * {@code src/test/resources/org/ferrum/dicom/fuzz/DicomParserFuzzTestInputs/} (small real files and any
 * recorded crashes); with it, Jazzer mutates them for {@code maxDuration}:
 * <pre>JAZZER_FUZZ=1 mvn -o -Pfuzz test -pl modules/dicom -Dtest=DicomParserFuzzTest</pre>
 */
class DicomParserFuzzTest {

    private static final Path NAME = Path.of("fuzz.dcm");

    @FuzzTest(maxDuration = "5m")
    void parseAnyBytes(byte[] input) {
        DicomFile file;
        try {
            file = DicomParser.parse(NAME, input);
        } catch (DicomFormatException e) {
            checkMessage(e);
            return;
        }
        DicomDump.dump(file);
        if (!file.hasPixelData()) {
            return;
        }
        try {
            int frames = Math.min(file.frameCount(), 3);
            for (int i = 0; i < frames; i++) {
                FrameSamples s = PixelData.decodeFrame(file, i);
                if (s.length() != s.columns() * s.rows() * s.samplesPerPixel()) {
                    throw new IllegalStateException("sample count does not match the frame size");
                }
            }
        } catch (DicomFormatException e) {
            checkMessage(e);
        }
    }

    private static void checkMessage(DicomFormatException e) {
        if (!e.getMessage().startsWith("fuzz.dcm: ")) {
            throw new IllegalStateException("message does not name the file: " + e.getMessage());
        }
    }
}
