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

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;

/**
 * What the phase operators (unwrapping, echo combination) read from a multi-echo GRE input and how they hand
 * back a GRE with new phase: per-echo arrays, the optional mask on the same grid, and the checks with their
 * user-facing messages (no phase, NaN phase).
 */
final class GrePhaseInputs {

    static final String GRE = "gre";
    static final String MASK = "mask";

    /** The multi-echo GRE whose phase is read; each operator says which phase it expects. */
    static Port<MultiEchoGre> gre(String description) {
        return Port.required(GRE, PortTypes.MULTI_ECHO_GRE, description);
    }

    /** The same acquisition and magnitude with the operator's new phase. */
    static final Port<MultiEchoGre> GRE_OUT =
            Port.output(GRE, PortTypes.MULTI_ECHO_GRE, "The same acquisition and magnitude with unwrapped phase");

    private GrePhaseInputs() {}

    /** The phase of every echo, rad; bad input if the acquisition has no phase. */
    static float[][] phase(MultiEchoGre gre) throws OperatorException {
        Optional<Volume<FloatType>> phase = gre.phase();
        if (phase.isEmpty()) {
            throw OperatorException.badInput(
                    "input '" + GRE + "' holds magnitude only (no phase); phase unwrapping and echo"
                            + " combination need the phase images (load the part-phase series or the phase DICOMs with it)");
        }
        return frames(phase.get(), gre.echoCount());
    }

    /** The magnitude of every echo. */
    static float[][] magnitude(MultiEchoGre gre) {
        return frames(gre.magnitude(), gre.echoCount());
    }

    private static float[][] frames(Volume<FloatType> v, int echoes) {
        float[][] out = new float[echoes][];
        for (int e = 0; e < echoes; e++) {
            out[e] = VolumeArrays.frame(v, e);
        }
        return out;
    }

    /** The optional mask input, checked to lie on the GRE's grid. */
    static Optional<boolean[]> mask(OperatorContext context, Port<Volume<FloatType>> port, MultiEchoGre gre)
            throws OperatorException {
        Optional<Volume<FloatType>> mask = context.optionalInput(port);
        if (mask.isEmpty()) {
            return Optional.empty();
        }
        SharedGrid.requireSameSpace(GRE, gre.magnitude(), port.name(), mask.get());
        return Optional.of(VolumeInputs.mask(mask.get(), port.name()));
    }

    /** Number of non-finite phase voxels (over all echoes) inside the mask (everywhere if null). */
    static long nonFinite(float[][] phase, boolean[] mask) {
        long count = 0;
        for (float[] frame : phase) {
            for (int v = 0; v < frame.length; v++) {
                if ((mask == null || mask[v]) && !Float.isFinite(frame[v])) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Bad input naming the count of NaN/infinite phase voxels, if there are any inside the mask. */
    static void requireFinite(float[][] phase, boolean[] mask, String where) throws OperatorException {
        long bad = nonFinite(phase, mask);
        if (bad > 0) {
            throw OperatorException.badInput("input '" + GRE + "' has " + bad + " NaN or infinite phase voxel(s) "
                    + where + " (counted over all echoes); mask them out (input '" + MASK + "') or fix the phase");
        }
    }

    /**
     * Logs a warning when the phase inside the mask spans far less than a turn: wrapped phase in radians spans
     * about 2π, so this usually means phase in other units or scaled by a stray NIfTI scl_slope.
     */
    static void warnIfNotRadians(OperatorContext context, float[][] phase, boolean[] mask) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float[] frame : phase) {
            for (int v = 0; v < frame.length; v++) {
                if ((mask == null || mask[v]) && Float.isFinite(frame[v])) {
                    min = Math.min(min, frame[v]);
                    max = Math.max(max, frame[v]);
                }
            }
        }
        if (max - min < 0.5) {
            context.warn(String.format(
                    java.util.Locale.ROOT,
                    "the phase spans only [%.4g, %.4g] rad; wrapped phase in"
                            + " radians spans about [−π, π). Is it scaled (e.g. a NIfTI scl_slope) or in other units?",
                    min,
                    max));
        }
    }

    /** A 4-D phase volume (echoes last) on the GRE's grid, or 3-D if the GRE's magnitude is 3-D. */
    static Volume<FloatType> phaseVolume(MultiEchoGre gre, float[][] phase) {
        VoxelGrid grid = VoxelGrid.of(gre.magnitude());
        if (gre.magnitude().numDimensions() == 3) {
            return VolumeArrays.volume(phase[0], grid, gre.magnitude().geometry(), PhysicalUnit.RADIAN);
        }
        return VolumeArrays.frames(phase, grid, gre.magnitude().geometry(), PhysicalUnit.RADIAN);
    }

    /** The same magnitude and acquisition with new phase. */
    static MultiEchoGre withPhase(MultiEchoGre gre, Volume<FloatType> phase) {
        return new MultiEchoGre(gre.magnitude(), phase, gre.acquisition());
    }
}
