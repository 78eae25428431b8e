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
package org.ferrum.qsm.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.statistics.SampleStatistics;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;

/**
 * The data weight of the weighted field-based solvers (PDF, MEDI, iLSQR, TFI, TV) from the optional input
 * {@value #FIELD_SD}: the per-voxel standard deviation of the field (e.g. {@code qsm.echo.combine}'s {@code field_sd},
 * or the fat–water fit's {@code fieldmap_sd}), in ppm or in Hz with the {@code gre} input (converted like the field,
 * {@link FieldInputs#ppmPerUnit}).
 *
 * <p>Contract: W = 1/max(σ, σ<sub>floor</sub>) in the mask, normalised so that mean(W²) = 1 over the mask, 0 outside;
 * W = 0 where σ is not finite or above {@value #HUGE}·median(σ) (no usable phase there). σ<sub>floor</sub> =
 * {@value #FLOOR}·median(σ over the mask), so that a few voxels of implausibly small σ cannot take over the fit. W is the
 * factor on the residual: the data term ‖W(Dχ − δ)‖² is then the χ² of the field under independent Gaussian noise
 * (the maximum-likelihood weighting of MEDI, Liu et al., MRM 67:137, 2012, where W is built from the SNR map).
 * A background-removed local field has, to first order, the noise of the total field, so the solvers after PDF or
 * V-SHARP take the echo combination's {@code field_sd} directly.
 */
final class FieldNoiseWeights {

    static final String FIELD_SD = "field_sd";
    static final double FLOOR = 0.1;
    static final double HUGE = 100;

    private FieldNoiseWeights() {}

    /** The optional {@value #FIELD_SD} input as read (an operator declares it through {@link #port(String)}). */
    static final Port<Volume<FloatType>> PORT = port("the method's own weight");

    /** The optional {@value #FIELD_SD} port; {@code fallback} says which weight is used without it. */
    static Port<Volume<FloatType>> port(String fallback) {
        return Port.optional(
                        FIELD_SD,
                        PortTypes.VOLUME,
                        "Standard deviation of the field (ppm, or Hz with 'gre'), e.g. the"
                                + " echo combination's field_sd: data weight 1/σ (mean square 1 in the mask); without it "
                                + fallback)
                .in(PhysicalUnit.PPM, PhysicalUnit.HERTZ);
    }

    /**
     * W on the grid of {@code field} if {@value #FIELD_SD} is connected, logged; empty otherwise.
     *
     * @throws OperatorException if the SD is 4-D, on another grid, in another unit, or unusable everywhere in the mask
     */
    static Optional<float[]> read(
            OperatorContext context,
            Volume<FloatType> field,
            String fieldPort,
            boolean[] mask,
            Optional<MultiEchoGre> gre)
            throws OperatorException {
        Optional<Volume<FloatType>> given = context.optionalInput(PORT);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Volume<FloatType> sdVolume = given.get();
        SharedGrid.requireSameSpace(fieldPort, field, FIELD_SD, sdVolume);
        if (sdVolume.frames() != 1) {
            throw OperatorException.badInput(
                    "input '" + FIELD_SD + "' has " + sdVolume.frames() + " frames; give one 3-D map");
        }
        float[] sd = VolumeArrays.frame(sdVolume, 0);
        double perUnit = FieldInputs.ppmPerUnit(gre, FIELD_SD, sdVolume.unit());
        for (int v = 0; v < sd.length; v++) {
            sd[v] *= (float) perUnit;
        }
        Weights w = weights(sd, mask);
        if (w.usable() == 0) {
            throw OperatorException.badInput(
                    "input '" + FIELD_SD + "' has no finite positive value inside the mask; connect"
                            + " the field's standard deviation (e.g. qsm.echo.combine's field_sd) or disconnect it");
        }
        context.log(String.format(
                Locale.ROOT,
                "data weight 1/field_sd: median σ %.3g ppm in the mask, %d voxel(s) at the"
                        + " floor %.3g ppm, %d with weight 0 (σ not finite or > %.0f× the median)",
                w.medianSd(),
                w.floored(),
                FLOOR * w.medianSd(),
                w.zeroed(),
                HUGE));
        return Optional.of(w.weight());
    }

    /** The weights and what building them did. */
    record Weights(float[] weight, double medianSd, int floored, int zeroed, int usable) {}

    /** W from σ in ppm (see the class contract). */
    static Weights weights(float[] sd, boolean[] mask) {
        float[] finite = new float[sd.length];
        int count = 0;
        for (int v = 0; v < sd.length; v++) {
            if (mask[v] && Float.isFinite(sd[v]) && sd[v] > 0) {
                finite[count++] = sd[v];
            }
        }
        float[] w = new float[sd.length];
        if (count == 0) {
            return new Weights(w, Double.NaN, 0, 0, 0);
        }
        Arrays.sort(finite, 0, count);
        double median = SampleStatistics.quantile(finite, 0, count, 0.5);
        double floor = FLOOR * median, huge = HUGE * median;
        int floored = 0, zeroed = 0, usable = 0, inMask = 0;
        double sumSquares = 0;
        for (int v = 0; v < sd.length; v++) {
            if (!mask[v]) {
                continue;
            }
            inMask++;
            double s = sd[v];
            if (!Double.isFinite(s) || s > huge) {
                zeroed++;
                continue;
            }
            if (!(s >= floor)) { // also 0 and negative σ
                s = floor;
                floored++;
            }
            w[v] = (float) (1 / s);
            sumSquares += (double) w[v] * w[v];
            usable++;
        }
        float scale = (float) Math.sqrt(inMask / sumSquares);
        for (int v = 0; v < w.length; v++) {
            w[v] *= scale; // mean of W² over the mask is 1
        }
        return new Weights(w, median, floored, zeroed, usable);
    }
}
