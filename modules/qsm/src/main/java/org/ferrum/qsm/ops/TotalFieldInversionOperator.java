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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.qsm.inversion.BlockAverageGrid;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.TotalFieldInversion;
import org.ferrum.qsm.inversion.TotalFieldInversion.Params;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tfi}: {@link TotalFieldInversion} of the total field, no background removal. */
@ServiceProvider(service = Operator.class)
public final class TotalFieldInversionOperator extends DipoleInversionOperator {

    static final MorphologyEnabledDipoleInversionOperator.Solver SOLVER =
            new MorphologyEnabledDipoleInversionOperator.Solver(
                    Params.DEFAULTS.solver(), "Data weight λ for χ in ppm and mm voxels (larger: sharper, noisier)");
    public static final Parameter<Double> PRECONDITIONER = Parameter.number(
            "preconditioner",
            Params.DEFAULTS.backgroundPreconditioner(),
            1e-3,
            1e3,
            null,
            "P outside the mask (χ = P·y); 1 = none, which did as well as 3 and better than 30 on the simulated abdomen");
    public static final Parameter<Double> TFI_PAD = Parameter.number(
            PAD.name(),
            1.5,
            1.0,
            3.0,
            null,
            "Zero padding: each"
                    + " axis grows to the fast FFT size ≥ pad·n; the margin is where background sources beyond the field of view may be"
                    + " placed");
    public static final Parameter<String> BLOCK = Parameter.text(
            "block",
            "1",
            "Invert on block averages: '1' on the acquisition"
                    + " grid; 'auto' on blocks of ⌊block_mm/spacing⌋ voxels per axis; or explicit factors 'bx,by,bz'. The field is"
                    + " averaged weighted by W² (W the data weight), a block is in the mask if most of it is, χ returns by trilinear"
                    + " interpolation over the in-mask blocks. For regional measures (liver iron: a median over the liver), not for fine"
                    + " detail");
    public static final Parameter<Double> BLOCK_MM = Parameter.number(
            "block_mm",
            5.5,
            0.1,
            100.0,
            null,
            "Target voxel size (mm) of 'block' = auto: each axis gets the largest factor whose block does not exceed it"
                    + " (5.5 mm: the in-plane size at which the liver chain was validated)");

    private static final OperatorDescriptor DESCRIPTOR = family(
                    "qsm.dipole.tfi",
                    "Dipole inversion: total field (TFI)",
                    "Susceptibility from the total field in one step, background sources estimated with the tissue's"
                            + " (total field inversion, Liu et al., MRM 2017): ‖M_G∇χ‖₁ + λ/2‖W(Dχ − f)‖² over the padded grid with χ"
                            + " free outside the mask, preconditioned there; for the abdomen, where background removal takes much of a"
                            + " large organ's field with it.",
                    TOTAL_FIELD,
                    MASK)
            .input(MAGNITUDE)
            .input(FieldNoiseWeights.port("the magnitude normalised to mean 1 in the mask"))
            .parameters(parameters())
            .build();

    private static List<Parameter<?>> parameters() {
        List<Parameter<?>> list = new ArrayList<>(SOLVER.list());
        list.add(1, PRECONDITIONER);
        list.addAll(List.of(TFI_PAD, BLOCK, BLOCK_MM));
        return list;
    }

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    protected Port<Volume<FloatType>> fieldPort() {
        return TOTAL_FIELD;
    }

    /** On the acquisition grid, or on block averages of the field weighted by W² (1/σ² with field_sd, else m²). */
    @Override
    protected Prepared prepare(OperatorContext context, Inputs in) throws OperatorException {
        BlockAverageGrid blocks = blocks(context, in.grid());
        double pad = context.get(TFI_PAD);
        if (blocks.isIdentity()) {
            return MorphologyEnabledDipoleInversionOperator.Solver.withMagnitudeAndWeight(in.padded(pad), in);
        }
        float[] magnitude = in.magnitude();
        float[] noise = in.noiseWeight();
        BlockAverageGrid.Averaged averaged = blocks.average(in.field(), noise != null ? noise : magnitude, in.mask());
        Prepared p = in.onBlocks(blocks, averaged, pad);
        // the magnitude of a block: √(mean of m² over the block, 0 outside the mask), for W and the edge mask M_G
        float[] blockMagnitude =
                blocks.average(in.field(), magnitude, in.mask()).weight();
        context.log(String.format(
                Locale.ROOT,
                "TFI on block averages: %s; %d of the coarse voxels in the mask",
                blocks,
                count(averaged.mask())));
        return p.with(p.field()
                .withMagnitude(p.pad(blockMagnitude))
                .withDataWeight(noise != null ? p.pad(averaged.weight()) : null));
    }

    @Override
    protected DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input) {
        return new TotalFieldInversion(new Params(SOLVER.params(context), context.get(PRECONDITIONER)));
    }

    /** The blocks the 'block' parameter asks for on {@code grid} (factors 1: the acquisition grid itself). */
    static BlockAverageGrid blocks(OperatorContext context, VoxelGrid grid) throws OperatorException {
        String given = context.get(BLOCK);
        String text = given.trim().toLowerCase(Locale.ROOT);
        int[] b;
        if (text.equals("auto")) {
            b = BlockAverageGrid.automaticFactors(grid, context.get(BLOCK_MM));
        } else {
            try {
                b = BlockAverageGrid.parseFactors(text);
            } catch (NumberFormatException e) {
                throw OperatorException.badInput("parameter '" + BLOCK.name()
                        + "' must be 'auto', one factor or three ('4,4,1')," + " got '" + given + "'");
            }
        }
        return new BlockAverageGrid(grid, b[0], b[1], b[2]);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
