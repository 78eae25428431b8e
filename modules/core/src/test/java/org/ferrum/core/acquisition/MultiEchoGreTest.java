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
package org.ferrum.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

class MultiEchoGreTest {

    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 2);
    private static final GreAcquisition TWO_ECHOES = new GreAcquisition(EchoTimes.ofMilliseconds(5, 10), 3);

    private static Volume<FloatType> volume(PhysicalUnit unit, long... dims) {
        return Volumes.createFloat(dims, GEOMETRY, unit);
    }

    @Test
    void echoCountMustMatchEchoTimes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new MultiEchoGre(volume(PhysicalUnit.ARBITRARY, 2, 2, 2, 3), null, TWO_ECHOES));
        assertTrue(e.getMessage().contains("3 echoes") && e.getMessage().contains("2 echo times"), e.getMessage());
    }

    @Test
    void phaseMustMatchMagnitude() {
        Volume<FloatType> mag = volume(PhysicalUnit.ARBITRARY, 2, 2, 2, 2);
        assertThrows(
                IllegalArgumentException.class,
                () -> new MultiEchoGre(mag, volume(PhysicalUnit.RADIAN, 2, 2, 3, 2), TWO_ECHOES));
        assertThrows(
                IllegalArgumentException.class,
                () -> new MultiEchoGre(mag, volume(PhysicalUnit.DEGREE, 2, 2, 2, 2), TWO_ECHOES));
        Volume<FloatType> shifted =
                volume(PhysicalUnit.RADIAN, 2, 2, 2, 2).withGeometry(GEOMETRY.translatedBy(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MultiEchoGre(mag, shifted, TWO_ECHOES));
    }

    @Test
    void toComplexIsMagnitudeTimesUnitPhasor() {
        Volume<FloatType> mag = volume(PhysicalUnit.ARBITRARY, 2, 1, 1, 2);
        Volume<FloatType> phase = volume(PhysicalUnit.RADIAN, 2, 1, 1, 2);
        float[] m = Volumes.floats(mag);
        float[] p = Volumes.floats(phase);
        m[0] = 2;
        p[0] = (float) (Math.PI / 3); // 2·e^{iπ/3} = 1 + i√3
        m[1] = 1;
        p[1] = (float) Math.PI; // −1
        m[3] = 3;
        p[3] = (float) (-Math.PI / 2); // −3i (echo 2, x = 1)
        MultiEchoGre gre = new MultiEchoGre(mag, phase, TWO_ECHOES);
        Volume<ComplexFloatType> c = gre.toComplex();
        assertArrayEquals(new long[] {2, 1, 1, 2}, c.dimensions());
        float[] z = Volumes.interleaved(c);
        assertArrayEquals(new float[] {1, (float) Math.sqrt(3), -1, 0, 0, 0, 0, -3}, z, 1e-6f);
        assertEquals(GEOMETRY, c.geometry());
        assertEquals(2, gre.echoCount());
    }

    @Test
    void singleEchoThreeDimensionalDataBecomesOneFrame() {
        GreAcquisition one = new GreAcquisition(EchoTimes.ofMilliseconds(20), 7);
        Volume<FloatType> mag = volume(PhysicalUnit.ARBITRARY, 2, 2, 2);
        Volume<FloatType> phase = volume(PhysicalUnit.RADIAN, 2, 2, 2);
        Volumes.floats(mag)[7] = 4;
        Volumes.floats(phase)[7] = (float) Math.PI / 2;
        Volume<ComplexFloatType> c = new MultiEchoGre(mag, phase, one).toComplex();
        assertArrayEquals(new long[] {2, 2, 2, 1}, c.dimensions());
        RandomAccess<ComplexFloatType> ra = c.image().randomAccess();
        ra.setPosition(new long[] {1, 1, 1, 0});
        assertEquals(0, ra.get().getRealFloat(), 1e-6);
        assertEquals(4, ra.get().getImaginaryFloat(), 1e-6);
    }

    @Test
    void magnitudeOnlyDataHasNoComplexSignal() {
        MultiEchoGre gre = new MultiEchoGre(volume(PhysicalUnit.ARBITRARY, 2, 2, 2, 2), null, TWO_ECHOES);
        assertTrue(gre.phase().isEmpty());
        assertThrows(IllegalStateException.class, gre::toComplex);
    }
}
