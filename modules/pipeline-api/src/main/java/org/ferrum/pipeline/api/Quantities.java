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
    /** A binary mask (dimensionless, 1 inside). */
    public static final String MASK = "mask";

    private Quantities() {}
}
