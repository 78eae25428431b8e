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
package org.ferrum.core.fit;

/**
 * A model of {@link #sampleCount()} samples that depends on {@link #parameterCount()} parameters, evaluated with its
 * Jacobian, for {@link LevenbergMarquardt}.
 *
 * <p>Contract: {@code evaluate(p, y, jacobian)} writes y_i = f_i(p) for i in [0, n) and, when {@code jacobian} is not
 * null, ∂f_i/∂p_j into {@code jacobian[i * m + j]} for j in [0, m), where n = {@link #sampleCount()} and m =
 * {@link #parameterCount()}. It must not keep references to the arrays, must not allocate on the hot path (it is
 * called a few dozen times per voxel), and may write non-finite values when p is outside the model's domain (the
 * solver then rejects the step). Implementations hold per-voxel data (time points, AIF, b-values) in fields and are
 * used by one thread at a time.
 */
public interface FitModel {

    /** m, the number of parameters (1 … {@value LevenbergMarquardt#MAX_PARAMETERS}). */
    int parameterCount();

    /** n, the number of samples. */
    int sampleCount();

    /** Writes f(p) into {@code y} and, when not null, the Jacobian row-major into {@code jacobian}. */
    void evaluate(double[] p, double[] y, double[] jacobian);
}
