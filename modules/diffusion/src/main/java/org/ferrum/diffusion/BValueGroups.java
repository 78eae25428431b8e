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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The distinct b-values of a diffusion series and which volumes belong to each.
 *
 * <p>Contract: volumes are sorted by b-value and grouped so that every b in a group lies within
 * {@value #RELATIVE_TOLERANCE} × the group's smallest b of it (b = 0 groups only with b = 0); a group's b-value is the
 * mean of its members. The tolerance is relative only, so that the small b-values of IVIM protocols (1, 2, 5 s/mm²)
 * stay apart, while the per-direction b-values that scanners and dcm2niix report around a nominal one (995, 1000,
 * 1005) join. Groups are in ascending b.
 */
public final class BValueGroups {

    /** Relative spread of b-values that count as one. */
    public static final double RELATIVE_TOLERANCE = 0.02;

    private final double[] bValues;
    private final int[][] members;

    private BValueGroups(double[] bValues, int[][] members) {
        this.bValues = bValues;
        this.members = members;
    }

    /**
     * Groups the b-value of each volume.
     *
     * @throws IllegalArgumentException if there are no b-values or one is negative or not finite
     */
    public static BValueGroups of(double[] bPerVolume) {
        if (bPerVolume.length == 0) {
            throw new IllegalArgumentException("no b-values");
        }
        Integer[] order = new Integer[bPerVolume.length];
        for (int i = 0; i < order.length; i++) {
            double b = bPerVolume[i];
            if (!(b >= 0) || !Double.isFinite(b)) {
                throw new IllegalArgumentException(
                        "b-value of volume " + (i + 1) + " is " + b + ", not a finite number ≥ 0 (s/mm²)");
            }
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(bPerVolume[x], bPerVolume[y]));
        List<List<Integer>> groups = new ArrayList<>();
        double first = Double.NaN;
        for (int i : order) {
            double b = bPerVolume[i];
            boolean join = !groups.isEmpty() && (first == 0 ? b == 0 : b - first <= RELATIVE_TOLERANCE * first);
            if (!join) {
                groups.add(new ArrayList<>());
                first = b;
            }
            groups.get(groups.size() - 1).add(i);
        }
        double[] b = new double[groups.size()];
        int[][] members = new int[groups.size()][];
        for (int g = 0; g < b.length; g++) {
            members[g] =
                    groups.get(g).stream().mapToInt(Integer::intValue).sorted().toArray();
            double sum = 0;
            for (int v : members[g]) {
                sum += bPerVolume[v];
            }
            b[g] = sum / members[g].length;
        }
        return new BValueGroups(b, members);
    }

    /** Number of distinct b-values. */
    public int size() {
        return bValues.length;
    }

    /** The distinct b-values in s/mm², ascending (a copy). */
    public double[] bValues() {
        return bValues.clone();
    }

    /** The b-value of group {@code g}. */
    public double bValue(int g) {
        return bValues[g];
    }

    /** The volumes (indices into the series) of group {@code g}, ascending (a copy). */
    public int[] volumes(int g) {
        return members[g].clone();
    }

    /** The group whose b-value is {@code b} within the grouping tolerance (and ±0.5 s/mm²), or −1. */
    public int find(double b) {
        for (int g = 0; g < bValues.length; g++) {
            double tol = Math.max(0.5, RELATIVE_TOLERANCE * bValues[g]);
            if (Math.abs(bValues[g] - b) <= tol) {
                return g;
            }
        }
        return -1;
    }

    /** Whether the lowest b-value is 0. */
    public boolean hasBZero() {
        return bValues[0] == 0;
    }

    /** "0, 50, 400, 800" (rounded to 0.1 s/mm²). */
    public String describe() {
        return Arrays.stream(bValues).mapToObj(BValueGroups::format).collect(Collectors.joining(", "));
    }

    /** A b-value as text, without a trailing ".0". */
    public static String format(double b) {
        double r = Math.rint(b * 10) / 10;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
