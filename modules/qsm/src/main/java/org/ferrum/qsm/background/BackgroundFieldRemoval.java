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
package org.ferrum.qsm.background;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;

/**
 * The background-field-removal family: a total field δ split into the local field of the sources inside a region and
 * the background field of the sources outside it (see the package comment for how the members use the harmonicity of
 * the background).
 *
 * <p>Contract of {@link #apply}:
 * <ul>
 * <li>input: δ in ppm on {@link TotalField#grid() grid} (x fastest, spacing in mm), read only inside
 *     {@link TotalField#mask() mask} M (it must be finite there); the B0 direction along the index axes for the members
 *     that model the dipole field ({@link #needsB0Direction()}, PDF), else it may be null; optional data weights W ≥ 0
 *     for the members with a weighted fit (PDF), else null.</li>
 * <li>output: a {@link BackgroundFieldSplit} on the same grid with its mask M' ⊆ M (M itself, or M eroded where the
 *     method cannot tell local from background: by the sphere radius for the SHARP family, by the boundary layer for
 *     LBV); inside M', δ = δ<sub>local</sub> + δ<sub>background</sub> (up to float rounding); both 0 outside M'; in ppm;
 *     with how the solver ended ({@link BackgroundFieldSplit#convergence()}).</li>
 * <li>{@code progress} is told after every iteration of an iterative member on the calling thread; cancellation ends
 *     the run in {@link java.util.concurrent.CancellationException}; an empty mask, or one eroded to nothing, is refused
 *     with an IllegalArgumentException saying so.</li>
 * </ul>
 * A member is a class with its parameters as one record ({@code Params} with {@code DEFAULTS}) and this method; its
 * pipeline operator extends {@code org.ferrum.qsm.ops.BackgroundFieldRemovalOperator}.
 */
public interface BackgroundFieldRemoval {

    /** The method's short name for logs and progress (e.g. "V-SHARP"). */
    String name();

    /** What the convergence report is about: the solver and its residual (default: the name). */
    default String solver() {
        return name();
    }

    /** The iteration limit and tolerance of an iterative member (for progress reports), or null for a closed-form one. */
    default Budget budget() {
        return null;
    }

    /**
     * What an iterative solve may spend.
     *
     * @param maxIterations the iteration limit
     * @param tolerance     the relative residual at which it stops
     */
    record Budget(int maxIterations, double tolerance) {}

    /** True if {@link #apply} needs {@link TotalField#b0VoxelAxes()}. */
    default boolean needsB0Direction() {
        return false;
    }

    /** The split of {@code input} as the class contract says. */
    BackgroundFieldSplit apply(TotalField input, Cancellation cancellation, SolverProgress progress);

    /**
     * The input of a background removal (arrays not copied: a member must not write to them).
     *
     * @param field       δ in ppm, finite inside the mask
     * @param mask        M, the region of interest
     * @param grid        the grid of the arrays
     * @param b0VoxelAxes unit B0 direction along the index axes, or null for the members that do not use it
     * @param weights     data weights W ≥ 0, or null (uniform)
     */
    record TotalField(float[] field, boolean[] mask, VoxelGrid grid, double[] b0VoxelAxes, float[] weights) {

        /** δ and M only. */
        public TotalField(float[] field, boolean[] mask, VoxelGrid grid) {
            this(field, mask, grid, null, null);
        }
    }
}
