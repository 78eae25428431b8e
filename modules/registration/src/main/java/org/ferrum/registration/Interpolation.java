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
package org.ferrum.registration;

import java.util.Locale;

/**
 * How {@link Resampler} reads the moving image between its voxel centres, and what it gives outside the moving image
 * (beyond half a voxel from its outermost centres).
 */
public enum Interpolation {
    /** The value of the nearest voxel; outside: 0. For label maps and masks. */
    NEAREST(0f),
    /**
     * For label maps: the label held by most of the s×s×s sub-samples of the target voxel (each read by nearest
     * neighbour), ties going to the nearest-neighbour label of the voxel centre; outside: 0 (background). Keeps thin
     * structures' volumes better than nearest neighbour when the target grid is coarser.
     */
    MAJORITY(0f),
    /** Trilinear; outside: NaN (no data), so that statistics exclude it rather than count a made-up 0. */
    LINEAR(Float.NaN),
    /**
     * Cubic B-spline with the exact interpolating prefilter (Unser, IEEE Signal Process Mag 1999; mirror boundaries);
     * outside: NaN. May overshoot at edges, as every interpolating cubic does.
     */
    CUBIC(Float.NaN);

    private final float outside;

    Interpolation(float outside) {
        this.outside = outside;
    }

    /** The value given to target voxels that fall outside the moving image. */
    public float outside() {
        return outside;
    }

    /** The lower-case name used by operators ({@code nearest}, {@code majority}, {@code linear}, {@code cubic}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The default for a volume: {@link #MAJORITY} for a label map (a volume with a non-empty legend,
     * {@link org.ferrum.core.Volume#labels()}), {@link #LINEAR} otherwise.
     */
    public static Interpolation auto(org.ferrum.core.Volume<?> volume) {
        return volume.labels().isEmpty() ? LINEAR : MAJORITY;
    }

    /** The constant named {@code id} (case-insensitive). */
    public static Interpolation ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
