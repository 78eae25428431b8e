/**
 * Cohort manifests: {@link org.ferrum.batch.manifest.CohortManifest#read} turns a CSV file or a BIDS dataset into
 * {@link org.ferrum.batch.manifest.CohortTask}s, one per subject and visit, checked against the pipeline with every
 * problem listed at once ({@link org.ferrum.batch.manifest.ManifestException}). The rules are in
 * {@code modules/batch/MANIFEST.md}.
 */
package org.ferrum.batch.manifest;
