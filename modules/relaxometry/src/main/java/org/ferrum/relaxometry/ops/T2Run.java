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

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.relaxometry.r2star.BackgroundNoise;
import org.ferrum.relaxometry.t2.MultiEchoSpinEcho;
import org.ferrum.relaxometry.t2.T2Fit;
import org.ferrum.relaxometry.t2.T2Mapping;

/** What the T2 operators share between reading their inputs and writing their maps. */
final class T2Run {

    final MultiEchoSpinEcho mese;
    final VoxelGrid grid;
    final boolean[] mask;
    final float[][] magnitude;
    final double[] echoTimes;

    private T2Run(MultiEchoSpinEcho mese, VoxelGrid grid, boolean[] mask, float[][] magnitude) {
        this.mese = mese;
        this.grid = grid;
        this.mask = mask;
        this.magnitude = magnitude;
        this.echoTimes = mese.echoTimes().toSeconds();
    }

    /** The inputs, checked: the mask on the series' grid and not empty, finite magnitudes inside it. */
    static T2Run read(OperatorContext context) throws OperatorException {
        MultiEchoSpinEcho mese = context.input(T2Ports.MESE);
        Volume<FloatType> volume = mese.magnitude();
        VoxelGrid grid = VoxelGrid.of(volume);
        boolean[] mask = null;
        Optional<Volume<FloatType>> m = context.optionalInput(T2Ports.MASK);
        if (m.isPresent()) {
            SharedGrid.requireSameSpace(T2Ports.MESE.name(), volume, T2Ports.MASK.name(), m.get());
            mask = VolumeInputs.mask(m.get(), T2Ports.MASK.name());
        }
        float[][] magnitude = new float[mese.echoTimes().count()][];
        for (int e = 0; e < magnitude.length; e++) {
            magnitude[e] = VolumeArrays.frame(volume, e);
            float[] frame = magnitude[e];
            for (int v = 0; v < frame.length; v++) {
                if ((mask == null || mask[v]) && !Float.isFinite(frame[v])) {
                    throw OperatorException.badInput(String.format(
                            Locale.ROOT,
                            "input '%s' has a non-finite magnitude (%s) %s at voxel (%d, %d, %d), echo %d",
                            T2Ports.MESE.name(),
                            frame[v],
                            mask == null ? "(no mask given)" : "inside the mask",
                            v % grid.nx(),
                            (v / grid.nx()) % grid.ny(),
                            v / (grid.nx() * grid.ny()),
                            e + 1));
                }
            }
        }
        return new T2Run(mese, grid, mask, magnitude);
    }

    /** Refuses a first echo that leaves fewer than {@code minimum} echoes. */
    void requireEchoes(Parameter<Long> firstEcho, int first, int minimum, String method) throws OperatorException {
        int n = echoTimes.length;
        if (n - (first - 1) < minimum) {
            throw OperatorException.badInput("input '" + T2Ports.MESE.name() + "' has " + n + " echo(es) ("
                    + mese.echoTimes() + "); with parameter '" + firstEcho.name() + "' = " + first + " the " + method
                    + " fit needs at least " + minimum + " from there on");
        }
    }

    /** σ as given, or estimated from the background when the noise floor needs it and none is given. */
    double noiseSigma(OperatorContext context, boolean noiseFloor, double given, Parameter<Double> sigmaParameter)
            throws OperatorException {
        if (!noiseFloor) {
            return 0;
        }
        if (given > 0) {
            context.log(String.format(Locale.ROOT, "noise σ = %.4g a.u. (given)", given));
            return given;
        }
        double sigma = BackgroundNoise.sigmaFromCorners(magnitude[0], mask, grid);
        if (!(sigma > 0)) {
            throw OperatorException.badInput("parameter '" + sigmaParameter.name()
                    + "' = 0 asks for an estimate from the background, but the darkest corner of the first echo outside"
                    + " the mask is " + (Double.isNaN(sigma) ? "inside the mask" : "zero")
                    + " (zero-filled or cropped data?); give " + sigmaParameter.name()
                    + " in a.u., or set noise_floor false");
        }
        context.log(String.format(
                Locale.ROOT,
                "noise σ = %.4g a.u. estimated from the darkest corner of the first echo (mean/√(π/2))",
                sigma));
        return sigma;
    }

    /** Fits every voxel and writes t2, m0, status and quality; returns the result for further outputs. */
    T2Mapping.Result fitAndWrite(OperatorContext context, Supplier<T2Fit> fits, String label) {
        context.progress(0.1, "fitting " + echoTimes.length + " echoes (" + label + ")");
        T2Mapping.Result r = T2Mapping.map(magnitude, mask, fits, context.cancellation());
        context.progress(0.9, "writing maps");
        int inside = mask == null ? grid.size() : VolumeArrays.count(mask);
        context.log(String.format(
                Locale.ROOT,
                "T2 %s over %d voxels, %s: %d converged, %d stalled (usable), %d at the iteration limit, %d failed",
                label,
                inside,
                mese.echoTimes(),
                r.count(FitStatus.CONVERGED),
                r.count(FitStatus.STALLED),
                r.count(FitStatus.MAX_ITERATIONS),
                r.count(FitStatus.FAILED)));
        int unusable = r.count(FitStatus.MAX_ITERATIONS) + r.count(FitStatus.FAILED);
        if (unusable > 0) {
            context.warn(String.format(
                    Locale.ROOT,
                    "%d of %d voxels have no usable T2 fit (NaN in the maps; status 1 or 3)",
                    unusable,
                    inside));
        }
        Geometry geometry = mese.magnitude().geometry();
        float[] status = new float[grid.size()];
        for (int v = 0; v < status.length; v++) {
            status[v] = r.status()[v];
        }
        context.output(T2Ports.T2, VolumeArrays.volume(r.t2Ms(), grid, geometry, PhysicalUnit.MILLISECOND));
        context.output(T2Ports.M0, VolumeArrays.volume(r.m0(), grid, geometry, PhysicalUnit.ARBITRARY));
        context.output(T2Ports.STATUS, VolumeArrays.volume(status, grid, geometry, PhysicalUnit.DIMENSIONLESS));
        context.output(T2Ports.QUALITY, VolumeArrays.volume(r.quality(), grid, geometry, PhysicalUnit.PERCENT));
        return r;
    }

    /** Writes {@code values} to {@code port} on the series' grid. */
    void write(OperatorContext context, Port<Volume<FloatType>> port, float[] values, PhysicalUnit unit) {
        context.output(port, VolumeArrays.volume(values, grid, mese.magnitude().geometry(), unit));
    }
}
