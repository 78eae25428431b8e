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
package org.ferrum.dicom.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomMultiEcho;
import org.ferrum.dicom.DicomParser;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 18: {@code io.write.dicom} writes a map computed from a DICOM-read GRE (the real Siemens MEGRE) as a
 * DICOM series that references the GRE's patient, study and instances without being told, and that dcm2niix and
 * Ferrum read back to the same values and grid.
 */
class WriteDicomOperatorTest {

    @TempDir
    Path dir;

    /** The real Siemens multi-echo GRE: series 2 magnitude (mag/), series 3 phase (phase/). */
    private static Path megre() {
        return TestData.path("dicom", "heudiconv", "MEGRE");
    }

    /** A "χ map" on the magnitude's grid, as a QSM operator makes it (same geometry object, values in ppm). */
    private static Volume<FloatType> chiOnTheGridOf(MultiEchoGre gre) {
        Volume<FloatType> m = gre.magnitude().frame(0);
        Volume<FloatType> chi = Volumes.createFloat(m.dimensions(), m.geometry(), PhysicalUnit.PPM);
        float v = -0.2f;
        for (FloatType t : chi.image()) {
            t.set(v);
            v += 0.4f / 5000f;
            if (v > 0.2f) {
                v = -0.2f;
            }
        }
        return chi;
    }

    @Test
    void aMapFromDicomReferencesItsSourceAndReadsBackInFerrumAndDcm2niix() throws Exception {
        MultiEchoGre gre = DicomMultiEcho.read(megre()); // as io.read.gre reads it
        Volume<FloatType> chi = chiOnTheGridOf(gre);
        OperatorHarness c = OperatorHarness.of(new WriteDicomOperator())
                .baseDirectory(dir)
                .input(WriteDicomOperator.VOLUME, chi)
                .set(WriteDicomOperator.FOLDER, "chi-dicom")
                .run();
        Path out = dir.resolve("chi-dicom");
        assertTrue(
                c.logLines().stream().anyMatch(l -> l.startsWith("referencing source series 2 ")),
                c.logLines().toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.sorted().toList();
        }
        assertEquals(chi.dimension(2), files.size());
        DicomDataset written = DicomParser.readHeader(files.get(0)).dataset();
        DicomDataset source = DicomParser.readHeader(
                        Files.list(megre().resolve("mag")).sorted().findFirst().orElseThrow())
                .dataset();
        for (int tag : new int[] {0x00100010, 0x00100020, 0x0020000D, 0x00200052
        }) { // patient name, ID, study UID, frame of reference
            assertEquals(
                    source.string(tag), written.string(tag), String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF));
        }
        assertTrue(written.contains(0x00082112), "Source Image Sequence");
        assertEquals(java.util.Optional.of("1002"), written.string(0x00200011)); // source series 2 + 1000

        // Ferrum reads the export back: the same grid, values within half a quantisation step
        Volume<FloatType> back = VolumeFiles.readFloat(out);
        assertTrue(
                back.geometry().approximatelyEquals(chi.geometry(), 1e-3), back.geometry() + " vs " + chi.geometry());
        assertEquals(PhysicalUnit.PPM, back.unit());
        assertTrue(maxDifference(chi, back) < 0.4 / 65534 + 1e-6, "Ferrum: " + maxDifference(chi, back));

        // dcm2niix reads it too (rows flipped into NIfTI's order: compared through both affines)
        Path nii = dcm2niix(out, dir.resolve("nii"));
        Volume<FloatType> d = VolumeFiles.readFloat(nii);
        assertArrayEquals(chi.dimensions(), d.dimensions());
        double worst = 0;
        RandomAccess<FloatType> a = chi.image().randomAccess(), b = d.image().randomAccess();
        for (long k = 0; k < d.dimension(2); k++) {
            for (long j = 0; j < d.dimension(1); j++) {
                for (long i = 0; i < d.dimension(0); i++) {
                    double[] p = d.geometry().toPatient(i, j, k);
                    double[] idx = chi.geometry().toVoxel(p[0], p[1], p[2]);
                    long[] n = {Math.round(idx[0]), Math.round(idx[1]), Math.round(idx[2])};
                    for (int x = 0; x < 3; x++) {
                        assertEquals(n[x], idx[x], 1e-3, "dcm2niix's grid is Ferrum's");
                    }
                    a.setPosition(n);
                    b.setPosition(new long[] {i, j, k});
                    worst = Math.max(worst, Math.abs(a.get().get() - b.get().get()));
                }
            }
        }
        assertTrue(worst < 0.4 / 65534 + 1e-6, "dcm2niix: " + worst);
    }

    @Test
    void withoutAKnownSourceItWarnsAndAnExplicitSourceFolderIsUsed() throws Exception {
        Volume<FloatType> map = Volumes.createFloat(
                new long[] {4, 3, 2}, org.ferrum.core.Geometry.axisAligned(1.5, 1.5, 3), PhysicalUnit.PER_SECOND);
        OperatorHarness c = OperatorHarness.of(new WriteDicomOperator())
                .baseDirectory(dir)
                .input(WriteDicomOperator.VOLUME, map)
                .set(WriteDicomOperator.FOLDER, "r2s")
                .run();
        assertTrue(
                c.warnings().stream().anyMatch(l -> l.startsWith("no DICOM source is known")),
                c.warnings().toString());
        assertEquals(
                java.util.Optional.of("FERRUM^ANONYMOUS"),
                DicomParser.readHeader(
                                Files.list(dir.resolve("r2s")).findFirst().orElseThrow())
                        .dataset()
                        .string(0x00100010));
        // an explicit source: the folder of the magnitude series
        OperatorHarness e = OperatorHarness.of(new WriteDicomOperator())
                .baseDirectory(dir)
                .input(WriteDicomOperator.VOLUME, map)
                .set(WriteDicomOperator.FOLDER, "r2s-src")
                .set(WriteDicomOperator.SOURCE, megre().resolve("mag").toString())
                .run();
        assertTrue(
                e.logLines().stream().anyMatch(l -> l.startsWith("referencing source series 2 ")),
                e.logLines().toString());
        // a folder of two series is refused, naming the parameter
        OperatorException x = assertThrows(OperatorException.class, () -> OperatorHarness.of(new WriteDicomOperator())
                .baseDirectory(dir)
                .input(WriteDicomOperator.VOLUME, map)
                .set(WriteDicomOperator.FOLDER, "r2s-x")
                .set(WriteDicomOperator.SOURCE, megre().toString())
                .run());
        assertTrue(
                x.getMessage().contains("parameter 'source'") && x.getMessage().contains("holds 2 series"),
                x.getMessage());
        // a unit that says no kind is refused
        Volume<FloatType> au = map.withUnit(PhysicalUnit.ARBITRARY);
        x = assertThrows(OperatorException.class, () -> OperatorHarness.of(new WriteDicomOperator())
                .baseDirectory(dir)
                .input(WriteDicomOperator.VOLUME, au)
                .set(WriteDicomOperator.FOLDER, "au")
                .run());
        assertTrue(x.getMessage().contains("parameter 'map_kind'"), x.getMessage());
    }

    /** Moved out of the engine (issue 16): still found through Lookup under its id and version, so saved pipelines stay valid. */
    @Test
    void foundThroughLookupUnderItsIdAndVersion() {
        List<org.ferrum.pipeline.api.OperatorDescriptor> found =
                org.openide.util.Lookup.getDefault().lookupAll(org.ferrum.pipeline.api.Operator.class).stream()
                        .map(org.ferrum.pipeline.api.Operator::descriptor)
                        .filter(d -> d.id().equals("io.write.dicom"))
                        .toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals("1.0", found.get(0).version());
        assertEquals(
                List.of("volume"),
                found.get(0).inputs().stream()
                        .map(org.ferrum.pipeline.api.Port::name)
                        .toList());
        assertEquals(
                List.of("folder", "map_kind", "source", "series_description", "series_number"),
                found.get(0).parameters().stream()
                        .map(org.ferrum.pipeline.api.Parameter::name)
                        .toList());
    }

    private static double maxDifference(Volume<FloatType> a, Volume<FloatType> b) {
        RandomAccess<FloatType> x = a.image().randomAccess(), y = b.image().randomAccess();
        double worst = 0;
        for (long k = 0; k < a.dimension(2); k++) {
            for (long j = 0; j < a.dimension(1); j++) {
                for (long i = 0; i < a.dimension(0); i++) {
                    long[] p = {i, j, k};
                    x.setPosition(p);
                    y.setPosition(p);
                    worst = Math.max(worst, Math.abs(x.get().get() - y.get().get()));
                }
            }
        }
        return worst;
    }

    static Path dcm2niix(Path in, Path out) throws Exception {
        Files.createDirectories(out);
        Process p = new ProcessBuilder("dcm2niix", "-z", "n", "-f", "%s_%d", "-o", out.toString(), in.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), log);
        assertEquals(0, p.exitValue(), log);
        try (Stream<Path> s = Files.list(out)) {
            List<Path> n = s.filter(f -> f.toString().endsWith(".nii")).toList();
            assertEquals(1, n.size(), log);
            return n.get(0);
        }
    }
}
