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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Table.Column;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.qsm.evaluation.QsmMetrics;
import org.openide.util.lookup.ServiceProvider;

/**
 * Scores a susceptibility map against a ground truth ({@link QsmMetrics}: NRMSE, HFEN, SSIM, Pearson's r over the
 * evaluation mask, and per label the error of the region mean), for methods developers comparing chains on phantoms
 * or on data with a reference.
 *
 * <p>Contract: {@code chi} and {@code truth} are 3-D, in ppm or ppb (converted to ppm), on the {@code mask}'s grid
 * (and the {@code labels}', if connected). Output {@code table}: the first row is the whole mask (region
 * "evaluation mask", label 0) with n, nrmse, hfen, ssim and correlation (and its own mean errors NaN: both maps are
 * referenced to it); then one row per label &gt; 0 with voxels in the mask (ascending) with n, the region's mean of
 * each map minus the mask mean (ppm), the error in ppb and in % of |truth|, the global scores NaN. Region names come
 * from {@code label_names} ("7=caudate, 8=putamen"), else "label N".
 */
@ServiceProvider(service = Operator.class)
public final class QsmMetricsOperator implements Operator {

    static final String ID = "qsm.evaluate";

    public static final Port<Volume<FloatType>> CHI = Port.required(
                    "chi", PortTypes.VOLUME, "The susceptibility map to score, ppm")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM, PhysicalUnit.PPB);
    public static final Port<Volume<FloatType>> TRUTH = Port.required(
                    "truth", PortTypes.VOLUME, "The ground truth, ppm")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM, PhysicalUnit.PPB);
    public static final Port<Volume<FloatType>> MASK = Port.required("mask", PortTypes.MASK, "The evaluation mask");
    public static final Port<Volume<FloatType>> LABELS =
            Port.optional("labels", PortTypes.LABEL_MAP, "Regions whose mean errors are reported");
    public static final Parameter<String> LABEL_NAMES =
            Parameter.text("label_names", "", "Names of labels, as 7=caudate, 8=putamen (others: 'label N')");
    public static final Parameter<Double> SSIM_K1 = Parameter.number(
            "ssim_k1", QsmMetrics.SsimConstants.DEFAULTS.k1(), 1e-6, 1.0, null, "SSIM's K1 (Wang 2004: 0.01)");
    public static final Parameter<Double> SSIM_K2 = Parameter.number(
            "ssim_k2",
            QsmMetrics.SsimConstants.DEFAULTS.k2(),
            1e-6,
            1.0,
            null,
            "SSIM's K2 (Wang 2004: 0.03; the 2019 challenge's XSIM: 0.001)");
    public static final Parameter<Double> SSIM_RANGE = Parameter.number(
            "ssim_range",
            QsmMetrics.SsimConstants.DEFAULTS.dynamicRangePpm(),
            1e-6,
            100.0,
            PhysicalUnit.PPM,
            "SSIM's dynamic range L (maps in native ppm, not rescaled)");
    public static final Port<Table> TABLE =
            Port.output("table", PortTypes.TABLE, "Global scores (first row) and region mean errors");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Evaluate χ against a truth")
            .category(QsmCategories.EVALUATION)
            .description("NRMSE and HFEN (%, as in the 2016 QSM reconstruction challenge, Langkammer et al. MRM 2018;"
                    + " HFEN: 15³ LoG, σ 1.5 voxels, Ravishankar & Bresler 2011), 3-D SSIM (Wang et al. 2004, Gaussian"
                    + " window σ 1.5 voxels, C = (K·L)²), Pearson's r over the mask, and per label the error of the region"
                    + " mean (ppb and %), both maps referenced to their mean over the mask.")
            .inputs(List.of(CHI, TRUTH, MASK, LABELS))
            .parameters(List.of(LABEL_NAMES, SSIM_K1, SSIM_K2, SSIM_RANGE))
            .output(TABLE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** SSIM's constants from the node's parameters. */
    static QsmMetrics.SsimConstants ssim(OperatorContext context) throws OperatorException {
        try {
            return new QsmMetrics.SsimConstants(context.get(SSIM_K1), context.get(SSIM_K2), context.get(SSIM_RANGE));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameters ssim_k1/ssim_k2/ssim_range: " + e.getMessage(), e);
        }
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> chi = context.input(CHI);
        Volume<FloatType> truth = context.input(TRUTH);
        Volume<FloatType> maskVolume = context.input(MASK);
        Volume<FloatType> labelVolume = context.optionalInput(LABELS).orElse(null);
        SharedGrid.requireSameSpace(CHI.name(), chi, MASK.name(), maskVolume);
        SharedGrid.requireSameSpace(TRUTH.name(), truth, MASK.name(), maskVolume);
        if (labelVolume != null) {
            SharedGrid.requireSameSpace(LABELS.name(), labelVolume, MASK.name(), maskVolume);
        }
        for (Port<Volume<FloatType>> port : List.of(CHI, TRUTH)) {
            Volume<FloatType> v = port == CHI ? chi : truth;
            if (v.frames() != 1) {
                throw OperatorException.badInput("input '" + port.name() + "' has " + v.frames()
                        + " frames; a susceptibility map is one 3-D volume");
            }
        }
        Map<Integer, String> names = parseNames(context.get(LABEL_NAMES));
        QsmMetrics.SsimConstants ssim = ssim(context);
        context.progress(0.05, "reading the maps");
        float[] x = ppm(chi, CHI.name()), t = ppm(truth, TRUTH.name());
        boolean[] mask = VolumeInputs.mask(maskVolume, MASK.name());
        float[] labels = labelVolume == null ? null : VolumeArrays.frame(labelVolume, 0);
        QsmMetrics.Result r;
        try {
            r = new QsmMetrics(VoxelGrid.of(chi), mask).evaluate(x, t, labels, ssim);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("inputs 'chi'/'truth': " + e.getMessage(), e);
        }
        context.checkCancelled();
        Table.Builder table = Table.builder(
                Column.text("region"),
                Column.number("label", null),
                Column.number("n", null),
                Column.number("nrmse", PhysicalUnit.PERCENT),
                Column.number("hfen", PhysicalUnit.PERCENT),
                Column.number("ssim", null),
                Column.number("correlation", null),
                Column.number("mean", PhysicalUnit.PPM),
                Column.number("truth_mean", PhysicalUnit.PPM),
                Column.number("error", PhysicalUnit.PPB),
                Column.number("error_percent", PhysicalUnit.PERCENT));
        double nan = Double.NaN;
        table.row(
                "evaluation mask",
                0,
                r.voxels(),
                r.nrmsePercent(),
                r.hfenPercent(),
                r.ssim(),
                r.correlation(),
                nan,
                nan,
                nan,
                nan);
        for (QsmMetrics.RoiError e : r.rois()) {
            table.row(
                    names.getOrDefault(e.label(), "label " + e.label()),
                    e.label(),
                    e.voxels(),
                    nan,
                    nan,
                    nan,
                    nan,
                    e.meanPpm(),
                    e.truthPpm(),
                    e.errorPpb(),
                    e.errorPercent());
        }
        context.log(String.format(
                Locale.ROOT,
                "over %d voxels: NRMSE %.1f %%, HFEN %.1f %%, SSIM %.3f, r %.3f",
                r.voxels(),
                r.nrmsePercent(),
                r.hfenPercent(),
                r.ssim(),
                r.correlation()));
        context.output(TABLE, table.build());
        context.progress(1, "evaluated");
    }

    /** The map's values in ppm. */
    private static float[] ppm(Volume<FloatType> v, String port) throws OperatorException {
        float[] values = VolumeArrays.frame(v, 0);
        if (v.unit() == PhysicalUnit.PPM) {
            return values;
        }
        if (v.unit() == PhysicalUnit.PPB) {
            float[] out = new float[values.length];
            for (int n = 0; n < out.length; n++) {
                out[n] = values[n] / 1000f;
            }
            return out;
        }
        throw OperatorException.badInput(
                "input '" + port + "' is in " + v.unit().symbol() + "; a susceptibility map must be in ppm or ppb");
    }

    /** "7=caudate, 8=putamen" → {7: caudate, 8: putamen}. */
    static Map<Integer, String> parseNames(String text) throws OperatorException {
        Map<Integer, String> names = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return names;
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            try {
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new NumberFormatException();
                }
                names.put(Integer.parseInt(kv[0].trim()), kv[1].trim());
            } catch (NumberFormatException e) {
                throw OperatorException.badInput("parameter '" + LABEL_NAMES.name() + "': '" + part.trim()
                        + "' is not LABEL=NAME (e.g. 7=caudate)");
            }
        }
        return names;
    }
}
