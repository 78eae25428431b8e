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
package org.ferrum.perfusion.phantom;

/**
 * The tissues of the simulated spine and their true properties at 1.5 T (one row each; the README of
 * {@code testdata/spine/simulated-spine} lists the same values with their sources).
 *
 * <p>Contract: {@code label} is the value in the label map; {@code protonDensity} is the total (water + fat) proton
 * density relative to pure water; {@code pdff} the proton-density fat fraction (0–1); {@code t1Water} the T1 of the
 * water compartment (s; fat has {@link SpinePhantom#FAT_T1}); {@code ktrans} (1/min), {@code ve}, {@code vp} the
 * extended Tofts parameters of the water compartment (only water takes up the agent; NaN where the tissue has no
 * kinetic model: air, CSF, blood, cortical bone); {@code d}, {@code f}, {@code dStar} the IVIM diffusion (mm²/s),
 * perfusion fraction and pseudo-diffusion (mm²/s) of the water signal (DWI is fat suppressed); {@code r2star} (1/s)
 * at 1.5 T.
 */
public enum SpineTissue {
    AIR(0, "air", 0, 0, 1, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0),
    /** Lytic metastasis: hypervascular, little fat, higher ADC than marrow. */
    TUMOUR(1, "tumour", 0.90, 0.05, 1.20, 0.20, 0.30, 0.08, 0.85e-3, 0.10, 0.030, 40),
    /** Normal fatty marrow; IVIM from OSIPI TF2.4 "Bone Marrow". */
    MARROW(2, "normal marrow", 1.00, 0.50, 1.00, 0.05, 0.15, 0.03, 0.43e-3, 0.145, 0.05, 60),
    /** Spinal cord: intact blood–spinal cord barrier (Ktrans ≈ 0); IVIM from OSIPI TF2.4 "spinal cord". */
    CORD(3, "spinal cord", 0.75, 0, 0.80, 0.002, 0.10, 0.02, 0.41e-3, 0.178, 0.0289, 20),
    CSF(4, "CSF", 1.00, 0, 4.0, Double.NaN, Double.NaN, Double.NaN, 3.0e-3, 0, 0, 5),
    /** Aortic blood: carries Cb, no kinetic model; flowing blood loses signal with diffusion weighting. */
    AORTA(5, "aorta", 0.85, 0, 1.58, Double.NaN, Double.NaN, Double.NaN, 1.8e-3, 0.70, 0.10, 15),
    /** Psoas and erector spinae; IVIM from OSIPI TF2.4 "muscle". */
    MUSCLE(6, "muscle", 0.80, 0.03, 1.008, 0.06, 0.12, 0.015, 1.37e-3, 0.10, 0.0263, 30),
    CORTICAL_BONE(7, "cortical bone", 0.05, 0, 1.0, Double.NaN, Double.NaN, Double.NaN, 0.3e-3, 0, 0, 300),
    SUBCUTANEOUS_FAT(8, "subcutaneous fat", 0.95, 0.90, 1.0, 0.02, 0.10, 0.01, 1.0e-3, 0.05, 0.02, 25),
    /** Bowel, vessels other than the aorta, viscera: one soft-tissue class; IVIM from OSIPI TF2.4 "pancreas". */
    SOFT_TISSUE(9, "other soft tissue", 0.80, 0.05, 0.90, 0.08, 0.20, 0.04, 1.3e-3, 0.15, 0.01, 30);

    private final int label;
    private final String displayName;
    private final double protonDensity;
    private final double pdff;
    private final double t1Water;
    private final double ktrans;
    private final double ve;
    private final double vp;
    private final double d;
    private final double f;
    private final double dStar;
    private final double r2star;

    SpineTissue(
            int label,
            String displayName,
            double protonDensity,
            double pdff,
            double t1Water,
            double ktrans,
            double ve,
            double vp,
            double d,
            double f,
            double dStar,
            double r2star) {
        this.label = label;
        this.displayName = displayName;
        this.protonDensity = protonDensity;
        this.pdff = pdff;
        this.t1Water = t1Water;
        this.ktrans = ktrans;
        this.ve = ve;
        this.vp = vp;
        this.d = d;
        this.f = f;
        this.dStar = dStar;
        this.r2star = r2star;
    }

    public int label() {
        return label;
    }

    public String displayName() {
        return displayName;
    }

    public double protonDensity() {
        return protonDensity;
    }

    /** Fat fraction 0–1. */
    public double pdff() {
        return pdff;
    }

    /** Water T1, s. */
    public double t1Water() {
        return t1Water;
    }

    /** Ktrans of the water compartment, 1/min (NaN: no kinetic model). */
    public double ktrans() {
        return ktrans;
    }

    public double ve() {
        return ve;
    }

    public double vp() {
        return vp;
    }

    /** kep = Ktrans / ve, 1/min. */
    public double kep() {
        return ktrans / ve;
    }

    /** True if the tissue follows the extended Tofts model. */
    public boolean hasKinetics() {
        return !Double.isNaN(ktrans);
    }

    /** IVIM diffusion coefficient, mm²/s. */
    public double d() {
        return d;
    }

    /** IVIM perfusion fraction. */
    public double f() {
        return f;
    }

    /** IVIM pseudo-diffusion coefficient, mm²/s. */
    public double dStar() {
        return dStar;
    }

    /** R2* at 1.5 T, 1/s. */
    public double r2star() {
        return r2star;
    }

    /** The tissue with this label. */
    public static SpineTissue ofLabel(int label) {
        for (SpineTissue t : values()) {
            if (t.label == label) {
                return t;
            }
        }
        throw new IllegalArgumentException("no spine tissue has label " + label);
    }

    /** The label names as the measurement operators take them: "1=tumour,2=normal marrow,…" (air left out). */
    public static String labelNames() {
        StringBuilder s = new StringBuilder();
        for (SpineTissue t : values()) {
            if (t != AIR) {
                s.append(s.length() == 0 ? "" : ",").append(t.label).append('=').append(t.displayName);
            }
        }
        return s.toString();
    }
}
