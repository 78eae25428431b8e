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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JPEG 2000 through the wrapped JJ2000 codec: exact decoding of codestreams from an independent encoder
 * (OpenJPEG) and from the library's own writer, a real signed 16-bit DICOM file, and refusals of streams
 * that are truncated, JP2-wrapped or too large.
 */
class Jpeg2000DecoderTest {

    private static final Path FILE = Path.of("j2k.dcm");

    /** A lossless bare codestream (what PS3.5 A.4.4 stores) of the image, or a JP2 file if jp2. */
    static byte[] encode(BufferedImage image, boolean jp2) throws IOException {
        ImageWriter writer = new J2KImageWriterSpi().createWriterInstance();
        J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
        param.setWriteCodeStreamOnly(!jp2);
        param.setLossless(true);
        param.setFilter(J2KImageWriteParam.FILTER_53);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static BufferedImage image(int type, int columns, int rows, int bands, int max, long seed, int[] samples) {
        BufferedImage image = new BufferedImage(columns, rows, type);
        WritableRaster raster = image.getRaster();
        Random random = new Random(seed);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int b = 0; b < bands; b++) {
                    double smooth = 0.5 + 0.45 * Math.sin(0.3 * x - 0.2 * y + b);
                    int v = (int) Math.round(smooth * max) + random.nextInt(7) - 3;
                    if (x == 5) {
                        v = y % 2 == 0 ? 0 : max;
                    }
                    samples[(y * columns + x) * bands + b] = Math.max(0, Math.min(max, v));
                }
            }
        }
        raster.setPixels(0, 0, columns, rows, samples);
        return image;
    }

    /**
     * Codestreams made by OpenJPEG's opj_compress (an encoder independent of the codec under test; see
     * generate.py beside them): unsigned 12 and 16 bits, signed 12 and 16 bits, several tiles, several
     * quality layers with RPCL progression, SOP/EPH markers, and RGB with the reversible colour transform.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "grey12_37x23, 37, 23, 1, 12",
        "grey16_tiled_40x29, 40, 29, 1, 16",
        "signed16_layers_33x21, 33, 21, 1, 16",
        "signed12_19x17, 19, 17, 1, 12",
        "rgb8_mct_26x15, 26, 15, 3, 8"
    })
    void decodesIndependentlyEncodedCodestreamsExactly(String name, int columns, int rows, int components, int bits)
            throws Exception {
        byte[] cs = resource(name + ".j2k");
        ByteBuffer expectedBytes = ByteBuffer.wrap(resource(name + ".expected")).order(ByteOrder.LITTLE_ENDIAN);
        int[] expected = new int[columns * rows * components];
        expectedBytes.asIntBuffer().get(expected);
        DecodedImage d = Jpeg2000Decoder.decode(cs, FILE);
        assertEquals(columns, d.columns());
        assertEquals(rows, d.rows());
        assertEquals(components, d.samplesPerPixel());
        assertEquals(bits, d.bitsStored());
        assertArrayEquals(expected, d.samples());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Jpeg2000DecoderTest.class.getResourceAsStream("jpeg2000/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /**
     * jai-imageio's own writer, for 8-bit and full-range 16-bit grey. (Its TYPE_INT_RGB output and its
     * 12-bit-in-16 output at default decomposition levels are not lossless: OpenJPEG decodes those streams
     * to the same wrong values as this reader, so the fault is the writer's and is not used here.)
     */
    @Test
    void roundTripsEightAndSixteenBitGreyFromTheLibraryWriter() throws Exception {
        int columns = 45, rows = 27;
        int[] grey8 = new int[columns * rows];
        byte[] cs = encode(image(BufferedImage.TYPE_BYTE_GRAY, columns, rows, 1, 255, 1, grey8), false);
        DecodedImage d = Jpeg2000Decoder.decode(cs, FILE);
        assertEquals(8, d.bitsStored());
        assertArrayEquals(grey8, d.samples());

        int[] grey16 = new int[columns * rows];
        cs = encode(image(BufferedImage.TYPE_USHORT_GRAY, columns, rows, 1, 65535, 2, grey16), false);
        d = Jpeg2000Decoder.decode(cs, FILE);
        assertEquals(16, d.bitsStored());
        assertEquals(1, d.samplesPerPixel());
        assertArrayEquals(grey16, d.samples());
    }

    @Test
    void decodesTheSignedSixteenBitPydicomFileExactly() throws Exception {
        // MR_small: 64×64, BitsStored 16, PixelRepresentation 1; the .4.90 copy holds the same pixels.
        Path dir = pydicomFiles();
        assumeTrue(dir != null, "pydicom test files not available");
        int[] reference = uncompressedSigned16(dir.resolve("MR_small.dcm"), 64 * 64);
        Path jp2k = dir.resolve("MR_small_jp2klossless.dcm");
        DecodedImage d = Jpeg2000Decoder.decode(TransferSyntaxPixelsTest.codestream(jp2k), jp2k);
        assertEquals(64, d.columns());
        assertEquals(64, d.rows());
        assertEquals(16, d.bitsStored());
        assertTrue(Arrays.stream(d.samples()).anyMatch(v -> v < 0)
                || Arrays.stream(reference).noneMatch(v -> v < 0));
        assertArrayEquals(reference, d.samples());
    }

    @Test
    void refusesEveryTruncation() throws Exception {
        int[] samples = new int[20 * 12];
        byte[] cs = encode(image(BufferedImage.TYPE_USHORT_GRAY, 20, 12, 1, 65535, 4, samples), false);
        assertArrayEquals(samples, Jpeg2000Decoder.decode(cs, FILE).samples());
        byte[] tiled = resource("grey16_tiled_40x29.j2k");
        for (int cut = 0; cut < tiled.length; cut++) {
            byte[] truncated = Arrays.copyOf(tiled, cut);
            assertThrows(
                    DicomFormatException.class, () -> Jpeg2000Decoder.decode(truncated, FILE), "tiled, cut at " + cut);
        }
        for (int cut = 0; cut < cs.length; cut++) {
            byte[] truncated = Arrays.copyOf(cs, cut);
            DicomFormatException e = assertThrows(
                    DicomFormatException.class, () -> Jpeg2000Decoder.decode(truncated, FILE), "cut at " + cut);
            assertTrue(e.getMessage().contains("j2k.dcm"), e.getMessage());
        }
        // Padding after EOC (fragments have even length) is harmless.
        assertArrayEquals(
                samples,
                Jpeg2000Decoder.decode(Arrays.copyOf(cs, cs.length + 1), FILE).samples());
    }

    @Test
    void refusesTruncationsOfTheRealCodestream() throws Exception {
        Path nine = TransferSyntaxPixelsTest.ts("9.dcm");
        byte[] cs = TransferSyntaxPixelsTest.codestream(nine);
        for (int cut : new int[] {cs.length - 2, cs.length - 1000, cs.length / 2, 200, 60}) {
            byte[] truncated = Arrays.copyOf(cs, cut);
            DicomFormatException e =
                    assertThrows(DicomFormatException.class, () -> Jpeg2000Decoder.decode(truncated, nine));
            assertTrue(e.getMessage().contains("9.dcm") && e.getMessage().contains("offset"), e.getMessage());
        }
    }

    @Test
    void refusesJp2FilesAndOtherNonCodestreams() throws Exception {
        int[] samples = new int[8 * 8];
        byte[] jp2 = encode(image(BufferedImage.TYPE_BYTE_GRAY, 8, 8, 1, 255, 5, samples), true);
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> Jpeg2000Decoder.decode(jp2, FILE));
        assertTrue(e.getMessage().contains("JP2"), e.getMessage());
        assertThrows(DicomFormatException.class, () -> Jpeg2000Decoder.decode(new byte[0], FILE));
        assertThrows(DicomFormatException.class, () -> Jpeg2000Decoder.decode(null, FILE));
        assertThrows(
                DicomFormatException.class,
                () -> Jpeg2000Decoder.decode(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}, FILE));
    }

    @Test
    void refusesHugeImagesBeforeDecoding() throws Exception {
        int[] samples = new int[8 * 8];
        byte[] cs = encode(image(BufferedImage.TYPE_BYTE_GRAY, 8, 8, 1, 255, 6, samples), false);
        byte[] huge = cs.clone();
        // Xsiz and Ysiz (SIZ offsets 8 and 12) to 100000.
        ByteBuffer.wrap(huge).order(ByteOrder.BIG_ENDIAN).putInt(8, 100_000).putInt(12, 100_000);
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> Jpeg2000Decoder.decode(huge, FILE));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void corruptBytesNeverEscapeAsUncheckedExceptions() throws Exception {
        int[] samples = new int[24 * 16];
        byte[] cs = encode(image(BufferedImage.TYPE_USHORT_GRAY, 24, 16, 1, 65535, 7, samples), false);
        // Seed 3, trial 589 made the codec loop forever before Jpeg2000Decoder fed it a stream that ends
        // with EOFException; JPEG 2000 has no checksum, so many corruptions still decode to other pixels.
        Random random = new Random(3);
        for (int trial = 0; trial < 1500; trial++) {
            byte[] bad = cs.clone();
            for (int f = 0; f < 1 + random.nextInt(3); f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                DecodedImage d = Jpeg2000Decoder.decode(bad, FILE);
                assertEquals((long) d.columns() * d.rows() * d.samplesPerPixel(), d.samples().length);
            } catch (DicomFormatException expected) {
                // fine: the codec or our checks refused the stream
            }
        }
    }

    static Path pydicomFiles() {
        Path own = TestData.root().resolve("dicom/pydicom/test_files");
        if (Files.isRegularFile(own.resolve("MR_small_jp2klossless.dcm"))) {
            return own;
        }
        Path shared = TestData.root()
                .toAbsolutePath()
                .getParent()
                .getParent()
                .resolve("shared/testdata/dicom/pydicom/test_files");
        return Files.isRegularFile(shared.resolve("MR_small_jp2klossless.dcm")) ? shared : null;
    }

    /** Pixel data of an explicit VR little endian file with defined-length OW data, as signed 16-bit. */
    static int[] uncompressedSigned16(Path path, int count) throws IOException {
        byte[] file = Files.readAllBytes(path);
        int at = -1;
        for (int i = file.length - 12; i >= 0; i--) {
            if (file[i] == (byte) 0xE0 && file[i + 1] == 0x7F && file[i + 2] == 0x10 && file[i + 3] == 0x00) {
                at = i;
                break;
            }
        }
        assertTrue(at >= 0);
        ByteBuffer b = ByteBuffer.wrap(file, at + 12, count * 2).order(ByteOrder.LITTLE_ENDIAN);
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i] = b.getShort();
        }
        return pixels;
    }

    @Test
    void aStuckCodecIsGivenUpWithAClearMessageNotAHang() {
        // The limit scales with the image so that healthy decodes never reach it.
        Jpeg2000Decoder.Size small = new Jpeg2000Decoder.Size(64, 64, 1, 16, false);
        Jpeg2000Decoder.Size large = new Jpeg2000Decoder.Size(4096, 4096, 3, 16, false);
        org.junit.jupiter.api.Assertions.assertTrue(Jpeg2000Decoder.timeLimitMillis(small) >= 20_000);
        org.junit.jupiter.api.Assertions.assertTrue(
                Jpeg2000Decoder.timeLimitMillis(large) > Jpeg2000Decoder.timeLimitMillis(small));
    }
}
