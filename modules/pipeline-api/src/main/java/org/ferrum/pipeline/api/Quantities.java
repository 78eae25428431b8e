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
package org.ferrum.pipeline.api;

/**
 * The names of what port values measure ({@link Port#quantity()}), declared once so that two modules never spell
 * the same quantity two ways (the validator compares these names exactly). A module adds a quantity here when it
 * is the first to produce or take it.
 */
public final class Quantities {

    /** Magnetic susceptibility χ (ppm, ppb). */
    public static final String SUSCEPTIBILITY = "susceptibility";
    /** Field perturbation ΔB0, relative (ppm) or as a frequency (Hz). */
    public static final String FIELD = "field";
    /** MR phase (rad). */
    public static final String PHASE = "phase";
    /** Transverse relaxation rate R2* (1/s). */
    public static final String R2STAR = "R2*";
    /** Transverse relaxation time T2* (ms). */
    public static final String T2STAR = "T2*";
    /** Proton-density fat fraction (%). */
    public static final String PDFF = "PDFF";
    /** Liver iron concentration (mg Fe/g dry weight). */
    public static final String LIVER_IRON = "LIC";
    /** Longitudinal relaxation time T1 (s, ms). */
    public static final String T1 = "T1";
    /** Longitudinal relaxation rate R1 = 1/T1 (1/s). */
    public static final String R1 = "R1";
    /** Transverse relaxation time T2 (ms, s). */
    public static final String T2 = "T2";
    /** Transverse relaxation rate R2 = 1/T2 (1/s). */
    public static final String R2 = "R2";
    /** Equilibrium magnetisation M0 (scanner a.u.), as fitted with a relaxation model. */
    public static final String M0 = "M0";
    /** Scanner signal intensity (a.u.) of a weighted image: magnitude, DCE frames, diffusion-weighted images. */
    public static final String SIGNAL = "signal";
    /** Transmit field B1⁺ as the relative flip angle, actual / nominal (dimensionless, or %). */
    public static final String RELATIVE_FLIP_ANGLE = "relative flip angle";
    /** Contrast-agent concentration in tissue or blood plasma (mM). */
    public static final String CONCENTRATION = "concentration";
    /** Volume transfer constant Ktrans (1/min). */
    public static final String KTRANS = "Ktrans";
    /** Rate constant kep = Ktrans/ve (1/min). */
    public static final String KEP = "kep";
    /** Extravascular extracellular volume fraction ve (fraction of tissue volume). */
    public static final String VE = "ve";
    /** Plasma volume fraction vp (fraction of tissue volume). */
    public static final String VP = "vp";
    /** Plasma flow Fp (ml/100 ml/min). */
    public static final String FP = "Fp";
    /** Permeability–surface area product per unit tissue volume PS (1/min). */
    public static final String PS = "PS";
    /** Initial area under the concentration curve, IAUC60 or IAUC90 (mM·s, mM·min). */
    public static final String IAUC = "IAUC";
    /** Bolus arrival time or arterial delay (s). */
    public static final String DELAY = "delay";
    /** Apparent diffusion coefficient (mm²/s). */
    public static final String ADC = "ADC";
    /** IVIM tissue diffusion coefficient D (mm²/s). */
    public static final String DIFFUSION = "D";
    /** IVIM pseudo-diffusion coefficient D* (mm²/s). */
    public static final String PSEUDO_DIFFUSION = "D*";
    /** IVIM perfusion fraction f (dimensionless fraction). */
    public static final String PERFUSION_FRACTION = "f";
    /**
     * A per-voxel fit status code (dimensionless): 0 = converged; the meaning of other codes is given by the producing
     * operator's port description.
     */
    public static final String FIT_STATUS = "fit status";
    /**
     * A per-voxel goodness of fit (dimensionless or in the fitted signal's unit), named by the producing port: R², RMS
     * residual, AIC, AICc.
     */
    public static final String FIT_QUALITY = "fit quality";
    /** A binary mask (dimensionless, 1 inside). */
    public static final String MASK = "mask";

    private Quantities() {}
}
