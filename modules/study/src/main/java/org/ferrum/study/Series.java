package org.ferrum.study;

/**
 * An acquired image series of a visit (table {@code series}), kept where it is on disk.
 *
 * @param id          database key; null before insertion
 * @param visitId     the {@link Visit}
 * @param kind        modality or kind, e.g. "MR multi-echo GRE", "DICOM", "NIfTI"
 * @param path        the file or folder
 * @param description free text (series description)
 */
public record Series(Long id, long visitId, String kind, String path, String description) {
}
