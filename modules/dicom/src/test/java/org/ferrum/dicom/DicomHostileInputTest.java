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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.ferrum.io.HostileInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile DICOM files (issue 14, items 8 and 9), generated here: a count or length from the header never
 * sizes an allocation before it is checked against the bytes present, and a deflated data set never inflates
 * past the limit. Each is refused with one exact line, by every way Ferrum reads DICOM (parser and frames,
 * folder scan, volume reader), within 2 s and 512 MB — on the reading thread here, and in a child JVM with
 * {@code -Xmx512m} for all threads.
 */
class DicomHostileInputTest {

    private static final long TWO_SECONDS = 2_000_000_000L;
    private static final long MB_512 = 512L << 20;
    private static final String RLE = "1.2.840.10008.1.2.5";
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    @TempDir
    static Path dir;

    /** (way, file) → the exact refusal. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    private static final Map<String, Path> FILES = new LinkedHashMap<>();

    /** A 16×16 16-bit MR image, everything but the pixel data. */
    private static SyntheticDicom image(int frames) {
        return image(frames, null);
    }

    /** The same with an Image Type (0008,0008), e.g. "ORIGINAL\\PRIMARY\\M\\MOSAIC". */
    private static SyntheticDicom image(int frames, String imageType) {
        SyntheticDicom d = SyntheticDicom.explicitLittleEndian();
        if (imageType != null) {
            d.text(Tags.ImageType, "CS", imageType);
        }
        d.text(Tags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.4")
                .text(Tags.Modality, "CS", "MR")
                .text(Tags.SeriesInstanceUID, "UI", "1.2.3.4.5")
                .text(Tags.ImagePositionPatient, "DS", "0\\0\\0")
                .text(Tags.ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
                .us(Tags.SamplesPerPixel, 1)
                .text(Tags.PhotometricInterpretation, "CS", "MONOCHROME2")
                .text(Tags.NumberOfFrames, "IS", Integer.toString(frames))
                .us(Tags.Rows, 16)
                .us(Tags.Columns, 16)
                .text(Tags.PixelSpacing, "DS", "1\\1")
                .us(Tags.BitsAllocated, 16)
                .us(Tags.BitsStored, 16)
                .us(Tags.HighBit, 15)
                .us(Tags.PixelRepresentation, 0);
        return d;
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path folder = Files.createDirectories(
                dir.resolve(name.replace(".dcm", ""))); // one file per folder: the volume reader scans the folder
        return Files.write(folder.resolve(name), bytes);
    }

    private static void expect(DicomWay way, Path file, String message) {
        EXPECTED.put(way + "=" + file, message);
    }

    @BeforeAll
    static void writeCorpus() throws IOException {
        // 1. Native pixel data of one frame, NumberOfFrames 2³¹ − 1: the frame-header reader built 2³¹ entries
        // (OutOfMemoryError).
        Path frames = write(
                "frames-2G.dcm",
                image(Integer.MAX_VALUE).ow(Tags.PixelData, new int[16 * 16]).part10());
        String header =
                "frames-2G.dcm: (0028,0008) NumberOfFrames is 2147483647 but the 524 bytes of pixel data hold at most 1"
                        + " frame(s) of 512 bytes";
        expect(DicomWay.DICOM_SCAN, frames, header);
        expect(DicomWay.DICOM_VOLUME, frames, header);
        expect(
                DicomWay.DICOM,
                frames,
                "frames-2G.dcm: (0028,0008) NumberOfFrames is 2147483647 but (7FE0,0010) PixelData holds 512 bytes,"
                        + " room for at most 1 frame(s) of 512 bytes");

        // 2. RLE, one fragment, NumberOfFrames 2³¹ − 1: the frame table was allocated with 2³¹ entries.
        SyntheticDicom rle = image(Integer.MAX_VALUE)
                .header(Tags.PixelData, "OB", 0xFFFFFFFFL)
                .header(Tags.Item, null, 0) // empty Basic Offset Table
                .header(Tags.Item, null, 64)
                .raw(new byte[64])
                .endSequence();
        Path encapsulated = write("rle-frames-2G.dcm", SyntheticDicom.part10(RLE, rle.dataset()));
        String rleHeader =
                "rle-frames-2G.dcm: (0028,0008) NumberOfFrames is 2147483647 but the 100 bytes of pixel data hold at most 12"
                        + " encapsulated frame(s) of at least one 8-byte item";
        expect(DicomWay.DICOM_SCAN, encapsulated, rleHeader);
        expect(DicomWay.DICOM_VOLUME, encapsulated, rleHeader);
        expect(
                DicomWay.DICOM,
                encapsulated,
                "rle-frames-2G.dcm: (0028,0008) NumberOfFrames is 2147483647 but the encapsulated (7FE0,0010)"
                        + " PixelData has only 1 fragment(s), at least one per frame (PS3.5 §A.4)");

        // 3. A deflated data set of 100 MB of zeros (97 kB deflated): was inflated whole (6.3 GB for 1.9 GB), --dump
        // exit 0.
        byte[] start = image(1).dataset();
        SyntheticDicom big = SyntheticDicom.explicitLittleEndian().header(Tags.PixelData, "OB", 100_000_000L);
        byte[] deflated = deflate(start, big.dataset(), 100_000_000L);
        byte[] file = SyntheticDicom.part10(DEFLATED, deflated);
        Path bomb = write("deflate-bomb.dcm", file);
        int offset = file.length - deflated.length;
        String inflate = "deflate-bomb.dcm: deflated data set at offset " + offset + " (" + deflated.length
                + " bytes) inflates to more"
                + " than 67108864 bytes, the limit for deflated DICOM (raise it with -Dferrum.dicom.maxInflatedBytes=BYTES)";
        expect(DicomWay.DICOM, bomb, inflate);
        expect(DicomWay.DICOM_SCAN, bomb, inflate);
        expect(DicomWay.DICOM_VOLUME, bomb, inflate);
        FILES.put("bomb", bomb);
    }

    /** Raw deflate (PS3.5 §A.5) of {@code head}, {@code elementHeader} and {@code zeros} zero bytes. */
    private static byte[] deflate(byte[] head, byte[] elementHeader, long zeros) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        byte[] block = new byte[1 << 20];
        d.setInput(head);
        drain(d, out, buf);
        d.setInput(elementHeader);
        drain(d, out, buf);
        for (long left = zeros; left > 0; left -= block.length) {
            d.setInput(block, 0, (int) Math.min(block.length, left));
            drain(d, out, buf);
        }
        d.finish();
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static void drain(Deflater d, ByteArrayOutputStream out, byte[] buf) {
        while (!d.needsInput()) {
            out.write(buf, 0, d.deflate(buf));
        }
    }

    @Test
    void everyHostileFileIsRefusedWithItsLineWithin2sAnd512MB() {
        assertEquals(9, EXPECTED.size());
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            String key = e.getKey();
            DicomWay way = DicomWay.valueOf(key.substring(0, key.indexOf('=')));
            HostileInput.Outcome o = HostileInput.read(way, Path.of(key.substring(key.indexOf('=') + 1)));
            assertTrue(o.refused(), key + ": " + o.line());
            assertEquals(e.getValue(), o.refusal(), key);
            assertFalse(o.refusal().contains("\n"), o.refusal());
            assertTrue(o.nanos() < TWO_SECONDS, key + ": " + o.line());
            assertTrue(o.allocatedBytes() < MB_512, key + ": " + o.line());
        }
    }

    @Test
    void inAChildJvmOf512MBEveryFileIsRefusedWithin2s() throws Exception {
        List<String> reads = new ArrayList<>(EXPECTED.keySet());
        HostileInput.ChildRun run = HostileInput.inChildJvm(512, DicomWay.class, reads);
        run.lines().forEach(System.out::println); // the figures quoted in modules/io/README.md
        assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
        assertEquals(reads.size(), run.lines().size(), String.join("\n", run.lines()));
        for (String line : run.lines()) {
            double seconds = Double.parseDouble(line.substring(line.indexOf('\t') + 1, line.indexOf(" s,")));
            assertTrue(seconds < 2, line);
        }
    }

    /**
     * Found by the fuzz profile: a Siemens CSA header whose element name holds a line break (and a bad item count)
     * gave a refusal of two lines; every refusal is one line, control characters escaped.
     */
    @Test
    void garbledVendorTextStaysOnOneLine() throws IOException {
        java.nio.ByteBuffer csa = java.nio.ByteBuffer.allocate(16 + 84).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        csa.put(new byte[] {'S', 'V', '1', '0', 4, 3, 2, 1}).putInt(8, 1); // "SV10", 1 element
        csa.put(16, "Na\nme".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        csa.putInt(16 + 76, -5); // item count
        byte[] bytes = image(1, "ORIGINAL\\PRIMARY\\M\\MOSAIC")
                .element(Tags.SiemensCSAImageHeaderInfo, "OB", csa.array())
                .ow(Tags.PixelData, new int[16 * 16])
                .part10();
        Path file = write("csa-newline.dcm", bytes);
        HostileInput.Outcome o = HostileInput.read(DicomWay.DICOM_SCAN, file);
        assertEquals(
                "csa-newline.dcm: Siemens CSA image header (0029,1010): CSA header: implausible item count -5 for Na\\x0Ame",
                o.refusal());
    }

    /** The limit is the user's to raise: with a larger one the same file inflates and parses (its zeros are a valid OB value). */
    @Test
    void theInflateLimitCanBeRaised() throws Exception {
        String old = System.getProperty(DicomParser.MAX_INFLATED_PROPERTY);
        System.setProperty(DicomParser.MAX_INFLATED_PROPERTY, "200000000");
        try {
            DicomFile f = DicomParser.read(FILES.get("bomb"));
            assertEquals(100_000_000, f.parsedDataset().lengthAt(f.pixelIndex()));
        } finally {
            if (old == null) {
                System.clearProperty(DicomParser.MAX_INFLATED_PROPERTY);
            } else {
                System.setProperty(DicomParser.MAX_INFLATED_PROPERTY, old);
            }
        }
    }
}
