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

import java.util.Arrays;
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
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.HeadPhantomBuilder;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.openide.util.lookup.ServiceProvider;

/**
 * Generates the numerical head phantom ({@link HeadPhantom}): multi-echo GRE data with known susceptibility,
 * fields, brain mask and labels, for testing and benchmarking QSM pipelines.
 *
 * <p>Contract: no inputs. The grid is {@code size} voxels of {@code voxel} mm (isotropic), centred on the head,
 * tilted by {@code oblique} degrees about the patient's L–R axis; B0 lies along patient S. Outputs share that
 * grid and geometry: {@code gre} (magnitude a.u., wrapped phase rad, echo times, field strength, B0 direction),
 * {@code chi} (ppm relative to CSF), {@code mask} (0/1 brain), {@code labels} ({@link PhantomLabel} values, the
 * legend written to the log), {@code field}, {@code local_field} and {@code background_field} (ppm of B0).
 * The same parameters give the same data. Tilted grids get the physical fields (computed on a grid aligned with
 * B0 and resampled, see {@link HeadPhantom.FieldGrid#ALIGNED_WITH_B0}). {@code anatomy} and {@code signal_model} select
 * {@link HeadAnatomy#wholeHead()} and {@link HeadPhantom.SignalModel#SUBVOXEL_COMPLEX} (defaults: the former phantom).
 */
@ServiceProvider(service = Operator.class)
public final class HeadPhantomOperator implements Operator {

    static final String ID = "qsm.phantom.head";
    static final String STANDARD = "standard", WHOLE_HEAD = "whole-head";
    static final String VOXEL_MEAN_FIELD = "voxel-mean-field", SUBVOXEL_COMPLEX = "subvoxel-complex";

    public static final Parameter<String> SIZE =
            Parameter.text("size", "96x96x64", "Grid size in voxels, as NXxNYxNZ (e.g. 96x96x64)");
    public static final Parameter<Double> VOXEL =
            Parameter.number("voxel", 2.0, 0.25, 10.0, PhysicalUnit.MILLIMETRE, "Isotropic voxel size");
    public static final Parameter<Double> FIELD_STRENGTH =
            Parameter.number("field_strength", 3.0, 0.1, 14.0, PhysicalUnit.TESLA, "Main field B0");
    public static final Parameter<String> ECHO_TIMES =
            Parameter.text("echo_times", "4,12,20,28", "Echo times in ms, increasing, comma-separated");
    public static final Parameter<Double> SNR = Parameter.number(
            "snr", 100.0, 0.0, null, null, "Mean first-echo brain magnitude over the noise σ; 0 for no noise");
    public static final Parameter<Double> OBLIQUE = Parameter.number(
            "oblique",
            0.0,
            -60.0,
            60.0,
            PhysicalUnit.DEGREE,
            "Tilt of the grid about the patient's L–R axis (0 = straight axial)");
    public static final Parameter<Long> SEED = Parameter.integer("seed", 1, null, null, "Seed of the noise");
    public static final Parameter<String> ANATOMY = Parameter.choice(
            "anatomy",
            STANDARD,
            List.of(STANDARD, WHOLE_HEAD),
            "standard: the head of the README's figures; whole-head: with dentate nuclei, maxillary and ethmoid"
                    + " sinuses and mastoid air cells");
    public static final Parameter<String> SIGNAL_MODEL = Parameter.choice(
            "signal_model",
            VOXEL_MEAN_FIELD,
            List.of(VOXEL_MEAN_FIELD, SUBVOXEL_COMPLEX),
            "voxel-mean-field: phase from the voxel-mean field (former model); subvoxel-complex: fields on a grid"
                    + " twice as fine, complex signal averaged over sub-voxels (no inverse crime)");
    public static final Parameter<Double> PADDING =
            Parameter.number("padding", 1.5, 1.0, 4.0, null, "Zero padding of the field computation (factor per axis)");

    public static final Port<MultiEchoGre> GRE =
            Port.output("gre", PortTypes.MULTI_ECHO_GRE, "Magnitude and wrapped phase per echo, with the acquisition");
    public static final Port<Volume<FloatType>> CHI = Port.output(
                    "chi", PortTypes.VOLUME, "Ground-truth susceptibility, ppm relative to CSF (0 outside the head)")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> MASK = MaskPorts.output("Brain mask");
    public static final Port<Volume<FloatType>> LABELS = Port.output(
                    "labels", PortTypes.LABEL_MAP, "Tissue labels (legend in the log)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> FIELD =
            Port.output("field", PortTypes.VOLUME, "Total field, ppm of B0").of(Quantities.FIELD, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> LOCAL_FIELD = Port.output(
                    "local_field", PortTypes.VOLUME, "Field of the brain's own susceptibility, ppm")
            .of(Quantities.FIELD, PhysicalUnit.PPM);
    public static final Port<Volume<FloatType>> BACKGROUND_FIELD = Port.output(
                    "background_field", PortTypes.VOLUME, "Total minus local field, ppm")
            .of(Quantities.FIELD, PhysicalUnit.PPM);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Head phantom (QSM)")
            .category(QsmCategories.PHANTOMS)
            .description(
                    "A numerical head with grey/white matter, ventricles, deep grey nuclei, veins, a calcification,"
                            + " skull and air sinuses; its field by the dipole model δ = F⁻¹[D·F[χ]] (Salomir 2003, Marques &"
                            + " Bowtell 2005) and multi-echo GRE signal with R2* decay, a smooth phase offset and noise; on a tilted grid the"
                            + " field is computed on a B0-aligned grid and resampled, so it is the physical one.")
            .parameters(List.of(
                    SIZE, VOXEL, FIELD_STRENGTH, ECHO_TIMES, SNR, OBLIQUE, SEED, ANATOMY, SIGNAL_MODEL, PADDING))
            .output(GRE)
            .output(CHI)
            .output(MASK)
            .output(LABELS)
            .output(FIELD)
            .output(LOCAL_FIELD)
            .output(BACKGROUND_FIELD)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        int[] size = parseSize(context.get(SIZE));
        double voxel = context.get(VOXEL);
        double[] echoTimes = parseEchoTimes(context.get(ECHO_TIMES));
        long voxels = (long) size[0] * size[1] * size[2];
        if (voxels > 64L * 1024 * 1024) {
            throw OperatorException.badInput(
                    "parameter '" + SIZE.name() + "' " + size[0] + "x" + size[1] + "x" + size[2] + " has " + voxels
                            + " voxels; at most 67 108 864 (e.g. 512x512x256) fit the field computation");
        }
        HeadPhantomBuilder builder = HeadPhantom.builder()
                .size(size[0], size[1], size[2])
                .voxelSize(voxel, voxel, voxel)
                .fieldStrength(context.get(FIELD_STRENGTH))
                .snr(context.get(SNR))
                .obliqueDegrees(context.get(OBLIQUE))
                .seed(context.get(SEED))
                .paddingFactor(context.get(PADDING))
                .anatomy(WHOLE_HEAD.equals(context.get(ANATOMY)) ? HeadAnatomy.wholeHead() : HeadAnatomy.standard())
                .signalModel(
                        SUBVOXEL_COMPLEX.equals(context.get(SIGNAL_MODEL))
                                ? HeadPhantom.SignalModel.SUBVOXEL_COMPLEX
                                : HeadPhantom.SignalModel.VOXEL_MEAN_FIELD);
        try {
            builder.echoTimesMs(echoTimes);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameter '" + ECHO_TIMES.name() + "': " + e.getMessage(), e);
        }
        if (size[0] * voxel < 152 || size[1] * voxel < 188 || size[2] * voxel < 124) {
            context.warn(String.format(
                    Locale.ROOT,
                    "the field of view %.0f×%.0f×%.0f mm is smaller than the head"
                            + " (152×188×124 mm); the head is cut at the grid's faces",
                    size[0] * voxel,
                    size[1] * voxel,
                    size[2] * voxel));
        }
        HeadPhantom phantom = builder.generate(context.cancellation(), (f, m) -> context.progress(f, m));
        context.log(phantom + " generated in " + phantom.generationMillis() + " ms; noise σ "
                + String.format(Locale.ROOT, "%.4g", phantom.noiseSigma()));
        context.log("labels: " + String.join(", ", HeadPhantom.labelLegend()));
        context.output(GRE, phantom.gre());
        context.output(CHI, phantom.chi());
        context.output(MASK, phantom.brainMask());
        context.output(LABELS, phantom.labels());
        context.output(FIELD, phantom.totalField());
        context.output(LOCAL_FIELD, phantom.localField());
        context.output(BACKGROUND_FIELD, phantom.backgroundField());
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
            if (n[d] < 8 || n[d] > 2048) {
                throw OperatorException.badInput("parameter 'size' is '" + text + "'; each count must be in [8, 2048]");
            }
        }
        return n;
    }

    /** "4,12,20,28" → {4, 12, 20, 28} (ms). */
    static double[] parseEchoTimes(String text) throws OperatorException {
        String[] parts = text.trim().split("\\s*[,; ]\\s*");
        try {
            double[] te = Arrays.stream(parts)
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
                    + "'; give numbers of ms separated by commas," + " e.g. 4,12,20,28");
        }
    }
}
