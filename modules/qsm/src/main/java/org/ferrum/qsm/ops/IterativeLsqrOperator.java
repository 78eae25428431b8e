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
package org.ferrum.qsm.ops;

import java.util.List;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.IterativeLsqr;
import org.ferrum.qsm.inversion.IterativeLsqr.Params;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.ilsqr}: {@link IterativeLsqr} on a local field. */
@ServiceProvider(service = Operator.class)
public final class IterativeLsqrOperator extends DipoleInversionOperator {

    public static final Parameter<Double> TOLERANCE = Parameter.number(
            "tolerance",
            Params.DEFAULTS.tolerance(),
            1e-6,
            0.5,
            null,
            "Relative residual at which the initial LSQR solution stops (smaller: sharper, more streaking)");
    public static final Parameter<Double> ARTEFACT_TOLERANCE = Parameter.number(
            "artefact_tolerance",
            Params.DEFAULTS.artefactTolerance(),
            1e-6,
            0.5,
            null,
            "Relative tolerance at which the LSQR estimate of the streaking artefacts stops");
    public static final Parameter<Long> MAX_ITERATIONS = Parameter.integer(
            "max_iterations",
            Params.DEFAULTS.maxIterations(),
            1L,
            10000L,
            "LSQR iteration limit of each of the two solves");
    public static final Parameter<Double> THRESHOLD = Parameter.number(
            "threshold",
            Params.DEFAULTS.threshold(),
            0.01,
            2.0 / 3.0,
            null,
            "|D(k)| below which k-space is ill-conditioned: where the streaking artefacts are estimated");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.ilsqr",
                    "Dipole inversion: iLSQR",
                    "Susceptibility from the local field by iLSQR (Li et al., NeuroImage 2015): a Laplacian-weighted"
                            + " LSQR solution, a fast QSM estimate of the edges, the streaking artefacts estimated by LSQR on the"
                            + " ill-conditioned cone of k-space (|D| < threshold) with edge-weighted gradients, and subtracted.")
            .input(MAGNITUDE)
            .input(FieldNoiseWeights.port("the magnitude's"))
            .parameters(List.of(TOLERANCE, ARTEFACT_TOLERANCE, MAX_ITERATIONS, THRESHOLD, MAGNITUDE_ECHOES, PAD))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The data weight 1/field_sd if connected (iLSQR squares it), else the magnitude if there is one, else none. */
    @Override
    protected Prepared prepare(OperatorContext context, Inputs in) throws OperatorException {
        Prepared p = super.prepare(context, in);
        float[] noise = in.noiseWeight();
        return p.with(
                noise != null
                        ? p.field().withDataWeight(p.pad(noise))
                        : p.field().withMagnitude(in.hasMagnitude() ? p.pad(in.magnitude()) : null));
    }

    @Override
    protected String dataWeight(DipoleInversion.Field input) {
        return input.dataWeight() != null
                ? "1/field_sd² times the field's Laplacian weight"
                : input.magnitude() != null ? "from the magnitude" : "from the field's Laplacian only";
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        return new IterativeLsqr(new Params(
                context.get(TOLERANCE),
                context.get(ARTEFACT_TOLERANCE),
                Math.toIntExact(context.get(MAX_ITERATIONS)),
                context.get(THRESHOLD)));
    }
}
