package org.ferrum.charts;

import org.ferrum.liver.LeastSquaresLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One least-squares line of annual LIC change on transfusional iron intake per chelator-dose group.
 *
 * <p>Contract: points are grouped by {@link IronBalancePoint#doseGroup} (groups in order of first appearance); a group
 * with at least two points of distinct intake gets a {@link LeastSquaresLine} (ΔLIC/year = a + b · intake, b in
 * (mg Fe/g dw per year) per (mg Fe/kg/day)); a group with fewer, or all at one intake, gets none and is listed in
 * {@link #unfitted} with the reason. The slope is the LIC rise per unit of iron intake at that dose; the intake at
 * which the line crosses 0 is the intake that dose balances (Cohen AR et al., Blood 2008;111:583–587).
 *
 * @param lines     the fitted line per group
 * @param unfitted  groups without a line, with why
 */
public record DoseGroupLines(Map<String, LeastSquaresLine> lines, Map<String, String> unfitted) {

    public static DoseGroupLines fit(List<IronBalancePoint> points) {
        Map<String, List<IronBalancePoint>> groups = groups(points);
        Map<String, LeastSquaresLine> lines = new LinkedHashMap<>();
        Map<String, String> unfitted = new LinkedHashMap<>();
        for (Map.Entry<String, List<IronBalancePoint>> g : groups.entrySet()) {
            List<IronBalancePoint> ps = g.getValue();
            double[] x = ps.stream().mapToDouble(IronBalancePoint::ironIntakeMgPerKgPerDay).toArray();
            double[] y = ps.stream().mapToDouble(IronBalancePoint::annualLicChange).toArray();
            try {
                lines.put(g.getKey(), LeastSquaresLine.fit(x, y));
            } catch (IllegalArgumentException e) {
                unfitted.put(g.getKey(), e.getMessage());
            }
        }
        return new DoseGroupLines(lines, unfitted);
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
