package org.ferrum.qsm.inversion;

/**
 * A susceptibility map and how it was reached.
 *
 * @param chi              χ in ppm on the inversion grid (x fastest), with an arbitrary offset: the caller fixes
 *                         it with {@link org.ferrum.qsm.SusceptibilityReference}
 * @param iterations       iterations run (1 for the closed-form methods)
 * @param relativeChange   relative χ change of the last iteration (0 for closed-form methods)
 * @param relativeResidual ‖M(Dχ − δ)‖ / ‖Mδ‖ over the mask M: how well χ explains the field
 */
public record InversionResult(float[] chi, int iterations, double relativeChange, double relativeResidual) {
}
