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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An in-memory {@link HeaderSource}: headers and frames by path (the files must exist for their sizes). */
final class FakeSource implements HeaderSource {

    final Map<Path, DicomDataset> headers = new HashMap<>();
    final Map<Path, float[][]> pixels = new HashMap<>();

    FakeSource add(Path file, DicomDataset header, float[]... frames) {
        headers.put(file, header);
        pixels.put(file, frames);
        return this;
    }

    @Override
    public DicomDataset header(Path file) throws IOException {
        DicomDataset d = headers.get(file);
        if (d == null) {
            throw new DicomFormatException(file, "not a DICOM file (fake)");
        }
        return d;
    }

    @Override
    public float[][] frames(Path file) throws IOException {
        float[][] f = pixels.get(file);
        if (f == null) {
            throw new NoSuchFileException(file.toString());
        }
        return f;
    }
}
