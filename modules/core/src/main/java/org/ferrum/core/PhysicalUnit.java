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
package org.ferrum.core;

import java.util.Locale;

/**
 * The physical units Ferrum's data and parameters are expressed in. This is the one place that knows
 * each unit: its symbol, the quantity it measures, and its factor to that quantity's reference unit.
 *
 * <p>Contract: for two units {@code a}, {@code b} of the same {@link Quantity},
 * {@code a.convert(x, b) == x * a.factor() / b.factor()}; converting between different quantities
 * throws. Conversions that need more than a factor (ppm ↔ Hz needs the field strength) live with the
 * physics that defines them: {@link FieldUnits}.
 */
public enum PhysicalUnit {
    /** Pure number, e.g. a ratio or a mask value. */
    DIMENSIONLESS("1", Quantity.DIMENSIONLESS, 1.0),
    /** Signal intensity in the scanner's arbitrary units (magnitude images). */
    ARBITRARY("a.u.", Quantity.SIGNAL, 1.0),
    /** Percent, e.g. proton-density fat fraction. */
    PERCENT("%", Quantity.DIMENSIONLESS, 0.01),

    /** Phase angle in radians. */
    RADIAN("rad", Quantity.ANGLE, 1.0),
    DEGREE("deg", Quantity.ANGLE, Math.PI / 180.0),

    /** Relative field (frequency) shift or susceptibility in parts per million. */
    PPM("ppm", Quantity.RELATIVE, 1e-6),
    /** Parts per billion, used for small susceptibility differences. */
    PPB("ppb", Quantity.RELATIVE, 1e-9),

    /** Frequency offset in hertz (field maps). */
    HERTZ("Hz", Quantity.FREQUENCY, 1.0),
    RADIAN_PER_SECOND("rad/s", Quantity.FREQUENCY, 1.0 / (2.0 * Math.PI)),

    SECOND("s", Quantity.TIME, 1.0),
    MILLISECOND("ms", Quantity.TIME, 1e-3),
    MINUTE("min", Quantity.TIME, 60.0),

    /** Relaxation rate (R2*, R2, R1). */
    PER_SECOND("1/s", Quantity.RATE, 1.0),
    /** Transfer constants of tracer kinetics (Ktrans, kep, PS), as DCE users write them. */
    PER_MINUTE("1/min", Quantity.RATE, 1.0 / 60.0),
    /**
     * Plasma flow per tissue volume, ml/100 ml/min: a rate (1 ml/100 ml/min = 0.01/min), so it converts to 1/min
     * and 1/s.
     */
    ML_PER_100ML_PER_MINUTE("ml/100ml/min", Quantity.RATE, 0.01 / 60.0),

    /** Contrast-agent concentration, millimoles per litre. */
    MILLIMOLAR("mM", Quantity.CONCENTRATION, 1.0),
    /** Area under a concentration curve (IAUC), mM·s. */
    MILLIMOLAR_SECOND("mM·s", Quantity.CONCENTRATION_TIME, 1.0),
    /** Area under a concentration curve (IAUC), mM·min. */
    MILLIMOLAR_MINUTE("mM·min", Quantity.CONCENTRATION_TIME, 60.0),
    /** Longitudinal relaxivity r1 of a contrast agent, per second per millimolar. */
    PER_SECOND_PER_MILLIMOLAR("1/s/mM", Quantity.RELAXIVITY, 1.0),

    /** Diffusion coefficient (ADC, D, D*), mm²/s as diffusion users write it. */
    SQUARE_MILLIMETRE_PER_SECOND("mm²/s", Quantity.DIFFUSIVITY, 1e-6),
    /** Diffusion coefficient in µm²/ms (= 10⁻³ mm²/s). */
    SQUARE_MICROMETRE_PER_MILLISECOND("µm²/ms", Quantity.DIFFUSIVITY, 1e-9),
    /** Diffusion weighting b, s/mm². */
    SECOND_PER_SQUARE_MILLIMETRE("s/mm²", Quantity.DIFFUSION_WEIGHTING, 1e6),

    TESLA("T", Quantity.MAGNETIC_FLUX_DENSITY, 1.0),

    MILLIMETRE("mm", Quantity.LENGTH, 1e-3),
    METRE("m", Quantity.LENGTH, 1.0),

    /** Liver iron concentration, milligrams of iron per gram of dry liver tissue. */
    MG_FE_PER_G_DRY_WEIGHT("mg Fe/g dw", Quantity.IRON_CONCENTRATION_DRY, 1.0),
    /** Iron concentration per gram of wet tissue. */
    MG_FE_PER_G_WET_WEIGHT("mg Fe/g ww", Quantity.IRON_CONCENTRATION_WET, 1.0);

    /** What a unit measures; conversions are only defined within one quantity. */
    public enum Quantity {
        DIMENSIONLESS,
        SIGNAL,
        ANGLE,
        RELATIVE,
        FREQUENCY,
        TIME,
        RATE,
        MAGNETIC_FLUX_DENSITY,
        LENGTH,
        IRON_CONCENTRATION_DRY,
        IRON_CONCENTRATION_WET,
        CONCENTRATION,
        CONCENTRATION_TIME,
        RELAXIVITY,
        DIFFUSIVITY,
        DIFFUSION_WEIGHTING
    }

    private final String symbol;
    private final Quantity quantity;
    private final double factor;

    PhysicalUnit(String symbol, Quantity quantity, double factor) {
        this.symbol = symbol;
        this.quantity = quantity;
        this.factor = factor;
    }

    /** The symbol written in file headers, tables and the viewer, e.g. {@code "ppm"}. */
    public String symbol() {
        return symbol;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** Factor to the reference unit of {@link #quantity()}: value_ref = value × factor. */
    public double factor() {
        return factor;
    }

    /**
     * Converts {@code value} expressed in this unit into {@code target}.
     *
     * @throws IllegalArgumentException if the two units measure different quantities
     */
    public double convert(double value, PhysicalUnit target) {
        if (target.quantity != quantity) {
            throw new IllegalArgumentException(
                    "cannot convert " + symbol + " (" + quantity.name().toLowerCase(Locale.ROOT) + ") to "
                            + target.symbol + " (" + target.quantity.name().toLowerCase(Locale.ROOT) + ")");
        }
        return target == this ? value : value * factor / target.factor;
    }

    /**
     * The unit with the given symbol or enum name, case-insensitively (e.g. {@code "ppm"}, {@code "1/s"},
     * {@code "MILLISECOND"}).
     *
     * @throws IllegalArgumentException naming the unknown symbol
     */
    public static PhysicalUnit parse(String text) {
        String t = text.trim();
        for (PhysicalUnit u : values()) {
            if (u.symbol.equalsIgnoreCase(t) || u.name().equalsIgnoreCase(t)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown unit '" + text + "'");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
