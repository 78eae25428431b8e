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
package org.ferrum.brain.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.pipeline.ops.ReadMultiEchoGreOperator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's files: written as BIDS and read back by the project's readers (BIDS multi-echo, {@code io.read.gre},
 * NIfTI), labels and truth agree with the phantom, the ITK transforms map landmarks as the motion does; and the
 * generated {@code testdata/brain} (the build writes it before the tests) is what {@link SampleBrainData#SPEC} says,
 * its README's truth table the phantom's.
 */
class SampleBrainDataTest {

    private static final SampleBrainData.Study TINY =
            new SampleBrainData.Study(1, 2, (seed, visit) -> new BrainIronPhantom()
                    .seed(seed)
                    .visit(visit)
                    .greSize(24, 28, 20)
                    .greVoxel(8)
                    .echoTimesMs(4, 12, 20, 28)
                    .t1wVoxel(6));

    @Test
    void writtenFilesAreReadBackByTheProjectsReaders(@TempDir Path dir) throws Exception {
        List<BrainIronVisit> visits = SampleBrainData.write(TINY, dir);
        assertEquals(2, visits.size());
        for (int v = 1; v <= 2; v++) {
            BrainIronVisit visit = visits.get(v - 1);
            String ses = SampleBrainData.session(v), prefix = "sub-01_" + ses;
            Path anat = dir.resolve("sub-01").resolve(ses).resolve("anat");
            // the GRE: BIDS multi-echo reader and the io.read.gre operator on the anat folder
            MultiEchoGre gre = BidsMultiEcho.read(anat);
            assertEquals(4, gre.echoCount());
            assertEquals(3.0, gre.acquisition().fieldStrengthTesla(), 0);
            assertEquals(0.012, gre.acquisition().echoTimes().seconds(1), 1e-9);
            assertTrue(
                    gre.magnitude().geometry().approximatelyEquals(visit.chi().geometry(), 1e-3));
            float[] phase = Volumes.floats(gre.phase().orElseThrow()),
                    truePhase = Volumes.floats(visit.gre().phase().orElseThrow());
            for (int n = 0; n < phase.length; n += 97) {
                assertEquals(truePhase[n], phase[n], Math.PI / 4096, "phase stored to 12 bits");
            }
            OperatorHarness read = OperatorHarness.of(new ReadMultiEchoGreOperator())
                    .set(ReadMultiEchoGreOperator.PATH, anat.toString())
                    .run();
            assertEquals(4, read.output(ReadMultiEchoGreOperator.GRE).echoCount());
            // truth on the GRE grid
            Path truth = dir.resolve("derivatives/truth/sub-01").resolve(ses).resolve("anat");
            Volume<FloatType> chi = new NiftiReader()
                    .read(truth.resolve(prefix + "_Chimap.nii.gz"))
                    .toFloat();
            assertArrayEquals(Volumes.floats(visit.chi()), Volumes.floats(chi));
            Volume<FloatType> dseg = new NiftiReader()
                    .read(truth.resolve(prefix + "_desc-truth_dseg.nii.gz"))
                    .toFloat();
            assertArrayEquals(Volumes.floats(visit.labelsGre()), Volumes.floats(dseg));
            // the ITK transforms: fixed = this visit's GRE space, moving = the T1w's / baseline GRE's
            double[] landmark = {25, -3, 5}; // left putamen centre, head at rest
            double[] here = visit.motion().apply(landmark[0], landmark[1], landmark[2]);
            assertClose(
                    visit.t1wPose().apply(landmark[0], landmark[1], landmark[2]),
                    itk(truth.resolve(prefix + "_from-T1w_to-MEGRE_mode-image_xfm.txt"), here));
            assertClose(
                    visits.get(0).motion().apply(landmark[0], landmark[1], landmark[2]),
                    itk(truth.resolve(prefix + "_from-ses01_to-MEGRE_mode-image_xfm.txt"), here));
        }
        // one T1w per subject, at ses-01, with its labels and their BIDS table
        Path t1wFile = dir.resolve("sub-01/ses-01/anat/sub-01_ses-01_T1w.nii.gz");
        assertFalse(Files.exists(dir.resolve("sub-01/ses-02/anat/sub-01_ses-02_T1w.nii.gz")));
        Volume<FloatType> t1w = new NiftiReader().read(t1wFile).toFloat();
        assertTrue(t1w.geometry().approximatelyEquals(visits.get(0).t1w().geometry(), 1e-3));
        float[] t = Volumes.floats(t1w), tt = Volumes.floats(visits.get(0).t1w());
        for (int n = 0; n < t.length; n += 31) {
            assertEquals(tt[n], t[n], 0.6e-3, "T1w stored in steps of 0.001");
        }
        Path labels = dir.resolve("derivatives/labels/sub-01/ses-01/anat");
        Volume<FloatType> dseg = new NiftiReader()
                .read(labels.resolve("sub-01_ses-01_space-T1w_dseg.nii.gz"))
                .toFloat();
        assertArrayEquals(Volumes.floats(visits.get(0).labelsT1w()), Volumes.floats(dseg));
        Map<Integer, String> table = new HashMap<>();
        List<String> rows = Files.readAllLines(labels.resolve("sub-01_ses-01_space-T1w_dseg.tsv"));
        assertEquals("index\tname\tcolor", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            assertTrue(f[2].matches("#[0-9a-f]{6}"), row);
            table.put(Integer.parseInt(f[0]), f[1]);
        }
        for (float f : Volumes.floats(dseg)) {
            assertTrue(f == 0 || table.containsKey((int) f), "label " + f + " in dseg.tsv");
        }
        assertEquals("Left-Putamen", table.get(12));
        assertEquals("Right-Red-Nucleus", table.get(302));
        // the truth table: one row per subject, session, nucleus and side
        List<String> truthRows = Files.readAllLines(dir.resolve("derivatives/truth/truth.tsv"));
        assertEquals(1 + 2 * 14, truthRows.size());
        assertTrue(
                truthRows.contains(
                        "sub-01\tses-02\t2.000\t13\tLeft-Pallidum\tglobus pallidus\tleft\t0.210000\t0.015000\t53.4000\t3.00"),
                String.join("\n", truthRows));
        assertTrue(Files.readString(dir.resolve("sub-01/sub-01_sessions.tsv")).startsWith("session_id\tyears"));
    }

    @Test
    void theGeneratedSampleIsReadByIoReadGreAtBothVisits() throws Exception {
        Path root = TestData.path("brain");
        assertEquals(
                SampleBrainData.SPEC,
                Files.readString(root.resolve("GENERATED.txt")).strip(),
                "generated by the build");
        for (String ses : new String[] {"ses-01", "ses-02"}) {
            OperatorHarness read = OperatorHarness.of(new ReadMultiEchoGreOperator())
                    .set(
                            ReadMultiEchoGreOperator.PATH,
                            root.resolve("sub-01").resolve(ses).resolve("anat").toString())
                    .run();
            MultiEchoGre gre = read.output(ReadMultiEchoGreOperator.GRE);
            assertEquals(4, gre.echoCount());
            assertArrayEquals(new long[] {96, 96, 64, 4}, gre.magnitude().dimensions());
            assertEquals(3.0, gre.acquisition().fieldStrengthTesla(), 0);
        }
        Volume<FloatType> t1w = new NiftiReader()
                .read(root.resolve("sub-01/ses-01/anat/sub-01_ses-01_T1w.nii.gz"))
                .toFloat();
        assertArrayEquals(new long[] {112, 136, 100}, t1w.dimensions());
    }

    @Test
    void theReadmeStatesThePhantomsTruthTableAndMotion() throws Exception {
        String readme = Files.readString(TestData.path("brain", "README.md"));
        for (BrainNucleus n : BrainNucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                String row = String.format(
                        Locale.ROOT,
                        "| %s | %d | %.3f | %.3f | %+.3f | %.1f | %.1f |",
                        n.labelName(side),
                        n.label(side),
                        BrainIronPhantom.chiTruth(n, side, 0),
                        BrainIronPhantom.chiTruth(n, side, 2),
                        n.chiRatePpmPerYear(side),
                        BrainIronPhantom.r2StarTruth(n, side, 0, 3),
                        BrainIronPhantom.r2StarTruth(n, side, 2, 3));
                assertTrue(readme.contains(row), "README row " + row);
            }
        }
        double[] m = BrainIronPhantom.motionParameters(1, 2);
        String motion = String.format(
                Locale.ROOT,
                "| ses-02 | 2.0 | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |",
                m[0],
                m[1],
                m[2],
                m[3],
                m[4],
                m[5]);
        assertTrue(readme.contains(motion), "README motion row " + motion);
    }

    /** Applies the ITK affine text transform (centre 0) in {@code file} to p. */
    private static double[] itk(Path file, double[] p) throws Exception {
        String parameters = Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("Parameters:"))
                .findFirst()
                .orElseThrow();
        String[] f = parameters.substring("Parameters:".length()).trim().split("\\s+");
        double[] a = new double[12];
        for (int q = 0; q < 12; q++) {
            a[q] = Double.parseDouble(f[q]);
        }
        return new double[] {
            a[0] * p[0] + a[1] * p[1] + a[2] * p[2] + a[9],
            a[3] * p[0] + a[4] * p[1] + a[5] * p[2] + a[10],
            a[6] * p[0] + a[7] * p[1] + a[8] * p[2] + a[11]
        };
    }

    private static void assertClose(double[] expected, double[] actual) {
        for (int d = 0; d < 3; d++) {
            assertEquals(expected[d], actual[d], 1e-9);
        }
    }
}
