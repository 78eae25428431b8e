package org.ferrum.qsm.ops;

import org.ferrum.core.VolumeArrays;

import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.background.BackgroundFieldSplit;
import org.ferrum.qsm.background.ProjectionOntoDipoleFields;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@value #ID}: background field removal by projection onto dipole fields
 * ({@link ProjectionOntoDipoleFields}). The field, mask and weights are zero-padded by {@code padding} voxels per
 * side (then up to a fast FFT size) before the fit, so background sources can sit outside the field of view
 * and the dipole convolution does not wrap around; the results are cropped back.
 */
@ServiceProvider(service = Operator.class)
public final class PdfBackgroundRemoval implements Operator {

    static final String ID = "qsm.background.pdf";
    static final String WEIGHTS = "weights";

    private static final OperatorDescriptor DESCRIPTOR = BackgroundFieldPorts.builder(ID, "PDF background removal",
            "Removes the background field by projection onto dipole fields (Liu et al., NMR Biomed 2011): the"
                    + " weighted least-squares fit of the field in the mask by dipole sources outside it, by conjugate"
                    + " gradients; the fit is the background field.",
            "The input mask (PDF erodes nothing)")
            .input(Port.optional(WEIGHTS, PortTypes.VOLUME,
                    "Data weights W ≥ 0 (e.g. magnitude, or 1/noise σ of the field); uniform if not connected"))
            .input(FieldNoiseWeights.port("'weights', or uniform"))
            .parameter(Parameter.integer("iterations", ProjectionOntoDipoleFields.DEFAULT_ITERATIONS, 1L, 10000L,
                    "Largest number of conjugate gradient iterations (it also acts as the regulariser)"))
            .parameter(Parameter.number("tolerance", ProjectionOntoDipoleFields.DEFAULT_TOLERANCE, 1e-9, 0.5,
                    PhysicalUnit.DIMENSIONLESS, "Relative residual of the normal equations at which the solver stops"))
            .parameter(Parameter.integer("padding", 16, 0L, 512L,
                    "Zero voxels added on each side of every axis before the fit (room for background sources)"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        context.progress(0, "reading the field");
        BackgroundFieldPorts.Inputs in = BackgroundFieldPorts.read(context);
        int iterations = Math.toIntExact(context.longParameter("iterations"));
        double tolerance = context.doubleParameter("tolerance");
        Optional<Volume<FloatType>> weights = VolumeInputs.optional(context, WEIGHTS, PortTypes.VOLUME);
        if (weights.isPresent()) {
            SharedGrid.requireSameSpace(BackgroundFieldPorts.FIELD, in.fieldVolume(), WEIGHTS, weights.get());
            if (weights.get().frames() != 1) {
                throw OperatorException.badInput("input '" + WEIGHTS + "' has " + weights.get().frames()
                        + " frames; give one 3-D weight map");
            }
            float[] w = VolumeArrays.frame(weights.get(), 0);
            boolean anyPositive = false;
            for (int v = 0; v < w.length; v++) {
                if (in.mask()[v] && !(w[v] >= 0 && Float.isFinite(w[v]))) {
                    throw OperatorException.badInput("input '" + WEIGHTS + "' holds " + w[v] + " at voxel " + v
                            + " inside the mask; weights must be finite and ≥ 0");
                }
                anyPositive |= in.mask()[v] && w[v] > 0;
            }
            if (!anyPositive) {
                throw OperatorException.badInput("input '" + WEIGHTS + "' is zero everywhere in the mask; nothing would be fitted");
            }
        }
        Optional<float[]> noise = FieldNoiseWeights.read(context, in.fieldVolume(), BackgroundFieldPorts.FIELD, in.mask());
        if (noise.isPresent() && weights.isPresent()) {
            throw OperatorException.badInput("inputs '" + WEIGHTS + "' and '" + FieldNoiseWeights.FIELD_SD + "' are both connected;"
                    + " connect one (field_sd gives the weights 1/σ)");
        }
        double[] b0 = FieldInputs.b0VoxelAxes(context, in.fieldVolume());
        int pad = Math.toIntExact(context.longParameter("padding"));
        long[] size = in.grid().dimensions();
        ZeroPadding padding = ZeroPadding.centred(size, new long[]{ZeroPadding.fastSize(size[0] + 2L * pad),
                ZeroPadding.fastSize(size[1] + 2L * pad), ZeroPadding.fastSize(size[2] + 2L * pad)});
        long[] padded = padding.paddedSize();
        context.log("zero padding " + padding);
        VoxelGrid grid = new VoxelGrid(Math.toIntExact(padded[0]), Math.toIntExact(padded[1]), Math.toIntExact(padded[2]),
                in.grid().dx(), in.grid().dy(), in.grid().dz());
        var geometry = in.fieldVolume().geometry();
        float[] field = padArray(padding, VolumeArrays.volume(in.field(), in.grid(), geometry, PhysicalUnit.PPM));
        float[] maskValues = padArray(padding, VolumeArrays.maskVolume(in.mask(), in.grid(), geometry));
        boolean[] mask = new boolean[maskValues.length];
        for (int v = 0; v < mask.length; v++) {
            mask[v] = maskValues[v] != 0;
        }
        float[] w = weights.isPresent() ? padArray(padding, weights.get())
                : noise.isPresent() ? padArray(padding, VolumeArrays.volume(noise.get(), in.grid(), geometry, PhysicalUnit.DIMENSIONLESS))
                : null;

        ProjectionOntoDipoleFields pdf = new ProjectionOntoDipoleFields(iterations, tolerance);
        BackgroundFieldSplit split;
        try {
            context.progress(0.1, "PDF conjugate gradients");
            split = pdf.apply(field, mask, w, grid, b0, context.cancellation(),
                    BackgroundFieldPorts.progress(context, "PDF", 0.1, 0.9, iterations, tolerance));
        } catch (IllegalArgumentException e) {
            throw BackgroundFieldPorts.badInput(e); // weights were checked above: what is left is about the mask
        }
        context.log(String.format(Locale.ROOT, "%d iterations, normal-equation relative residual %.3g (tolerance %.3g);"
                + " the background leaves %.1f %% of the weighted field in the mask unexplained", split.iterations(),
                split.relativeResidual(), tolerance, 100 * split.convergence().finalResidual()));
        BackgroundFieldPorts.logConvergence(context, ID, "PDF (data residual ‖WM(δ − Dχ_b)‖/‖WMδ‖)", split.convergence());
        context.progress(0.95, "cropping");
        var paddedGeometry = geometry.translatedBy(-padding.offset()[0], -padding.offset()[1], -padding.offset()[2]);
        float[] local = cropArray(padding, VolumeArrays.volume(split.localField(), grid, paddedGeometry, PhysicalUnit.PPM));
        float[] background = cropArray(padding,
                VolumeArrays.volume(split.backgroundField(), grid, paddedGeometry, PhysicalUnit.PPM));
        BackgroundFieldPorts.write(context, in, new BackgroundFieldSplit(local, background, in.mask(), split.iterations(),
                split.relativeResidual(), split.convergence()));
        context.progress(1, "done");
    }

    private static float[] padArray(ZeroPadding padding, Volume<FloatType> v) {
        return VolumeArrays.frame(padding.pad(v), 0);
    }

    private static float[] cropArray(ZeroPadding padding, Volume<FloatType> v) {
        return VolumeArrays.frame(padding.crop(v), 0);
    }
}
