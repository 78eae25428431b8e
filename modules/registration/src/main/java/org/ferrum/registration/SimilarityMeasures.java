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

/**
 * Similarity of two images on one grid, for reporting how well a registration did (not for optimising it: see
 * {@link LinearRegistration} for the differentiable Parzen-window forms). Voxels count where the mask (if any) is true
 * and both values are finite.
 */
public final class SimilarityMeasures {

    /** Histogram bins per image in {@link #mutualInformation}. */
    public static final int BINS = 32;

    private SimilarityMeasures() {}

    /** Pearson's correlation of a and b (NaN if fewer than 2 voxels or a constant image). */
    public static double ncc(float[] a, float[] b, boolean[] mask) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if ((mask == null || mask[i]) && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                sa += a[i];
                sb += b[i];
                saa += (double) a[i] * a[i];
                sbb += (double) b[i] * b[i];
                sab += (double) a[i] * b[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : Double.NaN;
    }

    /**
     * Mutual information (nats) of a and b from their joint histogram of {@value #BINS}×{@value #BINS} equal bins
     * between each image's minimum and maximum over the counted voxels.
     */
    public static double mutualInformation(float[] a, float[] b, boolean[] mask) {
        float amin = Float.POSITIVE_INFINITY, amax = Float.NEGATIVE_INFINITY;
        float bmin = Float.POSITIVE_INFINITY, bmax = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            if ((mask == null || mask[i]) && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                amin = Math.min(amin, a[i]);
                amax = Math.max(amax, a[i]);
                bmin = Math.min(bmin, b[i]);
                bmax = Math.max(bmax, b[i]);
            }
        }
        if (!(amax > amin) || !(bmax > bmin)) {
            return Double.NaN;
        }
        double[] joint = new double[BINS * BINS];
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if ((mask == null || mask[i]) && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                int ia = Math.min(BINS - 1, (int) ((a[i] - amin) / (amax - amin) * BINS));
                int ib = Math.min(BINS - 1, (int) ((b[i] - bmin) / (bmax - bmin) * BINS));
                joint[ia * BINS + ib]++;
                n++;
            }
        }
        double[] pa = new double[BINS], pb = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            for (int j = 0; j < BINS; j++) {
                joint[i * BINS + j] /= n;
                pa[i] += joint[i * BINS + j];
                pb[j] += joint[i * BINS + j];
            }
        }
        double mi = 0;
        for (int i = 0; i < BINS; i++) {
            for (int j = 0; j < BINS; j++) {
                double p = joint[i * BINS + j];
                if (p > 0) {
                    mi += p * Math.log(p / (pa[i] * pb[j]));
                }
            }
        }
        return mi;
    }

    /** Dice coefficient 2|A∩B| / (|A| + |B|) of two masks (NaN if both are empty). */
    public static double dice(boolean[] a, boolean[] b) {
        long both = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += a[i] ? 1 : 0;
            nb += b[i] ? 1 : 0;
            both += a[i] && b[i] ? 1 : 0;
        }
        return na + nb == 0 ? Double.NaN : 2.0 * both / (na + nb);
    }
}
