package org.ferrum.qsm.ops;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.qsm.unwrap.LaplacianUnwrapping;
import org.openide.util.lookup.ServiceProvider;

/**
 * Laplacian phase unwrapping of every echo ({@link LaplacianUnwrapping}, Schofield &amp; Zhu 2003).
 *
 * <p>Mode {@code laplacian}: φ_L as is (not congruent with the input; differs from the true phase by a harmonic
 * part, which background-field removal discards). Mode {@code congruent}: φ + 2π·round((φ_L − φ)/2π). The whole
 * grid is used (no mask); the phase must be finite everywhere. Boundary {@code mirror} (default): half-sample
 * reflection at the faces, solved exactly by the DCT; {@code periodic}: the FFT's wrap-around.
 */
@ServiceProvider(service = Operator.class)
public final class LaplacianUnwrap implements Operator {

    static final String ID = "qsm.unwrap.laplacian";
    static final String MODE_LAPLACIAN = "laplacian";
    static final String MODE_CONGRUENT = "congruent";
    static final String BOUNDARY_MIRROR = "mirror";
    static final String BOUNDARY_PERIODIC = "periodic";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Laplacian phase unwrapping")
            .category(QsmCategories.UNWRAPPING)
            .description("Unwraps each echo's phase with the Laplacian method of Schofield & Zhu (Opt Lett 2003):"
                    + " φ = ∇⁻²[cos φ·∇² sin φ − sin φ·∇² cos φ], by FFT; optionally made congruent with the input.")
            .input(Port.required(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE with wrapped phase (rad)"))
            .parameter(Parameter.choice("mode", MODE_LAPLACIAN, List.of(MODE_LAPLACIAN, MODE_CONGRUENT),
                    "laplacian: the Laplacian solution as is (for field maps); congruent: input + whole multiples of 2π"))
            .parameter(Parameter.choice("boundary", BOUNDARY_MIRROR, List.of(BOUNDARY_MIRROR, BOUNDARY_PERIODIC),
                    "mirror: reflect the phase at the faces, the exact Neumann solution by DCT (no seam where an object"
                            + " touches the field of view); periodic: the FFT's own wrap-around"))
            .output(Port.output(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE, "The same acquisition and magnitude with unwrapped phase"))
            .output(Port.output("phase", PortTypes.VOLUME, "Unwrapped phase, echoes last, rad"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE);
        float[][] phase = GrePhase.phase(gre);
        GrePhase.requireFinite(phase, null, "(the Laplacian method uses the whole grid)");
        GrePhase.warnIfNotRadians(context, phase, null);
        boolean congruent = MODE_CONGRUENT.equals(context.stringParameter("mode"));
        boolean periodic = BOUNDARY_PERIODIC.equals(context.stringParameter("boundary"));
        LaplacianUnwrapping.Boundary boundary = periodic ? LaplacianUnwrapping.Boundary.PERIODIC : LaplacianUnwrapping.Boundary.REFLECTING;
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        int echoes = phase.length;
        float[][] out = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            context.progress((double) e / echoes, "unwrapping echo " + (e + 1) + " of " + echoes);
            float[] laplacian = LaplacianUnwrapping.unwrap(phase[e], grid, boundary, context.cancellation());
            out[e] = congruent ? LaplacianUnwrapping.congruent(phase[e], laplacian) : laplacian;
            context.log(String.format(Locale.ROOT, "echo %d: unwrapped phase in [%.3f, %.3f] rad", e + 1, min(out[e]), max(out[e])));
        }
        context.log("Laplacian unwrapping (" + (congruent ? "congruent" : "Laplacian solution as is") + ", "
                + (periodic ? "periodic" : "mirrored (exact Neumann by DCT)") + " boundary) of " + echoes
                + " echo(es) on " + grid);
        Volume<FloatType> phaseVolume = GrePhase.phaseVolume(gre, out);
        context.output(GrePhase.GRE, GrePhase.withPhase(gre, phaseVolume));
        context.output("phase", phaseVolume);
        context.progress(1, "done");
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
}
