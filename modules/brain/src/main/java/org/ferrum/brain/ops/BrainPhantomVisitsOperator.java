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
package org.ferrum.brain.ops;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.brain.phantom.BrainIronPhantom;
import org.ferrum.brain.phantom.BrainIronVisit;
import org.ferrum.brain.phantom.BrainNucleus;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.labels.Hemisphere;
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
 * One visit of the simulated brain-iron study ({@link BrainIronPhantom}): multi-echo GRE, a T1-weighted image with its
 * aseg-like labels on another grid, and the truth on the GRE grid.
 *
 * <p>Contract: no inputs. Visit v is (v − 1) × {@code interval} years after baseline; its nuclei's χ and R2* follow
 * the known change of {@link BrainNucleus}; its head is moved rigidly by {@link BrainIronPhantom#motionOf}(seed, v)
 * (identity at v = 1); its noise is seeded by (seed, v). Outputs: {@code gre} (GRE grid of {@code size} ×
 * {@code voxel} mm, centred on the scanner origin, B0 along S at {@code field_strength}); {@code t1w} (MPRAGE-like,
 * {@code t1w_voxel} mm over 168 × 204 × 150 mm, centred elsewhere); {@code labels} (aseg-like, T1w grid, legend set);
 * {@code labels_gre}, {@code chi} (ppm relative to CSF), {@code r2star} (1/s), {@code mask} (brain): the truth on
 * the GRE grid. The same parameters give the same data. The truth table and the motion are written to the log.
 */
@ServiceProvider(service = Operator.class)
public final class BrainPhantomVisitsOperator implements Operator {

    static final String ID = "brain.phantom.visits";
    static final String CATEGORY = "Brain iron/Phantoms";

    public static final Parameter<Long> VISIT = Parameter.integer(
            "visit", 1, 1L, 1000L, "Visit number: 1 is the baseline, visit v is (v − 1) × interval years later");
    public static final Parameter<Double> INTERVAL = Parameter.number(
            "interval", BrainIronPhantom.DEFAULT_INTERVAL_YEARS, 0.0, 50.0, null, "Years between consecutive visits");
    public static final Parameter<Long> SEED =
            Parameter.integer("seed", 1, null, null, "Subject seed: its head motions and noise");
    public static final Parameter<String> SIZE =
            Parameter.text("size", "96x96x64", "GRE grid in voxels, NXxNYxNZ (e.g. 96x96x64)");
    public static final Parameter<Double> VOXEL =
            Parameter.number("voxel", 2.0, 0.5, 8.0, PhysicalUnit.MILLIMETRE, "GRE voxel size (isotropic)");
    public static final Parameter<Double> T1W_VOXEL =
            Parameter.number("t1w_voxel", 1.5, 0.5, 8.0, PhysicalUnit.MILLIMETRE, "T1w voxel size (isotropic)");
    public static final Parameter<Double> FIELD_STRENGTH =
            Parameter.number("field_strength", 3.0, 0.1, 14.0, PhysicalUnit.TESLA, "Main field B0");
    public static final Parameter<String> ECHO_TIMES =
            Parameter.text("echo_times", "4,12,20,28", "GRE echo times in ms, increasing, comma-separated");
    public static final Parameter<Double> SNR = Parameter.number(
            "snr", 100.0, 0.0, null, null, "GRE: mean first-echo brain magnitude over the noise σ; 0 for no noise");

    public static final Port<MultiEchoGre> GRE =
            Port.output("gre", PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE: magnitude (a.u.), wrapped phase (rad)");
    public static final Port<Volume<FloatType>> T1W = Port.output(
                    "t1w", PortTypes.VOLUME, "T1-weighted image (MPRAGE-like, white matter ≈ 1) on its own grid")
            .of(Quantities.SIGNAL, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> LABELS = Port.output(
                    "labels",
                    PortTypes.LABEL_MAP,
                    "Aseg-like labels on the T1w grid (FreeSurfer numbering, legend set)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> LABELS_GRE = Port.output(
                    "labels_gre", PortTypes.LABEL_MAP, "Truth: the same labels sampled on the GRE grid")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> CHI = Port.output(
                    "chi", PortTypes.VOLUME, "Truth susceptibility on the GRE grid, ppm relative to CSF")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> R2STAR = Port.output(
                    "r2star", PortTypes.VOLUME, "Truth R2* on the GRE grid at this B0, 1/s")
            .of(Quantities.R2STAR, PhysicalUnit.PER_SECOND);
    public static final Port<Volume<FloatType>> MASK = Port.output(
                    "mask", PortTypes.MASK, "Truth brain mask on the GRE grid")
            .of(Quantities.MASK, PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Brain-iron phantom (visits)")
            .category(CATEGORY)
            .description("One visit of a simulated brain-iron study: the whole head phantom with each deep grey"
                    + " nucleus' χ growing at a known rate (putamen +0.010, pallidum +0.015/+0.012 ppm/y, …), the head"
                    + " moved rigidly between visits, multi-echo GRE from the sub-voxel complex signal model, and an"
                    + " MPRAGE-like T1w with aseg-like labels on another grid; truth χ, R2*, mask and labels on the GRE"
                    + " grid.")
            .parameters(List.of(VISIT, INTERVAL, SEED, SIZE, VOXEL, T1W_VOXEL, FIELD_STRENGTH, ECHO_TIMES, SNR))
            .output(GRE)
            .output(T1W)
            .output(LABELS)
            .output(LABELS_GRE)
            .output(CHI)
            .output(R2STAR)
            .output(MASK)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        int[] size = parseSize(context.get(SIZE));
        double voxel = context.get(VOXEL);
        int visit = (int) (long) context.get(VISIT);
        BrainIronPhantom phantom = new BrainIronPhantom()
                .visit(visit)
                .intervalYears(context.get(INTERVAL))
                .seed(context.get(SEED))
                .t1wVoxel(context.get(T1W_VOXEL))
                .fieldStrength(context.get(FIELD_STRENGTH))
                .snr(context.get(SNR))
                .greVoxel(voxel);
        try {
            phantom.greSize(size[0], size[1], size[2]);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter '" + SIZE.name() + "': " + e.getMessage(), e);
        }
        try {
            phantom.echoTimesMs(parseEchoTimes(context.get(ECHO_TIMES)));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter '" + ECHO_TIMES.name() + "': " + e.getMessage(), e);
        }
        if (size[0] * voxel < 140 || size[1] * voxel < 170 || size[2] * voxel < 110) {
            context.warn(String.format(
                    Locale.ROOT,
                    "the GRE field of view %.0f×%.0f×%.0f mm is smaller than the brain and its margin"
                            + " (140×170×110 mm); the head is cut at the grid's faces",
                    size[0] * voxel,
                    size[1] * voxel,
                    size[2] * voxel));
        }
        BrainIronVisit v = phantom.generate(context.cancellation(), (f, m) -> context.progress(f, m));
        context.log(phantom + "; head " + v.motion() + "; T1w pose " + v.t1wPose());
        for (BrainNucleus n : BrainNucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                context.log(String.format(
                        Locale.ROOT,
                        "truth %s (%d): χ %.4f ppm (%+.4f ppm/y), R2* %.2f 1/s",
                        n.labelName(side),
                        n.label(side),
                        BrainIronPhantom.chiTruth(n, side, v.years()),
                        n.chiRatePpmPerYear(side),
                        BrainIronPhantom.r2StarTruth(n, side, v.years(), v.fieldStrength())));
            }
        }
        context.output(GRE, v.gre());
        context.output(T1W, v.t1w());
        context.output(LABELS, v.labelsT1w());
        context.output(LABELS_GRE, v.labelsGre());
        context.output(CHI, v.chi());
        context.output(R2STAR, v.r2star());
        context.output(MASK, v.mask());
    }

    /** "96x96x64" (also with '×' or spaces) → {96, 96, 64}. */
    static int[] parseSize(String text) throws OperatorException {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*[x×,]\\s*");
        if (parts.length != 3) {
            throw OperatorException.badInput(
                    "parameter 'size' is '" + text + "'; give three voxel counts as NXxNYxNZ, e.g. 96x96x64");
        }
        int[] n = new int[3];
        for (int d = 0; d < 3; d++) {
            try {
                n[d] = Integer.parseInt(parts[d]);
            } catch (NumberFormatException e) {
                throw OperatorException.badInput(
                        "parameter 'size' is '" + text + "'; '" + parts[d] + "' is not a whole number");
            }
        }
        return n;
    }

    /** "4,12,20,28" → {4, 12, 20, 28} (ms). */
    static double[] parseEchoTimes(String text) throws OperatorException {
        String[] parts = text.trim().split("\\s*[,; ]\\s*");
        try {
            double[] te = java.util.Arrays.stream(parts)
                    .filter(p -> !p.isEmpty())
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            if (te.length == 0) {
                throw OperatorException.badInput(
                        "parameter 'echo_times' is empty; give echo times in ms, e.g. 4,12,20,28");
            }
            return te;
        } catch (NumberFormatException e) {
            throw OperatorException.badInput("parameter 'echo_times' is '" + text
                    + "'; give numbers of ms separated by commas, e.g. 4,12,20,28");
        }
    }
}
