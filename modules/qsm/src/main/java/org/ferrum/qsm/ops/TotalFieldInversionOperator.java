package org.ferrum.qsm.ops;

import java.util.Locale;
import java.util.Optional;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.qsm.inversion.BlockAverageGrid;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.ferrum.qsm.inversion.TotalFieldInversion;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.tfi}: {@link TotalFieldInversion} of the total field, no background removal. */
@ServiceProvider(service = Operator.class)
public final class TotalFieldInversionOperator implements Operator {

    static final String ID = "qsm.dipole.tfi";
    static final String FIELD = "field";
    static final String BLOCK = "block";
    static final String BLOCK_MM = "block_mm";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: total field (TFI)")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the total field in one step, background sources estimated with the tissue's"
                    + " (total field inversion, Liu et al., MRM 2017): ‖M_G∇χ‖₁ + λ/2‖W(Dχ − f)‖² over the padded grid with χ"
                    + " free outside the mask, preconditioned there; for the abdomen, where background removal takes much of a"
                    + " large organ's field with it.")
            .input(Port.required(FIELD, PortTypes.VOLUME, "Total field, 3-D, in ppm, or in Hz with the 'gre' input connected"
                    + " (e.g. the fat–water field map)"))
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .input(DipoleInversionInputs.magnitudePort("Magnitude image for the data weight and the edge mask; default the 'gre'"
                    + " input's magnitude"))
            .input(FieldNoiseWeights.port("the magnitude normalised to mean 1 in the mask"))
            .parameter(Parameter.number("lambda", TotalFieldInversion.DEFAULT_LAMBDA, 1e-3, 1e9, null,
                    "Data weight λ for χ in ppm and mm voxels (larger: sharper, noisier)"))
            .parameter(Parameter.number("preconditioner", TotalFieldInversion.DEFAULT_BACKGROUND_PRECONDITIONER, 1e-3, 1e3, null,
                    "P outside the mask (χ = P·y); 1 = none, which did as well as 3 and better than 30 on the simulated abdomen"))
            .parameter(Parameter.number("edge_percent", MorphologyEnabledDipoleInversion.DEFAULT_EDGE_PERCENT, 0.0, 100.0, null,
                    "Percentage of mask voxels with the strongest magnitude gradient that are not TV-penalised (edges)"))
            .parameter(DipoleInversionInputs.magnitudeEchoesParameter())
            .parameter(Parameter.integer("max_iterations", 15, 1L, 1000L, "Outer (lagged diffusivity) iteration limit"))
            .parameter(Parameter.number("tolerance", 0.01, 0.0, 1.0, null,
                    "Stop when the relative χ change of an outer iteration is below this"))
            .parameter(Parameter.integer("cg_max_iterations", 300, 1L, 10000L, "Conjugate-gradient steps per outer iteration at most"))
            .parameter(Parameter.number("cg_tolerance", 0.003, 1e-8, 1.0, null,
                    "Relative residual at which the conjugate gradients stop"))
            .parameter(Parameter.number(DipoleInversionInputs.PAD, 1.5, 1.0, 3.0, null,
                    "Zero padding: each axis grows to the fast FFT size ≥ pad·n; the margin is where background sources beyond the"
                            + " field of view may be placed"))
            .parameter(Parameter.text(BLOCK, "1", "Invert on block averages: '1' on the acquisition grid; 'auto' on blocks of"
                    + " ⌊block_mm/spacing⌋ voxels per axis; or explicit factors 'bx,by,bz'. The field is averaged weighted by W²"
                    + " (W the data weight), a block is in the mask if most of it is, χ returns by trilinear interpolation over"
                    + " the in-mask blocks. For regional measures (liver iron: a median over the liver), not for fine detail"))
            .parameter(Parameter.number(BLOCK_MM, 5.5, 0.1, 100.0, null,
                    "Target voxel size (mm) of 'block' = auto: each axis gets the largest factor whose block does not exceed it"
                            + " (5.5 mm: the in-plane size at which the liver chain was validated)"))
            .output(DipoleInversionInputs.chiPort())
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        long start = System.nanoTime();
        DipoleInversionInputs.Raw raw = DipoleInversionInputs.readRaw(context, FIELD);
        BlockAverageGrid blocks = blocks(context, raw.grid());
        float[] fineMagnitude = DipoleInversionInputs.magnitude(context, raw.fieldVolume(), "TFI");
        Optional<float[]> fineWeight = FieldNoiseWeights.read(context, raw.fieldVolume(), FIELD, raw.mask());
        DipoleInversionInputs.Prepared in;
        float[] magnitude;
        float[] weight;
        if (blocks.isIdentity()) {
            in = DipoleInversionInputs.onBlocks(context, raw, null, null, start);
            magnitude = in.pad(fineMagnitude);
            weight = fineWeight.map(in::pad).orElse(null);
        } else {
            // the field weighted by W² (the data term's weight), W = 1/σ when field_sd is connected, else the magnitude
            BlockAverageGrid.Averaged averaged = blocks.average(raw.field(), fineWeight.orElse(fineMagnitude), raw.mask());
            in = DipoleInversionInputs.onBlocks(context, raw, blocks, averaged, start);
            // the magnitude of a block: √(mean of m² over the block, 0 outside the mask), for W and the edge mask M_G
            magnitude = in.pad(blocks.average(raw.field(), fineMagnitude, raw.mask()).weight());
            weight = fineWeight.isPresent() ? in.pad(averaged.weight()) : null;
            context.log(String.format(Locale.ROOT, "TFI on block averages: %s; %d of the coarse voxels in the mask",
                    blocks, count(averaged.mask())));
        }
        MorphologyEnabledDipoleInversion solver = new MorphologyEnabledDipoleInversion(context.doubleParameter("lambda"),
                context.doubleParameter("edge_percent"), Math.toIntExact(context.longParameter("max_iterations")),
                context.doubleParameter("tolerance"), Math.toIntExact(context.longParameter("cg_max_iterations")),
                context.doubleParameter("cg_tolerance"));
        TotalFieldInversion tfi = new TotalFieldInversion(solver, context.doubleParameter("preconditioner"));
        context.log(String.format(Locale.ROOT, "TFI with λ = %g, preconditioner %g outside the mask, %.0f %% edges, data weight %s",
                context.doubleParameter("lambda"), context.doubleParameter("preconditioner"), context.doubleParameter("edge_percent"),
                weight == null ? "from the magnitude" : "1/field_sd"));
        context.progress(0.1, "TFI");
        in.finish(context, "TFI", tfi.invert(in.field, in.mask, magnitude, weight, in.grid, in.b0, context.cancellation(),
                in.progress(context, "TFI")));
    }

    /** The blocks the 'block' parameter asks for on {@code grid} (factors 1: the acquisition grid itself). */
    static BlockAverageGrid blocks(OperatorContext context, VoxelGrid grid) throws OperatorException {
        String text = context.stringParameter(BLOCK).trim().toLowerCase(Locale.ROOT);
        int[] b;
        if (text.equals("auto")) {
            b = BlockAverageGrid.automaticFactors(grid, context.doubleParameter(BLOCK_MM));
        } else {
            try {
                b = BlockAverageGrid.parseFactors(text);
            } catch (NumberFormatException e) {
                throw OperatorException.badInput("parameter '" + BLOCK + "' must be 'auto', one factor or three ('4,4,1'), got '"
                        + context.stringParameter(BLOCK) + "'");
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
