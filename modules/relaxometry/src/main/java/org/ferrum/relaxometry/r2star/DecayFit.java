package org.ferrum.relaxometry.r2star;

/**
 * A fit of the mono-exponential decay S(t) = S0·e^{−R2*·t} to the magnitudes of the leading echoes of one voxel.
 *
 * <p>Contract: {@link #fit} reads {@code signal[0 .. echoes)}, the magnitudes at the first {@code echoes} echo times
 * the fit was built with (TE in seconds, increasing), and on success writes S0 (the signal's unit) to
 * {@code result[0]} and R2* (1/s) to {@code result[1]} and returns {@code true}. It returns {@code false}, leaving
 * {@code result} undefined, where the data do not determine a decay (too few positive echoes, a singular system, a
 * non-finite answer). R2* is not clamped here (a fit may return R2* &lt; 0 for a rising signal); ranges and flags are
 * {@link R2StarMapping}'s business. Implementations are immutable, thread-safe and allocate nothing per call, so one
 * instance serves every voxel of a parallel loop.
 */
public interface DecayFit {

    /** The fewest echoes this fit can use (2 for two parameters, 3 for ARLO's Simpson triples). */
    int minimumEchoes();

    /**
     * Fits the first {@code echoes} echoes.
     *
     * @param signal magnitudes per echo (at least {@code echoes} of them)
     * @param echoes how many leading echoes to use, from {@link #minimumEchoes()} to the number of echo times
     * @param result receives {S0, R2*}
     * @return whether the fit succeeded
     */
    boolean fit(double[] signal, int echoes, double[] result);
}
