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

import java.util.Locale;

/**
 * A two-sided confidence interval of an estimate: {@code lower ≤ upper}, both NaN when the data do not allow one
 * (too few pairs, no spread).
 *
 * @param lower lower end
 * @param upper upper end
 */
public record ConfidenceInterval(double lower, double upper) {

    /** The interval of NaN ends: not computable from the data at hand. */
    public static final ConfidenceInterval NONE = new ConfidenceInterval(Double.NaN, Double.NaN);

    /** The two-sided 95 % standard normal quantile z₀.₉₇₅ (used with Fisher's z transform). */
    public static final double Z_975 = 1.959963984540054;

    /** {@code estimate ± halfWidth}; NONE if either is not finite. */
    public static ConfidenceInterval around(double estimate, double halfWidth) {
        if (!Double.isFinite(estimate) || !Double.isFinite(halfWidth)) {
            return NONE;
        }
        return new ConfidenceInterval(estimate - halfWidth, estimate + halfWidth);
    }

    /** True when both ends are numbers. */
    public boolean defined() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** True when {@code value} lies within the interval (ends included). */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** "lower to upper" with {@code digits} significant digits, or "–" when not computable. */
    public String format(int digits) {
        if (!defined()) {
            return "–";
        }
        String f = "%." + digits + "g";
        return String.format(Locale.ROOT, f + " to " + f, lower, upper);
    }
}
