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
package org.ferrum.dicom;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.PhysicalUnit;

/**
 * Ferrum's physical units as UCUM codes, the coding scheme DICOM uses for Measurement Units Code
 * Sequence (0040,08EA) items (PS3.16 CID 82 / CID 83: coding scheme designator {@code "UCUM"}).
 *
 * <p>The code values follow UCUM's case-sensitive syntax: {@code ppm} (parts per million), {@code /s}
 * (per second), {@code %}, {@code mg/g}, {@code Hz}, {@code rad}, {@code 1} (no unit). UCUM has no
 * notion of "dry" or "wet" tissue weight, so both liver-iron units are {@code mg/g}; the code meaning
 * says which, and {@link #unitOf(String, String)} reads it back from there.
 */
final class UcumUnits {

    /** Coding Scheme Designator (0008,0102) for UCUM. */
    public static final String CODING_SCHEME = "UCUM";
    /** Coding Scheme Version (0008,0103) of the UCUM release the codes are taken from. */
    public static final String CODING_SCHEME_VERSION = "1.4";

    /** A UCUM code with the code meaning written beside it. */
    public record Code(String value, String meaning) {}

    private UcumUnits() {}

    /** The UCUM code and meaning for a unit. */
    public static Code codeOf(PhysicalUnit unit) {
        return switch (unit) {
            case DIMENSIONLESS -> new Code("1", "no units");
            case ARBITRARY -> new Code("[arb'U]", "arbitrary unit");
            case PERCENT -> new Code("%", "percent");
            case RADIAN -> new Code("rad", "radian");
            case DEGREE -> new Code("deg", "degree");
            case PPM -> new Code("ppm", "parts per million");
            case PPB -> new Code("ppb", "parts per billion");
            case HERTZ -> new Code("Hz", "hertz");
            case RADIAN_PER_SECOND -> new Code("rad/s", "radian per second");
            case SECOND -> new Code("s", "second");
            case MILLISECOND -> new Code("ms", "millisecond");
            case MINUTE -> new Code("min", "minute");
            case PER_SECOND -> new Code("/s", "per second");
            case PER_MINUTE -> new Code("/min", "per minute");
            case ML_PER_100ML_PER_MINUTE -> new Code("mL/(100.mL.min)", "milliliter per 100 milliliter per minute");
            case MILLIMOLAR -> new Code("mmol/L", "millimole per liter");
            case MILLIMOLAR_SECOND -> new Code("mmol/L.s", "millimole per liter times second");
            case MILLIMOLAR_MINUTE -> new Code("mmol/L.min", "millimole per liter times minute");
            case PER_SECOND_PER_MILLIMOLAR -> new Code("L/(mmol.s)", "liter per millimole per second");
            case SQUARE_MILLIMETRE_PER_SECOND -> new Code("mm2/s", "square millimeter per second");
            case SQUARE_MICROMETRE_PER_MILLISECOND -> new Code("um2/ms", "square micrometer per millisecond");
            case SECOND_PER_SQUARE_MILLIMETRE -> new Code("s/mm2", "second per square millimeter");
            case TESLA -> new Code("T", "tesla");
            case MILLIMETRE -> new Code("mm", "millimeter");
            case METRE -> new Code("m", "meter");
            case MG_FE_PER_G_DRY_WEIGHT -> new Code("mg/g", "milligram iron per gram dry weight");
            case MG_FE_PER_G_WET_WEIGHT -> new Code("mg/g", "milligram iron per gram wet weight");
        };
    }

    /**
     * The unit a UCUM code names, using the code meaning only to tell dry from wet weight for
     * {@code mg/g} (dry weight, the clinical convention for liver iron, when the meaning does not say
     * "wet"). Also accepts {@code 1/s} and {@code s-1}, which other writers use for per second.
     */
    public static Optional<PhysicalUnit> unitOf(String codeValue, String codeMeaning) {
        if (codeValue == null) {
            return Optional.empty();
        }
        String code = codeValue.trim();
        if (code.equals("mg/g")) {
            boolean wet =
                    codeMeaning != null && codeMeaning.toLowerCase(Locale.ROOT).contains("wet");
            return Optional.of(wet ? PhysicalUnit.MG_FE_PER_G_WET_WEIGHT : PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);
        }
        if (code.equals("1/s") || code.equals("s-1")) {
            return Optional.of(PhysicalUnit.PER_SECOND);
        }
        for (PhysicalUnit u : PhysicalUnit.values()) {
            if (codeOf(u).value().equals(code)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /**
     * The unit of the first Real World Value Mapping item (0040,9096) of a data set whose Measurement
     * Units Code Sequence is coded in UCUM and names a unit Ferrum knows (PS3.3 C.7.6.16.2.11).
     */
    public static Optional<PhysicalUnit> unitOf(DicomDataset dataset) throws DicomFormatException {
        for (DicomDataset mapping : dataset.sequence(DerivedMapExport.REAL_WORLD_VALUE_MAPPING_SEQUENCE)) {
            List<DicomDataset> units = mapping.sequence(DerivedMapExport.MEASUREMENT_UNITS_CODE_SEQUENCE);
            for (DicomDataset code : units) {
                String scheme =
                        code.string(DerivedMapExport.CODING_SCHEME_DESIGNATOR).orElse("");
                if (!scheme.equals(CODING_SCHEME)) {
                    continue;
                }
                Optional<PhysicalUnit> u = unitOf(
                        code.string(DerivedMapExport.CODE_VALUE).orElse(null),
                        code.string(DerivedMapExport.CODE_MEANING).orElse(null));
                if (u.isPresent()) {
                    return u;
                }
            }
        }
        return Optional.empty();
    }
}
