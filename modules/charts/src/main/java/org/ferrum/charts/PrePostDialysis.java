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
import org.ferrum.core.statistics.ConfidenceInterval;
import org.ferrum.core.statistics.StudentT;

/**
 * Pre/post-dialysis pairs: the scans of one subject on one day labelled {@value NucleusObservation#PRE_DIALYSIS} and
 * {@value NucleusObservation#POST_DIALYSIS}, and their paired differences d = post − pre.
 *
 * <p>Summary (the paired t interval, e.g. Altman, Practical Statistics for Medical Research, 1991, §9.5): mean d̄,
 * sample SD s = √(Σ(dᵢ − d̄)²/(n − 1)), SE = s/√n, 95 % CI d̄ ± t₀.₉₇₅,ₙ₋₁·SE ({@link StudentT}); with fewer than two
 * pairs the SD and CI are undefined (NaN, {@link ConfidenceInterval#NONE}).
 */
public final class PrePostDialysis {

    /**
     * One pair.
     *
     * @param subject subject code
     * @param date    the day
     * @param pre     value before the session
     * @param post    value after it
     */
    public record Pair(String subject, LocalDate date, double pre, double post) {
        /** post − pre. */
        public double difference() {
            return post - pre;
        }
    }

    /**
     * The paired differences' summary.
     *
     * @param n    pairs
     * @param mean d̄
     * @param sd   sample SD of d (n − 1), NaN for n &lt; 2
     * @param se   s/√n
     * @param ci95 d̄ ± t₀.₉₇₅,ₙ₋₁·SE
     */
    public record Summary(int n, double mean, double sd, double se, ConfidenceInterval ci95) {}

    private PrePostDialysis() {}

    /** The pairs, by subject and date; a day with only one of the two scans gives none. */
    public static List<Pair> pairs(List<NucleusObservation> observations) {
        Map<String, NucleusObservation[]> days = new LinkedHashMap<>();
        for (NucleusObservation o : observations) {
            int slot =
                    switch (o.session()) {
                        case NucleusObservation.PRE_DIALYSIS -> 0;
                        case NucleusObservation.POST_DIALYSIS -> 1;
                        default -> -1;
                    };
            if (slot >= 0) {
                days.computeIfAbsent(o.subject() + "\u0000" + o.date(), k -> new NucleusObservation[2])[slot] = o;
            }
        }
        List<Pair> out = new ArrayList<>();
        for (NucleusObservation[] d : days.values()) {
            if (d[0] != null && d[1] != null) {
                out.add(new Pair(d[0].subject(), d[0].date(), d[0].value(), d[1].value()));
            }
        }
        out.sort(Comparator.comparing(Pair::subject).thenComparing(Pair::date));
        return out;
    }

    /** The summary of the pairs' differences (see the class contract). */
    public static Summary summarise(List<Pair> pairs) {
        int n = pairs.size();
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, ConfidenceInterval.NONE);
        }
        double mean = pairs.stream().mapToDouble(Pair::difference).sum() / n;
        if (n < 2) {
            return new Summary(1, mean, Double.NaN, Double.NaN, ConfidenceInterval.NONE);
        }
        double ss = 0;
        for (Pair p : pairs) {
            double e = p.difference() - mean;
            ss += e * e;
        }
        double sd = Math.sqrt(ss / (n - 1));
        double se = sd / Math.sqrt(n);
        return new Summary(n, mean, sd, se, ConfidenceInterval.around(mean, StudentT.quantile(0.975, n - 1) * se));
    }
}
