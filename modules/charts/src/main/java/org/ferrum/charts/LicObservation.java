package org.ferrum.charts;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One visit's liver iron concentration of one subject, by both methods.
 *
 * @param date       visit date
 * @param licQsm     LIC from QSM, mg Fe/g dry weight (NaN if not measured)
 * @param licR2star  LIC from R2*, mg Fe/g dry weight (NaN if not measured)
 */
public record LicObservation(LocalDate date, double licQsm, double licR2star) {

    public LicObservation {
        Objects.requireNonNull(date, "date");
    }
}
