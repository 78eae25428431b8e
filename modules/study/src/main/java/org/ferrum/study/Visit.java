package org.ferrum.study;

import java.time.LocalDate;

/**
 * One imaging visit of a subject (table {@code visits}); at most one per subject and date.
 *
 * @param id        database key; null before insertion
 * @param subjectId the {@link Subject}
 * @param visitDate the day of the scan
 * @param weightKg  body weight in kg on that day (&gt; 0), or null
 */
public record Visit(Long id, long subjectId, LocalDate visitDate, Double weightKg) {
}
