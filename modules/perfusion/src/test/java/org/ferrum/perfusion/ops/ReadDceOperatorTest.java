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
package org.ferrum.perfusion.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.VolumeArrays;
import org.ferrum.io.VolumeFiles;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadDceOperatorTest {

    @TempDir
    Path dir;

    private final double[] times = Phantoms.times(12, 4.5);

    private Path write(String name, String json) throws IOException {
        DynamicSeries s = Phantoms.signal(times, Phantoms.concentration(times), 3);
        Path nii = dir.resolve(name + ".nii.gz");
        VolumeFiles.write(s.frames(), nii);
        if (json != null) {
            Files.writeString(dir.resolve(name + ".json"), json);
        }
        return nii;
    }

    private static String sidecar(String frameTimes, String extra) {
        return "{\"RepetitionTime\": 0.004, \"FlipAngle\": 15, \"MagneticFieldStrength\": 3"
                + (frameTimes == null ? "" : ", \"FrameTimesStart\": " + frameTimes) + extra + "}";
    }

    private String times(double[] t) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < t.length; i++) {
            b.append(i == 0 ? "" : ", ").append(t[i]);
        }
        return b.append("]").toString();
    }

    @Test
    void readsNiftiWithSidecar() throws Exception {
        Path nii = write("dce", sidecar(times(times), ""));
        OperatorHarness h = OperatorHarness.of(new ReadDceOperator())
                .set(ReadDceOperator.PATH, nii.toString())
                .run();
        DynamicSeries s = h.output(ReadDceOperator.DCE);
        assertArrayEquals(times, s.frameTimes(), 1e-12);
        assertEquals(0.004, s.repetitionTime());
        assertEquals(15, s.flipAngle());
        assertEquals(3, s.fieldStrength());
        assertEquals(PhysicalUnit.ARBITRARY, s.frames().unit());
        DynamicSeries truth = Phantoms.signal(times, Phantoms.concentration(times), 3);
        assertArrayEquals(VolumeArrays.frame(truth.frames(), 7), VolumeArrays.frame(s.frames(), 7), 1e-3f);
        assertTrue(h.warnings().isEmpty());
    }

    @Test
    void missingFieldStrengthWarns() throws Exception {
        Path nii = write(
                "nofield", "{\"RepetitionTime\": 0.004, \"FlipAngle\": 15, \"FrameTimesStart\": " + times(times) + "}");
        OperatorHarness h = OperatorHarness.of(new ReadDceOperator())
                .set(ReadDceOperator.PATH, nii.toString())
                .run();
        assertTrue(Double.isNaN(h.output(ReadDceOperator.DCE).fieldStrength()));
        assertTrue(h.warnings().stream().anyMatch(w -> w.contains("MagneticFieldStrength")));
    }

    @Test
    void badSidecarsNameTheFieldAndFile() throws Exception {
        assertBad(write("a", null), "no JSON sidecar", "a.json");
        assertBad(write("b", sidecar(null, "")), "FrameTimesStart", "b.json");
        double[] back = times.clone();
        back[5] = back[3];
        assertBad(write("c", sidecar(times(back), "")), "FrameTimesStart must increase: frame 5", "c.json");
        double[] few = java.util.Arrays.copyOf(times, 11);
        assertBad(write("d", sidecar(times(few), "")), "11 times but", "12 volumes");
        assertBad(
                write("e", "{\"RepetitionTime\": 0.004, \"FrameTimesStart\": " + times(times) + "}"),
                "FlipAngle",
                "e.json");
        assertBad(write("f", sidecar(times(times), "").replace("0.004", "4")), "RepetitionTime", "ms");
        String missing = OperatorHarness.of(new ReadDceOperator())
                .set(ReadDceOperator.PATH, dir.resolve("nothing.nii").toString())
                .runExpectingBadInput();
        assertTrue(missing.contains("'path'") && missing.contains("does not exist"), missing);
    }

    private void assertBad(Path nii, String... parts) {
        String m = OperatorHarness.of(new ReadDceOperator())
                .set(ReadDceOperator.PATH, nii.toString())
                .runExpectingBadInput();
        assertTrue(m.contains("'path'"), m);
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + p + "' in: " + m);
        }
        assertFalse(m.isBlank());
    }
}
