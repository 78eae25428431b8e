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
package org.ferrum.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.io.nifti.NiftiReader;
import org.ferrum.io.nifti.NiftiWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeFilesTest {

    @TempDir
    Path dir;

    @Test
    void niftiIsFoundThroughLookup() throws IOException {
        assertTrue(VolumeFiles.readers().stream().anyMatch(r -> r instanceof NiftiReader));
        assertTrue(VolumeFiles.writers().stream().anyMatch(w -> w instanceof NiftiWriter));
        assertTrue(VolumeFiles.readerFor(Path.of("a/b.nii.gz")) instanceof NiftiReader);
        assertTrue(VolumeFiles.writerFor(Path.of("B.NII")) instanceof NiftiWriter);
    }

    @Test
    void unknownExtensionIsAClearError() {
        VolumeFormatException e =
                assertThrows(VolumeFormatException.class, () -> VolumeFiles.readerFor(Path.of("x.mha")));
        assertTrue(
                e.getMessage().startsWith("x.mha: no reader recognises this file (known formats: NIfTI"),
                e.getMessage());
    }

    @Test
    void writeThenReadFloatKeepsValuesAndUnit() throws IOException {
        Volume<FloatType> v =
                Volumes.createFloat(new long[] {3, 4, 5}, Geometry.axisAligned(1, 2, 3), PhysicalUnit.PPM);
        float[] a = Volumes.floats(v);
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 0.25f - 3;
        }
        Path f = dir.resolve("chi.nii.gz");
        VolumeFiles.write(v, f);
        Volume<FloatType> back = VolumeFiles.readFloat(f);
        assertEquals(PhysicalUnit.PPM, back.unit());
        assertArrayEquals(a, Volumes.floats(back), 0f);
        assertEquals(v.geometry(), back.geometry());
    }
}
