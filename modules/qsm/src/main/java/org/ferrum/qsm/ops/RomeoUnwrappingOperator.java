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

import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.qsm.unwrap.PhaseUnwrapping;
import org.ferrum.qsm.unwrap.RomeoUnwrapping;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code qsm.unwrap.romeo}: ROMEO-style multi-echo phase unwrapping ({@link RomeoUnwrapping}), a member of the
 * {@link PhaseUnwrappingOperator phase-unwrapping family}: the template echo by quality-guided region growing, the
 * others temporally, after removing the phase offset estimated MCPC-3D-S-like from echoes 1 and 2.
 *
 * <p>Outside the mask the phase is returned as given (wrapped). Without a mask every voxel with finite phase is
 * unwrapped; voxels with NaN/infinite phase are then left out (as if outside a mask) and counted in the log.
 * With a mask, NaN/infinite phase inside it is bad input. The output phase has the offset added back, so it
 * differs from the input by whole multiples of 2π; the offset itself is the {@code offset} output.
 */
@ServiceProvider(service = Operator.class)
public final class RomeoUnwrappingOperator extends PhaseUnwrappingOperator<RomeoUnwrapping.Result> {

    static final String ID = "qsm.unwrap.romeo";

    public static final Parameter<Long> TEMPLATE_ECHO = Parameter.integer(
            "template_echo",
            RomeoUnwrapping.Params.DEFAULTS.templateEcho() + 1,
            1L,
            64L,
            "Echo (1-based) unwrapped spatially; the others follow it in time");
    public static final Parameter<Boolean> OFFSET_CORRECTION = Parameter.flag(
            "offset_correction",
            RomeoUnwrapping.Params.DEFAULTS.offsetCorrection(),
            "Estimate the phase offset at TE = 0 from echoes 1 and 2 and remove it before temporal unwrapping");
    public static final Parameter<Double> OFFSET_SMOOTHING = Parameter.number(
            "offset_smoothing",
            RomeoUnwrapping.Params.DEFAULTS.offsetSmoothingMm(),
            0.0,
            100.0,
            PhysicalUnit.MILLIMETRE,
            "Standard deviation of the smoothing of the phase offset (0: none)");
    public static final Port<Volume<FloatType>> QUALITY = Port.output(
                    "quality",
                    PortTypes.VOLUME,
                    "Voxel quality of the template echo, 0 (bad) to 1 (good), dimensionless")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> OFFSET = Port.output(
                    "offset", PortTypes.VOLUME, "Estimated phase offset at TE = 0, rad (0 if not corrected)")
            .of(Quantities.PHASE, PhysicalUnit.RADIAN);

    public RomeoUnwrappingOperator() {
        super(family(
                        ID,
                        "1.0",
                        "ROMEO phase unwrapping",
                        "Quality-guided region-growing unwrapping in the spirit of ROMEO (Dymerska et al., MRM 2021):"
                                + " the template echo spatially, the others temporally; phase offset removed as in MCPC-3D-S"
                                + " (Eckstein et al., MRM 2018). Results differ from the input by whole multiples of 2π.",
                        true)
                .parameter(TEMPLATE_ECHO)
                .parameter(OFFSET_CORRECTION)
                .parameter(OFFSET_SMOOTHING)
                .output(QUALITY)
                .output(OFFSET)
                .build());
    }

    /** The algorithm's settings from the node's parameters, for a GRE of {@code echoes} echoes. */
    static RomeoUnwrapping.Params params(OperatorContext context, int echoes) throws OperatorException {
        long template = context.get(TEMPLATE_ECHO);
        if (template > echoes) {
            throw OperatorException.badInput("parameter '" + TEMPLATE_ECHO.name() + "' = " + template + " but input '"
                    + GRE.name() + "' has " + echoes + " echo(es)");
        }
        boolean offsetCorrection = context.get(OFFSET_CORRECTION);
        if (offsetCorrection && echoes < 2) {
            context.log("one echo: no phase offset can be estimated, offset correction skipped");
            offsetCorrection = false;
        }
        return new RomeoUnwrapping.Params((int) template - 1, offsetCorrection, context.get(OFFSET_SMOOTHING));
    }

    @Override
    protected PhaseUnwrapping algorithmFor(OperatorContext context, int echoes) throws OperatorException {
        return new RomeoUnwrapping(params(context, echoes));
    }

    @Override
    protected void writeMore(
            OperatorContext context,
            MultiEchoGre gre,
            PhaseUnwrapping.Input input,
            RomeoUnwrapping.Result r,
            PhaseUnwrapping algorithm,
            double seconds) {
        RomeoUnwrapping.Params p = ((RomeoUnwrapping) algorithm).params();
        context.log(String.format(
                Locale.ROOT,
                "ROMEO-style unwrapping of %d echo(es), %s, template echo %d, offset"
                        + " correction %s: %d voxels in %d region(s), %.2f s",
                input.echoes(),
                gre.acquisition().echoTimes(),
                p.templateEcho() + 1,
                p.offsetCorrection() ? "on" : "off",
                count(input.mask()),
                r.regions(),
                seconds));
        var geometry = gre.magnitude().geometry();
        context.output(QUALITY, VolumeArrays.volume(r.quality(), input.grid(), geometry, PhysicalUnit.DIMENSIONLESS));
        context.output(OFFSET, VolumeArrays.volume(r.offset(), input.grid(), geometry, PhysicalUnit.RADIAN));
    }
}
