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
public record Transfusion(Long id, long subjectId, LocalDate transfusionDate, double volumeMl, double haematocrit) {}
