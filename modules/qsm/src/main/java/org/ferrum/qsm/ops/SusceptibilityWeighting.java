package org.ferrum.qsm.ops;

import org.ferrum.core.VolumeArrays;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
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
import org.ferrum.qsm.swi.SusceptibilityWeightedImaging;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code qsm.swi}: susceptibility-weighted imaging of one echo ({@link SusceptibilityWeightedImaging}, Haacke et al.
 * MRM 2004): homodyne high-pass phase, negative phase mask, magnitude × mask<sup>power</sup>.
 */
@ServiceProvider(service = Operator.class)
public final class SusceptibilityWeighting implements Operator {

    static final String ID = "qsm.swi";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Susceptibility-weighted imaging (SWI)")
            .category(QsmCategories.SWI)
            .description("Haacke et al., MRM 52:612 (2004): the phase of one echo is high-pass filtered by dividing the complex"
                    + " signal by a Hann-windowed low-pass copy (homodyne filter), turned into a mask f = 1 + φ/π for"
                    + " venous (negative) phase, and the magnitude is multiplied by f^power.")
            .input(Port.required("gre", PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE with magnitude and phase"))
            .parameter(Parameter.integer("echo", 0, 0L, 1024L, "Echo to use, 1-based; 0 means the last (longest TE, most"
                    + " susceptibility contrast)"))
            .parameter(Parameter.integer("filter_size", 32, 1L, 4096L, "Width of the Hann low-pass window in k-space samples"
                    + " per axis (clipped to the matrix); larger removes more phase, veins included"))
            .parameter(Parameter.choice("filter_dimensions", "2d", List.of("2d", "3d"),
                    "Filter each slice (2d, as Haacke 2004) or the whole volume (3d)"))
            .parameter(Parameter.number("power", 4.0, 0.0, 16.0, null, "Exponent of the phase mask (4: best vein contrast)"))
            .parameter(Parameter.choice("phase_sign", "negative", List.of("negative", "positive"),
                    "Sign of venous phase in the data: negative for the right-handed convention, positive to flip"))
            .output(Port.output("swi", PortTypes.VOLUME, "SWI: magnitude × phase_mask^power (a.u.)"))
            .output(Port.output("phase_mask", PortTypes.VOLUME, "Phase mask f in [0, 1] (dimensionless)"))
            .output(Port.output("high_pass_phase", PortTypes.VOLUME, "Homodyne high-pass filtered phase (rad)"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input("gre", PortTypes.MULTI_ECHO_GRE);
        if (gre.phase().isEmpty()) {
            throw OperatorException.badInput("input 'gre' has no phase (magnitude-only data); SWI needs the phase");
        }
        int echoes = gre.echoCount();
        long requested = context.longParameter("echo");
        if (requested > echoes) {
            throw OperatorException.badInput("parameter 'echo' = " + requested + " but input 'gre' has " + echoes + " echoes");
        }
        int echo = requested == 0 ? echoes - 1 : (int) requested - 1;
        Volume<FloatType> magnitude = gre.magnitude();
        VoxelGrid grid = VoxelGrid.of(magnitude);
        context.progress(0, "reading echo " + (echo + 1));
        float[] m = VolumeArrays.frame(magnitude, echo);
        float[] p = VolumeArrays.frame(gre.phase().get(), echo);
        requireFinite(m, "magnitude", echo);
        requireFinite(p, "phase", echo);
        long size = context.longParameter("filter_size");
        int largest = Math.max(grid.nx(), grid.ny());
        if (size > largest) {
            context.log("filter_size " + size + " exceeds the matrix (" + grid.nx() + "×" + grid.ny() + "); clipped per axis");
        }
        SusceptibilityWeightedImaging.Settings settings = new SusceptibilityWeightedImaging.Settings((int) Math.min(size, 1 << 20),
                context.stringParameter("filter_dimensions").equals("3d"), context.doubleParameter("power"),
                context.stringParameter("phase_sign").equals("negative") ? 1 : -1);
        context.progress(0.1, "homodyne filtering and phase mask");
        SusceptibilityWeightedImaging.Result r = SusceptibilityWeightedImaging.compute(m, p, grid, settings, context.cancellation());
        int darkened = 0;
        for (float f : r.phaseMask()) {
            darkened += f < 1 ? 1 : 0;
        }
        context.log(String.format(Locale.ROOT, "echo %d of %d (TE %.2f ms), %s Hann filter of %d samples, power %.3g, %s venous"
                + " phase: %.1f %% of voxels darkened", echo + 1, echoes, 1000 * gre.acquisition().echoTimes().seconds(echo),
                settings.threeD() ? "3-D" : "2-D", settings.filterSize(), settings.power(),
                context.stringParameter("phase_sign"), 100.0 * darkened / grid.size()));
        context.output("swi", VolumeArrays.volume(r.swi(), grid, magnitude.geometry(), magnitude.unit()));
        context.output("phase_mask", VolumeArrays.volume(r.phaseMask(), grid, magnitude.geometry(), PhysicalUnit.DIMENSIONLESS));
        context.output("high_pass_phase", VolumeArrays.volume(r.highPassPhase(), grid, magnitude.geometry(), PhysicalUnit.RADIAN));
        context.progress(1, "SWI done");
    }

    private static void requireFinite(float[] values, String what, int echo) throws OperatorException {
        int bad = 0;
        for (float v : values) {
            bad += Float.isFinite(v) ? 0 : 1;
        }
        if (bad > 0) {
            throw OperatorException.badInput("input 'gre': the " + what + " of echo " + (echo + 1) + " holds " + bad
                    + " NaN or infinite voxels");
        }
    }
}
