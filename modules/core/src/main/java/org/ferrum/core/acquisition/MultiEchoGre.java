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

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;

/**
 * A multi-echo gradient-echo dataset: magnitude and (optionally) phase per echo, with the acquisition
 * parameters.
 *
 * <p>Contract: {@code magnitude} is 4-D with echoes last (a 3-D magnitude is one echo), in arbitrary
 * signal units; {@code phase}, if present, has the same dimensions and geometry, is in
 * {@link PhysicalUnit#RADIAN} (wrapped or not); the number of echoes equals
 * {@code acquisition.echoTimes().count()}. Phase is absent for magnitude-only data (e.g. R2* mapping).
 */
public final class MultiEchoGre {

    private final Volume<FloatType> magnitude;
    private final Volume<FloatType> phase;
    private final GreAcquisition acquisition;

    /**
     * @param magnitude   magnitude, echoes last
     * @param phase       phase in radians with the magnitude's dimensions, or {@code null}
     * @param acquisition echo times, field strength, B0 direction
     * @throws IllegalArgumentException naming what does not match
     */
    public MultiEchoGre(Volume<FloatType> magnitude, Volume<FloatType> phase, GreAcquisition acquisition) {
        this.magnitude = Objects.requireNonNull(magnitude, "magnitude");
        this.acquisition = Objects.requireNonNull(acquisition, "acquisition");
        this.phase = phase;
        int echoes = magnitude.frames();
        if (echoes != acquisition.echoTimes().count()) {
            throw new IllegalArgumentException("magnitude has " + echoes + " echoes but "
                    + acquisition.echoTimes().count() + " echo times are given");
        }
        if (phase != null) {
            if (!Arrays.equals(phase.dimensions(), magnitude.dimensions())) {
                throw new IllegalArgumentException("phase dimensions " + Arrays.toString(phase.dimensions())
                        + " differ from magnitude dimensions " + Arrays.toString(magnitude.dimensions()));
            }
            if (!phase.geometry().approximatelyEquals(magnitude.geometry(), 1e-3)) {
                throw new IllegalArgumentException("phase geometry " + phase.geometry()
                        + " differs from magnitude geometry " + magnitude.geometry());
            }
            if (phase.unit() != PhysicalUnit.RADIAN) {
                throw new IllegalArgumentException(
                        "phase must be in radians, got " + phase.unit().symbol());
            }
        }
    }

    public Volume<FloatType> magnitude() {
        return magnitude;
    }

    public Optional<Volume<FloatType>> phase() {
        return Optional.ofNullable(phase);
    }

    public GreAcquisition acquisition() {
        return acquisition;
    }

    public int echoCount() {
        return acquisition.echoTimes().count();
    }

    /**
     * The complex signal m·e^{iφ} per echo, 4-D with echoes last, on an array-backed image.
     *
     * @throws IllegalStateException if the dataset has no phase
     */
    public Volume<ComplexFloatType> toComplex() {
        if (phase == null) {
            throw new IllegalStateException("magnitude-only data has no complex signal");
        }
        long[] dims = magnitude.dimensions();
        if (dims.length == 3) {
            dims = new long[] {dims[0], dims[1], dims[2], 1};
        }
        Volume<ComplexFloatType> out = Volumes.createComplex(dims, magnitude.geometry(), PhysicalUnit.ARBITRARY);
        var mag = magnitude.numDimensions() == 3
                ? net.imglib2.view.Views.addDimension(magnitude.image(), 0, 0)
                : magnitude.image();
        var ph = phase.numDimensions() == 3 ? net.imglib2.view.Views.addDimension(phase.image(), 0, 0) : phase.image();
        LoopBuilder.setImages(mag, ph, out.image()).multiThreaded().forEachPixel((m, p, c) -> {
            double a = m.getRealDouble();
            double f = p.getRealDouble();
            c.set((float) (a * Math.cos(f)), (float) (a * Math.sin(f)));
        });
        return out;
    }

    @Override
    public String toString() {
        return "MultiEchoGre[" + Arrays.toString(magnitude.dimensions()) + (phase == null ? ", magnitude only, " : ", ")
                + acquisition + "]";
    }
}
