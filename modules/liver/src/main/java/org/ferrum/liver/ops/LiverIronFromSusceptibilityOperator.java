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
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.liver.calibration.LicCalibration;
import org.ferrum.liver.calibration.LiverIronFromSusceptibility;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code liver.lic.qsm}: LIC (mg Fe/g dry weight) from hepatic susceptibility relative to water by
 * {@link LiverIronFromSusceptibility}: LIC_dw = r · (χ − χ₀ − PDFF·χ_fat) / s. The two physical constants s and r have
 * no default: the pipeline states them with their source, and the run log prints them.
 *
 * <p>Fat: a voxel's χ relative to water holds PDFF·(χ_fat − χ_water) besides its iron (fat is about 0.6 ppm less
 * diamagnetic than water), which is not iron: with the optional {@code pdff} input (%) it is subtracted before the
 * conversion (as in fat-referenced hepatic susceptometry, Hernando D et al., MRM 2014, PMC3883906). Without it, 30 %
 * PDFF would read as about 0.18 ppm of iron (≈ 0.4–0.6 mg/g dry).
 */
@ServiceProvider(service = Operator.class)
public final class LiverIronFromSusceptibilityOperator implements Operator {

    static final String ID = "liver.lic.qsm";

    public static final Port<Volume<FloatType>> CHI = MapInput.port(
            "chi", true, "susceptibility", "Susceptibility in ppm relative to water (e.g. from liver.chi.reference)");
    public static final Port<Volume<FloatType>> PDFF = MapInput.port(
            "pdff",
            false,
            "PDFF",
            "Proton-density fat fraction in % (e.g. from relax.fatwater): its χ share, PDFF·fat_chi_ppm, is subtracted"
                    + " before the conversion");
    public static final Parameter<Double> PPM_PER_MG_PER_G_WET = Parameter.requiredNumber(
            "ppm_per_mg_per_g_wet",
            1e-3,
            100.0,
            null,
            "Susceptibility added by 1 mg Fe/g wet liver, ppm per (mg/g ww): required, from your source (e.g. the"
                    + " ferritin/hemosiderin value used by Hernando et al. MRM 2014); none shipped, not verified here");
    public static final Parameter<Double> WET_TO_DRY_RATIO = Parameter.requiredNumber(
            "wet_to_dry_ratio",
            1.0,
            20.0,
            null,
            "Grams of wet liver per gram dry liver, converting mg/g ww to mg/g dw: required, from your source (the"
                    + " ratio Hernando et al. MRM 2014 used); none shipped, not verified here");
    public static final Parameter<Double> IRON_FREE_LIVER_PPM = Parameter.number(
            "iron_free_liver_ppm",
            0.0,
            -2.0,
            2.0,
            PhysicalUnit.PPM,
            "χ of iron-free liver relative to water, subtracted before conversion; 0 assumes iron-free liver is water-like");
    public static final Parameter<Double> FAT_CHI_PPM = Parameter.number(
            "fat_chi_ppm",
            0.0,
            -2.0,
            2.0,
            PhysicalUnit.PPM,
            "χ_fat − χ_water, ppm, subtracted times the PDFF: required (non-zero, with its source) when 'pdff' is connected");
    public static final Port<Volume<FloatType>> LIC = LiverPorts.LIC;

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("LIC from susceptibility (hQSM)")
            .category(LiverCategory.NAME)
            .description(
                    "Liver iron concentration from χ relative to water: LIC_dw = wet_to_dry_ratio · (χ − iron_free_liver_ppm)"
                            + " / ppm_per_mg_per_g_wet, the linear susceptometry model of Hernando et al. MRM 2014 (PMC3883906) and"
                            + " Sharma et al. 2017 (QSM vs SQUID, PMC5303570). The constants must be set with their source.")
            .inputs(List.of(CHI, PDFF))
            .parameters(List.of(PPM_PER_MG_PER_G_WET, WET_TO_DRY_RATIO, IRON_FREE_LIVER_PPM, FAT_CHI_PPM))
            .output(LIC)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        LiverIronFromSusceptibility model;
        try {
            model = new LiverIronFromSusceptibility(
                    context.get(PPM_PER_MG_PER_G_WET), context.get(WET_TO_DRY_RATIO), context.get(IRON_FREE_LIVER_PPM));
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("parameters of " + ID + ": " + e.getMessage());
        }
        context.progress(0.05, "reading χ");
        MapInput chi = MapInput.required(context, CHI, PhysicalUnit.PPM);
        context.checkCancelled();
        float[] values = chi.values();
        java.util.Optional<MapInput> pdff = MapInput.optional(context, PDFF, PhysicalUnit.PERCENT);
        double fatChi = context.get(FAT_CHI_PPM);
        if (pdff.isPresent()) {
            if (fatChi == 0) {
                throw OperatorException.badInput(
                        "input 'pdff' of " + ID + " is connected but parameter 'fat_chi_ppm' is 0: state"
                                + " χ_fat − χ_water (ppm, with its source; about +0.6) so that the fat's χ can be removed");
            }
            float[] f = pdff.get().values();
            if (f.length != values.length) {
                throw OperatorException.badInput("inputs 'chi' and 'pdff' of " + ID + " are on different grids ("
                        + values.length + " and " + f.length + " voxels)");
            }
            values = values.clone();
            for (int n = 0; n < values.length; n++) {
                // PDFF outside 0…100 % (a failed fit) is clamped: the fat share of a voxel cannot be outside it
                values[n] = Float.isFinite(f[n])
                        ? (float) (values[n] - Math.min(100, Math.max(0, f[n])) / 100 * fatChi)
                        : Float.NaN;
            }
            context.log(String.format(Locale.ROOT, "fat removed: χ − PDFF · %s ppm", LicCalibration.format(fatChi)));
        }
        float[] lic = model.apply(values, context.cancellation());
        context.log(String.format(
                Locale.ROOT,
                "LIC_dw = %s · (χ − %s ppm) / %s ppm per mg/g ww, i.e. %s mg Fe/g dw per ppm",
                LicCalibration.format(model.wetToDryRatio()),
                LicCalibration.format(model.ironFreeLiverPpm()),
                LicCalibration.format(model.ppmPerMgPerGWet()),
                LicCalibration.format(model.wetToDryRatio() / model.ppmPerMgPerGWet())));
        context.output(
                LIC,
                VolumeArrays.volume(
                        lic, VoxelGrid.of(chi.volume()), chi.volume().geometry(), PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT));
        context.progress(1, "LIC done");
    }
}
