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
package org.ferrum.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.core.statistics.LeastSquaresLine;
import org.ferrum.core.statistics.StudentT;

/**
 * One least-squares line of annual LIC change on transfusional iron intake per chelator-dose group, with the 95 %
 * confidence band of the line.
 *
 * <p>Contract: points are grouped by {@link IronBalancePoint#doseGroup} (groups in order of first appearance); a group
 * with at least {@link #MIN_POINTS} points of at least two distinct intakes gets a {@link LeastSquaresLine}
 * (ΔLIC/year = a + b · intake, b in (mg Fe/g dw per year) per (mg Fe/kg/day)) and a {@link Band}; a group with fewer
 * points, or all at one intake, gets none and is listed in {@link #unfitted} with the reason. Two points always lie on
 * their line exactly (R² = 1, no residual, so no standard error and no interval): a line through them would claim a
 * certainty it does not have, so it is not drawn. The slope is the LIC rise per unit of iron intake at that dose; the
 * intake at which the line crosses 0 is the intake that dose balances (Cohen AR et al., Blood 2008;111:583–587).
 *
 * @param lines     the fitted line per group
 * @param bands     the 95 % confidence band of each fitted line
 * @param unfitted  groups without a line, with why
 */
public record DoseGroupLines(
        Map<String, LeastSquaresLine> lines, Map<String, Band> bands, Map<String, String> unfitted) {

    /** The fewest subjects a dose group needs for a line: with 2 the line fits exactly and has no error estimate. */
    public static final int MIN_POINTS = 3;

    /**
     * The 95 % confidence band of a fitted line's mean response (simple regression; Altman DG, Practical Statistics for
     * Medical Research, 1991, ch. 11): at x, ŷ ± t₀.₉₇₅,ₙ₋₂ · s · √(1/n + (x − x̄)²/Sxx), s the residual SD.
     *
     * @param line  the line
     * @param meanX x̄ of the fitted points
     * @param sxx   Σ(xᵢ − x̄)²
     */
    public record Band(LeastSquaresLine line, double meanX, double sxx) {

        /** Half-width of the band at x (NaN if the line has no residual SD, n = 2). */
        public double halfWidth(double x) {
            int n = line.n();
            double s = line.slopeSe() * Math.sqrt(sxx); // SE(b) = s/√Sxx
            double t = StudentT.quantile(0.5 + LeastSquaresLine.CONFIDENCE / 2, n - 2);
            return t * s * Math.sqrt(1.0 / n + (x - meanX) * (x - meanX) / sxx);
        }

        public double lower(double x) {
            return line.at(x) - halfWidth(x);
        }

        public double upper(double x) {
            return line.at(x) + halfWidth(x);
        }
    }

    public static DoseGroupLines fit(List<IronBalancePoint> points) {
        Map<String, List<IronBalancePoint>> groups = groups(points);
        Map<String, LeastSquaresLine> lines = new LinkedHashMap<>();
        Map<String, Band> bands = new LinkedHashMap<>();
        Map<String, String> unfitted = new LinkedHashMap<>();
        for (Map.Entry<String, List<IronBalancePoint>> g : groups.entrySet()) {
            List<IronBalancePoint> ps = g.getValue();
            if (ps.size() < MIN_POINTS) {
                unfitted.put(g.getKey(), "n = " + ps.size() + "; a line needs at least " + MIN_POINTS + " subjects");
                continue;
            }
            double[] x = ps.stream()
                    .mapToDouble(IronBalancePoint::ironIntakeMgPerKgPerDay)
                    .toArray();
            double[] y =
                    ps.stream().mapToDouble(IronBalancePoint::annualLicChange).toArray();
            try {
                LeastSquaresLine line = LeastSquaresLine.fit(x, y);
                double mean = java.util.Arrays.stream(x).average().orElseThrow();
                double sxx = java.util.Arrays.stream(x)
                        .map(v -> (v - mean) * (v - mean))
                        .sum();
                lines.put(g.getKey(), line);
                bands.put(g.getKey(), new Band(line, mean, sxx));
            } catch (IllegalArgumentException e) {
                unfitted.put(g.getKey(), e.getMessage());
            }
        }
        return new DoseGroupLines(lines, bands, unfitted);
    }

    /** The points per dose group, groups in order of first appearance. */
    public static Map<String, List<IronBalancePoint>> groups(List<IronBalancePoint> points) {
        Map<String, List<IronBalancePoint>> groups = new LinkedHashMap<>();
        for (IronBalancePoint p : points) {
            groups.computeIfAbsent(p.doseGroup(), k -> new ArrayList<>()).add(p);
        }
        return groups;
    }
}
