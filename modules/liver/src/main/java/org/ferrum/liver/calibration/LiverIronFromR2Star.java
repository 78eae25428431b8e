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
package org.ferrum.liver.calibration;

import java.util.concurrent.atomic.AtomicLong;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Liver iron concentration from an R2* map through a published {@link LicCalibration}.
 *
 * <p>Contract: for every voxel n, {@code lic[n] = calibration.lic(r2star[n])} in mg Fe/g dry weight (NaN stays
 * NaN). A voxel whose R2* or LIC lies outside the calibration's valid range (where the source states one) is
 * counted below or above; with {@link OutOfRange#NAN} its LIC becomes NaN, with {@link OutOfRange#KEEP} the
 * extrapolated value is kept. The field-strength check is the caller's (see {@link LicCalibration#fieldMatches}),
 * because whether a mismatch is refused or only warned about is the user's choice.
 */
public final class LiverIronFromR2Star {

    /** What happens to voxels outside the calibration's valid range. */
    public enum OutOfRange {
        KEEP,
        NAN
    }

    /**
     * The LIC map and what was found on the way.
     *
     * @param lic       mg Fe/g dry weight, x fastest like the input
     * @param below     voxels below the valid range
     * @param above     voxels above the valid range
     * @param nanInput  voxels whose R2* was NaN
     */
    public record Result(float[] lic, long below, long above, long nanInput) {}

    private LiverIronFromR2Star() {}

    /** Applies {@code calibration} to every voxel of {@code r2StarPerSecond} (not modified). */
    public static Result apply(
            float[] r2StarPerSecond, LicCalibration calibration, OutOfRange outOfRange, Cancellation cancellation) {
        float[] lic = new float[r2StarPerSecond.length];
        AtomicLong below = new AtomicLong();
        AtomicLong above = new AtomicLong();
        AtomicLong nan = new AtomicLong();
        ParallelLoop.forEachChunk(lic.length, cancellation, (from, to) -> {
            long lo = 0;
            long hi = 0;
            long missing = 0;
            for (int n = (int) from; n < to; n++) {
                float r = r2StarPerSecond[n];
                if (Float.isNaN(r)) {
                    missing++;
                    lic[n] = Float.NaN;
                    continue;
                }
                double value = calibration.lic(r);
                int side = calibration.rangeSide(r, value);
                lo += side < 0 ? 1 : 0;
                hi += side > 0 ? 1 : 0;
                lic[n] = side != 0 && outOfRange == OutOfRange.NAN ? Float.NaN : (float) value;
            }
            below.addAndGet(lo);
            above.addAndGet(hi);
            nan.addAndGet(missing);
        });
        return new Result(lic, below.get(), above.get(), nan.get());
    }
}
