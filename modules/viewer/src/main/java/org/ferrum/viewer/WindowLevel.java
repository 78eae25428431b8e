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
package org.ferrum.viewer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.statistics.SampleStatistics;

/**
 * The display window: values from {@code centre − width/2} to {@code centre + width/2} spread over the
 * 256 colormap entries, values outside clamp to the end entries.
 *
 * <p>Contract: {@code index(v) = clamp(floor((v − lower) / width · 256), 0, 255)}, so the lower edge is
 * entry 0, the upper edge entry 255 and the centre entry 128 (mid-grey in the grey map). NaN has no
 * index (the renderer makes it transparent).
 *
 * @param centre the value in the middle of the window, in the map's unit
 * @param width  the window's width in the map's unit, &gt; 0
 */
public record WindowLevel(double centre, double width) {

    public WindowLevel {
        if (!(width > 0) || !Double.isFinite(width) || !Double.isFinite(centre)) {
            throw new IllegalArgumentException(
                    "window needs a finite centre and a positive width, got centre " + centre + " width " + width);
        }
    }

    /** The window from {@code lower} to {@code upper} (upper &gt; lower). */
    public static WindowLevel ofRange(double lower, double upper) {
        return new WindowLevel((lower + upper) / 2, upper - lower);
    }

    public double lower() {
        return centre - width / 2;
    }

    public double upper() {
        return centre + width / 2;
    }

    /** The colormap entry of {@code value} (see the class contract); −1 for NaN. */
    public int index(double value) {
        if (Double.isNaN(value)) {
            return -1;
        }
        double t = (value - lower()) / width * 256;
        return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
    }

    /**
     * The conventional window for maps in {@code unit}: χ in ppm −0.2…+0.2 (for the diverging map),
     * R2* in 1/s 0…500, LIC in mg Fe/g dw 0…20, PDFF in % 0…50, T1 in s 0…3, Ktrans/kep in 1/min 0…0.5, ADC in
     * mm²/s 0…3·10⁻³, concentration in mM 0…2, IAUC in mM·s 0…30; empty for units without a convention
     * (use {@link #auto}).
     */
    public static Optional<WindowLevel> presetFor(PhysicalUnit unit) {
        return Optional.ofNullable(
                switch (unit) {
                    case PPM -> ofRange(-0.2, 0.2);
                    case PPB -> ofRange(-200, 200);
                    case PER_SECOND -> ofRange(0, 500);
                    case MG_FE_PER_G_DRY_WEIGHT -> ofRange(0, 20);
                    case PERCENT -> ofRange(0, 50);
                    // issue 17 (spine DCE/T1/diffusion): T1 of marrow, cord and tumour ~0.5–2 s at 1.5–3 T; Ktrans and
                    // kep mostly below 0.5 /min in tumour; ADC of tissue 0–3·10⁻³ mm²/s (free water 3·10⁻³ at 37 °C);
                    // gadolinium concentration in tissue below ~2 mM; IAUC60 of a tumour a few tens of mM·s
                    case SECOND -> ofRange(0, 3);
                    case PER_MINUTE -> ofRange(0, 0.5);
                    case SQUARE_MILLIMETRE_PER_SECOND -> ofRange(0, 3e-3);
                    case MILLIMOLAR -> ofRange(0, 2);
                    case MILLIMOLAR_SECOND -> ofRange(0, 30);
                    default -> null;
                });
    }

    /**
     * The window from the 2nd to the 98th percentile of the finite values (quantiles as
     * {@link SampleStatistics#quantile}); volumes of more than {@code maxSamples} values are sampled with a
     * fixed stride, which is plenty for a display window. A constant or empty sample gives a window as wide as
     * the value's magnitude around it (width 1 around 0 or with no finite value).
     */
    public static WindowLevel auto(float[] values, int maxSamples) {
        int stride = Math.max(1, values.length / Math.max(1, maxSamples));
        float[] sample = new float[(values.length + stride - 1) / stride];
        int n = 0;
        for (int i = 0; i < values.length; i += stride) {
            float v = values[i];
            if (Float.isFinite(v)) {
                sample[n++] = v;
            }
        }
        Arrays.sort(sample, 0, n);
        double lo = SampleStatistics.quantile(sample, 0, n, 0.02);
        double hi = SampleStatistics.quantile(sample, 0, n, 0.98);
        if (n == 0) {
            return new WindowLevel(0, 1);
        }
        if (!(hi > lo)) {
            return new WindowLevel(lo, lo == 0 ? 1 : Math.abs(lo));
        }
        return ofRange(lo, hi);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "W %.4g L %.4g", width, centre);
    }
}
