package org.ferrum.liver.ops;

import java.util.List;
import java.util.Locale;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.liver.calibration.LicCalibration;
import org.ferrum.liver.calibration.LiverIronFromSusceptibility;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.liver.phantom.AbdomenTissue;
import org.ferrum.liver.phantom.IronModel;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.relaxometry.FatSpectrum;
import org.openide.util.lookup.ServiceProvider;

/**
 * Pipeline operator {@code liver.phantom.abdomen}: the {@link AbdomenPhantom}, so that a liver pipeline can be tried and
 * its accuracy measured against known truth, at any field strength, protocol, iron and fat. Every constant of the truth
 * is a parameter (the same ones the LIC operators take), written to the log.
 */
@ServiceProvider(service = Operator.class)
public final class AbdomenPhantomOperator implements Operator {

    static final String ID = "liver.phantom.abdomen";

    private static final List<String> CALIBRATIONS_AT_15T = LicCalibration.published().values().stream()
            .filter(c -> c.fieldMatches(1.5)).map(LicCalibration::id).toList();

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Simulated abdomen (liver iron and fat)")
            .category(LiverCategory.NAME + "/Phantoms")
            .description("Chemical-shift encoded multi-echo GRE of a simulated upper abdomen with known truth: liver lobes with"
                    + " iron and fat, spleen, subcutaneous fat, vertebral marrow, bowel gas and lung bases; the multi-peak fat signal,"
                    + " R2* from LIC through a 1.5 T calibration (scaled ∝ B0), and the dipole field of every tissue and of the air.")
            .parameter(Parameter.number("field_strength", 1.5, 0.5, 7.0, PhysicalUnit.TESLA, "Main field B0"))
            .parameter(Parameter.integer("echoes", 6, 3L, 32L, "Number of echoes"))
            .parameter(Parameter.number("te1", 1.2, 0.3, 20.0, PhysicalUnit.MILLISECOND, "First echo time"))
            .parameter(Parameter.number("delta_te", 1.6, 0.3, 20.0, PhysicalUnit.MILLISECOND, "Echo spacing"))
            .parameter(Parameter.number("lic_right", 8.0, 0.0, 40.0, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, "LIC of the right lobe"))
            .parameter(Parameter.number("lic_left", 3.0, 0.0, 40.0, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, "LIC of the left lobe"))
            .parameter(Parameter.number("liver_pdff", 12.0, 0.0, 100.0, PhysicalUnit.PERCENT, "Liver proton-density fat fraction"))
            .parameter(Parameter.choice("fat_spectrum", "liver-6peak", List.copyOf(FatSpectrum.published().keySet()),
                    "Fat spectrum of the signal"))
            .parameter(Parameter.choice("calibration", CALIBRATIONS_AT_15T.get(0), CALIBRATIONS_AT_15T,
                    "1.5 T R2*–LIC calibration whose inverse makes the liver's R2* (then scaled ∝ B0)"))
            .parameter(Parameter.number("chi_per_iron", 0.97, 1e-3, 100.0, null,
                    "Susceptibility of tissue iron, ppm per mg Fe/g wet tissue"))
            .parameter(Parameter.number("wet_to_dry", 3.33, 1.01, 20.0, null, "Liver wet-to-dry weight ratio"))
            .parameter(Parameter.number("fat_chi", 0.6, -2.0, 2.0, PhysicalUnit.PPM, "χ of fat relative to water"))
            .parameter(Parameter.number("snr", 50.0, 0.0, null, null, "SNR of liver (ρ = 1) at TE = 0; 0 = no noise"))
            .parameter(Parameter.integer("seed", 1, null, null, "Seed of the noise"))
            .output(Port.output("gre", PortTypes.MULTI_ECHO_GRE, "Magnitude (a.u.) and phase (rad) per echo, with the acquisition"))
            .output(Port.output("labels", PortTypes.LABEL_MAP, "Tissue labels (legend in the log)"))
            .output(Port.output("chi", PortTypes.VOLUME, "True χ relative to water, ppm"))
            .output(Port.output("pdff", PortTypes.VOLUME, "True PDFF, %"))
            .output(Port.output("r2star", PortTypes.VOLUME, "True R2*, 1/s"))
            .output(Port.output("fieldmap", PortTypes.VOLUME, "True field map, Hz"))
            .output(Port.output("lic", PortTypes.VOLUME, "True LIC, mg Fe/g dry weight (NaN outside the liver)"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        int echoes = Math.toIntExact(context.longParameter("echoes"));
        double[] te = new double[echoes];
        for (int e = 0; e < echoes; e++) {
            te[e] = context.doubleParameter("te1") + e * context.doubleParameter("delta_te");
        }
        IronModel model;
        try {
            model = IronModel.of(LicCalibration.byId(context.stringParameter("calibration")),
                    new LiverIronFromSusceptibility(context.doubleParameter("chi_per_iron"), context.doubleParameter("wet_to_dry"), 0),
                    context.doubleParameter("fat_chi"));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(e.getMessage(), e);
        }
        context.progress(0.05, "simulating the abdomen");
        long start = System.nanoTime();
        AbdomenPhantom p = AbdomenPhantom.builder().fieldStrength(context.doubleParameter("field_strength"))
                .echoTimes(EchoTimes.ofMilliseconds(te)).fatSpectrum(FatSpectrum.byId(context.stringParameter("fat_spectrum")))
                .ironModel(model).liverIron(context.doubleParameter("lic_right"), context.doubleParameter("lic_left"))
                .liverPdff(context.doubleParameter("liver_pdff") / 100).snr(context.doubleParameter("snr"))
                .seed(context.longParameter("seed")).build();
        context.log(String.format(Locale.ROOT, "abdomen %s generated in %.2f s; %s; noise σ %.4g a.u.", p.grid(),
                (System.nanoTime() - start) / 1e9, model.description(), p.noiseSigma()));
        context.log("labels: " + AbdomenTissue.labelNames());
        context.output("gre", p.gre());
        context.output("labels", p.labels());
        context.output("chi", p.chi());
        context.output("pdff", p.pdff());
        context.output("r2star", p.r2star());
        context.output("fieldmap", p.fieldHz());
        context.output("lic", p.lic());
        context.progress(1, "abdomen simulated");
    }
}
