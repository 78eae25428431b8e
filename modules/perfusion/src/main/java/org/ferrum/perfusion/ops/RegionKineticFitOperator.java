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
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.models.KineticFit;
import org.ferrum.perfusion.models.KineticMapping;
import org.ferrum.perfusion.models.KineticModels;
import org.ferrum.perfusion.models.KineticParameter;
import org.ferrum.perfusion.models.TracerKineticModel;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Per-region fits: a {@link TracerKineticModel} fitted to the mean concentration curve of every label of a label map
 * ({@link KineticMapping#fitRegions}); one table row per label with the parameters, their standard errors, the delay,
 * rms, AICc and status.
 */
@ServiceProvider(service = Operator.class)
public final class RegionKineticFitOperator implements Operator {

    public static final Port<Volume<FloatType>> LABELS = Port.required(
            "labels", PortTypes.LABEL_MAP, "Regions: integer labels > 0 (0 = background), same grid as the series");
    public static final Parameter<String> MODEL = Parameter.choice(
            "model",
            "extended-tofts",
            KineticModels.ALL.stream().map(TracerKineticModel::name).toList(),
            "The model fitted to each region's mean curve");
    public static final Port<Table> FITS = Port.output(
            "fits",
            PortTypes.TABLE,
            "One row per label: voxels, parameters and standard errors, delay, rms, AICc, status");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.model.roi", "1.0")
            .displayName("Tracer-kinetic model per region")
            .category("Perfusion")
            .description("Fits the chosen tracer-kinetic model to the mean concentration curve of each region of a"
                    + " label map and lists the results.")
            .inputs(List.of(KineticModelOperator.CONCENTRATION, KineticModelOperator.AIF, LABELS))
            .parameters(List.of(MODEL, KineticModelOperator.FIT_DELAY, KineticModelOperator.MAX_DELAY))
            .output(FITS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        TracerKineticModel model = KineticModels.named(context.get(MODEL)).orElseThrow();
        DceData data = DceData.read(context, KineticModelOperator.CONCENTRATION, null);
        ArterialInputFunction aif = context.input(KineticModelOperator.AIF);
        Volume<FloatType> labelVolume = context.input(LABELS);
        SharedGrid.requireSameSpace(
                KineticModelOperator.CONCENTRATION.name(), data.series().frames(), LABELS.name(), labelVolume);
        float[] l = VolumeArrays.frame(labelVolume, 0);
        int[] labels = new int[l.length];
        boolean any = false;
        for (int v = 0; v < l.length; v++) {
            labels[v] = Float.isFinite(l[v]) ? Math.round(l[v]) : 0;
            any |= labels[v] > 0;
        }
        if (!any) {
            throw OperatorException.badInput("input '" + LABELS.name() + "' has no label > 0");
        }
        KineticFit.Settings settings = KineticModelOperator.settings(context);
        int needed = model.parameterCount() + (settings.fitDelay() ? 1 : 0) + 2;
        if (data.series().frameCount() < needed) {
            throw OperatorException.badInput("input '" + KineticModelOperator.CONCENTRATION.name() + "' has "
                    + data.series().frameCount() + " frames; the " + model.displayName() + " model needs at least "
                    + needed);
        }
        data.requireCoverage(aif, KineticModelOperator.AIF);
        context.progress(0, "fitting regions");
        List<KineticMapping.RegionFit> fits = KineticMapping.fitRegions(
                model,
                data.frames(),
                data.voxels(),
                data.series().frameTimes(),
                aif,
                labels,
                settings,
                context.cancellation());
        List<Table.Column> columns = new ArrayList<>();
        columns.add(Table.Column.number("label", null));
        columns.add(Table.Column.number("voxels", null));
        for (KineticParameter p : model.parameters()) {
            columns.add(Table.Column.number(p.name(), p.unit()));
            columns.add(Table.Column.number(p.name() + "_se", p.unit()));
        }
        columns.add(Table.Column.number("delay", PhysicalUnit.SECOND));
        columns.add(Table.Column.number("rms", PhysicalUnit.MILLIMOLAR));
        columns.add(Table.Column.number("aicc", null));
        columns.add(Table.Column.text("status"));
        Table.Builder table = Table.builder(columns.toArray(Table.Column[]::new));
        int m = model.parameterCount();
        for (KineticMapping.RegionFit f : fits) {
            List<Object> row = new ArrayList<>();
            row.add((double) f.label());
            row.add((double) f.voxels());
            for (int j = 0; j < m; j++) {
                row.add(f.parameters()[j]);
                row.add(f.standardErrors()[j]);
            }
            row.add(f.delay());
            row.add(f.rms());
            row.add(f.aicc());
            row.add(f.status().meaning());
            table.row(row.toArray());
        }
        context.output(FITS, table.build());
        context.progress(1, "regions fitted");
    }
}
