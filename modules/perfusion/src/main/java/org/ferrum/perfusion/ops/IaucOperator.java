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
package org.ferrum.perfusion.ops;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.models.Iauc;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.openide.util.lookup.ServiceProvider;

/**
 * Model-free initial area under the curve ({@link Iauc}): IAUC60 by default, IAUC90 with {@code duration} 90. The
 * window starts at the bolus arrival of the AIF when one is connected, otherwise at the arrival detected on the mean
 * curve of the mask.
 */
@ServiceProvider(service = Operator.class)
public final class IaucOperator implements Operator {

    public static final Port<DynamicSeries> CONCENTRATION = KineticModelOperator.CONCENTRATION;
    public static final Port<Volume<FloatType>> MASK = KineticModelOperator.MASK;
    public static final Port<ArterialInputFunction> AIF = Port.optional(
            "aif", PerfusionPorts.AIF, "Optional: its bolus arrival starts the window (else detected on the tissue)");
    public static final Parameter<Double> DURATION = Parameter.number(
            "duration",
            Iauc.Params.DEFAULTS.duration(),
            1.0,
            3600.0,
            PhysicalUnit.SECOND,
            "Window after the bolus arrival, s (60 for IAUC60, 90 for IAUC90)");
    public static final Port<Volume<FloatType>> IAUC = Port.output(
                    "iauc", PortTypes.VOLUME, "Initial area under the concentration curve, mM·s (0 outside the mask)")
            .of(Quantities.IAUC, PhysicalUnit.MILLIMOLAR_SECOND);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.iauc", "1.0")
            .displayName("Initial area under the curve (IAUC)")
            .category("Perfusion")
            .description("∫ C(t) dt from the bolus arrival over the chosen duration (Evelhoch, JMRI 1999), C linear"
                    + " between frames; arrival = first rise above baseline by 10 % of the peak height.")
            .inputs(List.of(CONCENTRATION, MASK, AIF))
            .parameter(DURATION)
            .output(IAUC)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    static Iauc.Params params(OperatorContext context) {
        return new Iauc.Params(context.get(DURATION));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DceData data = DceData.read(context, CONCENTRATION, MASK);
        Iauc.Params params = params(context);
        double[] times = data.series().frameTimes();
        double onset;
        ArterialInputFunction aif = context.optionalInput(AIF).orElse(null);
        if (aif != null) {
            onset = Iauc.bolusArrival(aif.times(), aif.plasmaConcentration());
            context.log(String.format(Locale.ROOT, "bolus arrival from the AIF: %.2f s", onset));
        } else {
            double[] mean = new double[times.length];
            int count = 0;
            for (int v = 0; v < data.voxels(); v++) {
                if (data.mask() == null || data.mask()[v]) {
                    count++;
                    for (int t = 0; t < times.length; t++) {
                        mean[t] += data.frames()[t * data.voxels() + v];
                    }
                }
            }
            for (int t = 0; t < times.length; t++) {
                mean[t] /= Math.max(1, count);
            }
            onset = Iauc.bolusArrival(times, mean);
            context.log(String.format(Locale.ROOT, "bolus arrival detected on the mean tissue curve: %.2f s", onset));
        }
        float[] values;
        try {
            values = Iauc.map(data.frames(), data.voxels(), times, data.mask(), onset, params, context.cancellation());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(
                    "input '" + CONCENTRATION.name() + "' with parameter '" + DURATION.name() + "': " + e.getMessage(),
                    e);
        }
        context.output(IAUC, data.map(values, PhysicalUnit.MILLIMOLAR_SECOND));
        context.progress(1, "IAUC done");
    }
}
