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
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.qsm.mask.Morphology;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code qsm.mask.erode}: erodes a mask by a ball of a radius in mm ({@link Morphology#erode}), the usual way to drop
 * the brain's rim where phase is unreliable before background-field removal.
 */
@ServiceProvider(service = Operator.class)
public final class MaskErosionOperator implements Operator {

    static final String ID = "qsm.mask.erode";

    public static final Port<Volume<FloatType>> MASK =
            Port.required(MaskPorts.MASK, PortTypes.MASK, "The mask to erode (3-D; non-zero is inside)");
    public static final Parameter<Double> RADIUS =
            Parameter.number("radius_mm", 2.0, 0.0, 50.0, PhysicalUnit.MILLIMETRE, "Radius of the eroding ball");
    public static final Port<Volume<FloatType>> MASK_OUT = MaskPorts.output("The eroded mask, same grid");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Erode mask")
            .category(QsmCategories.MASKING)
            .description("Keeps the voxels of the mask whose distance to the nearest outside voxel exceeds the radius:"
                    + " erosion by a ball in mm (exact Euclidean distance transform, Felzenszwalb & Huttenlocher 2012),"
                    + " right for anisotropic voxels. Voxels beyond the grid do not erode (as MATLAB's imerode).")
            .input(MASK)
            .parameter(RADIUS)
            .output(MASK_OUT)
            .build();

    private static int voxelsOnGridBorder(boolean[] m, VoxelGrid g) {
        int count = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    boolean border =
                            i == 0 || j == 0 || k == 0 || i == g.nx() - 1 || j == g.ny() - 1 || k == g.nz() - 1;
                    count += border && m[g.index(i, j, k)] ? 1 : 0;
                }
            }
        }
        return count;
    }

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> mask = context.input(MASK);
        if (mask.frames() != 1) {
            throw OperatorException.badInput(
                    "input '" + MASK.name() + "' has " + mask.frames() + " frames; give one 3-D mask");
        }
        VoxelGrid grid = VoxelGrid.of(mask);
        boolean[] m = VolumeInputs.mask(mask, MASK.name());
        double radius = context.get(RADIUS);
        context.progress(0, "eroding the mask");
        boolean[] eroded = Morphology.erode(m, grid, radius, context.cancellation());
        int before = Morphology.count(m);
        int after = Morphology.count(eroded);
        if (after == 0) {
            throw OperatorException.badInput(String.format(
                    Locale.ROOT,
                    "eroding input '%s' (%d voxels) by %s = %.3g" + " removes every voxel; use a smaller '%s'",
                    MASK.name(),
                    before,
                    RADIUS.name(),
                    radius,
                    RADIUS.name()));
        }
        context.log(String.format(
                Locale.ROOT,
                "eroded by %.3g mm: %d voxels removed (%d → %d, %.1f %% kept)",
                radius,
                before - after,
                before,
                after,
                100.0 * after / before));
        int onBorder = voxelsOnGridBorder(m, grid);
        if (onBorder > 0) {
            context.log(onBorder
                    + " mask voxels lie on the grid border; the mask is not eroded from outside the grid there");
        }
        context.output(MASK_OUT, VolumeArrays.maskVolume(eroded, grid, mask.geometry()));
        context.progress(1, "erosion done");
    }
}
