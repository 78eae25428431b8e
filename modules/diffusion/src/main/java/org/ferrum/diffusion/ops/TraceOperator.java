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
package org.ferrum.diffusion.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.diffusion.TraceImage;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code diffusion.trace}: the trace-weighted image ({@link TraceImage}): per distinct b-value, the geometric
 * mean over the volumes (directions, repeats) of that b-value. Frames are in ascending b; the b-values are logged and
 * carried by the {@code trace_dwi} output (the same frames as a series with b-values and no directions), which
 * {@code diffusion.adc} and {@code diffusion.ivim} accept like the original series.
 */
@ServiceProvider(service = Operator.class)
public final class TraceOperator implements Operator {

    public static final Port<DiffusionDataset> DWI =
            Port.required("dwi", DiffusionPorts.DWI, "The diffusion-weighted series (b-values and directions)");
    public static final Port<Volume<FloatType>> TRACE = Port.output(
                    "trace",
                    PortTypes.VOLUME,
                    "4-D, one frame per distinct b-value in ascending order (the b-values: see trace_dwi or the log);"
                            + " geometric mean over directions, a.u.")
            .of(Quantities.SIGNAL, PhysicalUnit.ARBITRARY);
    public static final Port<DiffusionDataset> TRACE_DWI = Port.output(
            "trace_dwi",
            DiffusionPorts.DWI,
            "The trace frames as a series: one volume per distinct b-value (s/mm², the group's mean), no directions");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("diffusion.trace", "1.0")
            .displayName("Trace image")
            .category("Diffusion")
            .description("Geometric mean over gradient directions per b-value (b-values within 2 % are one); frames"
                    + " in ascending b.")
            .input(DWI)
            .output(TRACE)
            .output(TRACE_DWI)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DwiInputs in = DwiInputs.read(context, DWI, null);
        context.progress(0.1, "averaging " + in.dwi.volumes() + " volumes over directions");
        float[][] trace = in.trace(context);
        context.log("trace image: " + trace.length + " frames at b = " + in.groups.describe() + " s/mm²");
        Volume<FloatType> volume = VolumeArrays.frames(trace, in.grid, in.geometry, PhysicalUnit.ARBITRARY);
        context.output(TRACE, volume);
        context.output(TRACE_DWI, new DiffusionDataset(volume, in.groups.bValues(), new double[trace.length][]));
        context.progress(1, "trace image done");
    }
}
