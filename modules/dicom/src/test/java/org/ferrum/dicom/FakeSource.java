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
