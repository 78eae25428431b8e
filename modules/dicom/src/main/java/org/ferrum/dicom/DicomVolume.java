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
package org.ferrum.dicom;

import java.util.List;
import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * One assembled volume of a series: the images of one {@link ImageKind}, all echoes and time points, with
 * physical values and the voxel → LPS geometry.
 *
 * <p>Layout: 3-D (columns, rows, slices) for one echo and one time point, else 4-D with the fourth index
 * {@code v = t · echoes + e} (echo fastest). Slices are sorted along the slice normal (row × column
 * direction, or the mosaic's SliceNormalVector), so the k axis points from the first to the last slice in
 * space whatever order the files came in.
 *
 * @param series      the series it came from
 * @param kind        magnitude, phase, …
 * @param echoTimesMs echo time of each echo in ms (NaN where the file gives none), ascending
 * @param echoNumbers EchoNumbers of each echo (0 where absent)
 * @param timePoints  number of time points (≥ 1)
 * @param volume      physical values as floats: phase in rad, field maps in Hz, magnitude in a.u.
 * @param scaling     the value rule(s) applied (see {@link PhaseScaling}), distinct rules joined by "; "
 * @param warnings    what assembly had to decide that a user should know (images left out because they cannot be
 *                    placed, frames stacked without positions), one line each
 * @param diffusion   b-value and gradient of each time point, or null if the images carry no diffusion attributes
 */
public record DicomVolume(
        DicomSeries series,
        ImageKind kind,
        List<Double> echoTimesMs,
        List<Integer> echoNumbers,
        int timePoints,
        Volume<FloatType> volume,
        String scaling,
        List<String> warnings,
        DicomDiffusion diffusion) {

    /** A volume without warnings or diffusion attributes. */
    public DicomVolume(
            DicomSeries series,
            ImageKind kind,
            List<Double> echoTimesMs,
            List<Integer> echoNumbers,
            int timePoints,
            Volume<FloatType> volume,
            String scaling) {
        this(series, kind, echoTimesMs, echoNumbers, timePoints, volume, scaling, List.of(), null);
    }

    public DicomVolume {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(kind, "kind");
        echoTimesMs = List.copyOf(echoTimesMs);
        echoNumbers = List.copyOf(echoNumbers);
        Objects.requireNonNull(volume, "volume");
        warnings = List.copyOf(warnings);
    }

    public int echoes() {
        return echoTimesMs.size();
    }

    /** The 3-D volume of echo {@code e} at time point {@code t}. */
    public Volume<FloatType> frame(int e, int t) {
        if (volume.numDimensions() == 3) {
            if (e != 0 || t != 0) {
                throw new IndexOutOfBoundsException("one echo, one time point");
            }
            return volume;
        }
        return volume.frame(t * echoes() + e);
    }
}
