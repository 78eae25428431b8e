package org.ferrum.qsm.ops;

import org.ferrum.core.VolumeArrays;

import java.util.Locale;
import java.util.Optional;
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
import org.ferrum.qsm.unwrap.RomeoUnwrapping;
import org.openide.util.lookup.ServiceProvider;

/**
 * ROMEO-style multi-echo phase unwrapping ({@link RomeoUnwrapping}): the template echo by quality-guided region
 * growing, the others temporally, after removing the phase offset estimated MCPC-3D-S-like from echoes 1 and 2.
 *
 * <p>Outside the mask the phase is returned as given (wrapped). Without a mask every voxel with finite phase is
 * unwrapped; voxels with NaN/infinite phase are then left out (as if outside a mask) and counted in the log.
 * With a mask, NaN/infinite phase inside it is bad input. The output phase has the offset added back, so it
 * differs from the input by whole multiples of 2π; the offset itself is the {@code offset} output.
 */
@ServiceProvider(service = Operator.class)
public final class RomeoUnwrap implements Operator {

    static final String ID = "qsm.unwrap.romeo";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("ROMEO phase unwrapping")
            .category(QsmCategories.UNWRAPPING)
            .description("Quality-guided region-growing unwrapping in the spirit of ROMEO (Dymerska et al., MRM 2021):"
                    + " the template echo spatially, the others temporally; phase offset removed as in MCPC-3D-S"
                    + " (Eckstein et al., MRM 2018). Results differ from the input by whole multiples of 2π.")
            .input(Port.required(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE with wrapped phase (rad) and magnitude"))
            .input(Port.optional(GrePhase.MASK, PortTypes.MASK, "Voxels to unwrap (others are left wrapped); default all finite voxels"))
            .parameter(Parameter.integer("template_echo", 1, 1L, 64L, "Echo (1-based) unwrapped spatially; the others follow it in time"))
            .parameter(Parameter.flag("offset_correction", true,
                    "Estimate the phase offset at TE = 0 from echoes 1 and 2 and remove it before temporal unwrapping"))
            .parameter(Parameter.number("offset_smoothing", 5.0, 0.0, 100.0, PhysicalUnit.MILLIMETRE,
                    "Standard deviation of the smoothing of the phase offset (0: none)"))
            .output(Port.output(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE, "The same acquisition and magnitude with unwrapped phase"))
            .output(Port.output("phase", PortTypes.VOLUME, "Unwrapped phase, echoes last, rad (wrapped outside the mask)"))
            .output(Port.output("quality", PortTypes.VOLUME, "Voxel quality of the template echo, 0 (bad) to 1 (good), dimensionless"))
            .output(Port.output("offset", PortTypes.VOLUME, "Estimated phase offset at TE = 0, rad (0 if not corrected)"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GrePhase.GRE, PortTypes.MULTI_ECHO_GRE);
        float[][] phase = GrePhase.phase(gre);
        Optional<boolean[]> given = GrePhase.mask(context, gre);
        boolean[] mask;
        if (given.isPresent()) {
            mask = given.get();
            GrePhase.requireFinite(phase, mask, "inside the mask");
        } else {
            mask = finiteEverywhere(phase);
            long left = mask.length - count(mask);
            if (left > 0) {
                context.log("no mask: " + left + " voxel(s) with NaN or infinite phase in some echo are left out (as if outside a mask)");
            }
            if (left == mask.length) {
                throw OperatorException.badInput("input '" + GrePhase.GRE + "' has no voxel with finite phase in every echo");
            }
        }
        GrePhase.warnIfNotRadians(context, phase, mask);
        int echoes = phase.length;
        long template = context.longParameter("template_echo");
        if (template > echoes) {
            throw OperatorException.badInput("parameter 'template_echo' = " + template + " but input '" + GrePhase.GRE + "' has "
                    + echoes + " echo(es)");
        }
        boolean offsetCorrection = context.booleanParameter("offset_correction");
        if (offsetCorrection && echoes < 2) {
            context.log("one echo: no phase offset can be estimated, offset correction skipped");
            offsetCorrection = false;
        }
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        double[] te = gre.acquisition().echoTimes().toSeconds();
        context.progress(0.05, "unwrapping " + echoes + " echo(es)");
        long start = System.nanoTime();
        RomeoUnwrapping.Result r = RomeoUnwrapping.unwrap(phase, GrePhase.magnitude(gre), te, mask, grid,
                new RomeoUnwrapping.Options((int) template - 1, offsetCorrection, context.doubleParameter("offset_smoothing")),
                context.cancellation());
        context.progress(0.95, "writing results");
        context.log(String.format(Locale.ROOT, "ROMEO-style unwrapping of %d echo(es), %s, template echo %d, offset correction %s:"
                + " %d voxels in %d region(s), %.2f s", echoes, gre.acquisition().echoTimes(), template,
                offsetCorrection ? "on" : "off", count(mask), r.regions(), (System.nanoTime() - start) * 1e-9));
        if (r.regions() > 1) {
            context.log("warning: the mask has " + r.regions() + " unconnected parts; each is unwrapped on its own and may"
                    + " differ from the others by whole turns");
        }
        Volume<FloatType> phaseVolume = GrePhase.phaseVolume(gre, r.unwrapped());
        var geometry = gre.magnitude().geometry();
        context.output(GrePhase.GRE, GrePhase.withPhase(gre, phaseVolume));
        context.output("phase", phaseVolume);
        context.output("quality", VolumeArrays.volume(r.quality(), grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.output("offset", VolumeArrays.volume(r.offset(), grid, geometry, PhysicalUnit.RADIAN));
        context.progress(1, "done");
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

    private static long count(boolean[] mask) {
        long c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
