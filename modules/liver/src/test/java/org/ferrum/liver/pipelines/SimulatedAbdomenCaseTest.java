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
package org.ferrum.liver.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * The shipped simulated case is what {@link SimulatedAbdomenCase} makes: anyone can regenerate it, and a change of the
 * phantom or of its constants that would silently change the sample's data fails here. Regenerate with
 * {@code mvn -o test -pl modules/liver -Dtest=SimulatedAbdomenCaseTest -Dferrum.regenerate=true}.
 */
class SimulatedAbdomenCaseTest {

    private static final Path CASE = TestData.path("liver", "simulated-abdomen");

    @Test
    void shippedCaseIsThePhantomsOutput() throws Exception {
        if (Boolean.getBoolean("ferrum.regenerate")) {
            SimulatedAbdomenCase.main(new String[] {CASE.toString()});
        }
        AbdomenPhantom p = SimulatedAbdomenCase.phantom();
        MultiEchoGre shipped = BidsMultiEcho.read(CASE.resolve("bids"));
        assertEquals(p.gre().acquisition(), shipped.acquisition(), "echo times and field strength");
        for (int e = 0; e < p.gre().echoCount(); e++) {
            assertArrayEquals(
                    VolumeArrays.frame(p.gre().magnitude(), e),
                    VolumeArrays.frame(shipped.magnitude(), e),
                    1e-3f,
                    "magnitude of echo " + (e + 1));
            assertArrayEquals(
                    VolumeArrays.frame(p.gre().phase().orElseThrow(), e),
                    VolumeArrays.frame(shipped.phase().orElseThrow(), e),
                    1e-5f,
                    "phase of echo " + (e + 1));
        }
        assertArrayEquals(
                VolumeArrays.frame(p.labels(), 0),
                VolumeArrays.frame(VolumeFiles.readFloat(CASE.resolve("sub-sim_dseg.nii.gz")), 0),
                0f,
                "labels");
        assertArrayEquals(
                VolumeArrays.frame(p.lic(), 0),
                VolumeArrays.frame(VolumeFiles.readFloat(CASE.resolve("truth/lic.nii.gz")), 0),
                0f,
                "true LIC");
    }
}
