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
package org.ferrum.qsm.inversion;

import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;

/**
 * Thresholded k-space division (TKD): the direct inverse of the dipole kernel, regularised by bounding
 * its gain near the magic-angle cone.
 *
 * <p>Contract (Shmueli et al., MRM 62:1510, 2009; Wharton et al., MRM 63:1292, 2010), with D the
 * {@link DipoleKernel}, δ the local field in ppm (zeroed outside the mask M) and t the threshold:
 * <pre>
 *   χ = F⁻¹[ F[M·δ] · D⁻¹_t ] / c,     D⁻¹_t(k) = 1/D(k)  if |D(k)| &gt; t,   sgn(D(k))/t  otherwise
 * </pre>
 * with D⁻¹_t(0) = 0 (the mean is not measurable, see {@link DipoleKernel}) and c = 1 without correction.
 * The truncated region keeps its sign (Wharton's variant, instead of Shmueli's zero) so that the
 * effective filter D·D⁻¹_t = |D|/t there stays positive and χ is only smoothed, never sign-flipped.
 *
 * <p>Correction ({@code correctUnderestimation}): the truncation attenuates every susceptibility
 * structure. Following Schweser et al. (MRM 69:1582, 2013, "superfast dipole inversion"), the estimate
 * is divided by c = (1/N)·Σ<sub>k</sub> D(k)·D⁻¹_t(k), the centre value of the point-spread function
 * F⁻¹[D·D⁻¹_t] of the whole procedure, i.e. the fraction of a point source's susceptibility that TKD
 * returns at its own voxel. It depends only on t and the grid, not on the data.
 *
 * <p>One forward and one inverse FFT; the result is returned on the whole grid (not yet masked).
 */
public final class ThresholdedKSpaceDivision implements DipoleInversion {

    /**
     * The parameters of TKD.
     *
     * @param threshold t in (0, 2/3]
     * @param correct   divide by the point-spread function's centre value (Schweser et al. 2013)
     */
    public record Params(double threshold, boolean correct) {
        /** t = 0.19 (Wharton et al. 2010 found 0.19 a good balance of streaking and smoothing in vivo), no correction. */
        public static final Params DEFAULTS = new Params(0.19, false);
    }

    private final double threshold;
    private final boolean correctUnderestimation;

    /**
     * @param threshold              t in (0, 2/3]
     * @param correctUnderestimation divide by the point-spread function's centre value (Schweser et al. 2013)
     */
    public ThresholdedKSpaceDivision(double threshold, boolean correctUnderestimation) {
        if (!(threshold > 0) || threshold > 2.0 / 3.0) {
            throw new IllegalArgumentException("TKD threshold must lie in (0, 2/3], got " + threshold);
        }
        this.threshold = threshold;
        this.correctUnderestimation = correctUnderestimation;
    }

    public ThresholdedKSpaceDivision(Params params) {
        this(params.threshold(), params.correct());
    }

    /** The defaults, {@link Params#DEFAULTS}. */
    public ThresholdedKSpaceDivision() {
        this(Params.DEFAULTS);
    }

    @Override
    public String name() {
        return "TKD";
    }

    @Override
    public InversionResult invert(Field input, Cancellation cancellation, InversionProgress progress) {
        input.requireNoDataWeight(name());
        return invert(input.field(), input.mask(), input.grid(), input.b0VoxelAxes(), cancellation);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "TKD with threshold %g%s",
                threshold,
                correctUnderestimation ? ", corrected for its underestimation" : "");
    }

    /**
     * χ from the local field.
     *
     * @param field       δ in ppm, x fastest on {@code grid}
     * @param mask        M; the field is used only inside it
     * @param b0VoxelAxes B0 direction along the index axes
     */
    public InversionResult invert(
            float[] field, boolean[] mask, VoxelGrid grid, double[] b0VoxelAxes, Cancellation cancellation) {
        float[] d = KSpace.kernel(grid, b0VoxelAxes, field, mask);
        float[] inverse = truncatedInverse(d, cancellation);
        double c = correctUnderestimation ? pointSpreadCentre(d, inverse) : 1.0;
        if (c != 1.0) {
            float scale = (float) (1.0 / c);
            for (int n = 0; n < inverse.length; n++) {
                inverse[n] *= scale;
            }
        }
        float[] data = KSpace.masked(field, mask);
        return KSpace.closedForm(data, inverse, d, mask, grid, cancellation);
    }

    /** D⁻¹_t on the FFT grid (see the class contract). */
    float[] truncatedInverse(float[] d, Cancellation cancellation) {
        float[] inv = new float[d.length];
        float t = (float) threshold;
        ParallelLoop.forEachChunk(d.length, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                float v = d[n];
                inv[n] = Math.abs(v) > t ? 1f / v : Math.signum(v) / t;
            }
        });
        return inv;
    }

    /** The correction factor c = mean of D·D⁻¹_t over k-space. */
    public double correctionFactor(VoxelGrid grid, double[] b0VoxelAxes) {
        float[] d = DipoleKernel.of(grid, b0VoxelAxes);
        return pointSpreadCentre(d, truncatedInverse(d, Cancellation.NEVER));
    }

    private static double pointSpreadCentre(float[] d, float[] inverse) {
        double s = 0;
        for (int n = 0; n < d.length; n++) {
            s += d[n] * (double) inverse[n];
        }
        return s / d.length;
    }
}
