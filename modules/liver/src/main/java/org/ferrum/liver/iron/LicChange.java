package org.ferrum.liver.iron;

/**
 * The rate of change of liver iron concentration.
 *
 * <p>Contract: annual change (mg Fe/g dw per year) = (LIC_end − LIC_start) / (interval in days / {@value #DAYS_PER_YEAR}),
 * the Julian year, so that intervals of any length compare.
 */
public final class LicChange {

    /** Days per (Julian) year. */
    public static final double DAYS_PER_YEAR = 365.25;

    private LicChange() {
    }

    /** Annual LIC change in mg Fe/g dw per year between two measurements {@code intervalDays} apart. */
    public static double mgPerGDryWeightPerYear(double licStart, double licEnd, double intervalDays) {
        BodyIron.requirePositive(intervalDays, "interval (days)");
        return (licEnd - licStart) / (intervalDays / DAYS_PER_YEAR);
    }
}
