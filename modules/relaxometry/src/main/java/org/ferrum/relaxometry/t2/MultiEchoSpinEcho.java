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
package org.ferrum.relaxometry.t2;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.EchoTimes;

/**
 * A multi-echo spin-echo (CPMG) magnitude dataset: the magnitude of every echo and the acquisition parameters T2
 * mapping needs.
 *
 * <p>Contract: {@code magnitude} is 4-D with echoes last (a 3-D volume is one echo), in the scanner's arbitrary units;
 * its number of frames equals {@code echoTimes.count()} (echo times in s, positive and strictly increasing, as
 * {@link EchoTimes} guarantees); the field strength, in tesla, is positive when known.
 */
public final class MultiEchoSpinEcho {

    private final Volume<FloatType> magnitude;
    private final EchoTimes echoTimes;
    private final double fieldStrength;

    /**
     * @param magnitude     magnitude, echoes last
     * @param echoTimes     one per echo
     * @param fieldStrength B0 in T, or NaN when unknown
     * @throws IllegalArgumentException naming what does not match
     */
    public MultiEchoSpinEcho(Volume<FloatType> magnitude, EchoTimes echoTimes, double fieldStrength) {
        this.magnitude = Objects.requireNonNull(magnitude, "magnitude");
        this.echoTimes = Objects.requireNonNull(echoTimes, "echoTimes");
        if (magnitude.frames() != echoTimes.count()) {
            throw new IllegalArgumentException("magnitude has " + magnitude.frames() + " echoes but "
                    + echoTimes.count() + " echo times are given (" + echoTimes + ")");
        }
        if (!Double.isNaN(fieldStrength) && !(fieldStrength > 0 && Double.isFinite(fieldStrength))) {
            throw new IllegalArgumentException(
                    "field strength must be a positive number of tesla, got " + fieldStrength);
        }
        this.fieldStrength = fieldStrength;
    }

    public Volume<FloatType> magnitude() {
        return magnitude;
    }

    public EchoTimes echoTimes() {
        return echoTimes;
    }

    /** B0 in tesla, if known. */
    public OptionalDouble fieldStrength() {
        return Double.isNaN(fieldStrength) ? OptionalDouble.empty() : OptionalDouble.of(fieldStrength);
    }

    @Override
    public String toString() {
        long[] d = magnitude.dimensions();
        return String.format(
                Locale.ROOT,
                "multi-echo spin echo %dx%dx%d, %d echoes (%s)%s",
                d[0],
                d.length > 1 ? d[1] : 1,
                d.length > 2 ? d[2] : 1,
                echoTimes.count(),
                echoTimes,
                Double.isNaN(fieldStrength) ? "" : String.format(Locale.ROOT, ", %.3g T", fieldStrength));
    }
}
