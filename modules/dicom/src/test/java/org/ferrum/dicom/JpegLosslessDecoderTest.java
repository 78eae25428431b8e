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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact round trips through the test encoder for every option of process 14, and refusals of bad streams. */
class JpegLosslessDecoderTest {

    private static final Path FILE = Path.of("frame.dcm");

    /** A smooth image with noise, a hard edge and the extreme values, so every category is used. */
    static int[] image(int columns, int rows, int components, int precision, long seed) {
        Random random = new Random(seed);
        int max = (1 << precision) - 1;
        int[] s = new int[columns * rows * components];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int c = 0; c < components; c++) {
                    double smooth = 0.5 + 0.4 * Math.sin(0.21 * x + 0.13 * y + c);
                    int v = (int) Math.round(smooth * max) + random.nextInt(9) - 4;
                    if (x == columns / 2) {
                        v = (y + c) % 2 == 0 ? 0 : max; // a column of extremes: the largest differences
                    }
                    s[(y * columns + x) * components + c] = Math.max(0, Math.min(max, v));
                }
            }
        }
        return s;
    }

    static Stream<Arguments> predictorsPrecisionsComponents() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int predictor = 1; predictor <= 7; predictor++) {
            for (int precision : new int[] {8, 12, 16}) {
                for (int components : new int[] {1, 3}) {
                    b.add(Arguments.of(predictor, precision, components));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "predictor {0}, {1} bits, {2} components")
    @MethodSource("predictorsPrecisionsComponents")
    void roundTripsEveryPredictorPrecisionAndComponentCount(int predictor, int precision, int components)
            throws DicomFormatException {
        int columns = 37, rows = 23;
        int[] samples = image(columns, rows, components, precision, predictor * 100 + precision);
        byte[] stream = new LosslessJpegEncoder()
                .predictor(predictor)
                .precision(precision)
                .encode(columns, rows, components, samples);
        DecodedImage image = JpegLosslessDecoder.decode(stream, FILE);
        assertEquals(columns, image.columns());
        assertEquals(rows, image.rows());
        assertEquals(components, image.samplesPerPixel());
        assertEquals(precision, image.bitsStored());
        assertArrayEquals(samples, image.samples());
    }

    @ParameterizedTest(name = "predictor {0}")
    @MethodSource("predictors")
    void roundTripsNonInterleavedScansWithRestartsAndLongCodes(int predictor) throws DicomFormatException {
        int columns = 29, rows = 17;
        int[] samples = image(columns, rows, 3, 12, predictor);
        for (boolean interleaved : new boolean[] {true, false}) {
            for (int restart : new int[] {0, 1, 7, columns, 3 * columns}) {
                for (LosslessJpegEncoder.Tables tables : LosslessJpegEncoder.Tables.values()) {
                    byte[] stream = new LosslessJpegEncoder()
                            .predictor(predictor)
                            .precision(12)
                            .interleaved(interleaved)
                            .restartInterval(restart)
                            .tables(tables)
                            .encode(columns, rows, 3, samples);
                    assertArrayEquals(
                            samples,
                            JpegLosslessDecoder.decode(stream, FILE).samples(),
                            "interleaved " + interleaved + ", restart " + restart + ", " + tables);
                }
            }
        }
    }

    static Stream<Integer> predictors() {
        return Stream.of(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void appliesThePointTransform() throws DicomFormatException {
        int columns = 20, rows = 11;
        for (int pt : new int[] {1, 3, 11}) {
            int[] samples = image(columns, rows, 1, 12, pt);
            for (int i = 0; i < samples.length; i++) {
                samples[i] &= ~((1 << pt) - 1);
            }
            for (int predictor = 1; predictor <= 7; predictor++) {
                byte[] stream = new LosslessJpegEncoder()
                        .precision(12)
                        .predictor(predictor)
                        .pointTransform(pt)
                        .restartInterval(5)
                        .encode(columns, rows, 1, samples);
                assertArrayEquals(
                        samples, JpegLosslessDecoder.decode(stream, FILE).samples(), "Pt " + pt);
            }
        }
    }

    @Test
    void decodesSixteenBitDifferencesOfCategorySixteen() throws DicomFormatException {
        // 0 next to 32768 (and 65535 next to 32767): differences of ±32768, coded as SSSS = 16 with no extra bits.
        int columns = 16, rows = 6;
        int[] samples = new int[columns * rows];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = switch (i % 4) {
                case 0 -> 0;
                case 1 -> 32768;
                case 2 -> 65535;
                default -> 32767;
            };
        }
        for (int predictor = 1; predictor <= 7; predictor++) {
            byte[] stream =
                    new LosslessJpegEncoder().precision(16).predictor(predictor).encode(columns, rows, 1, samples);
            assertArrayEquals(samples, JpegLosslessDecoder.decode(stream, FILE).samples(), "predictor " + predictor);
        }
    }

    @Test
    void decodesTwoBitPrecisionAndSinglePixels() throws DicomFormatException {
        int[] two = image(9, 5, 1, 2, 2);
        assertArrayEquals(
                two,
                JpegLosslessDecoder.decode(
                                new LosslessJpegEncoder().precision(2).encode(9, 5, 1, two), FILE)
                        .samples());
        int[] one = {4095};
        assertArrayEquals(
                one,
                JpegLosslessDecoder.decode(
                                new LosslessJpegEncoder().precision(12).encode(1, 1, 1, one), FILE)
                        .samples());
        int[] constant = new int[64 * 3];
        Arrays.fill(constant, 1000);
        assertArrayEquals(
                constant,
                JpegLosslessDecoder.decode(
                                new LosslessJpegEncoder()
                                        .precision(16)
                                        .predictor(7)
                                        .encode(64, 1, 3, constant),
                                FILE)
                        .samples());
    }

    @Test
    void takesTheHeightFromADnlSegmentAndSkipsApplicationSegments() throws DicomFormatException {
        int[] samples = image(13, 10, 1, 16, 5);
        byte[] stream = new LosslessJpegEncoder()
                .heightInDnl(true)
                .extraSegments(true)
                .restartInterval(13)
                .encode(13, 10, 1, samples);
        DecodedImage image = JpegLosslessDecoder.decode(stream, FILE);
        assertEquals(10, image.rows());
        assertArrayEquals(samples, image.samples());
    }

    @Test
    void toleratesPaddingAfterEoiAndAMissingEoi() throws DicomFormatException {
        int[] samples = image(15, 9, 1, 12, 3);
        byte[] stream = new LosslessJpegEncoder().precision(12).encode(15, 9, 1, samples);
        byte[] padded = Arrays.copyOf(stream, stream.length + 1); // DICOM fragments have even length
        assertArrayEquals(samples, JpegLosslessDecoder.decode(padded, FILE).samples());
        assertArrayEquals(
                samples,
                JpegLosslessDecoder.decode(Arrays.copyOf(stream, stream.length - 2), FILE)
                        .samples());
    }

    @Test
    void refusesEveryTruncationWithAnErrorNamingFileAndOffset() {
        int[] samples = image(31, 19, 3, 16, 9);
        for (int restart : new int[] {0, 31}) {
            byte[] stream = new LosslessJpegEncoder().restartInterval(restart).encode(31, 19, 3, samples);
            for (int cut = 0; cut < stream.length - 2; cut++) {
                byte[] truncated = Arrays.copyOf(stream, cut);
                DicomFormatException e = assertThrows(
                        DicomFormatException.class, () -> JpegLosslessDecoder.decode(truncated, FILE), "cut at " + cut);
                assertTrue(e.getMessage().contains("frame.dcm"), e.getMessage());
                assertTrue(e.getMessage().contains("offset"), e.getMessage());
            }
        }
    }

    @Test
    void corruptBytesGiveDicomFormatExceptionOrAnImageNeverAnotherException() {
        int[] samples = image(24, 16, 3, 12, 11);
        byte[] stream = new LosslessJpegEncoder()
                .precision(12)
                .restartInterval(24)
                .predictor(4)
                .encode(24, 16, 3, samples);
        Random random = new Random(42);
        int failures = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bad = stream.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                DecodedImage image = JpegLosslessDecoder.decode(bad, FILE);
                long expected = (long) image.columns() * image.rows() * image.samplesPerPixel();
                assertEquals(expected, image.samples().length);
            } catch (DicomFormatException e) {
                failures++;
                assertTrue(e.getCause() == null, () -> "unexpected internal failure: " + e.getMessage());
            }
        }
        assertTrue(failures > 0);
    }

    @Test
    void refusesLossyArithmeticAndHierarchicalFrames() {
        byte[] stream = new LosslessJpegEncoder().encode(4, 4, 1, new int[16]);
        int sof = indexOf(stream, 0xC3);
        for (int[] m : new int[][] {{0xC0, 'l'}, {0xC1, 'l'}, {0xC2, 'l'}, {0xCB, 'a'}, {0xC7, 'h'}}) {
            byte[] other = stream.clone();
            other[sof] = (byte) m[0];
            DicomFormatException e =
                    assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(other, FILE));
            String expected =
                    switch (m[1]) {
                        case 'l' -> "lossy";
                        case 'a' -> "arithmetic";
                        default -> "hierarchical";
                    };
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(new byte[0], FILE));
        assertThrows(
                DicomFormatException.class,
                () -> JpegLosslessDecoder.decode(new byte[] {(byte) 0xFF, (byte) 0xD8}, FILE));
        assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(null, FILE));
    }

    @Test
    void refusesFrameSizesTheStreamCannotHoldBeforeAllocating() {
        byte[] stream = new LosslessJpegEncoder().encode(4, 4, 1, new int[16]);
        int sof = indexOf(stream, 0xC3);
        byte[] huge = stream.clone();
        // Y and X (offsets 5..8 after the marker) to 65535: 4 billion samples claimed by a tiny stream.
        for (int i = sof + 4; i < sof + 8; i++) {
            huge[i] = (byte) 0xFF;
        }
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(huge, FILE));
        assertTrue(e.getMessage().contains("exceed") || e.getMessage().contains("cannot fit"), e.getMessage());
        byte[] wide = stream.clone();
        wide[sof + 6] = 0x10; // 4 rows × 4100 columns: within the cap, but more samples than bits
        e = assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(wide, FILE));
        assertTrue(e.getMessage().contains("cannot fit"), e.getMessage());
    }

    @Test
    void refusesUndefinedTablesBadPredictorsAndMissingComponents() {
        int[] samples = image(8, 8, 3, 8, 1);
        byte[] stream =
                new LosslessJpegEncoder().precision(8).interleaved(false).encode(8, 8, 3, samples);
        // Predictor 0 (hierarchical differences only) in the first scan header.
        byte[] p0 = stream.clone();
        int sos = indexOf(p0, 0xDA);
        p0[sos + 6] = 0;
        assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(p0, FILE));
        // Table destination 3 never defined.
        byte[] td = stream.clone();
        td[sos + 5] = 0x30;
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(td, FILE));
        assertTrue(e.getMessage().contains("Huffman table 3"), e.getMessage());
        // Stop after the first scan: components 2 and 3 never coded.
        int secondDht = indexOf(stream, 0xC4, sos);
        byte[] oneScan = Arrays.copyOf(stream, secondDht + 2);
        oneScan[secondDht] = (byte) 0xFF;
        oneScan[secondDht + 1] = (byte) 0xD9;
        e = assertThrows(DicomFormatException.class, () -> JpegLosslessDecoder.decode(oneScan, FILE));
        assertTrue(e.getMessage().contains("in no scan"), e.getMessage());
    }

    @Test
    void decodesA512By512SixteenBitFrameInAFewMilliseconds() throws DicomFormatException {
        int n = 512;
        int[] samples = image(n, n, 1, 16, 7);
        byte[] stream = new LosslessJpegEncoder().precision(16).encode(n, n, 1, samples);
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 60; run++) {
            long t0 = System.nanoTime();
            DecodedImage image = JpegLosslessDecoder.decode(stream, FILE);
            best = Math.min(best, System.nanoTime() - t0);
            assertEquals(samples.length, image.samples().length);
        }
        assertArrayEquals(samples, JpegLosslessDecoder.decode(stream, FILE).samples());
        System.out.printf("lossless JPEG 512x512x16-bit (%d bytes): best %.2f ms%n", stream.length, best / 1e6);
        assertTrue(best < 100_000_000L, "best decode " + best / 1e6 + " ms");
    }

    /** The offset of the first FF marker after from. */
    static int indexOf(byte[] stream, int marker, int from) {
        for (int i = from; i + 1 < stream.length; i++) {
            if ((stream[i] & 0xFF) == 0xFF && (stream[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    static int indexOf(byte[] stream, int marker) {
        return indexOf(stream, marker, 0) + 1;
    }
}
