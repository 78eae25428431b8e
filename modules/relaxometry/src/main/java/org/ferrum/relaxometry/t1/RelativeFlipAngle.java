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
package org.ferrum.relaxometry.t1;

import java.util.Arrays;

/**
 * A B1 map as the relative flip angle κ = actual/nominal, given either as a ratio (≈ 1) or in percent (≈ 100).
 *
 * <p>Detection: the median over the voxels considered (finite, non-zero) above {@value #PERCENT_THRESHOLD} means
 * percent (κ of 10 is far beyond any transmit field; 10 % is far below one), else a ratio.
 */
public final class RelativeFlipAngle {

    /** Medians above this are read as percent. */
    public static final double PERCENT_THRESHOLD = 10;

    /** How a map was read. */
    public enum Scale {
        RATIO,
        PERCENT
    }

    private RelativeFlipAngle() {}

    /** The median of the finite non-zero values of {@code b1} inside {@code mask} (null: all); NaN if none. */
    public static double median(float[] b1, boolean[] mask) {
        float[] v = new float[b1.length];
        int n = 0;
        for (int i = 0; i < b1.length; i++) {
            if ((mask == null || mask[i]) && Float.isFinite(b1[i]) && b1[i] != 0) {
                v[n++] = b1[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** The scale of a map whose median is {@code median}. */
    public static Scale detect(double median) {
        return median > PERCENT_THRESHOLD ? Scale.PERCENT : Scale.RATIO;
    }

    /** κ as a ratio: a copy of {@code b1}, divided by 100 for {@link Scale#PERCENT}. */
    public static float[] asRatio(float[] b1, Scale scale) {
        float[] k = b1.clone();
        if (scale == Scale.PERCENT) {
            for (int i = 0; i < k.length; i++) {
                k[i] = k[i] / 100f;
            }
        }
        return k;
    }
}
