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
package org.ferrum.qsm.unwrap;

import java.util.function.BiConsumer;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;

/**
 * The phase-unwrapping family: wrapped multi-echo phase in rad → unwrapped phase in rad, one frame per echo. Members:
 * {@link LaplacianUnwrapping}, {@link RomeoUnwrapping}; each has one operator over the shared
 * {@code org.ferrum.qsm.ops.PhaseUnwrappingOperator} base, so a new member is one algorithm class, one operator class
 * and its {@code @ServiceProvider} registration (the family test {@code PhaseUnwrappingFamilyTest} then checks it).
 *
 * <p>Contract of {@link #unwrap}, for echoes e = 1..E with wrapped phase φ<sub>e</sub> ∈ [−π, π] (rad, x fastest,
 * finite inside the mask M; M = every voxel when no mask is given) whose true phase Φ<sub>e</sub> is smooth (neighbouring
 * voxels differ by less than π):
 * <ol>
 * <li><b>Shape:</b> the result has E frames of {@code grid.size()} voxels, in rad, new arrays (the input is not
 *     changed).</li>
 * <li><b>Accuracy:</b> inside M, in each connected piece of M, u<sub>e</sub> − Φ<sub>e</sub> is constant up to the
 *     method's discretisation error and the noise: an unwrapper recovers the phase up to an offset, which it cannot
 *     know (Φ and Φ + c wrap alike for c = 2πk; members that are not congruent may shift by any c).</li>
 * <li><b>Congruence:</b> if {@link #congruent()}, u<sub>e</sub> − φ<sub>e</sub> is a whole multiple of 2π in every
 *     voxel of M (to float rounding): the result is the input plus whole turns, so re-wrapping it gives the input back.
 *     Members that are not congruent (the Laplacian solution as is) differ from the true phase by a smooth (harmonic)
 *     function instead, which background-field removal discards.</li>
 * <li><b>Outside the mask</b> each member documents what it returns: ROMEO the input unchanged (still wrapped), the
 *     Laplacian method its solution over the whole grid (it uses no mask). Callers use the result inside M only.</li>
 * <li>Deterministic: the same input gives the same result on any number of threads.</li>
 * </ol>
 */
public interface PhaseUnwrapping {

    /**
     * What every unwrapper is given.
     *
     * @param wrapped    wrapped phase per echo, rad, each of {@code grid.size()} voxels
     * @param magnitude  magnitude per echo (same shape), for members that weigh by it; may be null
     * @param echoTimes  TE per echo, s, increasing
     * @param mask       voxels to unwrap, or null for every voxel
     * @param grid       the voxel grid
     */
    record Input(float[][] wrapped, float[][] magnitude, double[] echoTimes, boolean[] mask, VoxelGrid grid) {
        public Input {
            int n = grid.size();
            if (wrapped.length == 0
                    || echoTimes.length != wrapped.length
                    || (magnitude != null && magnitude.length != wrapped.length)) {
                throw new IllegalArgumentException(
                        "need the same number (≥ 1) of phase frames, magnitude frames and echo"
                                + " times, got " + wrapped.length + ", "
                                + (magnitude == null ? "none" : magnitude.length) + " and "
                                + echoTimes.length);
            }
            for (int e = 0; e < wrapped.length; e++) {
                if (wrapped[e].length != n || (magnitude != null && magnitude[e].length != n)) {
                    throw new IllegalArgumentException(
                            "echo " + (e + 1) + " does not have the grid's " + n + " voxels");
                }
            }
            if (mask != null && mask.length != n) {
                throw new IllegalArgumentException("mask has " + mask.length + " voxels, the grid " + n);
            }
        }

        /** Number of echoes. */
        public int echoes() {
            return wrapped.length;
        }
    }

    /** What every unwrapper returns; members add their own maps (e.g. ROMEO's quality and offset). */
    interface Result {

        /** One frame per echo, rad (see the contract). */
        float[][] unwrapped();

        /** Number of pieces unwrapped separately (each may differ from the others by whole turns); 1 if connected. */
        int regions();
    }

    /** True if every result differs from its input by whole multiples of 2π inside the mask (see the contract). */
    boolean congruent();

    /**
     * Unwraps every echo (see the interface contract).
     *
     * @param progress receives (fraction in [0, 1], message) as the work advances, on the caller's thread
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    Result unwrap(Input input, Cancellation cancellation, BiConsumer<Double, String> progress);
}
