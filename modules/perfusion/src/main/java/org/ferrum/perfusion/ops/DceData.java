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
package org.ferrum.perfusion.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;
import org.ferrum.core.VoxelGrid;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.models.KineticFit;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;

/**
 * A concentration series unpacked for the DCE operators: frames as one frame-major array, grid, geometry, mask. The
 * one place these operators read and check their inputs, so that they give the same messages.
 */
record DceData(DynamicSeries series, float[] frames, int voxels, VoxelGrid grid, Geometry geometry, boolean[] mask) {

    /** Reads the series (mM required) and the optional mask (same space). */
    static DceData read(OperatorContext context, Port<DynamicSeries> seriesPort, Port<Volume<FloatType>> maskPort)
            throws OperatorException {
        DynamicSeries series = context.input(seriesPort);
        Volume<FloatType> volume = series.frames();
        if (volume.unit() != PhysicalUnit.MILLIMOLAR) {
            throw OperatorException.badInput("input '" + seriesPort.name() + "' is in "
                    + volume.unit().symbol() + ", not mM: convert the signal to concentration first");
        }
        Volume<FloatType> first = volume.frame(0);
        VoxelGrid grid = VoxelGrid.of(first);
        int voxels = grid.size();
        int n = series.frameCount();
        float[] frames;
        if (Volumes.isArrayBacked(volume) && Volumes.floats(volume).length == (long) voxels * n) {
            frames = Volumes.floats(volume);
        } else {
            frames = new float[Math.multiplyExact(voxels, n)];
            for (int t = 0; t < n; t++) {
                System.arraycopy(VolumeArrays.frame(volume, t), 0, frames, t * voxels, voxels);
            }
        }
        boolean[] mask = null;
        if (maskPort != null) {
            Volume<FloatType> m = context.optionalInput(maskPort).orElse(null);
            if (m != null) {
                SharedGrid.requireSameSpace(seriesPort.name(), volume, maskPort.name(), m);
                mask = VolumeInputs.mask(m, maskPort.name());
            }
        }
        return new DceData(series, frames, voxels, grid, first.geometry(), mask);
    }

    /** A 3-D map on the series' grid. */
    Volume<FloatType> map(float[] values, PhysicalUnit unit) {
        return VolumeArrays.volume(values, grid, geometry, unit);
    }

    /** Refuses an AIF that does not cover the series, naming the port. */
    void requireCoverage(ArterialInputFunction aif, Port<ArterialInputFunction> aifPort) throws OperatorException {
        try {
            KineticFit.checkCoverage(series.frameTimes(), aif);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badInput("input '" + aifPort.name() + "': " + e.getMessage(), e);
        }
    }
}
