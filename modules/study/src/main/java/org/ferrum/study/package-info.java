/**
 * The longitudinal study database: {@link org.ferrum.study.StudyDatabase} (open any JDBC URL, embedded H2 by default;
 * own checksummed schema migrations; transactions), row records ({@link org.ferrum.study.Subject},
 * {@link org.ferrum.study.Visit}, …) read and written through {@link org.ferrum.study.StudyRepository}, CSV import and
 * export ({@link org.ferrum.study.StudyCsv}), the LIC queries behind the charts ({@link org.ferrum.study.LicSeries},
 * {@link org.ferrum.study.CohortSummary}), pipeline results saved to a visit ({@link org.ferrum.study.PipelineResults})
 * and the synthetic demo cohort ({@link org.ferrum.study.DemoCohort}). Plain Java, no UI.
 */
package org.ferrum.study;
