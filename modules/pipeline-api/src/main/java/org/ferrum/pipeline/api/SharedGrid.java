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
package org.ferrum.pipeline.api;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.ferrum.core.Volume;

/**
 * The one check that two volumes of a voxelwise operation lie on the same grid: the same voxel counts
 * and voxel→patient affines that agree within {@value #TOLERANCE_MM} mm in every entry (the tolerance
 * the readers use to accept the echoes of one series). Messages name both ports.
 */
public final class SharedGrid {

    /** Largest difference of affine entries still taken as the same placement, in mm. */
    public static final double TOLERANCE_MM = 1e-3;

    private SharedGrid() {}

    /**
     * Requires equal sizes in every dimension (frames included) and the same placement.
     *
     * @throws OperatorException bad input, e.g. "inputs 'a' and 'b' differ in size: 64×64×32 vs 64×64×30"
     */
    public static void requireSameSize(String aPort, Volume<?> a, String bPort, Volume<?> b) throws OperatorException {
        if (!Arrays.equals(a.dimensions(), b.dimensions())) {
            throw differentSize(aPort, a, bPort, b);
        }
        requireSamePlacement(aPort, a, bPort, b);
    }

    /**
     * Requires equal spatial sizes (x, y, z) and the same placement; frames are the caller's business.
     *
     * @throws OperatorException bad input naming both ports and their sizes
     */
    public static void requireSameSpace(String aPort, Volume<?> a, String bPort, Volume<?> b) throws OperatorException {
        for (int d = 0; d < 3; d++) {
            if (a.dimension(d) != b.dimension(d)) {
                throw differentSize(aPort, a, bPort, b);
            }
        }
        requireSamePlacement(aPort, a, bPort, b);
    }

    /** Sizes as people write them, e.g. {@code 64×64×32×3}. */
    public static String size(Volume<?> v) {
        return Arrays.stream(v.dimensions()).mapToObj(Long::toString).collect(Collectors.joining("×"));
    }

    private static void requireSamePlacement(String aPort, Volume<?> a, String bPort, Volume<?> b)
            throws OperatorException {
        if (!a.geometry().approximatelyEquals(b.geometry(), TOLERANCE_MM)) {
            throw OperatorException.badInput(
                    "inputs '" + aPort + "' and '" + bPort + "' have the same size but lie differently "
                            + "in the patient (voxel→patient affines differ by more than " + TOLERANCE_MM + " mm): "
                            + a.geometry()
                            + " vs " + b.geometry() + "; resample one onto the other's grid first");
        }
    }

    private static OperatorException differentSize(String aPort, Volume<?> a, String bPort, Volume<?> b) {
        return OperatorException.badInput(
                "inputs '" + aPort + "' and '" + bPort + "' differ in size: " + size(a) + " vs " + size(b));
    }
}
