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
 * The repeatability coefficient: the least difference between two repeated measurements of the same subject under the
 * same conditions that is unlikely (p &lt; 0.05) to be measurement error alone.
 *
 * <p>Contract: RC = {@value #FACTOR} × wSD, with wSD the within-subject standard deviation; 2.77 = 1.96·√2, the
 * difference of two measurements having SD √2·wSD (Bland JM &amp; Altman DG, "Measuring agreement in method comparison
 * studies", Stat Methods Med Res 1999;8:135–160, §4; the same quantity is the QIBA "repeatability coefficient",
 * Raunig DL et al., Stat Methods Med Res 2015;24:27–67). wSD is estimated from replicates as the square root of the
 * pooled within-subject variance, Σᵢ Σⱼ (xᵢⱼ − x̄ᵢ)² / Σᵢ (nᵢ − 1) (one-way ANOVA residual mean square); for n
 * test–retest pairs this is Σ dᵢ² / (2n) with dᵢ the difference of subject i's two values ({@link #ofPairs}; Bland JM &amp;
 * Altman DG, "Measurement error", BMJ 1996;312:1654). For a
 * chart of percent change, give the RC in percent: 2.77 × the within-subject coefficient of variation (wCV, %), or the
 * published RC of the biomarker, with {@link #given}.
 *
 * @param withinSubjectSd  wSD (NaN when the RC was given directly)
 * @param value            RC, in the unit of the measurements (or % for wCV)
 */
public record RepeatabilityCoefficient(double withinSubjectSd, double value) {

    /** 1.96·√2 rounded as Bland &amp; Altman and QIBA publish it. */
    public static final double FACTOR = 2.77;

    public RepeatabilityCoefficient {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a repeatability coefficient is a finite number ≥ 0, got " + value);
        }
    }

    /** RC = 2.77 × wSD. */
    public static RepeatabilityCoefficient ofWithinSubjectSd(double withinSubjectSd) {
        return new RepeatabilityCoefficient(withinSubjectSd, FACTOR * withinSubjectSd);
    }

    /** An RC taken from the literature or a repeatability study (e.g. a QIBA profile claim). */
    public static RepeatabilityCoefficient given(double value) {
        return new RepeatabilityCoefficient(Double.NaN, value);
    }

    /**
     * RC from test–retest pairs: wSD = √(Σ dᵢ² / (2n)), dᵢ = {@code retest[i]} − {@code test[i]} (the replicate
     * formula with two values per subject).
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a value is not finite
     */
    public static RepeatabilityCoefficient ofPairs(double[] test, double[] retest) {
        if (test.length != retest.length || test.length == 0) {
            throw new IllegalArgumentException("one retest per test, at least one pair: got " + test.length
                    + " tests and " + retest.length + " retests");
        }
        double squares = 0;
        for (int i = 0; i < test.length; i++) {
            if (!Double.isFinite(test[i]) || !Double.isFinite(retest[i])) {
                throw new IllegalArgumentException(
                        "pair " + i + " is not finite: (" + test[i] + ", " + retest[i] + ")");
            }
            double d = retest[i] - test[i];
            squares += d * d;
        }
        return ofWithinSubjectSd(Math.sqrt(squares / (2.0 * test.length)));
    }

    /**
     * RC from replicate measurements: {@code replicates[i]} holds the repeated values of subject i (at least one
     * subject with two or more values; subjects with one value add nothing).
     */
    public static RepeatabilityCoefficient ofReplicates(double[][] replicates) {
        double squares = 0;
        int degrees = 0;
        for (double[] subject : replicates) {
            if (subject.length < 2) {
                continue;
            }
            double mean = 0;
            for (double v : subject) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a replicate is not a finite number: " + v);
                }
                mean += v / subject.length;
            }
            for (double v : subject) {
                squares += (v - mean) * (v - mean);
            }
            degrees += subject.length - 1;
        }
        if (degrees == 0) {
            throw new IllegalArgumentException("repeatability needs at least one subject measured twice");
        }
        return ofWithinSubjectSd(Math.sqrt(squares / degrees));
    }
}
