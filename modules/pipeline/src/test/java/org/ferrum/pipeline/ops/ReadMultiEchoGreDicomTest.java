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
package org.ferrum.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code io.read.gre} on DICOM folders: the real Siemens multi-echo GRE of {@code testdata/dicom/heudiconv/MEGRE}
 * (magnitude in series 2, phase in series 3, three echoes), the same data converted to BIDS first, and the
 * messages for folders that hold neither BIDS nor DICOM, or DICOM that is not a multi-echo GRE.
 */
class ReadMultiEchoGreDicomTest {

    @TempDir
    Path dir;

    static Path megre() {
        return TestVolumes.testData().resolve("dicom/heudiconv/MEGRE");
    }

    static MultiEchoGre read(Path base, String path) throws OperatorException {
        return OperatorHarness.of(new ReadMultiEchoGreOperator())
                .baseDirectory(base)
                .set("path", path)
                .run()
                .output("gre", PortTypes.MULTI_ECHO_GRE);
    }

    @Test
    void readsASiemensMultiEchoDicomFolderWithPhaseInRadians() throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new ReadMultiEchoGreOperator())
                .baseDirectory(megre().getParent())
                .set("path", "MEGRE")
                .run();
        MultiEchoGre gre = c.output("gre", PortTypes.MULTI_ECHO_GRE);
        assertEquals(3, gre.echoCount());
        // EchoTime (0018,0081) 4, 10, 16 ms in the files (testdata/README: TE 4/10/16 ms)
        for (int e = 0; e < 3; e++) {
            assertEquals(
                    List.of(0.004, 0.010, 0.016).get(e),
                    gre.acquisition().echoTimes().seconds(e),
                    1e-9);
        }
        assertEquals(3.0, gre.acquisition().fieldStrengthTesla(), 1e-9);
        assertTrue(gre.phase().isPresent(), "phase from series 3 paired with the magnitude of series 2");
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (FloatType v : gre.phase().get().image()) {
            min = Math.min(min, v.get());
            max = Math.max(max, v.get());
        }
        assertTrue(min >= -Math.PI - 1e-6 && max <= Math.PI + 1e-6, "phase in radians: [" + min + ", " + max + "]");
        assertTrue(max - min > 5, "Siemens 0..4095 spans nearly 2π: [" + min + ", " + max + "]");
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.contains("(DICOM)")),
                c.logLines().toString());
    }

    @Test
    void dicomFolderAndItsBidsConversionGiveTheSameData() throws Exception {
        MultiEchoGre fromDicom = read(megre().getParent(), "MEGRE");
        Path bids = dir.resolve("bids");
        org.ferrum.io.bids.BidsMultiEcho.write(fromDicom, bids, "sub-01");
        MultiEchoGre fromBids = read(dir, "bids");
        assertEquals(fromDicom.acquisition().echoTimes(), fromBids.acquisition().echoTimes());
        assertArrayEquals(values(fromDicom.magnitude()), values(fromBids.magnitude()));
        assertArrayEquals(
                values(fromDicom.phase().orElseThrow()), values(fromBids.phase().orElseThrow()));
        double[] a = fromDicom.magnitude().geometry().affine(),
                b = fromBids.magnitude().geometry().affine();
        for (int i = 0; i < 16; i++) {
            assertEquals(a[i], b[i], 1e-3, "affine entry " + i);
        }
    }

    @Test
    void aFolderWithNeitherBidsNorDicomIsBadInputSayingWhatWasLookedFor() throws IOException {
        Path junk = Files.createDirectories(dir.resolve("junk"));
        Files.writeString(junk.resolve("notes.txt"), "not an image");
        OperatorException e = assertThrows(OperatorException.class, () -> read(dir, "junk"));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().startsWith("parameter 'path': " + junk + ": no multi-echo images"), e.getMessage());
        assertTrue(
                e.getMessage().contains("neither BIDS images") && e.getMessage().contains("nor DICOM files"),
                e.getMessage());
    }

    @Test
    void dicomThatIsNotAMultiEchoGreIsBadInputNamingTheFolder() throws IOException {
        // one EPI mosaic series, two time points, one echo: no multi-echo GRE
        Path epi = TestVolumes.testData().resolve("dicom/dcm_qa_nih/In");
        OperatorException e = assertThrows(OperatorException.class, () -> read(epi.getParent(), "In"));
        assertTrue(e.isBadInput());
        assertTrue(e.getMessage().startsWith("parameter 'path': " + epi), e.getMessage());
    }

    @Test
    void aDicomFolderWithOtherFilesBesideItStillReads() throws IOException, OperatorException {
        Path copy = dir.resolve("copy");
        try (Stream<Path> files = Files.walk(megre())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(megre().relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Files.writeString(copy.resolve("README.txt"), "exported from the scanner");
        assertEquals(3, read(dir, "copy").echoCount());
    }

    @Test
    void cancelledReadStops() {
        assertThrows(java.util.concurrent.CancellationException.class, () -> OperatorHarness.of(
                        new ReadMultiEchoGreOperator())
                .baseDirectory(megre().getParent())
                .set("path", "MEGRE")
                .cancel()
                .run());
    }

    static float[] values(Volume<FloatType> v) {
        long n = 1;
        for (long d : v.dimensions()) {
            n *= d;
        }
        float[] a = new float[(int) n];
        int i = 0;
        for (FloatType t : net.imglib2.view.Views.flatIterable(v.image())) {
            a[i++] = t.get();
        }
        return a;
    }
}
