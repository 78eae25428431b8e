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
package org.ferrum.core.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RealFourierTransformTest {

    @ParameterizedTest
    @CsvSource({"8,6,4", "2,1,1", "10,7,5", "16,16,1", "4,1,9", "12,9,6"})
    void halfSpectrumEqualsTheComplexTransformOfTheRealData(int nx, int ny, int nz) {
        float[] x = random(nx * ny * nz, nx * 31 + ny * 7 + nz);
        float[] full = new float[2 * x.length];
        for (int n = 0; n < x.length; n++) {
            full[2 * n] = x[n];
        }
        FourierTransform.forward(full, nx, ny, nz);
        float[] half = RealFourierTransform.forward(x, nx, ny, nz);
        assertEquals(RealFourierTransform.spectrumLength(nx, ny, nz), half.length);
        int h = nx / 2 + 1;
        double scale = Math.sqrt(x.length);
        for (int w = 0; w < nz; w++) {
            for (int v = 0; v < ny; v++) {
                for (int u = 0; u < h; u++) {
                    int f = 2 * (u + nx * (v + ny * w));
                    int s = 2 * (u + h * (v + ny * w));
                    assertEquals(full[f], half[s], 1e-5 * scale, "re at " + u + "," + v + "," + w);
                    assertEquals(full[f + 1], half[s + 1], 1e-5 * scale, "im at " + u + "," + v + "," + w);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"8,6,4", "2,1,1", "10,7,5", "12,9,6"})
    void inverseRecoversTheRealData(int nx, int ny, int nz) {
        float[] x = random(nx * ny * nz, 5);
        float[] spectrum = RealFourierTransform.forward(x, nx, ny, nz);
        float[] copy = spectrum.clone();
        float[] back = new float[x.length];
        RealFourierTransform.inverse(spectrum, nx, ny, nz, back);
        for (int n = 0; n < x.length; n++) {
            assertEquals(x[n], back[n], 1e-5, "sample " + n);
        }
        for (int n = 0; n < copy.length; n++) {
            assertEquals(copy[n], spectrum[n], "the spectrum is left unchanged");
        }
    }

    @Test
    void oddXSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RealFourierTransform.forward(new float[9], 3, 3, 1));
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
