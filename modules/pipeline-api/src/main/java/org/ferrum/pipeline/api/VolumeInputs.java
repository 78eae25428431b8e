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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;

/**
 * Turns a mask input into the algorithms' {@code boolean[]} with the one check every mask needs: a mask with no
 * voxel inside is bad input naming the port. (That a volume input holds real voxels is checked by the executor
 * against the port type before the operator runs.)
 */
public final class VolumeInputs {

    private VolumeInputs() {}

    /**
     * The mask of a 3-D volume (or its first frame): true where the value is finite and non-zero.
     *
     * @param port named in the message when the mask is empty
     * @throws OperatorException if no voxel is inside
     */
    public static boolean[] mask(Volume<FloatType> volume, String port) throws OperatorException {
        boolean[] m = VolumeArrays.mask(volume);
        if (VolumeArrays.count(m) == 0) {
            throw OperatorException.badInput("input '" + port + "' is an empty mask (no voxel is inside)");
        }
        return m;
    }
}
