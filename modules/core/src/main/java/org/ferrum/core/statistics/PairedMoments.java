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
package org.ferrum.core.statistics;

/**
 * The first and second moments of n finite pairs (xᵢ, yᵢ), the common start of the method-comparison statistics:
 * means x̄ = Σxᵢ/n, ȳ = Σyᵢ/n and the centred sums of squares and products Sxx = Σ(xᵢ − x̄)², Syy = Σ(yᵢ − ȳ)²,
 * Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ) (not divided by n or n − 1; each statistic scales them as its paper does). Two passes
 * (means first), so no cancellation from subtracting large raw sums.
 */
record PairedMoments(int n, double meanX, double meanY, double sxx, double syy, double sxy) {

    /**
     * @param what the statistic, for the message when there are too few pairs
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than {@code minPairs} pairs, or a
     *                                  pair is not finite (naming it)
     */
    static PairedMoments of(double[] x, double[] y, int minPairs, String what) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("one y per x: got " + n + " x and " + y.length + " y");
        }
        if (n < minPairs) {
            throw new IllegalArgumentException(what + " needs at least " + minPairs + " pairs, got " + n);
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("pair " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        return new PairedMoments(n, mx, my, sxx, syy, sxy);
    }
}
