package org.ferrum.qsm.background;

/**
 * Told after every iteration of an iterative background removal (RESHARP, PDF, LBV), on the thread that called
 * the algorithm, so an operator can report progress and log convergence.
 */
@FunctionalInterface
public interface SolverProgress {

    /** Ignores every report. */
    SolverProgress NONE = (iteration, relativeResidual) -> {
    };

    /**
     * @param iteration        iterations done so far (1, 2, …)
     * @param relativeResidual ‖b − A x‖ / ‖b‖ of the solver's linear system after them
     */
    void iteration(int iteration, double relativeResidual);
}
