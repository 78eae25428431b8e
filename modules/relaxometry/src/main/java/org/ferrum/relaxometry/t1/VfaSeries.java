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
package org.ferrum.relaxometry.t1;

import java.util.Arrays;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * A variable-flip-angle spoiled gradient-echo series: one frame per flip angle, all at one TR.
 *
 * @param signal the magnitudes, 4-D (x, y, z, angle), one frame per flip angle
 * @param flipAnglesDegrees the nominal flip angle of each frame, degrees
 * @param repetitionTime TR, s
 * @param fieldStrength B0, tesla; NaN when the files do not say
 */
public record VfaSeries(
        Volume<FloatType> signal, double[] flipAnglesDegrees, double repetitionTime, double fieldStrength) {

    public VfaSeries {
        flipAnglesDegrees = flipAnglesDegrees.clone();
        if (signal.frames() != flipAnglesDegrees.length) {
            throw new IllegalArgumentException("the signal has " + signal.frames() + " frame(s) but "
                    + flipAnglesDegrees.length + " flip angle(s) are given");
        }
        if (!(repetitionTime > 0)) {
            throw new IllegalArgumentException("TR must be > 0 s, got " + repetitionTime);
        }
    }

    @Override
    public double[] flipAnglesDegrees() {
        return flipAnglesDegrees.clone();
    }

    /** "flip angles 2, 5, 12 deg, TR 5.4 ms, 3 T". */
    public String describe() {
        StringBuilder b = new StringBuilder("flip angles ");
        for (int i = 0; i < flipAnglesDegrees.length; i++) {
            b.append(i == 0 ? "" : ", ").append(trim(flipAnglesDegrees[i]));
        }
        b.append(" deg, TR ").append(trim(repetitionTime * 1000)).append(" ms");
        if (Double.isFinite(fieldStrength)) {
            b.append(", ").append(trim(fieldStrength)).append(" T");
        }
        return b.toString();
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VfaSeries v
                && v.signal.equals(signal)
                && Arrays.equals(v.flipAnglesDegrees, flipAnglesDegrees)
                && v.repetitionTime == repetitionTime
                && Double.compare(v.fieldStrength, fieldStrength) == 0;
    }

    @Override
    public int hashCode() {
        return signal.hashCode() * 31 + Arrays.hashCode(flipAnglesDegrees);
    }

    @Override
    public String toString() {
        return "VfaSeries[" + signal + ", " + describe() + "]";
    }
}
