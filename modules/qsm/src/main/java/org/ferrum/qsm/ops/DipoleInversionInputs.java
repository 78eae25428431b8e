package org.ferrum.qsm.ops;

import org.ferrum.core.VolumeArrays;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.qsm.Convergence;
import org.ferrum.qsm.SusceptibilityReference;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.inversion.BlockAverageGrid;
import org.ferrum.qsm.inversion.InversionProgress;
import org.ferrum.qsm.inversion.InversionResult;
import org.ferrum.qsm.mask.MagnitudeMask;

/**
 * What every dipole-inversion operator shares, written once: its common ports and the {@code pad} parameter,
 * reading and checking the field, mask and reference, zero padding before the inversion, and after it the crop,
 * the referencing ({@link SusceptibilityReference}) and the {@code chi} output in ppm.
 */
final class DipoleInversionInputs {

    static final String FIELD = "local_field";
    static final String MASK = "mask";
    static final String REFERENCE = "reference";
    static final String PAD = "pad";
    static final String CHI = "chi";
    static final String MAGNITUDE = "magnitude";
    static final String MAGNITUDE_ECHOES = "magnitude_echoes";

    /** The optional magnitude input of the magnitude-weighted inversions (MEDI, iLSQR). */
    static Port magnitudePort(String description) {
        return Port.optional(MAGNITUDE, PortTypes.VOLUME, description);
    }

    static Parameter magnitudeEchoesParameter() {
        return Parameter.choice(MAGNITUDE_ECHOES, "rss", List.of("rss", "echo1"),
                "How the 'gre' magnitude becomes one image: root-sum-of-squares of the echoes or the first echo");
    }

    static Port fieldPort() {
        return Port.required(FIELD, PortTypes.VOLUME, "Local (tissue) field, 3-D, in ppm, or in Hz with the 'gre' input connected");
    }

    static Port maskPort() {
        return Port.required(MASK, PortTypes.MASK, "Region where the field is valid (e.g. the eroded brain mask); χ is 0 outside");
    }

    static Port referencePort() {
        return Port.optional(REFERENCE, PortTypes.MASK,
                "Region whose mean χ is set to 0 (e.g. CSF); default the whole mask; only its voxels inside the mask count");
    }

    /** The ADMM gradient penalty ρ of the TV inversions; 0 means 100·λ (FANSI's choice). */
    static Parameter rhoParameter() {
        return Parameter.number("rho", 0, 0.0, 1e3, null, "ADMM penalty ρ; 0: 100·λ (as FANSI)");
    }

    /** ρ as {@link #rhoParameter()} says, for the TV weight {@code lambda}. */
    static double rho(OperatorContext context, double lambda) {
        double rho = context.doubleParameter("rho");
        return rho == 0 ? 100 * lambda : rho;
    }

    static Parameter padParameter() {
        return Parameter.number(PAD, 1.0, 1.0, 3.0, null,
                "Zero padding before inverting: each axis grows to the fast FFT size ≥ pad·n (1: fast size only, no margin;"
                        + " enough when the head does not fill the field of view, and half the time of 1.25)");
    }

    static Port chiPort() {
        return Port.output(CHI, PortTypes.VOLUME, "Susceptibility χ in ppm relative to the reference region, 0 outside the mask");
    }

    /** The inputs as read on the acquisition grid (field in ppm, 0 outside the mask), before any padding. */
    record Raw(Volume<FloatType> fieldVolume, VoxelGrid grid, boolean[] mask, boolean[] reference, float[] field, double[] b0) {
    }

    /**
     * The inputs on the (padded) inversion grid. The inversion grid is the acquisition grid, or for TFI on block
     * averages ({@link BlockAverageGrid}) the coarse grid; {@link #finish} brings χ back to the acquisition grid.
     */
    static final class Prepared {
        final Volume<FloatType> fieldVolume;
        final VoxelGrid originalGrid;
        final boolean[] originalMask;
        final boolean[] reference;
        final ZeroPadding padding;
        final VoxelGrid grid;
        final float[] field;
        final boolean[] mask;
        final double[] b0;
        final long start;
        /** Null, or the blocks whose coarse grid is the (unpadded) inversion grid. */
        private final BlockAverageGrid blocks;
        private final Geometry inversionGeometry;
        private final VoxelGrid inversionGrid;
        private final boolean[] inversionMask;

        private Prepared(Raw raw, BlockAverageGrid blocks, float[] inversionField, boolean[] inversionMask, double padFactor,
                long start) {
            this.fieldVolume = raw.fieldVolume();
            this.originalGrid = raw.grid();
            this.originalMask = raw.mask();
            this.reference = raw.reference();
            this.b0 = raw.b0();
            this.blocks = blocks;
            this.start = start;
            this.inversionGrid = blocks == null ? raw.grid() : blocks.coarse();
            this.inversionGeometry = blocks == null ? raw.fieldVolume().geometry() : blocks.coarseGeometry(raw.fieldVolume().geometry());
            this.inversionMask = inversionMask;
            long[] n = inversionGrid.dimensions();
            this.padding = ZeroPadding.centred(n, new long[]{ZeroPadding.fastSize((long) Math.ceil(padFactor * n[0])),
                    ZeroPadding.fastSize((long) Math.ceil(padFactor * n[1])), ZeroPadding.fastSize((long) Math.ceil(padFactor * n[2]))});
            long[] p = padding.paddedSize();
            this.grid = new VoxelGrid((int) p[0], (int) p[1], (int) p[2], inversionGrid.dx(), inversionGrid.dy(), inversionGrid.dz());
            float[] maskFloats = new float[inversionMask.length];
            for (int i = 0; i < inversionMask.length; i++) {
                maskFloats[i] = inversionMask[i] ? 1f : 0f;
            }
            float[] paddedMaskFloats = pad(maskFloats);
            this.mask = new boolean[paddedMaskFloats.length];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = paddedMaskFloats[i] != 0;
            }
            this.field = pad(inversionField);
        }

        /** An array on the (unpadded) inversion grid moved onto the padded one (zeros in the margin). */
        float[] pad(float[] values) {
            return padArray(values, inversionGrid, inversionGeometry, padding);
        }

        /** The unpadded inversion grid (the acquisition grid, or the coarse grid of the blocks). */
        VoxelGrid inversionGrid() {
            return inversionGrid;
        }

        /**
         * The data weight W = 1/σ from the optional {@value FieldNoiseWeights#FIELD_SD} input on the padded grid
         * ({@link FieldNoiseWeights}), or {@code null} when it is not connected. Only for inversions on the acquisition
         * grid (TFI on blocks reads the weight itself and averages it).
         */
        float[] noiseWeight(OperatorContext context, String fieldPort) throws OperatorException {
            if (blocks != null) {
                throw new IllegalStateException("the noise weight of a block-averaged inversion is averaged by its operator");
            }
            Optional<float[]> w = FieldNoiseWeights.read(context, fieldVolume, fieldPort, originalMask);
            return w.isPresent() ? pad(w.get()) : null;
        }

        /** The progress callback of an iterative method: iterations map to [0.1, 0.9]. */
        InversionProgress progress(OperatorContext context, String method) {
            return (iteration, max, change) -> {
                context.progress(0.1 + 0.8 * iteration / (double) max,
                        String.format(Locale.ROOT, "%s iteration %d of at most %d (χ change %.2g)", method, iteration, max, change));
                context.checkCancelled();
            };
        }

        /**
         * Crops χ (and on blocks interpolates it back to the acquisition grid), references it, sets the output and logs
         * the facts of the run.
         */
        void finish(OperatorContext context, String method, InversionResult result) {
            context.progress(0.9, "referencing χ");
            float[] chi = crop(result.chi());
            if (blocks != null) {
                chi = blocks.toFine(chi, inversionMask, originalMask);
            }
            double mean = SusceptibilityReference.subtractMean(chi, originalMask, reference);
            context.output(CHI, VolumeArrays.volume(chi, originalGrid, fieldVolume.geometry(), PhysicalUnit.PPM));
            context.log(String.format(Locale.ROOT, "%s on %s%s (padded to %s): %d iteration(s), last relative χ change %.3g,"
                    + " relative residual ‖M(Dχ−δ)‖/‖Mδ‖ = %.4f, reference mean %.4g ppm subtracted, %.2f s", method, originalGrid,
                    blocks == null ? "" : ", inverted on its " + blocks + ", χ interpolated back", grid, result.iterations(),
                    result.relativeChange(), result.relativeResidual(), mean, (System.nanoTime() - start) / 1e9));
            Convergence c = result.convergence();
            if (c.iterations() > 0 || c.residualGrew()) {
                context.log(c.summary(method));
            }
            String warning = c.warning(context.nodeId(), method, method);
            if (warning != null) {
                context.log(warning);
            }
            context.progress(1.0, method + " done");
        }

        private float[] crop(float[] padded) {
            Geometry g = inversionGeometry.translatedBy(-padding.offset()[0], -padding.offset()[1], -padding.offset()[2]);
            Volume<FloatType> v = VolumeArrays.volume(padded, grid, g, PhysicalUnit.PPM);
            return Volumes.floats(padding.crop(v));
        }
    }

    private DipoleInversionInputs() {
    }

    /** Reads, checks and pads the shared inputs. */
    static Prepared read(OperatorContext context) throws OperatorException {
        return read(context, FIELD);
    }

    /** As {@link #read(OperatorContext)} with the field on the port named {@code fieldPort} (the total field of TFI). */
    static Prepared read(OperatorContext context, String fieldPort) throws OperatorException {
        long start = System.nanoTime();
        Raw raw = readRaw(context, fieldPort);
        return new Prepared(raw, null, raw.field(), raw.mask(), context.doubleParameter(PAD), start);
    }

    /**
     * The inputs for an inversion on the coarse grid of {@code blocks}: the field already averaged (with its mask) by
     * {@link BlockAverageGrid#average}; χ returns to the acquisition grid in {@link Prepared#finish}. With
     * {@code blocks} null, the inputs on the acquisition grid ({@code averaged} ignored).
     */
    static Prepared onBlocks(OperatorContext context, Raw raw, BlockAverageGrid blocks, BlockAverageGrid.Averaged averaged,
            long start) {
        return blocks == null ? new Prepared(raw, null, raw.field(), raw.mask(), context.doubleParameter(PAD), start)
                : new Prepared(raw, blocks, averaged.field(), averaged.mask(), context.doubleParameter(PAD), start);
    }

    /** Reads and checks the shared inputs on the acquisition grid (field in ppm, 0 outside the mask). */
    static Raw readRaw(OperatorContext context, String fieldPort) throws OperatorException {
        context.progress(0, "reading the field and the mask");
        Volume<FloatType> field = VolumeInputs.required(context, fieldPort, PortTypes.VOLUME);
        Volume<FloatType> maskVolume = VolumeInputs.required(context, MASK, PortTypes.MASK);
        SharedGrid.requireSameSpace(fieldPort, field, MASK, maskVolume);
        if (maskVolume.frames() != 1) {
            throw OperatorException.badInput("input '" + MASK + "' has " + maskVolume.frames() + " frames; give one 3-D mask");
        }
        boolean[] mask = VolumeInputs.mask(maskVolume, MASK);
        float[] delta = FieldInputs.fieldPpm(context, fieldPort, field, mask);
        boolean[] reference = mask;
        Optional<Volume<FloatType>> ref = VolumeInputs.optional(context, REFERENCE, PortTypes.MASK);
        if (ref.isPresent()) {
            SharedGrid.requireSameSpace(fieldPort, field, REFERENCE, ref.get());
            boolean[] r = VolumeInputs.mask(ref.get(), REFERENCE);
            int inside = 0;
            for (int n = 0; n < r.length; n++) {
                r[n] &= mask[n];
                inside += r[n] ? 1 : 0;
            }
            if (inside == 0) {
                throw OperatorException.badInput("input '" + REFERENCE + "' has no voxel inside the mask; the reference region must"
                        + " overlap the mask");
            }
            reference = r;
        }
        double[] b0 = FieldInputs.b0VoxelAxes(context, field);
        VoxelGrid grid = VoxelGrid.of(field);
        for (int i = 0; i < delta.length; i++) {
            if (!mask[i]) {
                delta[i] = 0f; // NaN outside the mask is allowed and never reaches the FFT
            }
        }
        return new Raw(field, grid, mask, reference, delta, b0);
    }

    /** An array on {@code grid} moved onto the padded grid through {@link ZeroPadding} (zeros in the margin). */
    private static float[] padArray(float[] values, VoxelGrid grid, Geometry geometry, ZeroPadding padding) {
        return Volumes.floats(padding.pad(VolumeArrays.volume(values, grid, geometry, PhysicalUnit.DIMENSIONLESS)));
    }

    /**
     * The magnitude input, or the gre's (echo 1 or root-sum-of-squares per the {@link #MAGNITUDE_ECHOES} parameter), as
     * one 3-D array; also used by {@link IterativeLsqrOperator}, which declares the same port and parameter.
     */
    static float[] magnitude(OperatorContext context, Volume<FloatType> field, String method) throws OperatorException {
        Optional<Volume<FloatType>> given = VolumeInputs.optional(context, MAGNITUDE, PortTypes.VOLUME);
        Volume<FloatType> m;
        String port;
        if (given.isPresent()) {
            m = given.get();
            port = MAGNITUDE;
        } else {
            Optional<MultiEchoGre> gre = context.optionalInput(FieldInputs.GRE_PORT, PortTypes.MULTI_ECHO_GRE);
            if (gre.isEmpty()) {
                throw OperatorException.badInput(method + " needs a magnitude image: connect input '" + MAGNITUDE + "' or '"
                        + FieldInputs.GRE_PORT + "'");
            }
            m = gre.get().magnitude();
            port = FieldInputs.GRE_PORT;
        }
        SharedGrid.requireSameSpace(FIELD, field, port, m);
        boolean echo1 = context.stringParameter(MAGNITUDE_ECHOES).equals("echo1");
        float[][] frames = new float[echo1 ? 1 : m.frames()][];
        for (int t = 0; t < frames.length; t++) {
            frames[t] = VolumeArrays.frame(m, t);
        }
        float[] out = MagnitudeMask.rootSumOfSquares(frames);
        for (int n = 0; n < out.length; n++) {
            // a NaN magnitude (e.g. blanked outside the brain) carries no weight rather than poisoning the solve
            if (!Float.isFinite(out[n])) {
                out[n] = 0f;
            }
        }
        return out;
    }
}
