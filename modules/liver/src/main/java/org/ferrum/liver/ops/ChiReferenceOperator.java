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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.liver.calibration.LicCalibration;
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
import org.ferrum.qsm.SusceptibilityReference;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code liver.chi.reference}: puts a susceptibility map on the water scale. QSM knows χ only up to a constant, so
 * the map is shifted until the mean over a reference region equals the χ that region is assumed to have relative
 * to water: χ_water(x) = χ(x) − mean_R(χ) + χ_R (mean through {@link SusceptibilityReference#subtractMean}).
 * Hernando D et al. (MRM 2014, PMC3883906) reference the liver to adjacent subcutaneous adipose tissue; χ_R of fat
 * relative to water must then be entered with its source, since none is shipped as a default.
 */
@ServiceProvider(service = Operator.class)
public final class ChiReferenceOperator implements Operator {

    static final String ID = "liver.chi.reference";

    static final String WATER = "water";
    static final String SUBCUTANEOUS_FAT = "subcutaneous_fat";
    static final String WHOLE_LIVER = "whole_liver";

    public static final Port<Volume<FloatType>> CHI =
            MapInput.port("chi", true, "susceptibility", "Susceptibility map in ppm (any offset), 3-D");
    public static final Port<Volume<FloatType>> REFERENCE_REGION = Port.required(
            "reference", PortTypes.MASK, "The reference region: water, subcutaneous fat or the whole liver");
    public static final Port<Volume<FloatType>> MASK =
            Port.optional("mask", PortTypes.MASK, "Voxels to keep (χ set to 0 outside); all voxels if not connected");
    public static final Parameter<String> REFERENCE = Parameter.choice(
            "reference",
            SUBCUTANEOUS_FAT,
            List.of(WATER, SUBCUTANEOUS_FAT, WHOLE_LIVER),
            "What the reference region is");
    public static final Parameter<Double> REFERENCE_CHI_PPM = Parameter.number(
            "reference_chi_ppm",
            0.0,
            -5.0,
            5.0,
            PhysicalUnit.PPM,
            "χ of the reference region relative to water: must be 0 for water; for subcutaneous fat enter"
                    + " χ_fat − χ_water from your source (none shipped: not verified here); for whole liver the liver's χ (0:"
                    + " result relative to mean liver)");
    public static final Port<Volume<FloatType>> CHI_OUT = Port.output(
                    "chi", PortTypes.VOLUME, "Susceptibility in ppm relative to water")
            .of(Quantities.SUSCEPTIBILITY, PhysicalUnit.PPM);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("χ relative to water")
            .category(LiverCategory.NAME)
            .description(
                    "Shifts a susceptibility map so that the reference region has the χ it is assumed to have relative to"
                            + " water (water: 0; subcutaneous fat: χ_fat − χ_water as the user's source gives it, fat referencing as in"
                            + " Hernando et al. MRM 2014; whole liver: the liver's assumed χ), giving χ referenced to water in ppm.")
            .inputs(List.of(CHI, REFERENCE_REGION, MASK))
            .parameters(List.of(REFERENCE, REFERENCE_CHI_PPM))
            .output(CHI_OUT)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        String kind = context.get(REFERENCE);
        double chiR = context.get(REFERENCE_CHI_PPM);
        if (kind.equals(WATER) && chiR != 0) {
            throw OperatorException.badInput(
                    "parameter 'reference_chi_ppm' is " + LicCalibration.format(chiR)
                            + " ppm but reference = water has χ = 0 relative to water by definition; set it to 0 or choose another reference");
        }
        if (kind.equals(SUBCUTANEOUS_FAT) && chiR == 0) {
            throw OperatorException.badInput(
                    "reference = subcutaneous_fat needs parameter 'reference_chi_ppm' = χ_fat − χ_water"
                            + " (ppm) from a cited source (e.g. the fat value used by Hernando et al. MRM 2014); fat is not water-like, so 0 is refused");
        }
        context.progress(0.05, "reading χ");
        MapInput chi = MapInput.required(context, CHI, PhysicalUnit.PPM);
        Volume<FloatType> referenceVolume = context.input(REFERENCE_REGION);
        SharedGrid.requireSameSpace(CHI.name(), chi.volume(), REFERENCE_REGION.name(), referenceVolume);
        boolean[] reference = VolumeInputs.mask(referenceVolume, REFERENCE_REGION.name());
        Optional<Volume<FloatType>> maskVolume = context.optionalInput(MASK);
        boolean[] mask;
        if (maskVolume.isPresent()) {
            SharedGrid.requireSameSpace(CHI.name(), chi.volume(), MASK.name(), maskVolume.get());
            mask = VolumeInputs.mask(maskVolume.get(), MASK.name());
        } else {
            mask = new boolean[reference.length];
            Arrays.fill(mask, true);
        }
        // only reference voxels inside the mask count: outside it χ was never estimated (inversions write 0 there)
        int dropped = 0;
        int kept = 0;
        for (int n = 0; n < reference.length; n++) {
            if (reference[n] && !mask[n]) {
                reference[n] = false;
                dropped++;
            }
            kept += reference[n] ? 1 : 0;
        }
        if (kept == 0) {
            throw OperatorException.badInput("input 'reference' has no voxel inside input 'mask' (" + dropped
                    + " reference voxels, all outside); the reference region must be where χ was estimated");
        }
        if (dropped > 0) {
            context.log(dropped + " reference voxels outside the mask left out of the reference mean");
        }
        context.checkCancelled();
        float[] values = chi.values();
        double mean;
        try {
            mean = SusceptibilityReference.subtractMean(values, mask, reference);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input 'reference': " + e.getMessage());
        }
        for (int n = 0; n < values.length; n++) {
            if (mask[n]) {
                values[n] += (float) chiR;
            }
        }
        int inside = 0;
        for (boolean r : reference) {
            inside += r ? 1 : 0;
        }
        context.log(String.format(
                Locale.ROOT,
                "reference %s (%d voxels): mean χ %.4f ppm before, set to %s ppm relative to water"
                        + " (shift %+.4f ppm)",
                kind,
                inside,
                mean,
                LicCalibration.format(chiR),
                chiR - mean));
        if (kind.equals(WHOLE_LIVER) && chiR == 0) {
            context.warn(
                    "reference = whole_liver with reference_chi_ppm = 0: χ is relative to the mean liver, not to water;"
                            + " LIC from this χ is relative too");
        }
        context.output(
                CHI_OUT,
                VolumeArrays.volume(
                        values, VoxelGrid.of(chi.volume()), chi.volume().geometry(), PhysicalUnit.PPM));
        context.progress(1, "χ referenced");
    }
}
