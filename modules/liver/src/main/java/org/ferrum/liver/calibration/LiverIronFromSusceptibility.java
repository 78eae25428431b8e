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
package org.ferrum.liver.calibration;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Liver iron concentration from hepatic magnetic susceptibility (hQSM), with every constant explicit.
 *
 * <p>Contract: with χ the voxel's susceptibility in ppm relative to water, χ₀ the susceptibility assumed for
 * iron-free liver tissue (ppm, relative to water), s the susceptibility added by 1 mg Fe per g wet tissue
 * (ppm per mg/g ww) and r the wet-to-dry weight ratio of liver tissue (g wet / g dry),
 * <pre>  LIC_ww = (χ − χ₀) / s          (mg Fe/g wet weight)
 *   LIC_dw = r · LIC_ww             (mg Fe/g dry weight)</pre>
 * — iron per gram dry tissue is iron per gram wet tissue times the grams of wet tissue per gram of dry tissue.
 * NaN stays NaN; negative results (noise around iron-free liver) are kept, not clipped, so that ROI medians stay
 * unbiased. The model is the linear one behind fat-referenced hepatic susceptometry (Hernando D et al.,
 * "Magnetic susceptibility as a B0 field strength independent MRI biomarker of liver iron overload", Magn Reson
 * Med 2014, PMC3883906) and SQUID biomagnetic liver susceptometry (Sharma SD et al. 2017, PMC5303570); the
 * numbers themselves are the user's, with their source, because none is shipped as a hidden default.
 *
 * @param ppmPerMgPerGWet    s, ppm per (mg Fe/g wet tissue), &gt; 0
 * @param wetToDryRatio      r, g wet tissue per g dry tissue, &gt; 1
 * @param ironFreeLiverPpm   χ₀, ppm relative to water
 */
public record LiverIronFromSusceptibility(double ppmPerMgPerGWet, double wetToDryRatio, double ironFreeLiverPpm) {

    public LiverIronFromSusceptibility {
        if (!(ppmPerMgPerGWet > 0) || !Double.isFinite(ppmPerMgPerGWet)) {
            throw new IllegalArgumentException(
                    "the susceptibility per mg Fe/g wet tissue must be a positive number of ppm, got "
                            + ppmPerMgPerGWet);
        }
        if (!(wetToDryRatio > 1) || !Double.isFinite(wetToDryRatio)) {
            throw new IllegalArgumentException(
                    "the wet-to-dry weight ratio must be > 1 (wet tissue weighs more than dry), got " + wetToDryRatio);
        }
        if (!Double.isFinite(ironFreeLiverPpm)) {
            throw new IllegalArgumentException(
                    "the susceptibility of iron-free liver must be finite, got " + ironFreeLiverPpm);
        }
    }

    /** LIC in mg Fe/g dry weight for one susceptibility value (ppm relative to water). */
    public double licDryWeight(double chiPpm) {
        return wetToDryRatio * (chiPpm - ironFreeLiverPpm) / ppmPerMgPerGWet;
    }

    /** The inverse of {@link #licDryWeight}: χ in ppm relative to water of liver holding this much iron (mg Fe/g dw). */
    public double susceptibilityPpm(double licDryWeight) {
        return ironFreeLiverPpm + ppmPerMgPerGWet * licDryWeight / wetToDryRatio;
    }

    /** LIC in mg Fe/g dry weight for every voxel of a susceptibility map (ppm relative to water; not modified). */
    public float[] apply(float[] chiPpm, Cancellation cancellation) {
        float[] lic = new float[chiPpm.length];
        ParallelLoop.forEachChunk(lic.length, cancellation, (from, to) -> {
            for (int n = (int) from; n < to; n++) {
                lic[n] = (float) licDryWeight(chiPpm[n]);
            }
        });
        return lic;
    }
}
