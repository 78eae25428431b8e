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
package org.ferrum.liver.ops;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
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
import org.ferrum.pipeline.api.Quantities;
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
            .filter(c -> c.fieldMatches(1.5))
            .map(LicCalibration::id)
            .toList();

    private static final AbdomenPhantom.Params DEFAULTS = AbdomenPhantom.Params.DEFAULTS;

    public static final Parameter<Double> FIELD_STRENGTH =
            Parameter.number("field_strength", DEFAULTS.fieldStrength(), 0.5, 7.0, PhysicalUnit.TESLA, "Main field B0");
    public static final Parameter<Long> ECHOES =
            Parameter.integer("echoes", DEFAULTS.echoes(), 3L, 32L, "Number of echoes");
    public static final Parameter<Double> TE1 =
            Parameter.number("te1", DEFAULTS.te1Ms(), 0.3, 20.0, PhysicalUnit.MILLISECOND, "First echo time");
    public static final Parameter<Double> DELTA_TE =
            Parameter.number("delta_te", DEFAULTS.deltaTeMs(), 0.3, 20.0, PhysicalUnit.MILLISECOND, "Echo spacing");
    public static final Parameter<Double> LIC_RIGHT = Parameter.number(
            "lic_right", DEFAULTS.licRight(), 0.0, 40.0, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, "LIC of the right lobe");
    public static final Parameter<Double> LIC_LEFT = Parameter.number(
            "lic_left", DEFAULTS.licLeft(), 0.0, 40.0, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT, "LIC of the left lobe");
    public static final Parameter<Double> LIVER_PDFF = Parameter.number(
            "liver_pdff",
            DEFAULTS.liverPdffPercent(),
            0.0,
            100.0,
            PhysicalUnit.PERCENT,
            "Liver proton-density fat fraction");
    public static final Parameter<String> FAT_SPECTRUM = Parameter.choice(
            "fat_spectrum",
            DEFAULTS.fatSpectrum(),
            List.copyOf(FatSpectrum.published().keySet()),
            "Fat spectrum of the signal");
    public static final Parameter<String> CALIBRATION = Parameter.choice(
            "calibration",
            CALIBRATIONS_AT_15T.get(0),
            CALIBRATIONS_AT_15T,
            "1.5 T R2*–LIC calibration whose inverse makes the liver's R2* (then scaled ∝ B0)");
    public static final Parameter<Double> CHI_PER_IRON = Parameter.number(
            "chi_per_iron",
            DEFAULTS.chiPerIron(),
            1e-3,
            100.0,
            null,
            "Susceptibility of tissue iron, ppm per mg Fe/g wet tissue");
    public static final Parameter<Double> WET_TO_DRY =
            Parameter.number("wet_to_dry", DEFAULTS.wetToDry(), 1.01, 20.0, null, "Liver wet-to-dry weight ratio");
    public static final Parameter<Double> FAT_CHI = Parameter.number(
            "fat_chi", DEFAULTS.fatChiPpm(), -2.0, 2.0, PhysicalUnit.PPM, "χ of fat relative to water");
    public static final Parameter<Double> SNR =
            Parameter.number("snr", DEFAULTS.snr(), 0.0, null, null, "SNR of liver (ρ = 1) at TE = 0; 0 = no noise");
    public static final Parameter<Long> SEED =
            Parameter.integer("seed", DEFAULTS.seed(), null, null, "Seed of the noise");

    public static final Port<MultiEchoGre> GRE = Port.output(
            "gre", PortTypes.MULTI_ECHO_GRE, "Magnitude (a.u.) and phase (rad) per echo, with the acquisition");
    public static final Port<Volume<FloatType>> LABELS = Port.output(
                    "labels", PortTypes.LABEL_MAP, "Tissue labels (legend in the log)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> CHI = Port.output(
                    "chi", PortTypes.VOLUME, "True χ relative to water, ppm")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> PDFF =
            Port.output("pdff", PortTypes.VOLUME, "True PDFF, %").of(Quantities.PDFF, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> R2STAR =
            Port.output("r2star", PortTypes.VOLUME, "True R2*, 1/s").of(Quantities.R2STAR, PhysicalUnit.PER_SECOND);
    public static final Port<Volume<FloatType>> FIELDMAP =
            Port.output("fieldmap", PortTypes.VOLUME, "True field map, Hz").of(Quantities.FIELD, PhysicalUnit.HERTZ);
    public static final Port<Volume<FloatType>> LIC = Port.output(
                    "lic", PortTypes.VOLUME, "True LIC, mg Fe/g dry weight (NaN outside the liver)")
            .of(Quantities.LIVER_IRON, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Simulated abdomen (liver iron and fat)")
            .category(LiverCategory.NAME + "/Phantoms")
            .description(
                    "Chemical-shift encoded multi-echo GRE of a simulated upper abdomen with known truth: liver lobes with"
                            + " iron and fat, spleen, subcutaneous fat, vertebral marrow, bowel gas and lung bases; the multi-peak fat signal,"
                            + " R2* from LIC through a 1.5 T calibration (scaled ∝ B0), and the dipole field of every tissue and of the air.")
            .parameters(List.of(
                    FIELD_STRENGTH,
                    ECHOES,
                    TE1,
                    DELTA_TE,
                    LIC_RIGHT,
                    LIC_LEFT,
                    LIVER_PDFF,
                    FAT_SPECTRUM,
                    CALIBRATION,
                    CHI_PER_IRON,
                    WET_TO_DRY,
                    FAT_CHI,
                    SNR,
                    SEED))
            .output(GRE)
            .output(LABELS)
            .output(CHI)
            .output(PDFF)
            .output(R2STAR)
            .output(FIELDMAP)
            .output(LIC)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The node's settings as the phantom's record. */
    static AbdomenPhantom.Params params(OperatorContext context) {
        return new AbdomenPhantom.Params(
                context.get(FIELD_STRENGTH),
                Math.toIntExact(context.get(ECHOES)),
                context.get(TE1),
                context.get(DELTA_TE),
                context.get(LIC_RIGHT),
                context.get(LIC_LEFT),
                context.get(LIVER_PDFF),
                context.get(FAT_SPECTRUM),
                context.get(CHI_PER_IRON),
                context.get(WET_TO_DRY),
                context.get(FAT_CHI),
                context.get(SNR),
                context.get(SEED));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        AbdomenPhantom.Params p = params(context);
        IronModel model;
        try {
            model = IronModel.of(
                    LicCalibration.byId(context.get(CALIBRATION)),
                    new LiverIronFromSusceptibility(p.chiPerIron(), p.wetToDry(), 0),
                    p.fatChiPpm());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(e.getMessage(), e);
        }
        context.progress(0.05, "simulating the abdomen");
        long start = System.nanoTime();
        AbdomenPhantom phantom =
                AbdomenPhantom.builder().params(p).ironModel(model).build();
        context.log(String.format(
                Locale.ROOT,
                "abdomen %s generated in %.2f s; %s; noise σ %.4g a.u.",
                phantom.grid(),
                (System.nanoTime() - start) / 1e9,
                model.description(),
                phantom.noiseSigma()));
        context.log("labels: " + AbdomenTissue.labelNames());
        context.output(GRE, phantom.gre());
        context.output(LABELS, phantom.labels());
        context.output(CHI, phantom.chi());
        context.output(PDFF, phantom.pdff());
        context.output(R2STAR, phantom.r2star());
        context.output(FIELDMAP, phantom.fieldHz());
        context.output(LIC, phantom.lic());
        context.progress(1, "abdomen simulated");
    }
}
