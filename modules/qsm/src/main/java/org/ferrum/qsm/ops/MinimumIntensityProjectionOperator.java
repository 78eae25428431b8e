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
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.qsm.swi.MinimumIntensityProjection;
import org.openide.util.lookup.ServiceProvider;

/** {@code qsm.swi.minip}: sliding-slab minimum intensity projection ({@link MinimumIntensityProjection}). */
@ServiceProvider(service = Operator.class)
public final class MinimumIntensityProjectionOperator implements Operator {

    static final String ID = "qsm.swi.minip";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The volume to project (e.g. SWI); 4-D: each frame on its own");
    public static final Parameter<Double> SLAB =
            Parameter.number("slab_mm", 16.0, 0.01, 1000.0, PhysicalUnit.MILLIMETRE, "Slab thickness");
    public static final Parameter<Long> AXIS =
            Parameter.integer("axis", 2, 0L, 2L, "Index axis to project along (2: across slices)");
    public static final Port<Volume<FloatType>> MINIP =
            Port.output("minip", PortTypes.VOLUME, "Sliding-slab minIP, same grid and unit");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Minimum intensity projection (sliding slab)")
            .category(QsmCategories.SWI)
            .description("Each voxel takes the minimum over a slab of the given thickness along one axis, centred on it"
                    + " (sliding, same grid): veins in SWI join into continuous dark lines (Haacke et al., MRM 2004).")
            .input(VOLUME)
            .parameter(SLAB)
            .parameter(AXIS)
            .output(MINIP)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        VoxelGrid grid = VoxelGrid.of(volume);
        int axis = (int) (long) context.get(AXIS);
        double slab = context.get(SLAB);
        int n = MinimumIntensityProjection.slabVoxels(grid, axis, slab);
        float[][] out = new float[volume.frames()][];
        for (int t = 0; t < out.length; t++) {
            context.progress((double) t / out.length, "projecting frame " + (t + 1) + " of " + out.length);
            float[] v = VolumeArrays.frame(volume, t);
            boolean anyNumber = false;
            for (float x : v) {
                if (!Float.isNaN(x)) {
                    anyNumber = true;
                    break;
                }
            }
            if (!anyNumber) {
                throw OperatorException.badInput("input '" + VOLUME.name() + "' frame " + (t + 1) + " holds only NaN");
            }
            out[t] = MinimumIntensityProjection.slidingSlab(v, grid, axis, slab, context.cancellation());
        }
        context.log(String.format(
                Locale.ROOT,
                "slab of %.3g mm along axis %d = %d voxels of %.3g mm%s",
                slab,
                axis,
                n,
                grid.spacing()[axis],
                n == 1 ? " (one voxel: the output equals the input)" : ""));
        PhysicalUnit unit = volume.unit();
        context.output(
                MINIP,
                out.length == 1
                        ? VolumeArrays.volume(out[0], grid, volume.geometry(), unit)
                        : VolumeArrays.frames(out, grid, volume.geometry(), unit));
        context.progress(1, "minIP done");
    }
}
