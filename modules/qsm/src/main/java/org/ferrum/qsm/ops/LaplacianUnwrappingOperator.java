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
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.unwrap.LaplacianUnwrapping;
import org.ferrum.qsm.unwrap.LaplacianUnwrapping.Boundary;
import org.ferrum.qsm.unwrap.PhaseUnwrapping;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code qsm.unwrap.laplacian}: Laplacian phase unwrapping of every echo ({@link LaplacianUnwrapping}, Schofield &amp;
 * Zhu 2003), a member of the {@link PhaseUnwrappingOperator phase-unwrapping family}.
 *
 * <p>Mode {@code laplacian}: φ_L as is (not congruent with the input; differs from the true phase by a harmonic
 * part, which background-field removal discards). Mode {@code congruent}: φ + 2π·round((φ_L − φ)/2π). The whole
 * grid is used (no mask); the phase must be finite everywhere. Boundary {@code mirror} (default): half-sample
 * reflection at the faces, solved exactly by the DCT; {@code periodic}: the FFT's wrap-around.
 */
@ServiceProvider(service = Operator.class)
public final class LaplacianUnwrappingOperator extends PhaseUnwrappingOperator<LaplacianUnwrapping.Result> {

    static final String ID = "qsm.unwrap.laplacian";
    static final String MODE_LAPLACIAN = "laplacian";
    static final String MODE_CONGRUENT = "congruent";
    static final String BOUNDARY_MIRROR = "mirror";
    static final String BOUNDARY_PERIODIC = "periodic";

    public static final Parameter<String> MODE = Parameter.choice(
            "mode",
            LaplacianUnwrapping.Params.DEFAULTS.congruent() ? MODE_CONGRUENT : MODE_LAPLACIAN,
            List.of(MODE_LAPLACIAN, MODE_CONGRUENT),
            "laplacian: the Laplacian solution as is (for field maps); congruent: input + whole multiples of 2π");
    public static final Parameter<String> BOUNDARY = Parameter.choice(
            "boundary",
            LaplacianUnwrapping.Params.DEFAULTS.boundary() == Boundary.PERIODIC ? BOUNDARY_PERIODIC : BOUNDARY_MIRROR,
            List.of(BOUNDARY_MIRROR, BOUNDARY_PERIODIC),
            "mirror: reflect the phase at the faces, the exact Neumann solution by DCT (no seam where an object"
                    + " touches the field of view); periodic: the FFT's own wrap-around");

    public LaplacianUnwrappingOperator() {
        super(family(
                        ID,
                        "1.0",
                        "Laplacian phase unwrapping",
                        "Unwraps each echo's phase with the Laplacian method of Schofield & Zhu (Opt Lett 2003):"
                                + " φ = ∇⁻²[cos φ·∇² sin φ − sin φ·∇² cos φ], by FFT; optionally made congruent with the input.",
                        false)
                .parameter(MODE)
                .parameter(BOUNDARY)
                .build());
    }

    /** The algorithm's settings from the node's parameters. */
    static LaplacianUnwrapping.Params params(OperatorContext context) {
        return new LaplacianUnwrapping.Params(
                MODE_CONGRUENT.equals(context.get(MODE)),
                BOUNDARY_PERIODIC.equals(context.get(BOUNDARY)) ? Boundary.PERIODIC : Boundary.REFLECTING);
    }

    @Override
    protected PhaseUnwrapping algorithmFor(OperatorContext context, int echoes) {
        return new LaplacianUnwrapping(params(context));
    }

    @Override
    protected void writeMore(
            OperatorContext context,
            MultiEchoGre gre,
            PhaseUnwrapping.Input input,
            LaplacianUnwrapping.Result result,
            PhaseUnwrapping algorithm,
            double seconds) {
        float[][] out = result.unwrapped();
        for (int e = 0; e < out.length; e++) {
            context.log("echo " + (e + 1) + ": unwrapped phase in " + range(out[e]) + " rad");
        }
        LaplacianUnwrapping.Params p = ((LaplacianUnwrapping) algorithm).params();
        context.log("Laplacian unwrapping (" + (p.congruent() ? "congruent" : "Laplacian solution as is") + ", "
                + (p.boundary() == Boundary.PERIODIC ? "periodic" : "mirrored (exact Neumann by DCT)")
                + " boundary) of "
                + out.length + " echo(es) on " + VoxelGrid.of(gre.magnitude()));
    }
}
