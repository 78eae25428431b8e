/**
 * Longitudinal charts for the study: what they compute, what they draw, and how they are exported.
 *
 * <p>Inputs are plain records with units in their names or Javadoc, independent of the study database:
 * {@link org.ferrum.charts.LicObservation} (one visit's LIC by QSM and R2*), {@link org.ferrum.charts.IronBalancePoint}
 * (a subject's annual LIC change, iron intake and chelator-dose group), {@link org.ferrum.charts.TumourObservation}
 * (a lesion parameter at a visit).
 *
 * <p>Computations (no Swing): {@link org.ferrum.core.statistics.LeastSquaresLine} and {@link org.ferrum.charts.DoseGroupLines}
 * (a line per dose group with SE, R², n and the slope's 95 % CI from {@link org.ferrum.core.statistics.StudentT}),
 * {@link org.ferrum.core.statistics.RepeatabilityCoefficient}, {@link org.ferrum.charts.LesionPercentChange},
 * {@link org.ferrum.charts.LicAgreement} (over {@code org.ferrum.core.statistics.BlandAltman}) and the clinical
 * {@link org.ferrum.charts.ClinicalBand}s with their sources.
 *
 * <p>Charts: {@link org.ferrum.charts.LicOverTimeChart}, {@link org.ferrum.charts.IronBalanceChart},
 * {@link org.ferrum.charts.TumourResponseChart}, {@link org.ferrum.charts.BlandAltmanChart}; each returns a
 * {@link org.ferrum.charts.PlottedChart}, the JFreeChart together with the {@link org.ferrum.charts.ChartData} it
 * plots. {@link org.ferrum.charts.ChartExport} writes PNG, SVG, PDF or CSV atomically;
 * {@link org.ferrum.charts.PlottedChartPanel} shows a chart in Swing with the same export. Charts build and paint
 * headless (into a {@code BufferedImage} or an SVG/PDF {@code Graphics2D}); only the panel needs the event thread.
 */
package org.ferrum.charts;
