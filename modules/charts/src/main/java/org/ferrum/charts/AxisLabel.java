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
package org.ferrum.charts;

import java.util.regex.Pattern;

/**
 * The one rule for "quantity [unit]" labels on chart axes and data-table headers, so a unit is never printed twice.
 *
 * <p>Contract: {@code of(name, unit)} is {@code name} alone when the unit is empty, otherwise {@code name [unit]}, where a
 * unit the name already ends with — {@code "pdff (%)"}, {@code "LIC [mg Fe/g dw]"} — is first taken off the name (the
 * study's map names carry their unit in brackets: "pdff (%)" would otherwise become "pdff (%) [%]").
 */
public final class AxisLabel {

    private AxisLabel() {}

    /** "name [unit]" with the unit once (see the class contract). */
    public static String of(String name, String unit) {
        String n = withoutUnit(name, unit);
        return unit == null || unit.isEmpty() ? n : n + " [" + unit + "]";
    }

    /** {@code name} without a trailing "(unit)" or "[unit]" naming {@code unit}; unchanged otherwise. */
    public static String withoutUnit(String name, String unit) {
        if (unit == null || unit.isEmpty()) {
            return name;
        }
        String q = Pattern.quote(unit);
        return name.replaceFirst("\\s*(\\(" + q + "\\)|\\[" + q + "\\])\\s*$", "");
    }
}
