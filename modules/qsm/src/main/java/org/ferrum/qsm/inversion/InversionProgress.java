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
package org.ferrum.qsm.inversion;

/**
 * Receives one report per iteration of an iterative dipole inversion, on the thread that runs the
 * inversion (so an operator may forward it to its context's progress channel directly).
 */
@FunctionalInterface
public interface InversionProgress {

    /** Ignores every report. */
    InversionProgress NONE = (iteration, maxIterations, relativeChange) -> {};

    /**
     * @param iteration      iterations done so far (1-based)
     * @param maxIterations  the iteration limit
     * @param relativeChange ‖χ<sub>k</sub> − χ<sub>k−1</sub>‖ / ‖χ<sub>k</sub>‖ after this iteration
     */
    void iterationDone(int iteration, int maxIterations, double relativeChange);
}
