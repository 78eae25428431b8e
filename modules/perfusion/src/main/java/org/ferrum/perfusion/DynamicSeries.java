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
package org.ferrum.perfusion;

import java.util.Arrays;
import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * A dynamic (DCE) series: a 4-D volume of frames, signal in a.u. or concentration in mM, with when each frame was
 * acquired and how.
 *
 * @param frames the 4-D volume, frame index last
 * @param frameTimes acquisition time of each frame in s, strictly increasing (BIDS {@code FrameTimesStart}, or from
 *     DICOM timing tags), one per frame
 * @param repetitionTime TR of the SPGR readout, s
 * @param flipAngle nominal flip angle, degrees
 * @param fieldStrength B0 in tesla, NaN when the data do not say
 */
public record DynamicSeries(
        Volume<FloatType> frames, double[] frameTimes, double repetitionTime, double flipAngle, double fieldStrength) {

    public DynamicSeries {
        Objects.requireNonNull(frames, "frames");
        frameTimes = frameTimes.clone();
        int count = frames.frames();
        if (frameTimes.length != count) {
            throw new IllegalArgumentException(
                    "the series has " + count + " frames but " + frameTimes.length + " frame times");
        }
        for (int t = 1; t < frameTimes.length; t++) {
            if (!(frameTimes[t] > frameTimes[t - 1])) {
                throw new IllegalArgumentException("frame times must increase: frame " + t + " at " + frameTimes[t]
                        + " s is not after frame " + (t - 1) + " at " + frameTimes[t - 1] + " s");
            }
        }
    }

    /** The frame times in s (a copy). */
    @Override
    public double[] frameTimes() {
        return frameTimes.clone();
    }

    /** Number of frames. */
    public int frameCount() {
        return frameTimes.length;
    }

    /** The same acquisition with other frames (e.g. concentration in place of signal), same times. */
    public DynamicSeries withFrames(Volume<FloatType> other) {
        return new DynamicSeries(other, frameTimes, repetitionTime, flipAngle, fieldStrength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicSeries d
                && d.frames.equals(frames)
                && Arrays.equals(d.frameTimes, frameTimes)
                && d.repetitionTime == repetitionTime
                && d.flipAngle == flipAngle
                && Double.compare(d.fieldStrength, fieldStrength) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(frames, Arrays.hashCode(frameTimes), repetitionTime, flipAngle, fieldStrength);
    }

    @Override
    public String toString() {
        return "DynamicSeries[" + frameTimes.length + " frames, TR " + repetitionTime + " s, FA " + flipAngle + " deg, "
                + fieldStrength + " T]";
    }
}
