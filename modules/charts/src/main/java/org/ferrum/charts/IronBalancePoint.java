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
public record IronBalancePoint(String subject, double annualLicChange, double ironIntakeMgPerKgPerDay, String doseGroup) {

    /** Unit of {@link #annualLicChange}. */
    public static final String LIC_CHANGE_UNIT = "mg Fe/g dw per year";
    /** Unit of {@link #ironIntakeMgPerKgPerDay}. */
    public static final String IRON_INTAKE_UNIT = "mg Fe/kg/day";

    public IronBalancePoint {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(doseGroup, "doseGroup");
        if (!Double.isFinite(annualLicChange) || !Double.isFinite(ironIntakeMgPerKgPerDay)) {
            throw new IllegalArgumentException("subject " + subject + ": the annual LIC change and the iron intake must be"
                    + " numbers (a subject needs two LIC visits for a change), got " + annualLicChange + " and "
                    + ironIntakeMgPerKgPerDay);
        }
        if (ironIntakeMgPerKgPerDay < 0) {
            throw new IllegalArgumentException("subject " + subject + ": iron intake cannot be negative, got "
                    + ironIntakeMgPerKgPerDay + " " + IRON_INTAKE_UNIT);
        }
    }
}
