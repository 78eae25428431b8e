package org.ferrum.io.dicom;

import java.io.IOException;
import java.nio.file.Path;

/** {@link HeaderSource} backed by the Part 10 parser ({@link DicomParser}, {@link PixelData}). */
final class ParserSource implements HeaderSource {

    static final ParserSource INSTANCE = new ParserSource();

    private ParserSource() {
    }

    @Override
    public DicomDataset header(Path file) throws IOException {
        return DicomParser.readHeader(file).dataset();
    }

    @Override
    public float[][] frames(Path file) throws IOException {
        DicomFile f = DicomParser.read(file);
        if (!f.hasPixelData()) {
            throw new DicomFormatException(file, "has no Pixel Data (7FE0,0010)");
        }
        int n = f.frameCount();
        // Stored values equal to Pixel Padding Value (0028,0120) carry no data (PS3.3 C.7.5.1.1.2): NaN, so
        // any rescale leaves them NaN (e.g. the blank voxels of exported maps).
        java.util.OptionalDouble padding = f.dataset().number(DerivedMapExport.PIXEL_PADDING_VALUE);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            FrameSamples s = PixelData.decodeFrame(f, i);
            if (s.samplesPerPixel() != 1) {
                throw new DicomFormatException(file, "has " + s.samplesPerPixel() + " samples per pixel (colour); series assembly reads grey-scale images only");
            }
            float[] px = new float[s.length()];
            if (s.isInteger()) {
                int[] v = s.integers();
                for (int p = 0; p < px.length; p++) {
                    px[p] = v[p];
                }
            } else {
                for (int p = 0; p < px.length; p++) {
                    px[p] = (float) s.value(p);
                }
            }
            if (padding.isPresent()) {
                float pad = (float) padding.getAsDouble();
                for (int p = 0; p < px.length; p++) {
                    if (px[p] == pad) {
                        px[p] = Float.NaN;
                    }
                }
            }
            out[i] = px;
        }
        return out;
    }
}
