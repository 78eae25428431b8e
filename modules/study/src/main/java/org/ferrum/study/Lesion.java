package org.ferrum.study;

/**
 * A tumour lesion followed over visits (table {@code lesions}); names are unique per subject.
 *
 * @param id        database key; null before insertion
 * @param subjectId the {@link Subject}
 * @param name      e.g. "L1 vertebral body"
 * @param site      anatomical site, e.g. "spine"
 */
public record Lesion(Long id, long subjectId, String name, String site) {
}
