package org.ferrum.study;

/**
 * One quantitative parameter of one lesion at one visit (table {@code tumour_measurements}).
 *
 * @param id            database key; null before insertion
 * @param lesionId      the {@link Lesion}
 * @param visitId       the {@link Visit}
 * @param parameter     ktrans, ve, vp, t1, adc, t2, ff, …
 * @param measuredValue the value, in {@code unit}
 * @param unit          unit symbol, e.g. "1/min", "mm²/s", "ms"
 */
public record TumourMeasurement(Long id, long lesionId, long visitId, String parameter, double measuredValue, String unit) {
}
