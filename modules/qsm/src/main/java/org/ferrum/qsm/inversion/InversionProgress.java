package org.ferrum.qsm.inversion;

/**
 * Receives one report per iteration of an iterative dipole inversion, on the thread that runs the
 * inversion (so an operator may forward it to its context's progress channel directly).
 */
@FunctionalInterface
public interface InversionProgress {

    /** Ignores every report. */
    InversionProgress NONE = (iteration, maxIterations, relativeChange) -> {
    };

    /**
     * @param iteration      iterations done so far (1-based)
     * @param maxIterations  the iteration limit
     * @param relativeChange ‖χ<sub>k</sub> − χ<sub>k−1</sub>‖ / ‖χ<sub>k</sub>‖ after this iteration
     */
    void iterationDone(int iteration, int maxIterations, double relativeChange);
}
