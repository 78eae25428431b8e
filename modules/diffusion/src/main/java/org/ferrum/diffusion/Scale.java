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
 * Multiplies values by a factor: {@code out[n] = factor · in[n]} where {@code mask[n]} (or everywhere when there is no
 * mask), {@code out[n] = 0} elsewhere. NaN stays NaN inside the mask. The result is in the unit of the input.
 *
 * <p>The algorithm knows nothing of pipelines: flat arrays in, flat array out, its parameters in one record.
 */
public final class Scale {

    /**
     * The parameters of {@link Scale}, declared once: the operator takes its defaults from {@link #DEFAULTS}.
     *
     * @param factor the multiplier (dimensionless, finite)
     */
    public record Params(double factor) {

        public static final Params DEFAULTS = new Params(1.0);

        public Params {
            if (!Double.isFinite(factor)) {
                throw new IllegalArgumentException("factor must be finite, got " + factor);
            }
        }
    }

    private Scale() {}

    /**
     * The scaled values, in a new array.
     *
     * @param values       input values, any layout
     * @param mask         where to scale (same length as {@code values}), or null for everywhere
     * @param params       the factor
     * @param cancellation polled between chunks of voxels
     * @throws java.util.concurrent.CancellationException if cancelled meanwhile
     */
    public static float[] apply(float[] values, boolean[] mask, Params params, Cancellation cancellation) {
        if (mask != null && mask.length != values.length) {
            throw new IllegalArgumentException("mask of " + mask.length + " voxels for " + values.length + " values");
        }
        float[] out = new float[values.length];
        float factor = (float) params.factor();
        ParallelLoop.forEachChunk(values.length, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                out[n] = mask == null || mask[n] ? factor * values[n] : 0f;
            }
        });
        return out;
    }
}
