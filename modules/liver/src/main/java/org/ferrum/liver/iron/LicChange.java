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
package org.ferrum.liver.iron;

/**
 * The rate of change of liver iron concentration.
 *
 * <p>Contract: annual change (mg Fe/g dw per year) = (LIC_end − LIC_start) / (interval in days / {@value #DAYS_PER_YEAR}),
 * the Julian year, so that intervals of any length compare.
 */
public final class LicChange {

    /** Days per (Julian) year. */
    public static final double DAYS_PER_YEAR = 365.25;

    private LicChange() {}

    /** Annual LIC change in mg Fe/g dw per year between two measurements {@code intervalDays} apart. */
    public static double mgPerGDryWeightPerYear(double licStart, double licEnd, double intervalDays) {
        BodyIron.requirePositive(intervalDays, "interval (days)");
        return (licEnd - licStart) / (intervalDays / DAYS_PER_YEAR);
    }
}
