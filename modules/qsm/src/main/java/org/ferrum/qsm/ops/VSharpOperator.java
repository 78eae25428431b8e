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

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.qsm.background.BackgroundFieldRemoval;
import org.ferrum.qsm.background.SphericalMeanValue;
import org.ferrum.qsm.background.VSharp;
import org.ferrum.qsm.background.VSharp.Params;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@code qsm.background.vsharp}: background field removal by V-SHARP ({@link VSharp}). */
@ServiceProvider(service = Operator.class)
public final class VSharpOperator extends BackgroundFieldRemovalOperator {

    public static final Parameter<Double> MAX_RADIUS = Parameter.number(
            "max_radius", Params.DEFAULTS.maxRadiusMm(), 0.1, 50.0, PhysicalUnit.MILLIMETRE, "Largest sphere radius");
    public static final Parameter<Double> MIN_RADIUS = Parameter.number(
            "min_radius",
            Params.DEFAULTS.minRadiusMm(),
            0.0,
            50.0,
            PhysicalUnit.MILLIMETRE,
            "Smallest sphere radius; 0 for one voxel (the largest spacing)");
    public static final Parameter<Double> RADIUS_STEP = Parameter.number(
            "radius_step",
            Params.DEFAULTS.stepMm(),
            0.0,
            50.0,
            PhysicalUnit.MILLIMETRE,
            "Step between radii; 0 for one voxel (the largest spacing)");
    public static final Parameter<Double> THRESHOLD = Parameter.number(
            "threshold",
            Params.DEFAULTS.threshold(),
            1e-4,
            0.9,
            PhysicalUnit.DIMENSIONLESS,
            "Truncation of the deconvolution: k-space values of 1 − S below it are dropped");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.background.vsharp",
                    "V-SHARP background removal",
                    "Removes the background field with SHARP at variable sphere radii (Schweser et al., NeuroImage 2011;"
                            + " Li et al., NeuroImage 2011; Wu et al., MRM 2012): spherical mean value high-pass with the largest"
                            + " radius that fits at each voxel, then a truncated deconvolution with the largest kernel.",
                    "The input mask eroded by the smallest radius: where the local field is valid")
            .parameters(java.util.List.of(MAX_RADIUS, MIN_RADIUS, RADIUS_STEP, THRESHOLD))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected BackgroundFieldRemoval removal(OperatorContext context, Inputs in) throws OperatorException {
        VSharp vsharp = new VSharp(new Params(
                context.get(MAX_RADIUS), context.get(MIN_RADIUS), context.get(RADIUS_STEP), context.get(THRESHOLD)));
        try {
            double[] radii = vsharp.radii(in.grid());
            SphericalMeanValue.requireFits(in.grid(), radii[0]);
            context.log("radii (mm): "
                    + Arrays.stream(radii)
                            .mapToObj(r -> new BigDecimal(r)
                                    .round(new MathContext(3))
                                    .stripTrailingZeros()
                                    .toPlainString())
                            .collect(Collectors.joining(", ")));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(
                    "parameters '" + MAX_RADIUS.name() + "'/'" + MIN_RADIUS.name() + "': " + e.getMessage(), e);
        }
        return vsharp;
    }
}
