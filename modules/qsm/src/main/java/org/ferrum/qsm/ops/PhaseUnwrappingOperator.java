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
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.qsm.unwrap.PhaseUnwrapping;

/**
 * The one operator of the {@link PhaseUnwrapping} family, over its members: reads the GRE's wrapped phase (and
 * magnitude, echo times, optional mask), checks it (phase present, finite where used, plausibly in rad), runs the
 * member the node's parameters select, and writes the GRE with the unwrapped phase and the phase itself. A member's
 * operator is this class plus its parameters ({@link #algorithm}) and, if it has more outputs, {@link #writeMore}.
 *
 * <p>Ports: input {@code gre} (wrapped phase, rad); input {@code mask} if the member {@link #usesMask() uses one}:
 * without it every voxel with finite phase in every echo is unwrapped (voxels with NaN or infinite phase are left out
 * and counted in the log), with it NaN or infinite phase inside the mask is bad input; members without a mask need
 * finite phase everywhere. Outputs {@code gre} and {@code phase} (echoes last, rad).
 *
 * @param <R> the member's result
 */
public abstract class PhaseUnwrappingOperator<R extends PhaseUnwrapping.Result> implements Operator {

    /** Multi-echo GRE with wrapped phase. */
    public static final Port<MultiEchoGre> GRE =
            GrePhaseInputs.gre("Multi-echo GRE with wrapped phase (rad) and magnitude");
    /** Voxels to unwrap, for members that use a mask. */
    public static final Port<Volume<FloatType>> MASK = Port.optional(
            GrePhaseInputs.MASK,
            PortTypes.MASK,
            "Voxels to unwrap (others are left wrapped); default all finite voxels");
    /** The same acquisition with unwrapped phase. */
    public static final Port<MultiEchoGre> GRE_OUT = GrePhaseInputs.GRE_OUT;
    /** Unwrapped phase, echoes last. */
    public static final Port<Volume<FloatType>> PHASE = Port.output(
                    "phase",
                    PortTypes.VOLUME,
                    "Unwrapped phase, echoes last, rad (outside the mask as the method documents)")
            .of(Quantities.PHASE, PhysicalUnit.RADIAN);

    private final OperatorDescriptor descriptor;

    /**
     * @param descriptor the member's descriptor, begun by {@link #family}
     */
    protected PhaseUnwrappingOperator(OperatorDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /**
     * A descriptor builder with the family's category, ports and outputs; the member adds its parameters (and further
     * outputs) and builds it.
     */
    protected static OperatorDescriptor.Builder family(
            String id, String version, String displayName, String description, boolean usesMask) {
        OperatorDescriptor.Builder b = OperatorDescriptor.builder(id, version)
                .displayName(displayName)
                .category(QsmCategories.UNWRAPPING)
                .description(description)
                .input(GRE);
        if (usesMask) {
            b.input(MASK);
        }
        return b.output(GRE_OUT).output(PHASE);
    }

    @Override
    public final OperatorDescriptor descriptor() {
        return descriptor;
    }

    /** The member with the node's parameters, for a GRE of {@code echoes} echoes (bad input if they do not fit). */
    protected abstract PhaseUnwrapping algorithmFor(OperatorContext context, int echoes) throws OperatorException;

    /** The member with the node's parameters (public for the family test). */
    public final PhaseUnwrapping algorithm(OperatorContext context, int echoes) throws OperatorException {
        return algorithmFor(context, echoes);
    }

    /** Writes the member's further outputs and log lines (the family writes {@code gre} and {@code phase}). */
    protected void writeMore(
            OperatorContext context,
            MultiEchoGre gre,
            PhaseUnwrapping.Input input,
            R result,
            PhaseUnwrapping algorithm,
            double seconds) {}

    private boolean usesMask() {
        return descriptor.input(MASK.name()).isPresent();
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        float[][] phase = GrePhaseInputs.phase(gre);
        boolean[] mask = null;
        if (!usesMask()) {
            GrePhaseInputs.requireFinite(phase, null, "(this method uses the whole grid)");
        } else {
            Optional<boolean[]> given = GrePhaseInputs.mask(context, MASK, gre);
            if (given.isPresent()) {
                mask = given.get();
                GrePhaseInputs.requireFinite(phase, mask, "inside the mask");
            } else {
                mask = finiteEverywhere(phase);
                long left = mask.length - count(mask);
                if (left > 0) {
                    context.log(
                            "no mask: " + left + " voxel(s) with NaN or infinite phase in some echo are left out (as if"
                                    + " outside a mask)");
                }
                if (left == mask.length) {
                    throw OperatorException.badInput(
                            "input '" + GRE.name() + "' has no voxel with finite phase in every echo");
                }
            }
        }
        GrePhaseInputs.warnIfNotRadians(context, phase, mask);
        PhaseUnwrapping algorithm = algorithmFor(context, phase.length);
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        PhaseUnwrapping.Input input = new PhaseUnwrapping.Input(
                phase,
                GrePhaseInputs.magnitude(gre),
                gre.acquisition().echoTimes().toSeconds(),
                mask,
                grid);
        long start = System.nanoTime();
        R result = (R) algorithm.unwrap(input, context.cancellation(), (f, m) -> context.progress(0.05 + 0.9 * f, m));
        double seconds = (System.nanoTime() - start) * 1e-9;
        context.progress(0.95, "writing results");
        if (result.regions() > 1) {
            context.warn("the mask has " + result.regions() + " unconnected parts; each is unwrapped on its own and may"
                    + " differ from the others by whole turns");
        }
        Volume<FloatType> phaseVolume = GrePhaseInputs.phaseVolume(gre, result.unwrapped());
        context.output(GRE_OUT, GrePhaseInputs.withPhase(gre, phaseVolume));
        context.output(PHASE, phaseVolume);
        writeMore(context, gre, input, result, algorithm, seconds);
        context.progress(1, "done");
    }

    static String range(float[] a) {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", min(a), max(a));
    }

    static float min(float[] a) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : a) {
            m = Math.min(m, x);
        }
        return m;
    }

    static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    static long count(boolean[] mask) {
        long c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static boolean[] finiteEverywhere(float[][] phase) {
        boolean[] m = new boolean[phase[0].length];
        java.util.Arrays.fill(m, true);
        for (float[] frame : phase) {
            for (int v = 0; v < m.length; v++) {
                m[v] &= Float.isFinite(frame[v]);
            }
        }
        return m;
    }
}
