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
public record TumourMeasurement(
        Long id, long lesionId, long visitId, String parameter, double measuredValue, String unit) {}
