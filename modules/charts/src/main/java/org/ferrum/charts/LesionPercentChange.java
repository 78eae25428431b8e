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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ferrum.core.statistics.PercentChange;
import org.ferrum.core.statistics.RepeatabilityCoefficient;

/**
 * Percent change of a tumour parameter from its baseline, per lesion.
 *
 * <p>Contract: for a lesion with values v(t) of one parameter, the baseline v₀ is the value at the earliest visit and
 * the percent change at each visit is 100 · (v − v₀) / v₀ ({@link PercentChange#fromBaseline}; so the baseline itself is 0 %). The response of a lesion is
 * judged against the repeatability coefficient: a change inside ±RC % may be measurement error
 * ({@link RepeatabilityCoefficient}).
 */
public final class LesionPercentChange {

    /** One visit of one lesion: the measured value and its percent change from the lesion's baseline. */
    public record Point(LocalDate date, double value, double percentChange) {}

    private LesionPercentChange() {}

    /**
     * The percent-change series of {@code parameter} per lesion (lesions in order of first appearance, visits by date);
     * observations of other parameters are ignored.
     *
     * @throws IllegalArgumentException if a lesion has two values on one date, its baseline is 0, or the parameter's
     *                                  units differ between observations
     */
    public static Map<String, List<Point>> byLesion(List<TumourObservation> observations, String parameter) {
        Map<String, TreeMap<LocalDate, Double>> values = new LinkedHashMap<>();
        String unit = null;
        for (TumourObservation o : observations) {
            if (!o.parameter().equals(parameter)) {
                continue;
            }
            if (unit == null) {
                unit = o.unit();
            } else if (!unit.equals(o.unit())) {
                throw new IllegalArgumentException(parameter + " is recorded in two units, " + unit + " and " + o.unit()
                        + " (lesion " + o.lesion() + ", " + o.date() + "): convert before comparing");
            }
            Double previous =
                    values.computeIfAbsent(o.lesion(), k -> new TreeMap<>()).put(o.date(), o.value());
            if (previous != null) {
                throw new IllegalArgumentException(
                        "lesion " + o.lesion() + " has two " + parameter + " values on " + o.date());
            }
        }
        Map<String, List<Point>> result = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<LocalDate, Double>> lesion : values.entrySet()) {
            double baseline = lesion.getValue().firstEntry().getValue();
            if (!Double.isFinite(baseline) || baseline == 0) {
                throw new IllegalArgumentException("lesion " + lesion.getKey() + " has a " + parameter + " baseline of "
                        + baseline + " on " + lesion.getValue().firstKey() + ": no percent change can be formed");
            }
            List<Point> points = new ArrayList<>();
            lesion.getValue()
                    .forEach((date, v) -> points.add(new Point(date, v, PercentChange.fromBaseline(baseline, v))));
            points.sort(Comparator.comparing(Point::date));
            result.put(lesion.getKey(), List.copyOf(points));
        }
        return result;
    }
}
