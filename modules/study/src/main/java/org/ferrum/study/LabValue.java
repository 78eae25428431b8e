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
package org.ferrum.study;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One laboratory result of a subject (table {@code lab_values}, schema version 4): the iron metabolism of a
 * haemodialysis patient (serum ferritin, transferrin saturation, haemoglobin, serum iron, CRP, hepcidin).
 *
 * <p>Contract: {@code analyte} is one of {@link #ANALYTES}; {@code unit} one of the analyte's accepted spellings
 * ({@link #UNITS}; the database refuses others, so values are never mixed across units silently); the value is finite
 * and ≥ 0. {@link #inStandardUnit()} gives the value in the analyte's first unit.
 *
 * @param id            database key; null before insertion
 * @param subjectId     the {@link Subject}
 * @param sampleDate    the day the blood was drawn
 * @param analyte       e.g. {@value #FERRITIN}
 * @param measuredValue the result, in {@code unit}
 * @param unit          e.g. "µg/l"
 */
public record LabValue(
        Long id, long subjectId, LocalDate sampleDate, String analyte, double measuredValue, String unit) {

    /** Serum ferritin, µg/l (= ng/ml). */
    public static final String FERRITIN = "ferritin";
    /** Transferrin saturation, % (serum iron / total iron-binding capacity). */
    public static final String TRANSFERRIN_SATURATION = "transferrin_saturation";
    /** Haemoglobin, g/dl or g/l. */
    public static final String HAEMOGLOBIN = "haemoglobin";
    /** Serum iron, µmol/l. */
    public static final String SERUM_IRON = "serum_iron";
    /** C-reactive protein, mg/l (ferritin is an acute-phase reactant: read it with CRP). */
    public static final String CRP = "crp";
    /** Hepcidin, ng/ml or nmol/l. */
    public static final String HEPCIDIN = "hepcidin";

    /** The analytes the database accepts. */
    public static final List<String> ANALYTES =
            List.of(FERRITIN, TRANSFERRIN_SATURATION, HAEMOGLOBIN, SERUM_IRON, CRP, HEPCIDIN);

    /** Accepted units per analyte, the standard one first (as {@code ck_lab_values_unit} in V4__brain_iron.sql). */
    public static final Map<String, List<String>> UNITS = Map.of(
            FERRITIN, List.of("µg/l", "ng/ml"),
            TRANSFERRIN_SATURATION, List.of("%"),
            HAEMOGLOBIN, List.of("g/dl", "g/l"),
            SERUM_IRON, List.of("µmol/l"),
            CRP, List.of("mg/l"),
            HEPCIDIN, List.of("ng/ml", "nmol/l"));

    /** The accepted units in words, for messages. */
    static final String UNITS_TEXT = "ferritin µg/l or ng/ml, transferrin_saturation %, haemoglobin g/dl or g/l,"
            + " serum_iron µmol/l, crp mg/l, hepcidin ng/ml or nmol/l";

    /** Hepcidin-25: 2789.4 g/mol, so 1 nmol/l = 2.7894 ng/ml. */
    private static final double HEPCIDIN_NG_PER_NMOL = 2.7894;

    /** The value in the analyte's standard unit ({@link #standardUnit()}). */
    public double inStandardUnit() {
        return switch (unit) {
            case "g/l" -> measuredValue / 10; // haemoglobin g/l → g/dl
            case "nmol/l" -> measuredValue * HEPCIDIN_NG_PER_NMOL;
            default -> measuredValue; // µg/l = ng/ml for ferritin; single-unit analytes
        };
    }

    /** The analyte's standard unit, e.g. "µg/l" for ferritin. */
    public String standardUnit() {
        List<String> units = UNITS.get(analyte);
        return units == null ? unit : units.get(0);
    }
}
