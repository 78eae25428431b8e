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
package org.ferrum.qsm.unwrap;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.ferrum.core.statistics.SampleStatistics;

/**
 * Estimates of σ, the standard deviation of the complex Gaussian noise per channel (real and imaginary part) of a
 * multi-echo GRE, from the data themselves: from the air around the head when there is some, else from the misfit of
 * the linear phase model.
 *
 * <p>{@link #fromBackground}: outside the object the magnitude of complex Gaussian noise is Rayleigh distributed,
 * p(m) = m/σ² exp(−m²/2σ²) (Gudbjartsson &amp; Patz, MRM 34:910, 1995), so σ is not the magnitude's SD (that is
 * σ√(2 − π/2)) nor its mean (σ√(π/2)). The voxels outside the mask also hold scalp, skull marrow and fat, so σ is the
 * fixed point of a Rayleigh fit truncated at c·σ (c = {@value #TRUNCATION}): σ² = mean(m² | m &lt; cσ) / (2 g),
 * g = 1 − a e<sup>−a</sup>/(1 − e<sup>−a</sup>), a = c²/2, the second moment of a Rayleigh law truncated there;
 * started from the 10th percentile (σ√(−2 ln 0.9) for pure noise), so the fit locks on the darkest mode. It is trusted
 * only when the air looks like noise: at least {@value #MIN_BACKGROUND_VOXELS} voxels and 5 % of the outside below cσ,
 * the median of those within 0.40–0.60 of the way to their cσ (0.506 for a Rayleigh law), and the mean
 * magnitude in the mask at least 3σ. Exact zeros (zero-filled or blanked data) are not noise and are skipped.
 *
 * <p>{@link #fromFitResidual}: with the phase noise σ/m<sub>n</sub> of echo n (the high-SNR limit), the fit of
 * φ<sub>n</sub> = φ0 + 2πf·TE<sub>n</sub> with weights m<sub>n</sub>² leaves Σ m<sub>n</sub>² r<sub>n</sub>² ~ σ²·χ²<sub>k</sub>
 * with k = echoes − parameters degrees of freedom; σ² is the median of that sum over the mask divided by the median of
 * χ²<sub>k</sub> (exact for k = 1, 2, Wilson–Hilferty above). The median ignores the minority of voxels where the model
 * fails (wraps left in, flow, dephasing). It needs more echoes than parameters.
 */
public final class NoiseLevel {

    static final double TRUNCATION = 3;
    static final int MIN_BACKGROUND_VOXELS = 500;

    private NoiseLevel() {}

    /**
     * σ from the magnitudes outside {@code mask} (every echo pooled: the noise is the same in each), or empty when
     * they do not look like noise (see the class comment).
     */
    public static OptionalDouble fromBackground(float[][] magnitude, boolean[] mask) {
        int size = magnitude[0].length;
        int outside = 0;
        for (int v = 0; v < size; v++) {
            outside += mask == null || mask[v] ? 0 : 1;
        }
        if (mask == null || outside == 0) {
            return OptionalDouble.empty();
        }
        float[] sample = new float[outside * magnitude.length];
        int count = 0;
        double inside = 0;
        long insideCount = 0;
        for (float[] frame : magnitude) {
            for (int v = 0; v < size; v++) {
                float m = frame[v];
                if (!Float.isFinite(m)) {
                    continue;
                }
                if (mask[v]) {
                    inside += m;
                    insideCount++;
                } else if (m > 0) {
                    sample[count++] = m;
                }
            }
        }
        if (count < MIN_BACKGROUND_VOXELS || insideCount == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(sample, 0, count);
        double a = TRUNCATION * TRUNCATION / 2;
        double g = 1 - a * Math.exp(-a) / (1 - Math.exp(-a));
        double sigma = SampleStatistics.quantile(sample, 0, count, 0.1) / Math.sqrt(-2 * Math.log(0.9));
        int below = 0;
        for (int iteration = 0; iteration < 50 && sigma > 0; iteration++) {
            double t = TRUNCATION * sigma;
            double sum = 0;
            below = 0;
            for (int i = 0; i < count && sample[i] < t; i++) {
                sum += (double) sample[i] * sample[i];
                below++;
            }
            double next = below > 0 ? Math.sqrt(sum / below / (2 * g)) : 0;
            boolean settled = Math.abs(next - sigma) <= 1e-6 * sigma;
            sigma = next;
            if (settled) {
                break;
            }
        }
        if (!(sigma > 0) || below < MIN_BACKGROUND_VOXELS || below < 0.05 * count) {
            return OptionalDouble.empty();
        }
        // shape check: of a Rayleigh law truncated at cσ, the share below its median σ√(2 ln 2) is 0.5/(1 − e^−a) ≈
        // 0.506;
        // tissue mixed into the dark end shifts it
        double median = sigma * Math.sqrt(2 * Math.log(2));
        int underMedian = 0;
        for (int i = 0; i < below && sample[i] < median; i++) {
            underMedian++;
        }
        double share = underMedian / (double) below;
        if (share < 0.40 || share > 0.60 || inside / insideCount < 3 * sigma) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(sigma);
    }

    /**
     * σ from the misfit of the linear phase model in {@code mask} (see the class comment), or empty with no more
     * echoes than parameters or no voxel with signal.
     *
     * @param phase unwrapped phase per echo, rad
     */
    public static OptionalDouble fromFitResidual(
            float[][] phase, float[][] magnitude, double[] echoTimes, boolean[] mask, boolean fitOffset) {
        int echoes = echoTimes.length;
        int dof = echoes - (fitOffset ? 2 : 1);
        if (dof < 1) {
            return OptionalDouble.empty();
        }
        int size = phase[0].length;
        float[] chiSquare = new float[size];
        int count = 0;
        for (int v = 0; v < size; v++) {
            if (mask != null && !mask[v]) {
                continue;
            }
            double sw = 0, st = 0, sp = 0;
            boolean usable = true;
            for (int e = 0; e < echoes; e++) {
                double w = (double) magnitude[e][v] * magnitude[e][v];
                usable &= w > 0 && Double.isFinite(w) && Float.isFinite(phase[e][v]);
                sw += w;
                st += w * echoTimes[e];
                sp += w * phase[e][v];
            }
            if (!usable) {
                continue;
            }
            double meanT = fitOffset ? st / sw : 0, meanP = fitOffset ? sp / sw : 0;
            double stp = 0, stt = 0;
            for (int e = 0; e < echoes; e++) {
                double w = (double) magnitude[e][v] * magnitude[e][v];
                double dt = echoTimes[e] - meanT;
                stp += w * dt * (phase[e][v] - meanP);
                stt += w * dt * dt;
            }
            if (!(stt > 0)) {
                continue;
            }
            double slope = stp / stt;
            double s = 0;
            for (int e = 0; e < echoes; e++) {
                double w = (double) magnitude[e][v] * magnitude[e][v];
                double r = phase[e][v] - meanP - slope * (echoTimes[e] - meanT);
                s += w * r * r;
            }
            chiSquare[count++] = (float) s;
        }
        if (count == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(chiSquare, 0, count);
        double median = SampleStatistics.quantile(chiSquare, 0, count, 0.5);
        return OptionalDouble.of(Math.sqrt(median / chiSquareMedian(dof)));
    }

    /**
     * The factor by which the misfit of each voxel's fit exceeds what noise σ explains, √max(1, χ²/k) with
     * χ² = Σ m<sub>n</sub>² r<sub>n</sub>² / σ² (r the residuals of {@code fit}) and k = echoes − parameters; 1 where
     * k &lt; 1, outside the mask, or for σ = 0. Multiplying the propagated SD by it flags voxels where the linear model
     * fails (wraps, flow, intra-voxel dephasing), as a reduced χ² inflates a fit's error bars.
     */
    public static float[] misfitFactor(
            float[][] phase,
            float[][] magnitude,
            double[] echoTimes,
            boolean[] mask,
            EchoCombination.Result fit,
            boolean fitOffset,
            double sigma) {
        int echoes = echoTimes.length;
        int dof = echoes - (fitOffset ? 2 : 1);
        int size = phase[0].length;
        float[] factor = new float[size];
        Arrays.fill(factor, 1f);
        if (dof < 1 || !(sigma > 0)) {
            return factor;
        }
        double twoPi = PhaseWraps.TWO_PI;
        for (int v = 0; v < size; v++) {
            if (mask != null && !mask[v]) {
                continue;
            }
            double s = 0;
            for (int e = 0; e < echoes; e++) {
                double r = phase[e][v] - fit.offset()[v] - twoPi * fit.frequencyHz()[v] * echoTimes[e];
                s += (double) magnitude[e][v] * magnitude[e][v] * r * r;
            }
            double reduced = s / (sigma * sigma) / dof;
            factor[v] = reduced > 1 && Double.isFinite(reduced) ? (float) Math.sqrt(reduced) : 1f;
        }
        return factor;
    }

    /** The median of the χ² distribution with k degrees of freedom: exact for k = 1, 2, Wilson–Hilferty above. */
    static double chiSquareMedian(int k) {
        return switch (k) {
            case 1 -> 0.454936423119572;
            case 2 -> 2 * Math.log(2);
            default -> k * Math.pow(1 - 2.0 / (9 * k), 3);
        };
    }
}
