package org.ferrum.qsm.ops;

import java.util.Locale;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.qsm.inversion.IterativeLsqr;
import org.openide.util.lookup.ServiceProvider;

/** Pipeline operator {@code qsm.dipole.ilsqr}: {@link IterativeLsqr} on a local field. */
@ServiceProvider(service = Operator.class)
public final class IterativeLsqrOperator implements Operator {

    static final String ID = "qsm.dipole.ilsqr";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Dipole inversion: iLSQR")
            .category(QsmCategories.DIPOLE_INVERSION)
            .description("Susceptibility from the local field by iLSQR (Li et al., NeuroImage 2015): a Laplacian-weighted"
                    + " LSQR solution, a fast QSM estimate of the edges, the streaking artefacts estimated by LSQR on the"
                    + " ill-conditioned cone of k-space (|D| < threshold) with edge-weighted gradients, and subtracted.")
            .input(DipoleInversionInputs.fieldPort())
            .input(DipoleInversionInputs.maskPort())
            .input(FieldInputs.grePort())
            .input(DipoleInversionInputs.referencePort())
            .input(DipoleInversionInputs.magnitudePort("Magnitude image weighting the data term; default the 'gre' input's"
                    + " magnitude, or none (weight 1)"))
            .input(FieldNoiseWeights.port("the magnitude's"))
            .parameter(Parameter.number("tolerance", IterativeLsqr.DEFAULT_TOLERANCE, 1e-6, 0.5, null,
                    "Relative residual at which the initial LSQR solution stops (smaller: sharper, more streaking)"))
            .parameter(Parameter.number("artefact_tolerance", IterativeLsqr.DEFAULT_ARTEFACT_TOLERANCE, 1e-6, 0.5, null,
                    "Relative tolerance at which the LSQR estimate of the streaking artefacts stops"))
            .parameter(Parameter.integer("max_iterations", IterativeLsqr.DEFAULT_MAX_ITERATIONS, 1L, 10000L,
                    "LSQR iteration limit of each of the two solves"))
            .parameter(Parameter.number("threshold", IterativeLsqr.DEFAULT_THRESHOLD, 0.01, 2.0 / 3.0, null,
                    "|D(k)| below which k-space is ill-conditioned: where the streaking artefacts are estimated"))
            .parameter(DipoleInversionInputs.magnitudeEchoesParameter())
            .parameter(DipoleInversionInputs.padParameter())
            .output(DipoleInversionInputs.chiPort())
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DipoleInversionInputs.Prepared in = DipoleInversionInputs.read(context);
        float[] noise = in.noiseWeight(context, DipoleInversionInputs.FIELD);
        boolean weighted = context.optionalInput(DipoleInversionInputs.MAGNITUDE, PortTypes.VOLUME).isPresent()
                || context.optionalInput(FieldInputs.GRE_PORT, PortTypes.MULTI_ECHO_GRE).isPresent();
        float[] magnitude;
        if (noise != null) {
            // iLSQR's weight w_m enters the squared residual weight W² = w_L·w_m linearly (it is the magnitude there),
            // so the noise weight W = 1/σ goes in as w_m = W² (mean 1 in the mask, as the normalised magnitude)
            magnitude = noise;
            for (int n = 0; n < magnitude.length; n++) {
                magnitude[n] *= magnitude[n];
            }
        } else {
            magnitude = weighted ? in.pad(DipoleInversionInputs.magnitude(context, in.fieldVolume, "iLSQR")) : null;
        }
        double tolerance = context.doubleParameter("tolerance");
        double artefactTolerance = context.doubleParameter("artefact_tolerance");
        int maxIterations = Math.toIntExact(context.longParameter("max_iterations"));
        double threshold = context.doubleParameter("threshold");
        context.log(String.format(Locale.ROOT, "iLSQR with tolerances %g (LSQR) and %g (artefacts), at most %d iterations each,"
                + " ill-conditioned |D| < %g, data weight %s", tolerance, artefactTolerance, maxIterations, threshold,
                noise != null ? "1/field_sd² times the field's Laplacian weight"
                        : weighted ? "from the magnitude" : "from the field's Laplacian only"));
        context.progress(0.1, "iLSQR");
        IterativeLsqr ilsqr = new IterativeLsqr(tolerance, artefactTolerance, maxIterations, threshold);
        in.finish(context, "iLSQR", ilsqr.invert(in.field, in.mask, magnitude, in.grid, in.b0, context.cancellation(),
                in.progress(context, "iLSQR")));
    }
}
