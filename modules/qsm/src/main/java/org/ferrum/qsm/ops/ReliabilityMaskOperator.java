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

import java.util.List;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
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
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.qsm.mask.Morphology;
import org.ferrum.qsm.mask.ReliabilityMask;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code qsm.mask.reliability}: the part of a brain mask whose field can be trusted ({@link ReliabilityMask}: echo-fit
 * residual beyond noise, ROMEO-style phase quality, low magnitude, non-finite values), with what was dropped and where:
 * a table by distance from the mask's edge (to the nearest voxel outside it) and by slab along the third grid axis, one log line, and a warning when much
 * is unreliable near the edge (a mask holding bone or air) or deep inside (wraps left in the phase).
 *
 * <p>Defaults, measured on the head phantom ({@code ReliabilityMaskTest}; mask grown 4 mm beyond the brain and its CSF
 * into bone; 2.5 mm 15° 3 T SNR 50 and 3 mm 1.5 T SNR 20): z &gt; 3 flags 0.01–0.02 % of the brain (noise alone) and a
 * wrap left in one echo everywhere it lies; quality &lt; 0.5 and magnitude &lt; 0.25 × median drop 66–82 % of the added
 * bone/air voxels while the brain keeps 99.9 % (quality of brain voxels: 0.1st percentile 0.63–0.73).
 */
@ServiceProvider(service = Operator.class)
public final class ReliabilityMaskOperator implements Operator {

    static final String ID = "qsm.mask.reliability";

    /**
     * Voxels whose centre lies at most this far from the nearest voxel centre outside the mask count as its rim in the
     * report, mm (the outer layer always does for voxels up to 4 mm).
     */
    static final double RIM_MM = 4;
    /** Voxels farther than this from any voxel outside the mask count as deep inside, mm. */
    static final double DEEP_MM = 10;
    /** Above this unreliable fraction of the mask the operator warns. */
    static final double WARN_FRACTION = 0.05;
    /** Above this fraction of the deep voxels with a high residual the operator warns of wraps. */
    static final double WARN_DEEP_RESIDUAL = 0.002;

    private static final int SLABS = 5;

    public static final Port<MultiEchoGre> GRE = GrePhaseInputs.gre("Multi-echo GRE with UNWRAPPED phase (rad)");
    public static final Port<Volume<FloatType>> MASK =
            Port.required(GrePhaseInputs.MASK, PortTypes.MASK, "Brain mask to check (e.g. from qsm.mask.magnitude)");
    public static final Parameter<Double> MAX_RESIDUAL_SD = Parameter.number(
            "max_residual_sd",
            ReliabilityMask.Params.DEFAULTS.maxNormalisedResidual(),
            1.0,
            100.0,
            null,
            "Echo-fit residual limit in units of what noise explains (≥ 3 echoes; noise alone ≈ 1)");
    public static final Parameter<Double> MIN_QUALITY = Parameter.number(
            "min_quality",
            ReliabilityMask.Params.DEFAULTS.minPhaseQuality(),
            0.0,
            0.99,
            null,
            "ROMEO-style phase quality limit in [0, 1] (phase and gradient coherence of echoes 1 and 2)");
    public static final Parameter<Double> MIN_MAGNITUDE = Parameter.number(
            "min_magnitude",
            ReliabilityMask.Params.DEFAULTS.minMagnitudeFraction(),
            0.0,
            0.99,
            null,
            "Magnitude limit as a fraction of the median root-sum-of-squares magnitude in the mask");
    public static final Parameter<Double> MAX_HOLE_MM3 = Parameter.number(
            "max_hole_mm3",
            ReliabilityMask.Params.DEFAULTS.maxHoleMm3(),
            0.0,
            1e6,
            null,
            "Enclosed unreliable pieces up to this volume (mm³) are filled back; larger ones stay out");
    public static final Port<Volume<FloatType>> MASK_OUT =
            MaskPorts.output("The reliable mask: one 6-connected piece, small holes filled");
    public static final Port<Volume<FloatType>> UNRELIABLE = Port.output(
                    "unreliable",
                    PortTypes.VOLUME,
                    "Why each voxel"
                            + " of the input mask is unreliable: sum of 1 non-finite, 2 residual, 4 phase quality, 8 low magnitude (0"
                            + " reliable or outside)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Table> REPORT =
            Port.output("report", PortTypes.TABLE, "Unreliable voxels by distance from the mask's edge and by slab");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Reliability mask from phase quality")
            .category(QsmCategories.MASKING)
            .description(
                    "Drops the voxels of a brain mask whose field cannot be trusted: echo-fit residual beyond noise,"
                            + " low ROMEO-style phase quality (Dymerska et al. MRM 2021), low magnitude, NaN; the second pass of"
                            + " QSMxT's two-pass masking (Stewart et al. MRM 2022). Reports the dropped fraction by depth and slab.")
            .input(GRE)
            .input(MASK)
            .parameters(List.of(MAX_RESIDUAL_SD, MIN_QUALITY, MIN_MAGNITUDE, MAX_HOLE_MM3))
            .output(MASK_OUT)
            .output(UNRELIABLE)
            .output(REPORT)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The algorithm's settings from the node's parameters. */
    static ReliabilityMask.Params params(OperatorContext context) {
        return new ReliabilityMask.Params(
                context.get(MAX_RESIDUAL_SD),
                context.get(MIN_QUALITY),
                context.get(MIN_MAGNITUDE),
                context.get(MAX_HOLE_MM3));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        float[][] phase = GrePhaseInputs.phase(gre);
        float[][] magnitude = GrePhaseInputs.magnitude(gre);
        Volume<FloatType> maskVolume = context.input(MASK);
        SharedGrid.requireSameSpace(GRE.name(), gre.magnitude(), MASK.name(), maskVolume);
        boolean[] mask = VolumeInputs.mask(maskVolume, MASK.name());
        int inside = Morphology.count(mask);
        if (inside == 0) {
            throw OperatorException.badInput("input '" + MASK.name() + "' is empty; nothing to check");
        }
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        Geometry geometry = gre.magnitude().geometry();
        GrePhaseInputs.warnIfNotRadians(context, phase, mask);
        context.progress(0, "fitting the echoes and measuring phase quality");
        ReliabilityMask.Params settings = params(context);
        ReliabilityMask.Result r = ReliabilityMask.compute(
                phase,
                magnitude,
                gre.acquisition().echoTimes().toSeconds(),
                mask,
                grid,
                settings,
                context.cancellation());
        context.progress(0.8, "reporting");
        float[] depth = Morphology.squaredDistanceTo(mask, false, grid, context.cancellation());
        Table.Builder table = Table.builder(
                Table.Column.text("region"),
                Table.Column.number("voxels", PhysicalUnit.DIMENSIONLESS),
                Table.Column.number("unreliable", PhysicalUnit.DIMENSIONLESS),
                Table.Column.number("unreliable_fraction", PhysicalUnit.PERCENT),
                Table.Column.number("residual", PhysicalUnit.DIMENSIONLESS),
                Table.Column.number("phase_quality", PhysicalUnit.DIMENSIONLESS),
                Table.Column.number("low_magnitude", PhysicalUnit.DIMENSIONLESS),
                Table.Column.number("non_finite", PhysicalUnit.DIMENSIONLESS));
        int[] all = tally(r.flags(), mask, v -> true);
        int[] rim = tally(r.flags(), mask, v -> depth[v] <= RIM_MM * RIM_MM);
        int[] middle = tally(r.flags(), mask, v -> depth[v] > RIM_MM * RIM_MM && depth[v] <= DEEP_MM * DEEP_MM);
        int[] deep = tally(r.flags(), mask, v -> depth[v] > DEEP_MM * DEEP_MM);
        row(table, "whole mask", all);
        row(table, String.format(Locale.ROOT, "within %.0f mm of the edge", RIM_MM), rim);
        row(table, String.format(Locale.ROOT, "%.0f–%.0f mm inside", RIM_MM, DEEP_MM), middle);
        row(table, String.format(Locale.ROOT, "deeper than %.0f mm", DEEP_MM), deep);
        int nxy = grid.nx() * grid.ny();
        for (int s = 0; s < SLABS; s++) {
            int from = s * grid.nz() / SLABS;
            int to = (s + 1) * grid.nz() / SLABS;
            row(
                    table,
                    "slices k " + from + "–" + (to - 1),
                    tally(r.flags(), mask, v -> v / nxy >= from && v / nxy < to));
        }
        int unreliable = all[1];
        int kept = Morphology.count(r.mask());
        if (kept == 0) {
            throw OperatorException.badInput(String.format(
                    Locale.ROOT,
                    "no voxel of input '%s' is reliable (%d voxels:"
                            + " residual %d, phase quality %d, low magnitude %d, non-finite %d); is the phase of input '%s'"
                            + " unwrapped and in rad, and does the mask lie on the head?",
                    MASK.name(),
                    inside,
                    all[2],
                    all[3],
                    all[4],
                    all[5],
                    GRE.name()));
        }
        context.log(String.format(
                Locale.ROOT,
                "%d of %d mask voxels unreliable (%.2f %%: residual %d, phase quality %d, low"
                        + " magnitude %d, non-finite %d); %.1f %% of them within %.0f mm of the edge; noise σ %.4g (from the fit"
                        + " residuals); reliable mask %d voxels (%.2f %% of the input)",
                unreliable,
                inside,
                100.0 * unreliable / inside,
                all[2],
                all[3],
                all[4],
                all[5],
                unreliable == 0 ? 0 : 100.0 * rim[1] / unreliable,
                RIM_MM,
                r.noiseSigma(),
                kept,
                100.0 * kept / inside));
        if (unreliable > WARN_FRACTION * inside) {
            context.warn(String.format(
                    Locale.ROOT,
                    "%.1f %% of the mask is unreliable, %.0f %% of that within %.0f mm"
                            + " of its edge and %.0f %% deeper than %.0f mm (low magnitude %d, phase quality %d, residual %d voxels):"
                            + " does the mask include bone, air or noise outside the head? See output 'report'",
                    100.0 * unreliable / inside,
                    100.0 * rim[1] / unreliable,
                    RIM_MM,
                    100.0 * deep[1] / unreliable,
                    DEEP_MM,
                    all[4],
                    all[3],
                    all[2]));
        }
        if (deep[0] > 0 && deep[2] > WARN_DEEP_RESIDUAL * deep[0]) {
            context.warn(String.format(
                    Locale.ROOT,
                    "%d voxels deeper than %.0f mm inside the mask (%.2f %%) fit a"
                            + " field linear in TE worse than noise explains (z > %.3g), around voxel %s: wraps left in the phase of"
                            + " some echo, or flow? They are left out of the reliable mask",
                    deep[2],
                    DEEP_MM,
                    100.0 * deep[2] / deep[0],
                    settings.maxNormalisedResidual(),
                    centre(r.flags(), depth, grid)));
        }
        byte[] flags = r.flags();
        float[] code = new float[flags.length];
        for (int v = 0; v < flags.length; v++) {
            code[v] = flags[v];
        }
        context.output(MASK_OUT, VolumeArrays.maskVolume(r.mask(), grid, geometry));
        context.output(UNRELIABLE, VolumeArrays.volume(code, grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.output(REPORT, table.build());
        context.progress(1, "reliability mask done");
    }

    /** {voxels, unreliable, residual, phase quality, low magnitude, non-finite} over the mask voxels that pass. */
    private static int[] tally(byte[] flags, boolean[] mask, java.util.function.IntPredicate where) {
        int[] t = new int[6];
        for (int v = 0; v < flags.length; v++) {
            if (!mask[v] || !where.test(v)) {
                continue;
            }
            t[0]++;
            t[1] += flags[v] != 0 ? 1 : 0;
            t[2] += (flags[v] & ReliabilityMask.RESIDUAL) != 0 ? 1 : 0;
            t[3] += (flags[v] & ReliabilityMask.PHASE_QUALITY) != 0 ? 1 : 0;
            t[4] += (flags[v] & ReliabilityMask.LOW_MAGNITUDE) != 0 ? 1 : 0;
            t[5] += (flags[v] & ReliabilityMask.NON_FINITE) != 0 ? 1 : 0;
        }
        return t;
    }

    private static void row(Table.Builder table, String region, int[] t) {
        table.row(
                region,
                (double) t[0],
                (double) t[1],
                t[0] == 0 ? 0.0 : 100.0 * t[1] / t[0],
                (double) t[2],
                (double) t[3],
                (double) t[4],
                (double) t[5]);
    }

    /** The mean voxel index (i, j, k) of the deep voxels with a high residual. */
    private static String centre(byte[] flags, float[] depth, VoxelGrid grid) {
        double si = 0, sj = 0, sk = 0;
        int n = 0;
        for (int v = 0; v < flags.length; v++) {
            if ((flags[v] & ReliabilityMask.RESIDUAL) != 0 && depth[v] > DEEP_MM * DEEP_MM) {
                si += v % grid.nx();
                sj += (v / grid.nx()) % grid.ny();
                sk += v / (grid.nx() * grid.ny());
                n++;
            }
        }
        return String.format(Locale.ROOT, "(%.0f, %.0f, %.0f)", si / n, sj / n, sk / n);
    }
}
