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
package org.ferrum.perfusion.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.VolumeFiles;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openide.util.Lookup;

/** {@code perfusion.phantom.spine} through the test kit: its outputs, the files it writes, cancellation, registration. */
class SpinePhantomOperatorTest {

    @Test
    void makesTheCaseAndWritesIt(@TempDir Path dir) throws Exception {
        OperatorHarness h = OperatorHarness.of(new SpinePhantomOperator())
                .baseDirectory(dir)
                .set(SpinePhantomOperator.SNR_DCE, 0.0)
                .set(SpinePhantomOperator.SEED, 7L)
                .set(SpinePhantomOperator.FOLDER, "case")
                .run();
        DynamicSeries dce = h.output(SpinePhantomOperator.DCE);
        assertEquals(SpinePhantom.FRAMES, dce.frames().frames());
        assertEquals(SpinePhantom.FRAMES, dce.frameTimes().length);
        assertEquals(15, dce.flipAngle(), 0, "degrees");
        assertEquals(1.5, dce.fieldStrength(), 0);
        // no DCE noise: the series is the noiseless signal
        SpinePhantom clean = SpinePhantom.of(SpinePhantom.Params.DEFAULTS.noiseless());
        int v = 48 + 96 * (48 + 96 * 4);
        assertEquals(clean.dceSignal(v, 10), VolumeArrays.frame(dce.frames(), 10)[v], 1e-3);
        // seed 7: the VFA differs from the default seed's
        Volume<FloatType> vfa = h.output(SpinePhantomOperator.VFA);
        float[] shipped =
                VolumeArrays.frame(SpinePhantom.of(SpinePhantom.Params.DEFAULTS).vfa(), 2);
        float[] seeded = VolumeArrays.frame(vfa, 2);
        assertTrue(shipped[v] != seeded[v], "another seed, other noise");
        MultiEchoGre gre = h.output(SpinePhantomOperator.GRE);
        assertEquals(6, gre.echoCount());
        float[] ktrans = VolumeArrays.frame(h.output(SpinePhantomOperator.KTRANS), 0);
        float[] labels = VolumeArrays.frame(h.output(SpinePhantomOperator.LABELS), 0);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == SpineTissue.TUMOUR.label()) {
                assertEquals(0.2f, ktrans[i], 0f);
            }
        }
        assertTrue(
                h.logLines().stream().anyMatch(l -> l.contains("tumour Ktrans 0.200")),
                h.logLines().toString());
        // the files
        Path folder = dir.resolve("case");
        assertTrue(Files.exists(folder.resolve("anat/sub-sim_flip-4_VFA.json")));
        assertTrue(Files.exists(folder.resolve("dwi/sub-sim_dwi.bval")));
        assertTrue(Files.exists(folder.resolve("truth/ktrans.nii.gz")));
        Volume<FloatType> written = VolumeFiles.readFloat(folder.resolve(SpineCaseFiles.DCE));
        assertEquals(SpinePhantom.FRAMES, written.frames());
        assertArrayEquals(
                labels, VolumeArrays.frame(VolumeFiles.readFloat(folder.resolve(SpineCaseFiles.LABELS)), 0), 0f);
    }

    @Test
    void stopsWhenCancelled() {
        OperatorHarness.of(new SpinePhantomOperator()).cancel().runExpectingCancellation();
    }

    @Test
    void isRegisteredThroughLookup() {
        List<String> ids = Lookup.getDefault().lookupAll(Operator.class).stream()
                .map(op -> op.descriptor().id())
                .toList();
        assertTrue(ids.contains("perfusion.phantom.spine"), ids.toString());
    }
}
