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
package org.ferrum.relaxometry.ops;

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.fatwater.FatWaterSeparation;
import org.ferrum.relaxometry.fatwater.FatWaterSeparation.Method;
import org.openide.util.lookup.ServiceProvider;

/**
 * Fat–water separation of complex multi-echo GRE data ({@link FatWaterSeparation}): water, fat, PDFF, confounder-
 * corrected R2*, field map and the mask used. Outputs are 0 outside the mask.
 */
@ServiceProvider(service = Operator.class)
public final class FatWaterSeparationOperator implements Operator {

    static final String ID = "relax.fatwater";
    static final String REGION_GROWING = "region-growing";
    static final String PER_VOXEL = "per-voxel-minimum";

    private static final FatWaterSeparation.Options DEFAULTS = FatWaterSeparation.Options.DEFAULTS;

    public static final Port<MultiEchoGre> GRE =
            Port.required("gre", PortTypes.MULTI_ECHO_GRE, "Complex multi-echo GRE (magnitude and phase, ≥ 3 echoes)");
    public static final Port<Volume<FloatType>> MASK =
            Port.optional("mask", PortTypes.MASK, "Voxels to fit; default: a signal threshold (see mask_threshold)");

    public static final Parameter<String> FAT_SPECTRUM = Parameter.choice(
            "fat_spectrum",
            "liver-6peak",
            List.copyOf(FatSpectrum.published().keySet()),
            "Fat spectrum model (kept as data): 6-peak liver fat (Hamilton 2011) or the single methylene peak");
    public static final Parameter<String> FIELD_METHOD = Parameter.choice(
            "field_method",
            REGION_GROWING,
            List.of(REGION_GROWING, PER_VOXEL),
            "Field-map start: swap-robust region growing, or each voxel's own deepest minimum (naive, for comparison)");
    public static final Parameter<Double> FIELD_RANGE = Parameter.number(
            "field_range",
            DEFAULTS.fieldRangeHz(),
            10.0,
            10000.0,
            PhysicalUnit.HERTZ,
            "Largest |field| searched when echoes are unevenly spaced (even echoes search one period 1/ΔTE)");
    public static final Parameter<Long> FIELD_STEPS = Parameter.integer(
            "field_steps", DEFAULTS.fieldSteps(), 16L, 1024L, "Field grid points over the searched interval");
    public static final Parameter<Double> R2STAR_MIN = Parameter.number(
            "r2star_min", DEFAULTS.r2Min(), 0.0, 5000.0, PhysicalUnit.PER_SECOND, "Smallest R2* fitted");
    public static final Parameter<Double> R2STAR_MAX = Parameter.number(
            "r2star_max",
            DEFAULTS.r2Max(),
            1.0,
            5000.0,
            PhysicalUnit.PER_SECOND,
            "Largest R2* fitted (voxels that reach it are counted in the log: their R2* is a lower bound)");
    public static final Parameter<Long> R2STAR_STEPS =
            Parameter.integer("r2star_steps", DEFAULTS.r2Steps(), 2L, 200L, "R2* grid points of the search");
    public static final Parameter<Long> COARSE_FACTOR = Parameter.integer(
            "coarse_factor",
            DEFAULTS.coarseFactor(),
            1L,
            16L,
            "In-plane block size (voxels) of the low-resolution field-map stage; 1 = full resolution");
    public static final Parameter<Double> COARSE_MM = Parameter.number(
            "coarse_mm",
            0.0,
            0.0,
            100.0,
            PhysicalUnit.MILLIMETRE,
            "If > 0, overrides coarse_factor with the largest in-plane block not exceeding this size in mm"
                    + " (⌊coarse_mm / in-plane spacing⌋, at least 1), so that one pipeline keeps the same block size at"
                    + " any voxel size");
    public static final Parameter<Long> SEEDS = Parameter.integer(
            "seeds", DEFAULTS.seeds(), 1L, 64L, "Region-growing seeds tried (the map with least residual is kept)");
    public static final Parameter<Long> ITERATIONS =
            Parameter.integer("iterations", DEFAULTS.iterations(), 0L, 100L, "Gauss–Newton iterations per voxel");
    public static final Parameter<Double> NOISE_SD = Parameter.number(
            "noise_sd",
            DEFAULTS.noiseSd(),
            0.0,
            1e12,
            PhysicalUnit.ARBITRARY,
            "Noise SD per real/imaginary channel, in signal units, for fieldmap_sd; 0 = estimate it"
                    + " from the fit residuals (median over the mask, χ² with 2N−6 degrees of freedom)");
    public static final Parameter<Double> MASK_THRESHOLD = Parameter.number(
            "mask_threshold",
            0.1,
            0.0,
            1.0,
            PhysicalUnit.DIMENSIONLESS,
            "Without a mask: fit voxels whose echo root-sum-of-squares exceeds this fraction of its 99th percentile");

    public static final Port<Volume<FloatType>> WATER = Port.output(
                    "water", PortTypes.VOLUME, "Water amplitude |W| at TE = 0, a.u.")
            .in(PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> FAT = Port.output(
                    "fat", PortTypes.VOLUME, "Fat amplitude |F| at TE = 0, a.u.")
            .in(PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> PDFF = Port.output(
                    "pdff", PortTypes.VOLUME, "Proton-density fat fraction, % (magnitude discrimination)")
            .of(Quantities.PDFF, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> R2STAR = Port.output(
                    "r2star", PortTypes.VOLUME, "Confounder-corrected R2* (common to water and fat), 1/s")
            .of(Quantities.R2STAR, PhysicalUnit.PER_SECOND);
    public static final Port<Volume<FloatType>> FIELDMAP = Port.output(
                    "fieldmap", PortTypes.VOLUME, "Field map ψ: water off-resonance, Hz (phase grows as +2πψt)")
            .of(Quantities.FIELD, PhysicalUnit.HERTZ);
    public static final Port<Volume<FloatType>> FIELDMAP_SD = Port.output(
                    "fieldmap_sd",
                    PortTypes.VOLUME,
                    "Standard deviation of the field map, Hz: the Cramér–Rao bound σ·√[(JᵀJ)⁻¹]ψψ of the fit with water, fat and"
                            + " R2* unknown; grows with R2* (capped at 1/ΔTE where the field is not determined)")
            .of(Quantities.FIELD, PhysicalUnit.HERTZ);
    public static final Port<Volume<FloatType>> MASK_OUT =
            Port.output("mask", PortTypes.MASK, "The voxels fitted").in(PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Fat–water separation (T2*-IDEAL, multi-peak fat)")
            .category("Relaxometry/Fat–water")
            .description("Fits S(t) = (W + F·c(t))·e^{i2πψt}·e^{−R2*·t} with a multi-peak fat spectrum and a common R2*"
                    + " by variable projection (Hernando et al., MRM 2008; Yu et al., MRM 2008), starting from a field map"
                    + " made robust against fat–water swaps by region growing over low-resolution candidates (Yu et al.,"
                    + " MRM 2005); PDFF by magnitude discrimination (Liu et al., MRM 2007).")
            .inputs(List.of(GRE, MASK))
            .parameters(List.of(
                    FAT_SPECTRUM,
                    FIELD_METHOD,
                    FIELD_RANGE,
                    FIELD_STEPS,
                    R2STAR_MIN,
                    R2STAR_MAX,
                    R2STAR_STEPS,
                    COARSE_FACTOR,
                    COARSE_MM,
                    SEEDS,
                    ITERATIONS,
                    NOISE_SD,
                    MASK_THRESHOLD))
            .output(WATER)
            .output(FAT)
            .output(PDFF)
            .output(R2STAR)
            .output(FIELDMAP)
            .output(FIELDMAP_SD)
            .output(MASK_OUT)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** coarse_factor, or from coarse_mm when that is set: ⌊coarse_mm / min(dx, dy)⌋, at least 1. */
    static int coarseFactor(OperatorContext context, VoxelGrid grid) {
        double mm = context.get(COARSE_MM);
        if (mm > 0) {
            return Math.max(1, (int) Math.floor(mm / Math.min(grid.dx(), grid.dy()) + 1e-9));
        }
        return context.get(COARSE_FACTOR).intValue();
    }

    /** The node's settings as the algorithm's record. */
    static FatWaterSeparation.Options options(OperatorContext context, VoxelGrid grid) {
        Method method = PER_VOXEL.equals(context.get(FIELD_METHOD)) ? Method.PER_VOXEL_MINIMUM : Method.REGION_GROWING;
        return new FatWaterSeparation.Options(
                method,
                context.get(FIELD_RANGE),
                context.get(FIELD_STEPS).intValue(),
                context.get(R2STAR_MIN),
                context.get(R2STAR_MAX),
                context.get(R2STAR_STEPS).intValue(),
                coarseFactor(context, grid),
                context.get(SEEDS).intValue(),
                context.get(ITERATIONS).intValue(),
                context.get(NOISE_SD));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        if (gre.phase().isEmpty()) {
            throw OperatorException.badInput(
                    "input '" + GRE.name() + "' holds magnitude only (no phase); fat–water separation"
                            + " needs the complex signal (load the part-phase series or the phase DICOMs with it)");
        }
        int echoes = gre.echoCount();
        if (echoes < 3) {
            throw OperatorException.badInput(
                    "input '" + GRE.name() + "' has " + echoes + " echo(es); fat–water separation"
                            + " needs at least 3: water and fat (2 complex amplitudes), field map and R2* are 6 real unknowns, and"
                            + " each complex echo gives 2 equations");
        }
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        FatWaterSeparation.Options options = options(context, grid);
        double r2Max = options.r2Max();
        if (!(r2Max > options.r2Min())) {
            throw OperatorException.badInput("parameter '" + R2STAR_MAX.name() + "' (" + r2Max + " 1/s) must exceed '"
                    + R2STAR_MIN.name() + "' (" + options.r2Min() + " 1/s)");
        }
        float[][] re = new float[echoes][];
        float[][] im = new float[echoes][];
        Volume<FloatType> phaseVolume = gre.phase().get();
        for (int e = 0; e < echoes; e++) {
            re[e] = VolumeArrays.frame(gre.magnitude(), e);
            im[e] = VolumeArrays.frame(phaseVolume, e);
        }
        boolean[] mask = GreInputs.optionalMask(context, GRE, gre, MASK);
        toComplex(re, im, mask);
        double threshold = context.get(MASK_THRESHOLD);
        if (mask == null) {
            mask = FatWaterSeparation.signalMask(re, im, threshold);
        }
        int inside = 0;
        for (boolean b : mask) {
            inside += b ? 1 : 0;
        }
        if (inside == 0) {
            throw OperatorException.badInput(
                    "no voxel is inside the mask (parameter '" + MASK_THRESHOLD.name() + "' = " + threshold + ")");
        }
        FatSpectrum spectrum = FatSpectrum.byId(context.get(FAT_SPECTRUM));
        double b0 = gre.acquisition().fieldStrengthTesla();
        double[] te = gre.acquisition().echoTimes().toSeconds();
        context.progress(0.1, "separating fat and water in " + inside + " voxels");
        long start = System.nanoTime();
        FatWaterSeparation.Result r =
                FatWaterSeparation.separate(re, im, mask, grid, te, spectrum, b0, options, context.cancellation());
        context.log(String.format(
                Locale.ROOT,
                "fat–water: %d echoes %s at %.3g T, %s, field map by %s (low-resolution grid %s,"
                        + " %d seed(s)); %d voxels in %.1f s",
                echoes,
                gre.acquisition().echoTimes(),
                b0,
                spectrum,
                options.method(),
                r.coarseGrid(),
                r.seedsTried(),
                inside,
                (System.nanoTime() - start) * 1e-9));
        context.log(summary(r));
        context.log(String.format(
                Locale.ROOT,
                "noise SD per channel %.4g (%s); fieldmap_sd from the Cramér–Rao bound",
                r.noiseSd(),
                options.noiseSd() > 0 ? "given" : "estimated from the fit residuals"));
        int atBound = 0;
        for (int v = 0; v < r.mask().length; v++) {
            atBound += r.mask()[v] && r.r2star()[v] >= r2Max * (1 - 1e-6) ? 1 : 0;
        }
        if (atBound > 0) {
            context.warn(String.format(
                    Locale.ROOT,
                    "%d voxels reached r2star_max = %.0f 1/s; their R2* (and any LIC from"
                            + " it) is a lower bound: raise r2star_max, or shorten TE1 and the echo spacing",
                    atBound,
                    r2Max));
        }
        String lateEchoes = lateEchoWarning(r, te, grid);
        if (lateEchoes != null) {
            context.warn(lateEchoes);
        }
        var geometry = gre.magnitude().geometry();
        context.output(WATER, VolumeArrays.volume(r.water(), grid, geometry, PhysicalUnit.ARBITRARY));
        context.output(FAT, VolumeArrays.volume(r.fat(), grid, geometry, PhysicalUnit.ARBITRARY));
        context.output(PDFF, VolumeArrays.volume(r.pdff(), grid, geometry, PhysicalUnit.PERCENT));
        context.output(R2STAR, VolumeArrays.volume(r.r2star(), grid, geometry, PhysicalUnit.PER_SECOND));
        context.output(FIELDMAP, VolumeArrays.volume(r.fieldHz(), grid, geometry, PhysicalUnit.HERTZ));
        context.output(FIELDMAP_SD, VolumeArrays.volume(r.fieldSdHz(), grid, geometry, PhysicalUnit.HERTZ));
        context.output(MASK_OUT, VolumeArrays.maskVolume(r.mask(), grid, geometry));
        context.progress(1, "done");
    }

    /**
     * Magnitude and phase → real and imaginary parts, in place; a NaN or infinite value inside the mask (anywhere
     * without one) is bad input, counted over all echoes.
     */
    private static void toComplex(float[][] re, float[][] im, boolean[] mask) throws OperatorException {
        long bad = 0;
        for (int e = 0; e < re.length; e++) {
            for (int v = 0; v < re[e].length; v++) {
                boolean finite = Float.isFinite(re[e][v]) && Float.isFinite(im[e][v]);
                if (!finite && (mask == null || mask[v])) {
                    bad++;
                }
                double mag = re[e][v];
                double ph = im[e][v];
                re[e][v] = finite ? (float) (mag * Math.cos(ph)) : 0f;
                im[e][v] = finite ? (float) (mag * Math.sin(ph)) : 0f;
            }
        }
        if (bad > 0) {
            throw OperatorException.badInput(
                    "input '" + GRE.name() + "' has " + bad + " NaN or infinite magnitude/phase"
                            + " value(s) " + (mask == null ? "(no mask given)" : "inside the mask")
                            + ", counted over all echoes;"
                            + " mask them out (input '" + MASK.name() + "') or fix the data");
        }
    }

    /** Fewest echoes that must stay above the noise for the fat–water model (water, fat, field, R2*) to be determined. */
    static final int MIN_ECHOES_ABOVE_NOISE = 3;
    /** An echo counts as signal while the fitted amplitude there exceeds this many noise SDs (per channel). */
    static final double SIGNAL_NOISE_RATIO = 3;

    /**
     * Where the echoes come too late for the tissue's decay: voxels whose fitted signal, (|W| + |F|)·e^(−R2*·TE), stays
     * above {@link #SIGNAL_NOISE_RATIO} noise SDs in fewer than {@link #MIN_ECHOES_ABOVE_NOISE} echoes. Their field, PDFF
     * and R2* rest on fewer data than unknowns (iron-rich liver: at R2* 1000 s⁻¹ the signal falls e-fold every 1 ms), so
     * the log says how many, which slices, and what would help, instead of leaving a confident-looking map.
     *
     * @return the warning line, or null when every fitted voxel keeps enough echoes (or the noise SD is unknown)
     */
    static String lateEchoWarning(FatWaterSeparation.Result r, double[] te, org.ferrum.core.VoxelGrid grid) {
        if (!(r.noiseSd() > 0)) {
            return null;
        }
        double floor = SIGNAL_NOISE_RATIO * r.noiseSd();
        int inside = 0;
        int few = 0;
        int zMin = Integer.MAX_VALUE;
        int zMax = -1;
        int perSlice = grid.nx() * grid.ny();
        for (int v = 0; v < r.mask().length; v++) {
            if (!r.mask()[v]) {
                continue;
            }
            inside++;
            double amplitude = Math.abs(r.water()[v]) + Math.abs(r.fat()[v]);
            int above = 0;
            for (double t : te) {
                above += amplitude * Math.exp(-r.r2star()[v] * t) > floor ? 1 : 0;
            }
            if (above < MIN_ECHOES_ABOVE_NOISE) {
                few++;
                zMin = Math.min(zMin, v / perSlice);
                zMax = Math.max(zMax, v / perSlice);
            }
        }
        if (few == 0) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "%d of %d fitted voxels (%.1f %%, slices %d–%d) keep fewer than %d echoes"
                        + " above %.0f× the noise (TE1 %.2f ms, last TE %.2f ms): their field, PDFF and R2* are unreliable (iron too"
                        + " high for these echo times); shorten TE1 and the echo spacing, and do not read LIC there",
                few,
                inside,
                100.0 * few / inside,
                zMin,
                zMax,
                MIN_ECHOES_ABOVE_NOISE,
                SIGNAL_NOISE_RATIO,
                te[0] * 1e3,
                te[te.length - 1] * 1e3);
    }

    /** Median PDFF, R2* and field range in the mask, for the run log. */
    private static String summary(FatWaterSeparation.Result r) {
        int n = 0;
        for (boolean b : r.mask()) {
            n += b ? 1 : 0;
        }
        float[] pdff = new float[n];
        float[] r2 = new float[n];
        float fmin = Float.POSITIVE_INFINITY;
        float fmax = Float.NEGATIVE_INFINITY;
        int i = 0;
        for (int v = 0; v < r.mask().length; v++) {
            if (r.mask()[v]) {
                pdff[i] = r.pdff()[v];
                r2[i++] = r.r2star()[v];
                fmin = Math.min(fmin, r.fieldHz()[v]);
                fmax = Math.max(fmax, r.fieldHz()[v]);
            }
        }
        java.util.Arrays.sort(pdff);
        java.util.Arrays.sort(r2);
        return String.format(
                Locale.ROOT,
                "in the mask: median PDFF %.1f %%, median R2* %.0f 1/s, field in [%.0f, %.0f] Hz",
                pdff[n / 2],
                r2[n / 2],
                fmin,
                fmax);
    }
}
