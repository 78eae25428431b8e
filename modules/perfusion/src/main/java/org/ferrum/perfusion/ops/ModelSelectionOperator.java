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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.models.KineticFit;
import org.ferrum.perfusion.models.KineticMapping;
import org.ferrum.perfusion.models.KineticModels;
import org.ferrum.perfusion.models.ModelSelection;
import org.ferrum.perfusion.models.TracerKineticModel;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * Fits a chosen set of the {@link TracerKineticModel} family voxel by voxel and maps the best by AICc
 * ({@link ModelSelection}). Outputs {@code best_model} (index map, legend in its description) and one AICc map per
 * registered model ({@code aicc_<model>}, NaN for models not chosen).
 */
@ServiceProvider(service = Operator.class)
public final class ModelSelectionOperator implements Operator {

    /** The default set: the three fast models (2CXM and 2CUM are multi-start and slower; add them by name). */
    static final String DEFAULT_MODELS = "tofts,extended-tofts,patlak";

    public static final Parameter<String> MODELS = Parameter.text(
            "models",
            DEFAULT_MODELS,
            "Models to compare, comma-separated, from: "
                    + String.join(
                            ", ",
                            KineticModels.ALL.stream()
                                    .map(TracerKineticModel::name)
                                    .toList()));

    public static final Port<Volume<FloatType>> BEST_MODEL = Port.output(
                    "best_model", PortTypes.VOLUME, "Model with the lowest AICc: " + ModelSelection.legend())
            .in(PhysicalUnit.DIMENSIONLESS);

    private static final Map<String, Port<Volume<FloatType>>> AICC = new LinkedHashMap<>();

    static {
        for (TracerKineticModel m : KineticModels.ALL) {
            AICC.put(
                    m.name(),
                    Port.output(
                                    "aicc_" + m.name().replace('-', '_'),
                                    PortTypes.VOLUME,
                                    "AICc of the " + m.displayName() + " fit (NaN when not chosen)")
                            .in(PhysicalUnit.DIMENSIONLESS));
        }
    }

    private static final OperatorDescriptor DESCRIPTOR;

    static {
        OperatorDescriptor.Builder b = OperatorDescriptor.builder("perfusion.model.selection", "1.0")
                .displayName("Tracer-kinetic model selection (AICc)")
                .category("Perfusion")
                .description("Fits the chosen tracer-kinetic models to every voxel and maps the one with the lowest"
                        + " corrected Akaike information criterion among the usable fits.")
                .inputs(List.of(
                        KineticModelOperator.CONCENTRATION, KineticModelOperator.AIF, KineticModelOperator.MASK))
                .parameters(List.of(MODELS, KineticModelOperator.FIT_DELAY, KineticModelOperator.MAX_DELAY))
                .output(BEST_MODEL);
        AICC.values().forEach(b::output);
        DESCRIPTOR = b.build();
    }

    /** The AICc output of a model. */
    public static Port<Volume<FloatType>> aiccPort(String model) {
        return AICC.get(model);
    }

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    static List<TracerKineticModel> models(String list) throws OperatorException {
        List<TracerKineticModel> out = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                continue;
            }
            TracerKineticModel m = KineticModels.named(n)
                    .orElseThrow(() -> OperatorException.badInput("parameter '" + MODELS.name() + "': unknown model '"
                            + n + "' (known: " + String.join(", ", AICC.keySet()) + ")"));
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        if (out.size() < 2) {
            throw OperatorException.badInput("parameter '" + MODELS.name()
                    + "' must name at least two models to choose from, got '" + list + "'");
        }
        return out;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        List<TracerKineticModel> chosen = models(context.get(MODELS));
        DceData data = DceData.read(context, KineticModelOperator.CONCENTRATION, KineticModelOperator.MASK);
        ArterialInputFunction aif = context.input(KineticModelOperator.AIF);
        KineticFit.Settings settings = KineticModelOperator.settings(context);
        List<KineticMapping.Maps> fits = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            fits.add(KineticModelOperator.fit(
                    context,
                    chosen.get(i),
                    data,
                    aif,
                    settings,
                    (double) i / chosen.size(),
                    (double) (i + 1) / chosen.size()));
        }
        context.output(BEST_MODEL, data.map(ModelSelection.best(fits, data.voxels()), PhysicalUnit.DIMENSIONLESS));
        for (var e : AICC.entrySet()) {
            float[] values = null;
            for (KineticMapping.Maps f : fits) {
                if (f.model().name().equals(e.getKey())) {
                    values = f.aicc();
                }
            }
            if (values == null) {
                values = new float[data.voxels()];
                java.util.Arrays.fill(values, Float.NaN);
            }
            context.output(e.getValue(), data.map(values, PhysicalUnit.DIMENSIONLESS));
        }
    }
}
