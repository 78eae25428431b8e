/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.qsm;

import java.util.Locale;

/**
 * How an iterative solver ended, in the terms every Ferrum solver reports (issue 13: "no solver returns a result whose
 * residual grew; a solver that does not converge says so").
 *
 * <p>Contract: residuals are relative to the solver's own starting residual norm (1 at the start when the start is
 * x = 0, as for every solver here), measured on the quantity the solver states in its Javadoc (for the background
 * removals and dipole inversions: the data residual; for a plain linear solve: ‖b − A x‖ / ‖b‖).
 * {@code finalResidual} is the one of the returned result, recomputed from it where the solver can afford it (so float
 * drift of a recurrence shows); {@code bestIteration} is the iteration whose iterate was returned (solvers return their
 * best iterate when a later one was worse); {@code converged} is whether the solver's stopping rule was met, not merely
 * the iteration cap reached.
 *
 * @param iterations     iterations taken
 * @param maxIterations  the iteration cap
 * @param finalResidual  relative residual of the returned result (≥ 0; NaN if not computed)
 * @param bestIteration  iteration of the returned iterate (= iterations unless a later one was worse)
 * @param converged      the stopping rule was met
 * @param stop           why it stopped, in a few words ("tolerance reached", "iteration cap", "residual grew", …)
 */
public record Convergence(
        int iterations, int maxIterations, double finalResidual, int bestIteration, boolean converged, String stop) {

    /** A closed-form method: nothing iterative to report. */
    public static Convergence closedForm(double residual) {
        return new Convergence(0, 0, residual, 0, true, "closed form");
    }

    /** A solver that did not track its convergence (results made before this record existed). */
    public static Convergence unknown(int iterations, double residual) {
        return new Convergence(iterations, iterations, residual, iterations, true, "not tracked");
    }

    /** True if the returned result explains the data worse than the start (x = 0) did, or its residual is not finite. */
    public boolean residualGrew() {
        return finalResidual > 1.0; // NaN (not computed) is not growth; +∞ is
    }

    /** True if an earlier iterate than the last was returned. */
    public boolean reverted() {
        return bestIteration < iterations;
    }

    /** True if the result needs the user's attention: not converged, reverted, or worse than the start. */
    public boolean needsWarning() {
        return !converged || reverted() || residualGrew();
    }

    /** One line for the run log: iterations, final residual, and whether it converged. */
    public String summary(String solver) {
        return String.format(
                Locale.ROOT,
                "%s: %s after %d of at most %d iteration(s) (%s), relative residual %.4g%s",
                solver,
                converged ? "converged" : "did NOT converge",
                iterations,
                maxIterations,
                stop,
                finalResidual,
                reverted() ? ", returning the best iterate (iteration " + bestIteration + ")" : "");
    }

    /**
     * The warning line an operator logs when {@link #needsWarning()}, naming the node and operator; null otherwise.
     * The "warning: " prefix is the run log's convention for lines a user must read.
     */
    public String warning(String nodeId, String operatorId, String solver) {
        if (!needsWarning()) {
            return null;
        }
        String what;
        if (residualGrew()) {
            what = String.format(
                    Locale.ROOT,
                    "gave a result that explains the field worse than no result (relative residual" + " %.4g ≥ 1)",
                    finalResidual);
        } else if (!converged) {
            what = String.format(
                    Locale.ROOT,
                    "did not converge (%s after %d of %d iterations, relative residual %.4g)",
                    stop,
                    iterations,
                    maxIterations,
                    finalResidual);
        } else {
            what = String.format(
                    Locale.ROOT, "converged only after its residual grew (relative residual %.4g)", finalResidual);
        }
        if (reverted()) {
            what += String.format(Locale.ROOT, "; the best iterate (iteration %d) is returned", bestIteration);
        }
        String node =
                operatorId.equals(solver) ? "node '" + nodeId + "'" : "node '" + nodeId + "' (" + operatorId + ")";
        return String.format(
                Locale.ROOT,
                "warning: %s: %s %s; check the mask and the field before trusting the result",
                node,
                solver,
                what);
    }

    /** {@link #warning} without its "warning: " prefix, for {@code OperatorContext.warn}; null if there is nothing to say. */
    public String warningMessage(String nodeId, String operatorId, String solver) {
        String w = warning(nodeId, operatorId, solver);
        return w == null ? null : w.substring("warning: ".length());
    }
}
