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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 16a: a lossless JPEG 2000 frame whose codestream has odd length ends its (even-length, PS3.5
 * A.4) fragment with one padding byte after the EOC marker. Built from the repository's real JPEG 2000 file
 * (dcm_qa_ts 9.dcm) by the minimal edit: a comment (COM) marker segment of odd length in the main header makes
 * the codestream odd, and the fragment is padded to even length. The padding byte of real files is not always
 * 0x00 (PS3.5 asks for 0x00; some encoders write 0xFF, the JPEG fill byte), so both are tested.
 */
class Jpeg2000FragmentPaddingTest {

    @TempDir
    Path dir;

    /** The codestream with a COM segment (odd total length) inserted after SIZ's successor, i.e. before the first SOT. */
    static byte[] oddCodestream() throws Exception {
        byte[] cs = TransferSyntaxPixelsTest.codestream(TransferSyntaxPixelsTest.ts("9.dcm"));
        assertEquals(0, cs.length % 2, "the real codestream is even");
        int sot = -1;
        for (int p = 2; p + 1 < cs.length; ) { // walk the main header to the first SOT (FF90)
            int marker = ((cs[p] & 0xFF) << 8) | (cs[p + 1] & 0xFF);
            if (marker == 0xFF90) {
                sot = p;
                break;
            }
            p += 2 + (((cs[p + 2] & 0xFF) << 8) | (cs[p + 3] & 0xFF));
        }
        assertTrue(sot > 0);
        byte[] text = "ferrum".concat("!").getBytes(StandardCharsets.ISO_8859_1); // 7 bytes: COM segment of 13 bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(cs, 0, sot);
        int lcom = 2 + 2 + text.length;
        out.write(new byte[] {(byte) 0xFF, 0x64, (byte) (lcom >> 8), (byte) lcom, 0, 1});
        out.write(text);
        out.write(cs, sot, cs.length - sot);
        byte[] odd = out.toByteArray();
        assertEquals(1, odd.length % 2);
        return odd;
    }

    /** 9.dcm with its one fragment replaced by {@code fragment} (the Basic Offset Table item stays empty). */
    static Path withFragment(Path dir, byte[] fragment) throws Exception {
        byte[] file = Files.readAllBytes(TransferSyntaxPixelsTest.ts("9.dcm"));
        int at = -1;
        for (int i = file.length - 4; i >= 0; i--) {
            if (file[i] == (byte) 0xE0 && file[i + 1] == 0x7F && file[i + 2] == 0x10 && file[i + 3] == 0x00) {
                at = i;
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, at + 12); // tag, OB, reserved, undefined length
        ByteBuffer items = ByteBuffer.allocate(8 + 8 + fragment.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        items.putInt(0xE000FFFE).putInt(0); // empty Basic Offset Table
        items.putInt(0xE000FFFE).putInt(fragment.length).put(fragment);
        items.putInt(0xE0DDFFFE).putInt(0);
        out.write(items.array());
        Path f = dir.resolve("9-padded.dcm");
        Files.write(f, out.toByteArray());
        return f;
    }

    @Test
    void aPaddingByteAfterEocIsAcceptedWhateverItsValue() throws Exception {
        int[] reference = TransferSyntaxPixelsTest.referencePixels();
        byte[] odd = oddCodestream();
        for (int pad : new int[] {0x00, 0xFF}) {
            byte[] fragment = java.util.Arrays.copyOf(odd, odd.length + 1);
            fragment[odd.length] = (byte) pad;
            Path f = withFragment(dir, fragment);
            DicomFile parsed = DicomParser.read(f);
            FrameSamples s = PixelData.decodeFrame(parsed, 0);
            assertArrayEquals(reference, s.integers(), "pad " + pad);
        }
    }

    @Test
    void moreThanAPaddingByteAfterEocIsStillRefused() throws Exception {
        byte[] odd = oddCodestream();
        // two non-zero bytes: not a padding byte, the codestream does not end where the fragment ends
        byte[] fragment = java.util.Arrays.copyOf(odd, odd.length + 3);
        fragment[odd.length] = (byte) 0xFF;
        fragment[odd.length + 1] = (byte) 0x12;
        fragment[odd.length + 2] = (byte) 0x00;
        DicomFormatException e =
                assertThrows(DicomFormatException.class, () -> Jpeg2000Decoder.decode(fragment, Path.of("x.dcm")));
        assertTrue(e.getMessage().contains("after the EOC marker"), e.getMessage());
    }
}
