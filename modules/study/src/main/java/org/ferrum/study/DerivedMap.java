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
public record DerivedMap(Long id, long visitId, String kind, String path, String unit, String provenance) {
}
