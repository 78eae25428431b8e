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
package org.ferrum.perfusion.models;

import java.util.List;

/**
 * A tracer-kinetic model of DCE-MRI: the tissue concentration C(t) (mM) as a function of the plasma concentration
 * C_p(t) (mM, the arterial input function) and the model's parameters θ.
 *
 * <p><b>Contract.</b> Every member is linear in C_p: C(t) = v·C_p(t) + Σ_j A_j(θ)·(C_p ⊗ e^{−k_j(θ)·t})(t), with
 * t in minutes, rates in 1/min, C_p linear between frames and zero before the first (the exact recursion of
 * {@link ExponentialConvolution}). Linearity is what the delay fit relies on: the derivative with respect to the AIF
 * delay is the model applied to ∂C_p(t − δ)/∂δ. Parameters are in the units of {@link #parameters()} (users' units);
 * {@link #evaluate} gives C at every frame and, on request, the Jacobian ∂C/∂θ in closed form. Models are stateless
 * and thread-safe; scratch lives in the caller's {@link ModelWorkspace}.
 *
 * <p>Members: {@link Tofts}, {@link ExtendedTofts}, {@link Patlak}, {@link TwoCompartmentExchange},
 * {@link TwoCompartmentUptake} (listed in {@link KineticModels#ALL}). Formulas and parameter names follow Sourbron &amp;
 * Buckley, "Classic models for dynamic contrast-enhanced MRI", NMR Biomed 2013, and the OSIPI lexicon (CAPLEX).
 */
public interface TracerKineticModel {

    /** Lower-case name, also the operator id's last part ({@code tofts}, {@code extended-tofts}, …). */
    String name();

    /** For people ("Extended Tofts"). */
    String displayName();

    /** The fitted parameters, in order. */
    List<KineticParameter> parameters();

    /** Number of fitted parameters. */
    default int parameterCount() {
        return parameters().size();
    }

    /**
     * C at every frame into {@code out}; when {@code jacobian} is not null, ∂C_i/∂θ_j into
     * {@code jacobian[i·stride + j]}.
     *
     * @param theta parameters in the units of {@link #parameters()}
     * @param cp C_p at the frame times (mM)
     */
    void evaluate(double[] theta, double[] cp, ModelWorkspace work, double[] out, double[] jacobian, int stride);

    /** Number of starting points {@link #start} offers (the fit evaluates each and refines the best). */
    default int startCount() {
        return 1;
    }

    /**
     * Starting point {@code s} for the fit of {@code tissue} into {@code theta} (within bounds). The default is the
     * parameters' fixed starts; models with a linearised form (Murase 2004, Patlak 1983) estimate from the data.
     */
    default void start(int s, double[] tissue, double[] cp, ModelWorkspace work, double[] theta) {
        List<KineticParameter> ps = parameters();
        for (int j = 0; j < ps.size(); j++) {
            theta[j] = ps.get(j).start();
        }
    }

    /** Derived quantities reported beside the parameters (e.g. kep = Ktrans/ve); none by default. */
    default List<KineticParameter> derived() {
        return List.of();
    }

    /** The derived quantities of {@code theta} into {@code out}, in the order of {@link #derived()}. */
    default void derive(double[] theta, double[] out) {}
}
