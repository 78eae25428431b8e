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
package org.ferrum.diffusion.ops;

import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.diffusion.BValueGroups;
import org.ferrum.diffusion.TraceImage;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.relaxometry.r2star.BackgroundNoise;

/**
 * What the diffusion operators read from their inputs, checked once: the series' b-value groups, its volumes as flat
 * frames, the trace image, the optional mask and the noise σ.
 */
final class DwiInputs {

    final DiffusionDataset dwi;
    final BValueGroups groups;
    final VoxelGrid grid;
    final Geometry geometry;
    final boolean[] mask;
    private final float[][] volumes;

    private DwiInputs(DiffusionDataset dwi, BValueGroups groups, boolean[] mask) {
        this.dwi = dwi;
        this.groups = groups;
        Volume<FloatType> first =
                dwi.volume().frames() == 1 ? dwi.volume() : dwi.volume().frame(0);
        this.grid = VoxelGrid.of(first);
        this.geometry = first.geometry();
        this.mask = mask;
        this.volumes = new float[dwi.volumes()][];
        for (int v = 0; v < volumes.length; v++) {
            volumes[v] = VolumeArrays.frame(dwi.volume(), v);
        }
    }

    /** Reads and checks the series and the optional mask. */
    static DwiInputs read(OperatorContext context, Port<DiffusionDataset> dwiPort, Port<Volume<FloatType>> maskPort)
            throws OperatorException {
        DiffusionDataset dwi = context.input(dwiPort);
        BValueGroups groups;
        try {
            groups = BValueGroups.of(dwi.bValues());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input '" + dwiPort.name() + "': " + e.getMessage());
        }
        boolean[] mask = null;
        if (maskPort != null) {
            Optional<Volume<FloatType>> m = context.optionalInput(maskPort);
            if (m.isPresent()) {
                Volume<FloatType> first =
                        dwi.volume().frames() == 1 ? dwi.volume() : dwi.volume().frame(0);
                SharedGrid.requireSameSpace(dwiPort.name(), first, maskPort.name(), m.get());
                mask = VolumeInputs.mask(m.get(), maskPort.name());
            }
        }
        return new DwiInputs(dwi, groups, mask);
    }

    /** The trace image at the groups {@code chosen} (ascending b), one frame each. */
    float[][] trace(int[] chosen, OperatorContext context) {
        float[][] all = TraceImage.compute(volumes, groups, context.cancellation());
        float[][] out = new float[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            out[i] = all[chosen[i]];
        }
        return out;
    }

    /** The trace image at every b-value. */
    float[][] trace(OperatorContext context) {
        return TraceImage.compute(volumes, groups, context.cancellation());
    }

    /**
     * σ per channel: the given one, or (given 0, when {@code needed}) estimated as R2* does
     * ({@link BackgroundNoise#sigmaFromCorners}) from the first volume of the lowest b-value, a raw magnitude image
     * whose background is Rayleigh. Refused, naming the parameters, where the background is zero or inside the mask.
     */
    double noiseSigma(
            OperatorContext context, boolean needed, double given, String sigmaParameter, String floorParameter)
            throws OperatorException {
        if (!needed) {
            return 0;
        }
        if (given > 0) {
            context.log(String.format(Locale.ROOT, "noise σ = %.4g a.u. (given)", given));
            return given;
        }
        float[] lowest = volumes[groups.volumes(0)[0]];
        double sigma = BackgroundNoise.sigmaFromCorners(lowest, mask, grid);
        if (!(sigma > 0)) {
            throw OperatorException.badInput("parameter '" + sigmaParameter + "' = 0 asks for an estimate from the"
                    + " background, but the darkest corner of the b = " + BValueGroups.format(groups.bValue(0))
                    + " image outside the mask is " + (Double.isNaN(sigma) ? "inside the mask" : "zero")
                    + " (zero-filled or cropped data?); give " + sigmaParameter + " in a.u., or set "
                    + floorParameter + " false");
        }
        context.log(String.format(
                Locale.ROOT,
                "noise σ = %.4g a.u. estimated from the darkest corner of the b = %s image (mean/√(π/2))",
                sigma,
                BValueGroups.format(groups.bValue(0))));
        return sigma;
    }

    /** A 3-D map on the series' grid. */
    Volume<FloatType> map(float[] values, PhysicalUnit unit) {
        return VolumeArrays.volume(values, grid, geometry, unit);
    }

    /** Warns when voxels in the mask were not usable, with the count per status. */
    static void warnUnusable(OperatorContext context, float[] status, String statusPort) {
        long[] counts = new long[FitStatus.values().length];
        long fitted = 0;
        for (float s : status) {
            counts[(int) s]++;
            fitted += s == FitStatus.NOT_FITTED.code() ? 0 : 1;
        }
        long bad = counts[FitStatus.MAX_ITERATIONS.code()] + counts[FitStatus.FAILED.code()];
        if (bad > 0) {
            context.warn(String.format(
                    Locale.ROOT,
                    "%d of %d fitted voxels have no result (NaN): %d %s, %d %s; see output '%s'",
                    bad,
                    fitted,
                    counts[FitStatus.MAX_ITERATIONS.code()],
                    FitStatus.MAX_ITERATIONS.meaning(),
                    counts[FitStatus.FAILED.code()],
                    FitStatus.FAILED.meaning(),
                    statusPort));
        }
    }
}
