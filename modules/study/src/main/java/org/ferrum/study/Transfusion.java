package org.ferrum.study;

import java.time.LocalDate;

/**
 * One red-cell transfusion (table {@code transfusions}).
 *
 * @param id              database key; null before insertion
 * @param subjectId       the {@link Subject}
 * @param transfusionDate the day
 * @param volumeMl        transfused blood volume in mL (≥ 0)
 * @param haematocrit     haematocrit of the transfused blood as a fraction (0–1), so that volume × haematocrit is the
 *                        red-cell volume ({@code org.ferrum.liver.iron.TransfusionalIron})
 */
public record Transfusion(Long id, long subjectId, LocalDate transfusionDate, double volumeMl, double haematocrit) {
}
