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
package org.ferrum.diffusion;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * The trace-weighted image: per distinct b-value ({@link BValueGroups}), the geometric mean of the volumes of that
 * b-value voxel by voxel.
 *
 * <p>Contract: frame g of the result is (Π_{v ∈ group g} S_v)^{1/n_g}. For a diffusion tensor D and n directions that
 * sample the sphere evenly (three orthogonal ones, or any set whose Σ ĝĝᵀ is ∝ I), Π e^{−b ĝᵀDĝ} = e^{−b·n·tr(D)/3},
 * so the geometric mean is S0·e^{−b·MD} whatever the orientation of the tissue, which is why ADC and IVIM are fitted
 * on it (Basser PJ, Mattiello J, LeBihan D, J Magn Reson B 1994;103:247–254). A group of one volume is copied (an
 * isotropic trace image from the scanner stays as it is; repeats of b = 0 are averaged geometrically). Where a member
 * is ≤ 0 the product has a factor 0 and the result is 0; NaN propagates.
 */
public final class TraceImage {

    private TraceImage() {}

    /**
     * The trace image.
     *
     * @param volumes one flat frame per volume of the series (all the same length)
     * @param groups the series' b-value groups
     * @return one frame per group, ascending b
     */
    public static float[][] compute(float[][] volumes, BValueGroups groups, Cancellation cancellation) {
        int size = volumes[0].length;
        float[][] trace = new float[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            int[] members = groups.volumes(g);
            if (members.length == 1) {
                trace[g] = volumes[members[0]].clone();
                continue;
            }
            float[] out = new float[size];
            double inv = 1.0 / members.length;
            ParallelLoop.forEachChunk(size, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    double logSum = 0;
                    boolean zero = false;
                    for (int m : members) {
                        double s = volumes[m][v];
                        if (s > 0) {
                            logSum += Math.log(s);
                        } else if (s <= 0) {
                            zero = true;
                        } else {
                            logSum = Double.NaN;
                        }
                    }
                    out[v] = Double.isNaN(logSum) ? Float.NaN : zero ? 0f : (float) Math.exp(logSum * inv);
                }
            });
            trace[g] = out;
        }
        return trace;
    }
}
