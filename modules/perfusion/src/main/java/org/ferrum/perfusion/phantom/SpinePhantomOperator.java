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
package org.ferrum.perfusion.phantom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.ops.PerfusionPorts;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.openide.util.lookup.ServiceProvider;

/**
 * Pipeline operator {@code perfusion.phantom.spine}: the {@link SpinePhantom} (vertebral metastasis at 1.5 T), so that
 * the spine pipeline can be tried against known truth at other noise levels and seeds, and the case written as files
 * ({@link SpineCaseFiles}) that {@code testdata/pipelines/spine-qmri.json} reads with {@code --input}.
 */
@ServiceProvider(service = Operator.class)
public final class SpinePhantomOperator implements Operator {

    static final String ID = "perfusion.phantom.spine";

    private static final SpinePhantom.Params DEFAULTS = SpinePhantom.Params.DEFAULTS;

    public static final Parameter<Double> RELAXIVITY = Parameter.number(
            "relaxivity",
            DEFAULTS.relaxivity(),
            0.1,
            100.0,
            PhysicalUnit.PER_SECOND_PER_MILLIMOLAR,
            "r1 of the agent (default: gadoteridol in plasma at 1.5 T, Szomolanyi 2019)");
    public static final Parameter<Double> HAEMATOCRIT =
            Parameter.number("haematocrit", DEFAULTS.haematocrit(), 0.0, 0.95, null, "Large-vessel haematocrit");
    public static final Parameter<Double> SNR_VFA = Parameter.number(
            "snr_vfa", DEFAULTS.snrVfa(), 0.0, null, null, "SNR of normal marrow's largest VFA signal; 0 = no noise");
    public static final Parameter<Double> SNR_DCE = Parameter.number(
            "snr_dce", DEFAULTS.snrDce(), 0.0, null, null, "SNR of normal marrow's DCE baseline; 0 = no noise");
    public static final Parameter<Double> SNR_DWI = Parameter.number(
            "snr_dwi", DEFAULTS.snrDwi(), 0.0, null, null, "SNR of normal marrow at b = 0; 0 = no noise");
    public static final Parameter<Double> SNR_GRE =
            Parameter.number("snr_gre", DEFAULTS.snrGre(), 0.0, null, null, "SNR of M0 = 1000 at TE = 0; 0 = no noise");
    public static final Parameter<Long> SEED = Parameter.integer("seed", DEFAULTS.seed(), null, null, "Noise seed");
    public static final Parameter<String> FOLDER = Parameter.path(
            "folder",
            "",
            "If set, the case is also written there as files (anat/, fmap/, perf/, dwi/, gre/, labels, truth/), the"
                    + " layout testdata/pipelines/spine-qmri.json reads");

    public static final Port<Volume<FloatType>> LABELS = Port.output(
                    "labels", PortTypes.LABEL_MAP, "Tissue labels: " + SpineTissue.labelNames())
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> VFA = Port.output(
                    "vfa", PortTypes.VOLUME, "VFA magnitude, one frame per flip angle 2, 5, 10, 15° (TR 4 ms), a.u.")
            .of(Quantities.SIGNAL, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> B1 = Port.output(
                    "b1", PortTypes.VOLUME, "Relative flip angle, actual/nominal (ratio)")
            .of(Quantities.RELATIVE_FLIP_ANGLE, PhysicalUnit.DIMENSIONLESS);
    public static final Port<DynamicSeries> DCE =
            Port.output("dce", PerfusionPorts.DYNAMIC_SERIES, "DCE signal: 64 frames of 4 s, TR 4 ms, flip 15°, 1.5 T");
    public static final Port<Volume<FloatType>> DWI = Port.output(
                    "dwi",
                    PortTypes.VOLUME,
                    "Trace-weighted DWI, one frame per b = 0, 10, 20, 30, 50, 80, 100, 150, 200, 300, 400, 500, 600,"
                            + " 800, 1000 s/mm², a.u.")
            .of(Quantities.SIGNAL, PhysicalUnit.ARBITRARY);
    public static final Port<MultiEchoGre> GRE = Port.output(
            "gre", PortTypes.MULTI_ECHO_GRE, "6-echo complex GRE (TE 1.2 + 1.6 n ms), magnitude a.u. and phase rad");
    public static final Port<Volume<FloatType>> T1_WATER =
            Port.output("t1_water", PortTypes.VOLUME, "True water T1, s").of(Quantities.T1, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> T1_APPARENT = Port.output(
                    "t1_apparent", PortTypes.VOLUME, "True one-compartment (fat-unaware) VFA T1, s")
            .of(Quantities.T1, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> KTRANS = Port.output(
                    "ktrans", PortTypes.VOLUME, "True Ktrans of the water compartment, 1/min")
            .of(Quantities.KTRANS, PhysicalUnit.PER_MINUTE);
    public static final Port<Volume<FloatType>> VE =
            Port.output("ve", PortTypes.VOLUME, "True ve").of(Quantities.VE, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> VP =
            Port.output("vp", PortTypes.VOLUME, "True vp").of(Quantities.VP, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> ADC = Port.output(
                    "adc", PortTypes.VOLUME, "True ADC (mono-exponential fit of the IVIM signal, all b), mm²/s")
            .of(Quantities.ADC, PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND);
    public static final Port<Volume<FloatType>> PDFF =
            Port.output("pdff", PortTypes.VOLUME, "True PDFF, %").of(Quantities.PDFF, PhysicalUnit.PERCENT);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Simulated spine (vertebral metastasis)")
            .category("Perfusion/Phantoms")
            .description("A 1.5 T lumbar slab with a vertebral metastasis, fatty marrow, cord in CSF, aorta and muscle:"
                    + " VFA with a B1 map, DCE (Parker AIF, extended Tofts in the water compartment of water–fat"
                    + " marrow), IVIM DWI and 6-echo GRE with a 6-peak fat spectrum, partial volume and Rician noise,"
                    + " with the true maps; optionally written as files.")
            .parameters(List.of(RELAXIVITY, HAEMATOCRIT, SNR_VFA, SNR_DCE, SNR_DWI, SNR_GRE, SEED, FOLDER))
            .output(LABELS)
            .output(VFA)
            .output(B1)
            .output(DCE)
            .output(DWI)
            .output(GRE)
            .output(T1_WATER)
            .output(T1_APPARENT)
            .output(KTRANS)
            .output(VE)
            .output(VP)
            .output(ADC)
            .output(PDFF)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The node's settings as the phantom's record. */
    static SpinePhantom.Params params(OperatorContext context) {
        return new SpinePhantom.Params(
                context.get(RELAXIVITY),
                context.get(HAEMATOCRIT),
                context.get(SNR_VFA),
                context.get(SNR_DCE),
                context.get(SNR_DWI),
                context.get(SNR_GRE),
                context.get(SEED));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        SpinePhantom.Params p = params(context);
        context.progress(0.05, "simulating the spine");
        SpinePhantom phantom = SpinePhantom.of(p);
        context.checkCancelled();
        context.output(LABELS, phantom.labels());
        context.output(B1, phantom.b1());
        context.output(VFA, phantom.vfa());
        context.progress(0.2, "DCE");
        context.checkCancelled();
        context.output(
                DCE,
                new DynamicSeries(
                        phantom.dce(),
                        phantom.frameTimesStart(),
                        SpinePhantom.TR,
                        SpinePhantom.DCE_FLIP_DEG,
                        SpinePhantom.FIELD_STRENGTH));
        context.progress(0.6, "DWI and GRE");
        context.checkCancelled();
        context.output(DWI, phantom.dwi());
        context.output(GRE, phantom.gre());
        context.output(T1_WATER, phantom.t1Water());
        context.output(T1_APPARENT, phantom.t1Apparent());
        context.output(KTRANS, phantom.ktrans());
        context.output(VE, phantom.ve());
        context.output(VP, phantom.vp());
        context.output(ADC, phantom.adc());
        context.output(PDFF, phantom.pdff());
        context.log(String.format(
                Locale.ROOT,
                "truth: tumour Ktrans %.3f /min, ve %.2f, vp %.3f, water T1 %.2f s, PDFF %.0f %%; r1 %.2f /s/mM, Hct %.2f",
                SpineTissue.TUMOUR.ktrans(),
                SpineTissue.TUMOUR.ve(),
                SpineTissue.TUMOUR.vp(),
                SpineTissue.TUMOUR.t1Water(),
                100 * SpineTissue.TUMOUR.pdff(),
                p.relaxivity(),
                p.haematocrit()));
        String folder = context.get(FOLDER);
        if (!folder.isBlank()) {
            Path target = context.path(FOLDER);
            context.progress(0.8, "writing " + target);
            try {
                SpineCaseFiles.write(phantom, target);
            } catch (IOException e) {
                throw new OperatorException(
                        "cannot write the case to '" + FOLDER.name() + "' " + target + ": " + e.getMessage(), false, e);
            }
        }
        context.progress(1, "done");
    }
}
