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
package org.ferrum.liver.phantom;

/**
 * A tissue of the {@link AbdomenPhantom}, with the label it has in the phantom's label map.
 *
 * <p>Each tissue's truth: proton density ρ (relative to liver = 1), proton-density fat fraction PDFF (0…1, the fat
 * share of ρ), R2* at 1.5 T (1/s, scaled ∝ B0 at other fields, the approximately linear field dependence of R2* in
 * iron-loaded liver reported by Storey P et al., JMRI 2007;25:540–547), the susceptibility of its iron-free,
 * fat-free part relative to water (ppm), and, for the liver and spleen, an iron concentration in mg Fe/g dry
 * weight (for the liver the R2* and the iron susceptibility then follow from the phantom's {@link IronModel}).
 */
public enum AbdomenTissue {
    /** Air around the body: no signal, χ of air relative to water. */
    AIR(0, "air", 0, 0, 0, 0, Double.NaN),
    LIVER_RIGHT_LOBE(1, "liver right lobe", 1.0, 0.12, Double.NaN, 0, 8.0),
    LIVER_LEFT_LOBE(2, "liver left lobe", 1.0, 0.12, Double.NaN, 0, 3.0),
    SPLEEN(3, "spleen", 1.0, 0.0, 60, 0, Double.NaN),
    SUBCUTANEOUS_FAT(4, "subcutaneous fat", 0.9, 0.93, 35, 0, Double.NaN),
    VERTEBRAL_MARROW(5, "vertebral marrow", 0.8, 0.45, 110, -0.6, Double.NaN),
    SOFT_TISSUE(6, "muscle and other soft tissue", 0.8, 0.03, 30, 0, Double.NaN),
    /** Lung bases: mostly air, a little tissue whose signal is gone by the first echo. */
    LUNG(7, "lung", 0.08, 0, 900, 0, Double.NaN),
    BOWEL_GAS(8, "bowel gas", 0, 0, 0, 0, Double.NaN);

    /** χ of air relative to water in ppm (volume SI): air ≈ +0.36 ppm, water −9.05 ppm (Schenck JF, Med Phys 1996;23:815–850). */
    public static final double AIR_RELATIVE_TO_WATER_PPM = 9.41;

    private final int label;
    private final String displayName;
    private final double protonDensity;
    private final double pdff;
    private final double r2starAt15T;
    private final double chiRelativeToWaterPpm;
    private final double licMgPerGDry;

    AbdomenTissue(
            int label,
            String displayName,
            double protonDensity,
            double pdff,
            double r2starAt15T,
            double chiRelativeToWaterPpm,
            double licMgPerGDry) {
        this.label = label;
        this.displayName = displayName;
        this.protonDensity = protonDensity;
        this.pdff = pdff;
        this.r2starAt15T = r2starAt15T;
        this.chiRelativeToWaterPpm = chiRelativeToWaterPpm;
        this.licMgPerGDry = licMgPerGDry;
    }

    /** The value in the phantom's label map. */
    public int label() {
        return label;
    }

    public String displayName() {
        return displayName;
    }

    /** ρ relative to liver. */
    public double protonDensity() {
        return protonDensity;
    }

    /** Proton-density fat fraction, 0…1. */
    public double pdff() {
        return pdff;
    }

    /** R2* at 1.5 T in 1/s for tissues without a liver iron concentration; NaN for the liver (from the iron). */
    public double r2starAt15T() {
        return r2starAt15T;
    }

    /** χ of the iron-free, fat-free tissue relative to water, ppm (air and gas: {@link #AIR_RELATIVE_TO_WATER_PPM}). */
    public double chiRelativeToWaterPpm() {
        return this == AIR || this == BOWEL_GAS
                ? AIR_RELATIVE_TO_WATER_PPM
                : this == LUNG ? 0.9 * AIR_RELATIVE_TO_WATER_PPM : chiRelativeToWaterPpm;
    }

    /** The liver iron concentration in mg Fe/g dry weight, NaN outside the liver. */
    public double licMgPerGDry() {
        return licMgPerGDry;
    }

    /** Whether this is one of the liver's lobes. */
    public boolean isLiver() {
        return this == LIVER_RIGHT_LOBE || this == LIVER_LEFT_LOBE;
    }

    /** The tissue with a label. */
    public static AbdomenTissue ofLabel(int label) {
        for (AbdomenTissue t : values()) {
            if (t.label == label) {
                return t;
            }
        }
        throw new IllegalArgumentException("no abdomen tissue has label " + label);
    }

    /** "1=liver right lobe,2=…" for the measurement table's label names (air left out). */
    public static String labelNames() {
        StringBuilder b = new StringBuilder();
        for (AbdomenTissue t : values()) {
            if (t != AIR) {
                b.append(b.length() == 0 ? "" : ",").append(t.label).append('=').append(t.displayName);
            }
        }
        return b.toString();
    }
}
