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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParserSource}'s pixels: the one-pass decode of native 16-bit frames (bulk copy, value map applied in
 * place) gives exactly the floats of the general route, {@link PixelData#decodeFrame} → stored values as floats →
 * padding NaN → {@code (float) (slope · x + intercept)}, on every test file and on synthetic corner cases.
 */
class ParserSourceTest {

    private static final Path TESTDATA = Path.of("../../testdata/dicom");

    /** The general route, as assembly did it before the one-pass decode. */
    private static float[] reference(DicomFile f, int frame, double slope, double intercept)
            throws DicomFormatException {
        FrameSamples s = PixelData.decodeFrame(f, frame);
        OptionalDouble padding = f.dataset().number(DerivedMapExport.PIXEL_PADDING_VALUE);
        float[] out = new float[s.length()];
        for (int p = 0; p < out.length; p++) {
            float x = (float) s.value(p);
            if (padding.isPresent() && x == (float) padding.getAsDouble()) {
                x = Float.NaN;
            }
            out[p] = (float) (slope * x + intercept);
        }
        return out;
    }

    private static void assertSameAsReference(Path file) throws IOException {
        DicomFile f = DicomParser.read(file);
        HeaderSource.Pixels pixels = ParserSource.INSTANCE.pixels(file);
        assertEquals(f.frameCount(), pixels.frameCount(), file::toString);
        float[][] frames = ParserSource.INSTANCE.frames(file);
        for (int i = 0; i < pixels.frameCount(); i++) {
            int frame = i;
            assertArrayEquals(reference(f, i, 1, 0), frames[i], () -> file + " frame " + frame);
            assertArrayEquals(reference(f, i, 1, 0), pixels.samples(i), () -> file + " frame " + frame);
            for (double[] map : new double[][] {{1, 0}, {2.5, -3}, {0.001, 1e4}, {-1, 0.5}}) {
                float[] dst = new float[pixels.length(i) + 3];
                pixels.mapInto(i, map[0], map[1], dst, 3);
                float[] want = new float[dst.length];
                System.arraycopy(reference(f, i, map[0], map[1]), 0, want, 3, dst.length - 3);
                assertArrayEquals(want, dst, () -> file + " frame " + frame + " map " + map[0] + ", " + map[1]);
            }
        }
    }

    @Test
    void everyTestFileDecodesAsTheGeneralRoute() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(TESTDATA)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int native16 = 0, compared = 0;
        for (Path file : files) {
            DicomFile f;
            try {
                f = DicomParser.read(file);
                if (!f.hasPixelData() || PixelData.decodeFrame(f, 0).samplesPerPixel() != 1) {
                    continue;
                }
            } catch (IOException | RuntimeException e) {
                continue; // not DICOM, not decodable or colour: what the general route rejects, it still rejects
            }
            assertSameAsReference(file);
            compared++;
            if (!f.isEncapsulated() && f.dataset().integer(Tags.BitsAllocated).orElse(0) == 16) {
                native16++;
            }
        }
        assertTrue(
                native16 >= 20 && compared > native16,
                "compared " + compared + " files, " + native16 + " native 16-bit");
    }

    private static SyntheticDicom image(
            SyntheticDicom d, int columns, int rows, int stored, int high, int representation) {
        return d.us(Tags.SamplesPerPixel, 1)
                .us(Tags.Rows, rows)
                .us(Tags.Columns, columns)
                .us(Tags.BitsAllocated, 16)
                .us(Tags.BitsStored, stored)
                .us(Tags.HighBit, high)
                .us(Tags.PixelRepresentation, representation);
    }

    private static Path write(Path dir, String name, SyntheticDicom d) throws IOException {
        return Files.write(dir.resolve(name), d.part10());
    }

    @Test
    void cornerCasesOfNative16DecodeAsTheGeneralRoute(@TempDir Path dir) throws IOException {
        int[] words = {0x0FFF, 0xF001, 0x1234, 0x0000, 0x8000, 0x7FFF};
        assertSameAsReference(write(
                dir,
                "12u.dcm",
                image(SyntheticDicom.explicitLittleEndian(), 3, 2, 12, 11, 0).ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "12s.dcm",
                image(SyntheticDicom.explicitLittleEndian(), 3, 2, 12, 11, 1).ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "12h15.dcm",
                image(SyntheticDicom.explicitLittleEndian(), 3, 2, 12, 15, 1).ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "16s.dcm",
                image(SyntheticDicom.implicitLittleEndian(), 3, 2, 16, 15, 1).ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "16be.dcm",
                image(SyntheticDicom.explicitBigEndian(), 3, 2, 16, 15, 0).ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "frames.dcm",
                image(SyntheticDicom.explicitLittleEndian().text(Tags.NumberOfFrames, "IS", "3"), 2, 1, 16, 15, 1)
                        .ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "padded.dcm",
                image(SyntheticDicom.explicitLittleEndian(), 3, 2, 16, 15, 0)
                        .us(DerivedMapExport.PIXEL_PADDING_VALUE, 0x1234)
                        .ow(Tags.PixelData, words)));
        assertSameAsReference(write(
                dir,
                "paddedSigned.dcm",
                image(SyntheticDicom.explicitLittleEndian(), 3, 2, 16, 15, 1)
                        .ss(DerivedMapExport.PIXEL_PADDING_VALUE, -32768)
                        .ow(Tags.PixelData, words)));
    }
}
