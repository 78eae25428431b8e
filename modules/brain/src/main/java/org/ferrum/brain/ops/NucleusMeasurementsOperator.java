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
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.brain.measure.NucleusMeasurements;
import org.ferrum.brain.measure.NucleusMeasurements.Params;
import org.ferrum.brain.measure.NucleusMeasurements.Reference;
import org.ferrum.brain.measure.NucleusTables;
import org.ferrum.brain.measure.Structure;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
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
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code brain.nuclei.measure}: χ and R2* per deep grey nucleus, left, right and both, referenced to CSF, white
 * matter or the whole brain, and the χ–R2* pairs ({@link NucleusMeasurements}; tables {@link NucleusTables}).
 *
 * <p>The label maps must lie on the χ grid (bring a T1 segmentation there with {@code registration.apply}) and carry
 * their legend (names: {@code io.read.labels}, {@code brain.nuclei.grow}); nuclei are found by name, so a label map
 * without names is refused. χ comes in ppm or ppb (the port leaves its unit open, so that a χ map in another unit is
 * refused here with a hint rather than by a bare unit mismatch) and is reported in {@code chi_unit}.
 */
@ServiceProvider(service = Operator.class)
public final class NucleusMeasurementsOperator implements Operator {

    static final String ID = "brain.nuclei.measure";

    public static final Port<Volume<FloatType>> CHI = Port.required(
                    "chi", PortTypes.VOLUME, "Susceptibility map, ppm or ppb (one 3-D frame); the grid of the tables")
            .of(Quantities.SUSCEPTIBILITY);
    public static final Port<Volume<FloatType>> R2STAR = Port.optional(
                    "r2star", PortTypes.VOLUME, "R2* map in 1/s on the χ grid (optional: no R2* rows without it)")
            .of(Quantities.R2STAR, PhysicalUnit.PER_SECOND);
    public static final Port<Volume<FloatType>> LABELS = Port.optional(
            "labels",
            PortTypes.LABEL_MAP,
            "Label map with its legend on the χ grid, e.g. FreeSurfer aseg brought there by registration.apply");
    public static final Port<Volume<FloatType>> NUCLEI = Port.optional(
            "nuclei",
            PortTypes.LABEL_MAP,
            "Label map with its legend on the χ grid, e.g. grown substantia nigra, red nucleus, dentate; drawn over"
                    + " 'labels' where both label a voxel");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask",
                    PortTypes.MASK,
                    "Brain mask on the χ grid: voxels outside belong to no region; the whole-brain reference; its"
                            + " centroid places the mid-sagittal plane")
            .in(PhysicalUnit.DIMENSIONLESS);

    public static final Parameter<String> NUCLEUS_LIST = Parameter.text(
            "nuclei",
            Structure.format(Params.DEFAULTS.nuclei()),
            "Structures to report, comma-separated, in row order; each 'name' (known synonyms: pallidum = globus"
                    + " pallidus, thalamus proper = thalamus, …) or 'name=spelling|spelling' to match legend structures");
    public static final Parameter<String> REFERENCE = Parameter.choice(
            "reference",
            Params.DEFAULTS.reference().word(),
            List.of(Reference.CSF.word(), Reference.WHITE_MATTER.word(), Reference.WHOLE_BRAIN.word()),
            "Reference of χ: median χ of the lateral ventricles (csf), of white matter, or of the brain mask");
    public static final Parameter<String> ALT_REFERENCE = Parameter.choice(
            "alt_reference",
            Params.DEFAULTS.altReference(),
            List.of(
                    NucleusMeasurements.AUTO,
                    Reference.CSF.word(),
                    Reference.WHITE_MATTER.word(),
                    Reference.WHOLE_BRAIN.word(),
                    NucleusMeasurements.NONE),
            "Second reference stored beside the first (auto: white_matter when reference is csf, else csf;"
                    + " left out with a warning when absent)");
    public static final Parameter<String> CSF_STRUCTURES = Parameter.text(
            "csf_structures",
            Structure.format(Params.DEFAULTS.csfStructures()),
            "Legend structures that make the CSF reference (comma-separated)");
    public static final Parameter<String> WHITE_MATTER_STRUCTURES = Parameter.text(
            "white_matter_structures",
            Structure.format(Params.DEFAULTS.whiteMatterStructures()),
            "Legend structures that make white matter (reference and baseline of the χ–R2* pattern)");
    public static final Parameter<Long> ERODE = Parameter.integer(
            "erode",
            Params.DEFAULTS.erode(),
            0L,
            20L,
            "Voxel layers taken off every region, references included, before measuring (against partial volume)");
    public static final Parameter<String> CHI_UNIT = Parameter.choice(
            "chi_unit",
            Params.DEFAULTS.chiUnit().symbol(),
            List.of(PhysicalUnit.PPM.symbol(), PhysicalUnit.PPB.symbol()),
            "Unit of χ in the tables");
    public static final Parameter<Double> PATTERN_CHI_THRESHOLD = Parameter.number(
            "pattern_chi_threshold",
            Params.DEFAULTS.patternChiThresholdPpm(),
            0.0,
            1.0,
            PhysicalUnit.PPM,
            "|χ − χ white matter| at least this reads as raised (iron) or lowered (calcium)");
    public static final Parameter<Double> PATTERN_R2STAR_THRESHOLD = Parameter.number(
            "pattern_r2star_threshold",
            Params.DEFAULTS.patternR2StarThreshold(),
            0.0,
            100.0,
            PhysicalUnit.PER_SECOND,
            "R2* − R2* white matter at least this reads as raised");

    public static final Port<Table> MEASUREMENTS = Port.output(
            "measurements",
            PortTypes.TABLE,
            "One row per nucleus, hemisphere (left, right, both) and map (chi, r2star): n, mean, median, quartiles,"
                    + " IQR, SD, and χ referenced to the reference and the alternative reference, each named");
    public static final Port<Table> PAIRS = Port.output(
            "pairs",
            PortTypes.TABLE,
            "One row per nucleus and hemisphere: referenced χ median, R2* median with quartiles (a χ–R2* scatter"
                    + " chart) and the pattern they read against white matter (iron, calcium, neither)");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Measure nuclei (χ, R2*)")
            .category("Brain iron")
            .description("χ and R2* of the deep grey nuclei (caudate, putamen, globus pallidus, thalamus, substantia"
                    + " nigra, red nucleus, dentate) left, right and both, after optional erosion, referenced to CSF,"
                    + " white matter or the whole brain (two references side by side), χ in ppm or ppb; χ–R2* pairs"
                    + " read as iron (both raised) or calcium (χ lowered, R2* raised)")
            .inputs(List.of(CHI, R2STAR, LABELS, NUCLEI, MASK))
            .parameters(List.of(
                    NUCLEUS_LIST,
                    REFERENCE,
                    ALT_REFERENCE,
                    CSF_STRUCTURES,
                    WHITE_MATTER_STRUCTURES,
                    ERODE,
                    CHI_UNIT,
                    PATTERN_CHI_THRESHOLD,
                    PATTERN_R2STAR_THRESHOLD))
            .output(MEASUREMENTS)
            .output(PAIRS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Params params = params(context);
        Volume<FloatType> chi = context.input(CHI);
        requireOneFrame(CHI, chi);
        float[] chiValues = chiIn(chi, params.chiUnit(), context);
        VoxelGrid grid = VoxelGrid.of(chi);

        Optional<Volume<FloatType>> r2star = context.optionalInput(R2STAR);
        float[] r2Values = null;
        if (r2star.isPresent()) {
            SharedGrid.requireSameSpace(CHI.name(), chi, R2STAR.name(), r2star.get());
            requireOneFrame(R2STAR, r2star.get());
            r2Values = VolumeArrays.frame(r2star.get(), 0);
        }
        NucleusMeasurements.LabelMap labels = labelMap(context, LABELS, chi);
        NucleusMeasurements.LabelMap nuclei = labelMap(context, NUCLEI, chi);
        if (labels == null && nuclei == null) {
            throw OperatorException.badInput("neither input 'labels' nor input 'nuclei' is connected: connect a label"
                    + " map with its legend (e.g. FreeSurfer aseg on the χ grid, or the nuclei of brain.nuclei.grow)");
        }
        Optional<Volume<FloatType>> maskVolume = context.optionalInput(MASK);
        boolean[] mask = null;
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(CHI.name(), chi, MASK.name(), maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), MASK.name());
        }
        context.progress(0.2, "label maps read");

        NucleusMeasurements.Result result;
        try {
            result = NucleusMeasurements.measure(
                    new NucleusMeasurements.Input(grid, chi.geometry(), chiValues, r2Values, labels, nuclei, mask),
                    params,
                    context.cancellation());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(e.getMessage(), e);
        }
        context.progress(0.9, "nuclei measured");
        result.log().forEach(context::log);
        result.warnings().forEach(context::warn);
        context.log(result.measurements().size() + " measurement rows, "
                + result.pairs().size() + " χ–R2* pairs");
        context.output(MEASUREMENTS, NucleusTables.measurements(result.measurements()));
        context.output(PAIRS, NucleusTables.pairs(result.pairs(), params.chiUnit()));
        context.progress(1, "done");
    }

    /** The one place the parameters are read. */
    static Params params(OperatorContext context) throws OperatorException {
        try {
            return new Params(
                    Structure.parseList(NUCLEUS_LIST.name(), context.get(NUCLEUS_LIST)),
                    Reference.parse(REFERENCE.name(), context.get(REFERENCE)),
                    context.get(ALT_REFERENCE),
                    Structure.parseList(CSF_STRUCTURES.name(), context.get(CSF_STRUCTURES)),
                    Structure.parseList(WHITE_MATTER_STRUCTURES.name(), context.get(WHITE_MATTER_STRUCTURES)),
                    context.get(ERODE).intValue(),
                    PhysicalUnit.parse(context.get(CHI_UNIT)),
                    context.get(PATTERN_CHI_THRESHOLD),
                    context.get(PATTERN_R2STAR_THRESHOLD));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput(e.getMessage(), e);
        }
    }

    private static void requireOneFrame(Port<?> port, Volume<FloatType> v) throws OperatorException {
        if (v.frames() != 1) {
            throw OperatorException.badInput("input '" + port.name() + "' has " + v.frames() + " frames ("
                    + SharedGrid.size(v) + "); this operator takes one 3-D map");
        }
    }

    /**
     * χ in {@code unit}: a map in ppm or ppb is converted; any other unit is refused, a map without one too (χ in ppb
     * read as ppm would be 1000 times off).
     */
    static float[] chiIn(Volume<FloatType> chi, PhysicalUnit unit, OperatorContext context) throws OperatorException {
        PhysicalUnit own = chi.unit();
        if (own != PhysicalUnit.PPM && own != PhysicalUnit.PPB) {
            throw OperatorException.badInput("input 'chi' is in '" + (own == null ? "no unit" : own.symbol())
                    + "', not a unit of susceptibility; χ must be in ppm or ppb (if the file holds ppm or ppb, set"
                    + " unit=ppm or unit=ppb on the io.read.volume node that reads it)");
        }
        float[] values = VolumeArrays.frame(chi, 0);
        if (own != unit) {
            float factor = (float) own.convert(1.0, unit);
            for (int n = 0; n < values.length; n++) {
                values[n] *= factor;
            }
            context.log("χ converted from " + own.symbol() + " to " + unit.symbol());
        }
        return values;
    }

    /** A label map on the χ grid with a legend, its values checked; null if the port is not connected. */
    private static NucleusMeasurements.LabelMap labelMap(
            OperatorContext context, Port<Volume<FloatType>> port, Volume<FloatType> chi) throws OperatorException {
        Optional<Volume<FloatType>> v = context.optionalInput(port);
        if (v.isEmpty()) {
            return null;
        }
        Volume<FloatType> map = v.get();
        requireOneFrame(port, map);
        boolean sameSize = true;
        for (int d = 0; d < 3; d++) {
            sameSize &= map.dimension(d) == chi.dimension(d);
        }
        if (!sameSize || !map.geometry().approximatelyEquals(chi.geometry(), SharedGrid.TOLERANCE_MM)) {
            throw OperatorException.badInput("input '" + port.name() + "' is on another grid than input 'chi': "
                    + port.name() + " " + describe(map) + ", chi " + describe(chi) + "; bring the label map onto the"
                    + " χ grid with registration.apply (moving = " + port.name() + ", reference = chi, with the"
                    + " transform from registration.linear; interpolation auto keeps labels whole) before measuring");
        }
        if (map.labels().isEmpty()) {
            throw OperatorException.badInput("input '" + port.name() + "' has no legend (no names for its labels), so"
                    + " no nucleus or reference can be found by name; read it with io.read.labels (FreeSurfer LUT,"
                    + " dseg.tsv, FSL FIRST) or give it a legend");
        }
        float[] f = VolumeArrays.frame(map, 0);
        int[] values = new int[f.length];
        int nx = (int) map.dimension(0);
        int ny = (int) map.dimension(1);
        for (int n = 0; n < f.length; n++) {
            float x = f[n];
            if (!(x >= 0 && x < 0x1p24f && x == Math.rint(x))) {
                throw OperatorException.badInput(String.format(
                        Locale.ROOT,
                        "input '%s': voxel (%d, %d, %d) holds %s; a label map holds whole numbers ≥ 0 (0 ="
                                + " background)",
                        port.name(),
                        n % nx,
                        (n / nx) % ny,
                        n / (nx * ny),
                        Float.toString(x)));
            }
            values[n] = (int) x;
        }
        return new NucleusMeasurements.LabelMap(port.name(), values, map.labels());
    }

    /** A grid as people compare them: size, voxel size, orientation and origin. */
    private static String describe(Volume<?> v) {
        double[] s = v.geometry().voxelSize();
        double[] o = v.geometry().origin();
        return String.format(
                Locale.ROOT,
                "%s voxels of %.3g×%.3g×%.3g mm, %s, origin (%.1f, %.1f, %.1f) mm LPS",
                SharedGrid.size(v),
                s[0],
                s[1],
                s[2],
                v.geometry().orientationCode(),
                o[0],
                o[1],
                o[2]);
    }
}
