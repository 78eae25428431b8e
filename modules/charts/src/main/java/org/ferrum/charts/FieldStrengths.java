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

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The field-strength check of the brain-iron charts and models (issue 18, bad input): R2* grows with the main field B0
 * (roughly in proportion, e.g. Yao et al., NeuroImage 2009;44:1259, deep grey matter R2* at 3 T vs 7 T), so R2* from
 * scans at different field strengths is not comparable and a trend across them mixes scanner and biology; χ is a
 * property of the tissue, independent of B0, and stays comparable.
 */
public final class FieldStrengths {

    private static final Logger LOG = Logger.getLogger(FieldStrengths.class.getName());

    private FieldStrengths() {}

    /**
     * The warning for a chart or model of {@code map} ("r2star" or "chi") over scans at {@code teslas} (NaN: not
     * recorded, ignored), or empty when all recorded field strengths are equal or the map is not R2*. A warning is also
     * logged (WARNING) with {@code what} naming the chart.
     */
    public static Optional<String> warning(String map, Collection<Double> teslas, String what) {
        TreeSet<Double> distinct = teslas.stream()
                .filter(Objects::nonNull)
                .filter(Double::isFinite)
                .collect(Collectors.toCollection(TreeSet::new));
        if (distinct.size() < 2 || !"r2star".equals(map)) {
            return Optional.empty();
        }
        String fields = distinct.stream().map(FieldStrengths::tesla).collect(Collectors.joining(" and "));
        String text = "Warning: scans at " + fields + " — R2* grows with field strength and is not comparable across"
                + " them (χ is); R2* lines and trend mix scanner and biology";
        LOG.warning(what + ": " + text);
        return Optional.of(text);
    }

    /** The distinct recorded field strengths as text, e.g. "1.5 T and 3 T", or "not recorded". */
    public static String describe(Collection<Double> teslas) {
        String s = teslas.stream()
                .filter(Objects::nonNull)
                .filter(Double::isFinite)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .map(FieldStrengths::tesla)
                .collect(Collectors.joining(" and "));
        return s.isEmpty() ? "not recorded" : s;
    }

    static String tesla(double t) {
        return (t == Math.rint(t) ? String.valueOf((long) t) : String.format(Locale.ROOT, "%.1f", t)) + " T";
    }
}
