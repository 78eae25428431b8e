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

import org.ferrum.core.fit.FitStatus;

/**
 * The T2 fitting family: a fit of one voxel's multi-echo spin-echo magnitudes. Members: {@link MonoExponentialT2Fit}
 * and {@link EpgT2Fit}; {@link T2Mapping} applies one to every voxel of a mask.
 *
 * <p>Contract of {@link #fit}: {@code signal[0 .. echoes)} are the magnitudes of every acquired echo (the fit uses
 * those from its first echo on); on return {@code out} = {M0 (signal unit, at TE = 0), T2 (ms), B1 (relative
 * refocusing angle; NaN for a fit that does not estimate it), fit quality (RMS residual of the used echoes against the
 * fitted curve, % of M0)}. A fit whose M0 is not positive (no signal) is {@link FitStatus#FAILED}. The returned {@link FitStatus} says whether the numbers may be used
 * ({@link FitStatus#usable()}); when not, every value of {@code out} is NaN, so a failed voxel is never a silent
 * number. Instances hold work arrays: one per thread.
 */
public interface T2Fit {

    /** The number of acquired echoes this fit was made for. */
    int echoes();

    /**
     * Fits one voxel.
     *
     * @param signal magnitudes of all acquired echoes
     * @param out    receives {M0, T2 ms, B1, quality %}
     * @return how the fit ended
     */
    FitStatus fit(double[] signal, double[] out);

    /** Writes NaN into {@code out} and returns {@code status}: the result of a fit whose numbers are not usable. */
    static FitStatus unusable(double[] out, FitStatus status) {
        java.util.Arrays.fill(out, Double.NaN);
        return status;
    }
}
