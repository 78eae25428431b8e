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
package org.ferrum.qsm.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.Problem;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * testdata/pipelines/brain-qsm.json (the sample the pipeline module's own test leaves to this module, whose operators
 * it needs): valid, canonical, and on its default input, the real 7 T multi-echo brain piece, it gives a plausible χ map.
 */
class BrainQsmPipelineTest {

    /** The real 7 T piece, the sample's default input before issue 15 (now the whole-head phantom): run explicitly. */
    private static final String REAL_PIECE = "../gre/mriresearchtools-small-bids";

    private static final Path FILE = TestData.pipeline("brain-qsm.json");

    @Test
    void validatesAndIsCanonical() throws Exception {
        Pipeline p = PipelineFormat.read(FILE);
        List<Problem> problems = PipelineValidator.validate(p, OperatorRegistry.installed());
        assertEquals(List.of(), problems);
        assertEquals(Files.readString(FILE, StandardCharsets.UTF_8), PipelineFormat.write(p));
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesAPlausibleSusceptibilityMapOfTheRealBrainPiece() throws Exception {
        Pipeline p = PipelineFormat.read(FILE);
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(p, new RunOptions(java.util.Map.of("gre", REAL_PIECE), FILE.getParent()), null, null);
        assertTrue(
                run.succeeded(),
                () -> run.firstFailure().map(r -> r.nodeId() + ": " + r.error()).orElse("?"));
        assertEquals(Set.of("chi", "field", "mask"), run.outputs().keySet());
        Volume<FloatType> chi = (Volume<FloatType>) run.outputs().get("chi");
        Volume<FloatType> field = (Volume<FloatType>) run.outputs().get("field");
        Volume<FloatType> mask = (Volume<FloatType>) run.outputs().get("mask");
        assertEquals(PhysicalUnit.PPM, chi.unit());
        assertEquals(PhysicalUnit.PPM, field.unit());
        float[] c = Volumes.floats(chi), m = Volumes.floats(mask), f = Volumes.floats(field);
        int inside = 0, extreme = 0;
        double sum = 0, sumSq = 0, fieldSq = 0;
        for (int n = 0; n < c.length; n++) {
            if (m[n] != 0) {
                inside++;
                assertTrue(Float.isFinite(c[n]), "χ at voxel " + n + " is " + c[n]);
                sum += c[n];
                sumSq += c[n] * (double) c[n];
                fieldSq += f[n] * (double) f[n];
                extreme += Math.abs(c[n]) > 0.5 ? 1 : 0;
            } else {
                assertEquals(0f, c[n], "χ outside the mask");
            }
        }
        double mean = sum / inside, sd = Math.sqrt(sumSq / inside - mean * mean);
        System.out.printf(
                "brain-qsm on the real 7 T piece: %d voxels in the final mask, χ mean %.2e ppm, SD %.4f ppm,"
                        + " %d voxels beyond ±0.5 ppm; total field RMS %.3f ppm%n",
                inside, mean, sd, extreme, Math.sqrt(fieldSq / inside));
        // The brain piece fills its grid; RESHARP (the default since issue 13) drops a 4 mm rim wherever the mask meets
        // the
        // grid's faces (the field beyond them is unknown), a large share of this small piece.
        assertTrue(inside > 0.25 * c.length, "the mask kept " + inside + " of " + c.length + " voxels");
        assertEquals(0, mean, 1e-4, "χ is referenced to the mask mean");
        // In vivo brain χ spans about −0.1 (white matter) to +0.2 ppm (iron-rich nuclei, veins up to ~0.5); a map with
        // an SD outside [0.005, 0.15] ppm or many voxels beyond ±0.5 ppm is flat or dominated by streaks / wraps.
        assertTrue(sd > 0.005 && sd < 0.15, "χ SD " + sd + " ppm");
        assertTrue(extreme < 0.01 * inside, extreme + " voxels beyond ±0.5 ppm");

        // Veins are the darkest voxels of the last echo (short T2*) and paramagnetic (deoxyhaemoglobin): their χ must
        // be clearly positive, which also checks the phase sign convention end to end.
        MultiEchoMagnitude last = MultiEchoMagnitude.lastEcho();
        double veins = last.meanOverDarkest(c, m, 0.01);
        System.out.printf("mean χ over the 1%% darkest last-echo voxels (veins): %.4f ppm%n", veins);
        assertTrue(veins > 0.5 * sd, "veins come out paramagnetic: " + veins + " ppm vs SD " + sd);
    }

    /** The last echo's magnitude of the sample input, read directly. */
    private record MultiEchoMagnitude(float[] values) {

        static MultiEchoMagnitude lastEcho() throws java.io.IOException {
            Path file = FILE.getParent()
                    .resolve("../gre/mriresearchtools-small-bids/sub-small_echo-3_part-mag_MEGRE.nii.gz");
            Volume<FloatType> v = org.ferrum.io.VolumeFiles.readFloat(file);
            return new MultiEchoMagnitude(org.ferrum.core.VolumeArrays.frame(v, 0));
        }

        /** Mean of {@code x} over the given fraction of mask voxels with the lowest magnitude. */
        double meanOverDarkest(float[] x, float[] mask, double fraction) {
            java.util.List<Integer> inside = new java.util.ArrayList<>();
            for (int n = 0; n < values.length; n++) {
                if (mask[n] != 0) {
                    inside.add(n);
                }
            }
            inside.sort(java.util.Comparator.comparingDouble(n -> values[n]));
            int count = Math.max(1, (int) (fraction * inside.size()));
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += x[inside.get(i)];
            }
            return sum / count;
        }
    }
}
