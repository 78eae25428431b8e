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

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.qsm.Convergence;
import org.ferrum.qsm.SusceptibilityReference;
import org.ferrum.qsm.inversion.BlockAverageGrid;
import org.ferrum.qsm.inversion.DipoleInversion;
import org.ferrum.qsm.inversion.InversionProgress;
import org.ferrum.qsm.inversion.InversionResult;
import org.ferrum.qsm.mask.MagnitudeMask;

/**
 * The operator of a {@link DipoleInversion} family member, written once: the family's ports and the {@code pad}
 * parameter, reading and checking the field (ppm, or Hz with {@code gre}), mask and reference, zero padding before the
 * inversion, and after it the crop, the referencing ({@link SusceptibilityReference}), the {@code chi} output in ppm
 * (0 outside the mask) and the run's log and warnings.
 *
 * <p>A member operator is its descriptor ({@link #family}, plus its own parameters), {@link #inversion} (the algorithm
 * from its parameters), and, if it takes a magnitude or a data weight, {@link #prepare}; plus its
 * {@code @ServiceProvider(service = Operator.class)} registration. Data path: each input and parameter is read once;
 * field and mask go onto the padded grid in one pass each (none when the grid is already a fast FFT size and
 * {@code pad} is 1), χ comes back in one crop.
 */
public abstract class DipoleInversionOperator implements Operator {

    /** The local field δ. */
    public static final Port<Volume<FloatType>> FIELD = Port.required(
                    "local_field",
                    PortTypes.VOLUME,
                    "Local (tissue) field, 3-D, in ppm, or in Hz with the 'gre' input connected")
            .of(Quantities.FIELD, PhysicalUnit.PPM, PhysicalUnit.HERTZ);
    /** The total field, for the members that handle the background themselves (TFI, single-step). */
    public static final Port<Volume<FloatType>> TOTAL_FIELD = Port.required(
                    "field",
                    PortTypes.VOLUME,
                    "Total field, 3-D, in ppm, or in Hz with the 'gre' input connected (e.g. the echo combination's or the fat–water"
                            + " fit's field map)")
            .of(Quantities.FIELD, PhysicalUnit.PPM, PhysicalUnit.HERTZ);

    public static final Port<Volume<FloatType>> MASK = Port.required(
            "mask", PortTypes.MASK, "Region where the field is valid (e.g. the eroded brain mask); χ is 0 outside");
    public static final Port<Volume<FloatType>> REFERENCE = Port.optional(
            "reference",
            PortTypes.MASK,
            "Region whose mean χ is set to 0 (e.g. CSF); default the whole mask; only its voxels inside the mask count");
    public static final Port<MultiEchoGre> GRE = FieldInputs.GRE;
    /** The optional magnitude of the magnitude-weighted members (MEDI, iLSQR, TFI). */
    public static final Port<Volume<FloatType>> MAGNITUDE = Port.optional(
            "magnitude",
            PortTypes.VOLUME,
            "Magnitude image for the data weight (and MEDI's and TFI's edge mask); default the 'gre' input's magnitude");

    public static final Port<Volume<FloatType>> CHI = Port.output(
                    "chi",
                    PortTypes.VOLUME,
                    "Susceptibility χ in ppm relative to the reference region, 0 outside the mask")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM);

    public static final Parameter<Double> PAD = Parameter.number(
            "pad",
            1.0,
            1.0,
            3.0,
            null,
            "Zero padding before inverting: each axis grows to the fast FFT size ≥ pad·n (1: fast size only, no margin;"
                    + " enough when the head does not fill the field of view, and half the time of 1.25)");
    public static final Parameter<String> MAGNITUDE_ECHOES = Parameter.choice(
            "magnitude_echoes",
            "rss",
            List.of("rss", "echo1"),
            "How the 'gre' magnitude becomes one image: root-sum-of-squares of the echoes or the first echo");
    /** The ADMM gradient penalty ρ of the TV members; 0 means 100·λ (FANSI's choice). */
    public static final Parameter<Double> RHO =
            Parameter.number("rho", 0, 0.0, 1e3, null, "ADMM penalty ρ; 0: 100·λ (as FANSI)");

    /**
     * A descriptor builder with the family's ports declared: {@code field} (local or total), {@code mask},
     * {@code gre}, {@code reference} in, {@code chi} out. The member adds its parameters (and extra inputs).
     */
    protected static OperatorDescriptor.Builder family(
            String id, String displayName, String description, Port<?> field, Port<?> mask) {
        return OperatorDescriptor.builder(id, "1.0")
                .displayName(displayName)
                .category(QsmCategories.DIPOLE_INVERSION)
                .description(description)
                .inputs(List.of(field, mask, GRE, REFERENCE))
                .output(CHI);
    }

    /** As {@link #family(String, String, String, Port, Port)} for the local field and the usual mask. */
    protected static OperatorDescriptor.Builder family(String id, String displayName, String description) {
        return family(id, displayName, description, FIELD, MASK);
    }

    /** The algorithm, from this node's parameters ({@code input}: the prepared data, for checks and the log). */
    protected abstract DipoleInversion inversion(OperatorContext context, DipoleInversion.Field input)
            throws OperatorException;

    /** The field input this member reads: {@link #FIELD} (the default) or {@link #TOTAL_FIELD}. */
    protected Port<Volume<FloatType>> fieldPort() {
        return FIELD;
    }

    /**
     * The inputs on the (padded) inversion grid: by default the field and mask padded by {@link #PAD}; members that take a
     * magnitude or a data weight add them ({@link Inputs#magnitude()}, {@link Inputs#noiseWeight()}, {@link Prepared#pad}).
     */
    protected Prepared prepare(OperatorContext context, Inputs in) throws OperatorException {
        return in.padded(context.get(PAD));
    }

    /** What weights the data term, for the log. */
    protected String dataWeight(DipoleInversion.Field input) {
        return input.dataWeight() != null ? "1/field_sd" : input.magnitude() != null ? "from the magnitude" : "1";
    }

    @Override
    public final void run(OperatorContext context) throws OperatorException {
        long start = System.nanoTime();
        Inputs in = Inputs.read(context, fieldPort());
        Prepared prepared = prepare(context, in);
        DipoleInversion inversion;
        try {
            inversion = inversion(context, prepared.field());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameters of " + descriptor().id() + ": " + e.getMessage(), e);
        }
        String method = inversion.name();
        context.log(inversion + ", data weight " + dataWeight(prepared.field()));
        context.progress(0.1, method);
        InversionResult result;
        try {
            result = inversion.invert(prepared.field(), context.cancellation(), prepared.progress(context, method));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input '" + MASK.name() + "': " + e.getMessage(), e);
        }
        prepared.finish(context, method, result, start);
    }

    /** The inputs as read and checked on the acquisition grid (field in ppm, 0 outside the mask), before any padding. */
    protected static final class Inputs {
        private final OperatorContext context;
        private final String fieldPort;
        private final Volume<FloatType> fieldVolume;
        private final VoxelGrid grid;
        private final boolean[] mask;
        private final boolean[] reference;
        private final float[] field;
        private final double[] b0;
        private final Optional<MultiEchoGre> gre;

        private Inputs(OperatorContext context, Port<Volume<FloatType>> port) throws OperatorException {
            this.context = context;
            this.fieldPort = port.name();
            context.progress(0, "reading the field and the mask");
            fieldVolume = context.input(port);
            Volume<FloatType> maskVolume = context.input(MASK);
            gre = context.optionalInput(GRE);
            SharedGrid.requireSameSpace(fieldPort, fieldVolume, MASK.name(), maskVolume);
            if (maskVolume.frames() != 1) {
                throw OperatorException.badInput(
                        "input '" + MASK.name() + "' has " + maskVolume.frames() + " frames; give one 3-D mask");
            }
            mask = VolumeInputs.mask(maskVolume, MASK.name());
            field = FieldInputs.fieldPpm(gre, fieldPort, fieldVolume, mask);
            reference = reference(context.optionalInput(REFERENCE));
            b0 = FieldInputs.b0VoxelAxes(context, gre, fieldVolume);
            grid = VoxelGrid.of(fieldVolume);
            for (int i = 0; i < field.length; i++) {
                if (!mask[i]) {
                    field[i] = 0f; // NaN outside the mask is allowed and never reaches the FFT
                }
            }
        }

        static Inputs read(OperatorContext context, Port<Volume<FloatType>> fieldPort) throws OperatorException {
            return new Inputs(context, fieldPort);
        }

        private boolean[] reference(Optional<Volume<FloatType>> ref) throws OperatorException {
            if (ref.isEmpty()) {
                return mask;
            }
            SharedGrid.requireSameSpace(fieldPort, fieldVolume, REFERENCE.name(), ref.get());
            boolean[] r = VolumeInputs.mask(ref.get(), REFERENCE.name());
            int inside = 0;
            for (int n = 0; n < r.length; n++) {
                r[n] &= mask[n];
                inside += r[n] ? 1 : 0;
            }
            if (inside == 0) {
                throw OperatorException.badInput("input '" + REFERENCE.name()
                        + "' has no voxel inside the mask; the reference" + " region must overlap the mask");
            }
            return r;
        }

        public VoxelGrid grid() {
            return grid;
        }

        public boolean[] mask() {
            return mask;
        }

        /** δ in ppm on the acquisition grid, 0 outside the mask. */
        public float[] field() {
            return field;
        }

        /** The inputs on the acquisition grid padded by {@code padFactor} (see {@link #PAD}). */
        public Prepared padded(double padFactor) {
            return new Prepared(this, null, field, mask, padFactor);
        }

        /**
         * The inputs on the coarse grid of {@code blocks} padded by {@code padFactor}: the field already averaged (with its
         * mask) by {@link BlockAverageGrid#average}; χ returns to the acquisition grid in finish. With {@code blocks}
         * identity, {@link #padded}.
         */
        public Prepared onBlocks(BlockAverageGrid blocks, BlockAverageGrid.Averaged averaged, double padFactor) {
            return blocks.isIdentity()
                    ? padded(padFactor)
                    : new Prepared(this, blocks, averaged.field(), averaged.mask(), padFactor);
        }

        /** True if a magnitude can be read: the {@code magnitude} or the {@code gre} input is connected. */
        public boolean hasMagnitude() {
            return gre.isPresent() || context.optionalInput(MAGNITUDE).isPresent();
        }

        /**
         * The magnitude input, or the gre's (echo 1 or root-sum-of-squares per {@link #MAGNITUDE_ECHOES}), as one array on
         * the acquisition grid (non-finite values 0).
         *
         * @throws OperatorException if neither input is connected, or the magnitude is on another grid
         */
        public float[] magnitude() throws OperatorException {
            Optional<Volume<FloatType>> given = context.optionalInput(MAGNITUDE);
            Volume<FloatType> m;
            String port;
            if (given.isPresent()) {
                m = given.get();
                port = MAGNITUDE.name();
            } else if (gre.isPresent()) {
                m = gre.get().magnitude();
                port = GRE.name();
            } else {
                throw OperatorException.badInput("this method needs a magnitude image: connect input '"
                        + MAGNITUDE.name() + "' or '" + GRE.name() + "'");
            }
            SharedGrid.requireSameSpace(fieldPort, fieldVolume, port, m);
            boolean echo1 = context.get(MAGNITUDE_ECHOES).equals("echo1");
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

        /**
         * The data weight W = 1/σ from the optional {@value FieldNoiseWeights#FIELD_SD} input on the acquisition grid
         * ({@link FieldNoiseWeights}), or null when it is not connected.
         */
        public float[] noiseWeight() throws OperatorException {
            return FieldNoiseWeights.read(context, fieldVolume, fieldPort, mask, gre)
                    .orElse(null);
        }
    }

    /**
     * The inputs on the (padded) inversion grid, the acquisition grid or for TFI on block averages
     * ({@link BlockAverageGrid}) the coarse grid; {@link #finish} brings χ back to the acquisition grid.
     */
    protected static final class Prepared {
        private final Inputs in;
        /** Null, or the blocks whose coarse grid is the (unpadded) inversion grid. */
        private final BlockAverageGrid blocks;

        private final boolean[] inversionMask;
        private final ZeroPadding padding;
        private final DipoleInversion.Field field;

        private Prepared(
                Inputs in, BlockAverageGrid blocks, float[] inversionField, boolean[] inversionMask, double padFactor) {
            this.in = in;
            this.blocks = blocks;
            this.inversionMask = inversionMask;
            VoxelGrid g = blocks == null ? in.grid : blocks.coarse();
            long[] n = g.dimensions();
            this.padding = ZeroPadding.centred(n, new long[] {
                ZeroPadding.fastSize((long) Math.ceil(padFactor * n[0])),
                ZeroPadding.fastSize((long) Math.ceil(padFactor * n[1])),
                ZeroPadding.fastSize((long) Math.ceil(padFactor * n[2]))
            });
            long[] p = padding.paddedSize();
            VoxelGrid padded = new VoxelGrid((int) p[0], (int) p[1], (int) p[2], g.dx(), g.dy(), g.dz());
            this.field = new DipoleInversion.Field(
                    pad(inversionField),
                    padding.isIdentity() ? inversionMask : padding.pad(inversionMask),
                    padded,
                    in.b0);
        }

        private Prepared(Prepared p, DipoleInversion.Field field) {
            this.in = p.in;
            this.blocks = p.blocks;
            this.inversionMask = p.inversionMask;
            this.padding = p.padding;
            this.field = field;
        }

        /** The inversion's input on the padded grid. */
        public DipoleInversion.Field field() {
            return field;
        }

        /** These inputs with another (e.g. magnitude- or weight-carrying) field. */
        public Prepared with(DipoleInversion.Field newField) {
            return new Prepared(this, newField);
        }

        /**
         * An array on the (unpadded) inversion grid moved onto the padded one (zeros in the margin); null stays null; not
         * copied when the padding adds nothing.
         */
        public float[] pad(float[] values) {
            return values == null || padding.isIdentity() ? values : padding.pad(values);
        }

        /** The progress callback of an iterative method: iterations map to [0.1, 0.9]. */
        InversionProgress progress(OperatorContext context, String method) {
            return (iteration, max, change) -> {
                context.progress(
                        0.1 + 0.8 * iteration / (double) max,
                        String.format(
                                Locale.ROOT,
                                "%s iteration %d of at most %d (χ change %.2g)",
                                method,
                                iteration,
                                max,
                                change));
                context.checkCancelled();
            };
        }

        /**
         * Crops χ (and on blocks interpolates it back to the acquisition grid), references it, sets the output and logs
         * the facts of the run.
         */
        void finish(OperatorContext context, String method, InversionResult result, long start) {
            context.progress(0.9, "referencing χ");
            float[] chi = padding.isIdentity() ? result.chi() : padding.crop(result.chi());
            if (blocks != null) {
                chi = blocks.toFine(chi, inversionMask, in.mask);
            }
            double mean = SusceptibilityReference.subtractMean(chi, in.mask, in.reference);
            context.output(CHI, VolumeArrays.volume(chi, in.grid, in.fieldVolume.geometry(), PhysicalUnit.PPM));
            context.log(String.format(
                    Locale.ROOT,
                    "%s on %s%s (padded to %s): %d iteration(s), last relative χ change %.3g,"
                            + " relative residual ‖M(Dχ−δ)‖/‖Mδ‖ = %.4f, reference mean %.4g ppm subtracted, %.2f s",
                    method,
                    in.grid,
                    blocks == null ? "" : ", inverted on its " + blocks + ", χ interpolated back",
                    field.grid(),
                    result.iterations(),
                    result.relativeChange(),
                    result.relativeResidual(),
                    mean,
                    (System.nanoTime() - start) / 1e9));
            Convergence c = result.convergence();
            if (c.iterations() > 0 || c.residualGrew()) {
                context.log(c.summary(method));
            }
            String warning = c.warningMessage(context.nodeId(), method, method);
            if (warning != null) {
                context.warn(warning);
            }
            context.progress(1.0, method + " done");
        }
    }
}
