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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ferrum.core.statistics.RepeatabilityCoefficient;

/**
 * Percent change from baseline of each parameter in each region over a subject's visits, with the parameter's
 * repeatability band and the changes beyond it: the numbers behind {@link ResponseOverVisitsChart}.
 *
 * <p>Contract: observations are (region, date, parameter, value, unit) — {@link TumourObservation} with the region as
 * its lesion. Per parameter and region, in visit order: the baseline is the region's first visit with that parameter;
 * percent change = 100 · (value − baseline) / baseline ({@code PercentChange.fromBaseline}, via
 * {@link LesionPercentChange#byLesion}); {@code days} = days from the subject's first visit of any observation (day 0),
 * so all regions and parameters share one x axis; a point is <b>beyond</b> the band when |percent change| &gt; RC
 * (strictly: a change equal to the RC is not flagged). Parameters come in {@link #ORDER} (others after, by name),
 * regions by name. RC per parameter from {@code rcOf}.
 *
 * @throws IllegalArgumentException as {@link LesionPercentChange#byLesion} (two values on one date, two units of one
 *     parameter); regions whose baseline of a parameter is 0 or not finite are left out ({@link #unchartable})
 */
public final class ResponseOverVisits {

    /** The parameter order of the chart: relaxometry, DCE, diffusion, fat. */
    public static final List<String> ORDER =
            List.of("t1", "ktrans", "kep", "ve", "vp", "iauc60", "adc", "ivim_d", "ivim_f", "ivim_dstar", "pdff");

    /** One visit of one region: value, percent change from the region's baseline, and whether it is beyond ±RC. */
    public record Point(LocalDate date, long days, double value, double percentChange, boolean beyond) {}

    /** One region's course of one parameter. */
    public record Series(
            String parameter, String region, String unit, RepeatabilityCoefficient rc, List<Point> points) {}

    private ResponseOverVisits() {}

    /**
     * The observations whose region has a usable baseline for their parameter: the region's first value of that
     * parameter is finite and not 0 (a region outside the fitted mask, or a map that is 0 there, has no percent
     * change). See {@link #unchartable} for what is left out.
     */
    public static List<TumourObservation> chartable(List<TumourObservation> observations) {
        Set<String> bad = new java.util.HashSet<>(unchartableKeys(observations));
        return observations.stream()
                .filter(o -> !bad.contains(o.parameter() + "\u0000" + o.lesion()))
                .toList();
    }

    /** "parameter in region" for every region whose baseline of a parameter is 0 or not finite, sorted. */
    public static List<String> unchartable(List<TumourObservation> observations) {
        return unchartableKeys(observations).stream()
                .map(k -> k.replace("\u0000", " in "))
                .sorted()
                .toList();
    }

    private static Set<String> unchartableKeys(List<TumourObservation> observations) {
        Map<String, TumourObservation> first = new java.util.HashMap<>();
        for (TumourObservation o : observations) {
            first.merge(
                    o.parameter() + "\u0000" + o.lesion(), o, (a, b) -> b.date().isBefore(a.date()) ? b : a);
        }
        Set<String> bad = new LinkedHashSet<>();
        first.forEach((k, o) -> {
            if (!Double.isFinite(o.value()) || o.value() == 0) {
                bad.add(k);
            }
        });
        return bad;
    }

    /** The series, parameter-major (see the class contract). */
    public static List<Series> of(
            List<TumourObservation> observations, Function<String, RepeatabilityCoefficient> rcOf) {
        if (observations.isEmpty()) {
            return List.of();
        }
        observations = chartable(observations);
        if (observations.isEmpty()) {
            return List.of();
        }
        LocalDate day0 = observations.stream()
                .map(TumourObservation::date)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Set<String> parameters = new LinkedHashSet<>();
        observations.stream()
                .map(TumourObservation::parameter)
                .distinct()
                .sorted(Comparator.comparingInt((String p) -> ORDER.contains(p) ? ORDER.indexOf(p) : ORDER.size())
                        .thenComparing(Comparator.naturalOrder()))
                .forEach(parameters::add);
        List<Series> out = new ArrayList<>();
        for (String parameter : parameters) {
            RepeatabilityCoefficient rc = rcOf.apply(parameter);
            double band = rc.value();
            String unit = observations.stream()
                    .filter(o -> o.parameter().equals(parameter))
                    .map(TumourObservation::unit)
                    .findFirst()
                    .orElse("");
            Map<String, List<LesionPercentChange.Point>> byRegion =
                    LesionPercentChange.byLesion(observations, parameter);
            byRegion.keySet().stream().sorted().forEach(region -> {
                List<Point> points = byRegion.get(region).stream()
                        .map(p -> new Point(
                                p.date(),
                                ChronoUnit.DAYS.between(day0, p.date()),
                                p.value(),
                                p.percentChange(),
                                Math.abs(p.percentChange()) > band))
                        .toList();
                out.add(new Series(parameter, region, unit, rc, points));
            });
        }
        return out;
    }
}
