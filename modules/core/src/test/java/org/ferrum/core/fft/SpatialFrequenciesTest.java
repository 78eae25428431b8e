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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.type.numeric.complex.ComplexFloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

class SpatialFrequenciesTest {

    @Test
    void evenAndOddLengthsInFftOrder() {
        // n·Δ = 2 mm: steps of 0.5/mm, Nyquist (−1/(2Δ) = −1/mm) at n/2
        assertArrayEquals(new double[] {0, 0.5, -1, -0.5}, SpatialFrequencies.along(4, 0.5), 1e-15);
        assertArrayEquals(new double[] {0, 0.2, 0.4, -0.4, -0.2}, SpatialFrequencies.along(5, 1), 1e-15);
        assertArrayEquals(new double[] {0}, SpatialFrequencies.along(1, 2), 0);
        assertArrayEquals(new double[] {0, -0.25}, SpatialFrequencies.along(2, 2), 1e-15);
    }

    @Test
    void frequenciesOfAGridUseItsVoxelSizes() {
        double t = Math.toRadians(15);
        Geometry g = Geometry.ofAffine(
                0.5, 0, 0, 0, 0, 0.8 * Math.cos(t), -2 * Math.sin(t), 0, 0, 0.8 * Math.sin(t), 2 * Math.cos(t), 0);
        double[][] f = SpatialFrequencies.of(g, 4, 5, 8, 3);
        assertArrayEquals(SpatialFrequencies.along(4, 0.5), f[0], 1e-15);
        assertArrayEquals(SpatialFrequencies.along(5, 0.8), f[1], 1e-12);
        assertEquals(-1.0 / (8 * 2.0), f[2][7], 1e-12);
        assertEquals(3, f.length);
    }

    @Test
    void aPlaneWaveOfFrequencyFPeaksAtTheIndexThatStandsForF() {
        int nx = 10, ny = 4, nz = 3;
        double dx = 0.8;
        double[] fx = SpatialFrequencies.along(nx, dx);
        double f = -3 / (nx * dx); // cycles per mm
        Volume<ComplexFloatType> v =
                Volumes.createComplex(new long[] {nx, ny, nz}, Geometry.axisAligned(dx, 1, 1), PhysicalUnit.ARBITRARY);
        float[] a = Volumes.interleaved(v);
        for (int i = 0; i < nx * ny * nz; i++) {
            double xMm = (i % nx) * dx;
            a[2 * i] = (float) Math.cos(2 * Math.PI * f * xMm);
            a[2 * i + 1] = (float) Math.sin(2 * Math.PI * f * xMm);
        }
        FourierTransform.forward(v);
        int peak = 0;
        for (int i = 1; i < nx * ny * nz; i++) {
            if (Math.hypot(a[2 * i], a[2 * i + 1]) > Math.hypot(a[2 * peak], a[2 * peak + 1])) {
                peak = i;
            }
        }
        assertEquals(0, peak / nx, "peak must lie on the x axis of k-space");
        assertEquals(f, fx[peak % nx], 1e-12);
        assertEquals(7, peak);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SpatialFrequencies.along(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SpatialFrequencies.along(4, 0));
        assertThrows(IllegalArgumentException.class, () -> SpatialFrequencies.along(4, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SpatialFrequencies.of(Geometry.identity(), 4, 4));
    }
}
