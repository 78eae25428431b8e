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

import java.util.Objects;

/**
 * One subject's iron balance over an observation period: how fast the LIC changed against how much iron was transfused.
 *
 * @param subject                  subject label
 * @param annualLicChange          ΔLIC per year, mg Fe/g dw per year (e.g. {@code org.ferrum.liver.iron.LicChange})
 * @param ironIntakeMgPerKgPerDay  transfusional iron intake, mg Fe/kg/day (e.g.
 *                                 {@code org.ferrum.liver.iron.TransfusionalIron#mgPerKgPerDay})
 * @param doseGroup                chelator-dose group label, e.g. "deferasirox 20 mg/kg/day"
 */
public record IronBalancePoint(
        String subject, double annualLicChange, double ironIntakeMgPerKgPerDay, String doseGroup) {

    /** Unit of {@link #annualLicChange}. */
    public static final String LIC_CHANGE_UNIT = "mg Fe/g dw per year";
    /** Unit of {@link #ironIntakeMgPerKgPerDay}. */
    public static final String IRON_INTAKE_UNIT = "mg Fe/kg/day";

    public IronBalancePoint {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(doseGroup, "doseGroup");
        if (!Double.isFinite(annualLicChange) || !Double.isFinite(ironIntakeMgPerKgPerDay)) {
            throw new IllegalArgumentException(
                    "subject " + subject + ": the annual LIC change and the iron intake must be"
                            + " numbers (a subject needs two LIC visits for a change), got " + annualLicChange + " and "
                            + ironIntakeMgPerKgPerDay);
        }
        if (ironIntakeMgPerKgPerDay < 0) {
            throw new IllegalArgumentException("subject " + subject + ": iron intake cannot be negative, got "
                    + ironIntakeMgPerKgPerDay + " " + IRON_INTAKE_UNIT);
        }
    }
}
