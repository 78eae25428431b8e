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
 * A parametric map computed for a visit (table {@code maps}), e.g. the χ map of a QSM pipeline.
 *
 * @param id         database key; null before insertion
 * @param visitId    the {@link Visit}
 * @param kind       what the map is: chi, r2star, lic_qsm, lic_r2star, pdff, fieldmap, …
 * @param path       the file written (e.g. {@code chi.nii.gz})
 * @param unit       the unit symbol of its values ({@code org.ferrum.core.PhysicalUnit#symbol}), or null
 * @param provenance the provenance JSON of the run that made it, or null
 */
public record DerivedMap(Long id, long visitId, String kind, String path, String unit, String provenance) {}
