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
package org.ferrum.qsm.background;

/**
 * Told after every iteration of an iterative background removal (RESHARP, PDF, LBV), on the thread that called
 * the algorithm, so an operator can report progress and log convergence.
 */
@FunctionalInterface
public interface SolverProgress {

    /** Ignores every report. */
    SolverProgress NONE = (iteration, relativeResidual) -> {};

    /**
     * @param iteration        iterations done so far (1, 2, …)
     * @param relativeResidual ‖b − A x‖ / ‖b‖ of the solver's linear system after them
     */
    void iteration(int iteration, double relativeResidual);
}
