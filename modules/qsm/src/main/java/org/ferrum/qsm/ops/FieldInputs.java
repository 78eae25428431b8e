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

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;

/**
 * What the field-based QSM operators (background removal, dipole inversion) need besides the field: the
 * field in ppm whatever unit it came in, and the B0 direction along the voxel axes.
 *
 * <p>Every such operator declares the optional input {@link #GRE_PORT} ({@code gre}): the acquisition it
 * came from, which carries the field strength (to turn Hz into ppm) and the B0 direction. Without it, a
 * field must already be in ppm, and B0 is taken as (0, 0, 1) in patient coordinates (LPS), the scanner's
 * bore axis for a patient lying straight, with a warning in the run log: an oblique acquisition then still
 * gets the right kernel, since the direction is turned into voxel axes through the field's geometry.
 */
public final class FieldInputs {

    /** Name of the optional acquisition input. */
    public static final String GRE_PORT = "gre";

    /** The optional {@code gre} input. */
    public static final Port<MultiEchoGre> GRE = Port.optional(
            GRE_PORT,
            PortTypes.MULTI_ECHO_GRE,
            "The acquisition the field came from: field strength (for a field in Hz) and B0 direction;"
                    + " without it B0 is taken along patient z (0, 0, 1) with a warning");

    private FieldInputs() {}

    /** The optional {@code gre} input port, for descriptors ({@link #GRE}). */
    public static Port<MultiEchoGre> grePort() {
        return GRE;
    }

    /**
     * The field on {@code port} in ppm, as one array: a copy of a ppm volume, or a Hz volume converted with the
     * field strength of the {@code gre} input.
     *
     * @throws OperatorException if the field is 4-D, in another unit, in Hz with no {@code gre} input, or holds NaN
     *                           or infinite values inside {@code mask} (if given)
     */
    public static float[] fieldPpm(OperatorContext context, String port, Volume<FloatType> field, boolean[] mask)
            throws OperatorException {
        return fieldPpm(context.optionalInput(GRE), port, field, mask);
    }

    /** As {@link #fieldPpm(OperatorContext, String, Volume, boolean[])} with the {@code gre} input already read. */
    public static float[] fieldPpm(Optional<MultiEchoGre> gre, String port, Volume<FloatType> field, boolean[] mask)
            throws OperatorException {
        if (field.frames() != 1) {
            throw OperatorException.badInput("input '" + port + "' has " + field.frames()
                    + " frames; give one 3-D field map" + " (combine the echoes first)");
        }
        float[] f = VolumeArrays.frame(field, 0);
        double perUnit = ppmPerUnit(gre, port, field.unit());
        if (perUnit != 1) {
            for (int n = 0; n < f.length; n++) {
                f[n] *= (float) perUnit;
            }
        }
        if (mask != null) {
            for (int n = 0; n < f.length; n++) {
                if (mask[n] && !Float.isFinite(f[n])) {
                    throw OperatorException.badInput("input '" + port + "' holds " + f[n] + " at voxel " + n
                            + " inside the mask; remove NaN/infinite voxels from the mask or fix the field");
                }
            }
        }
        return f;
    }

    /**
     * ppm per unit of a field (or field SD) on {@code port} in {@code unit}: 1 for ppm, 10⁶/(γ̄·B0) for Hz with the
     * field strength of the {@code gre} input.
     *
     * @throws OperatorException for another unit, or Hz with no {@code gre} input
     */
    public static double ppmPerUnit(OperatorContext context, String port, PhysicalUnit unit) throws OperatorException {
        return ppmPerUnit(unit == PhysicalUnit.HERTZ ? context.optionalInput(GRE) : Optional.empty(), port, unit);
    }

    /** As {@link #ppmPerUnit(OperatorContext, String, PhysicalUnit)} with the {@code gre} input already read. */
    public static double ppmPerUnit(Optional<MultiEchoGre> gre, String port, PhysicalUnit unit)
            throws OperatorException {
        if (unit == PhysicalUnit.HERTZ) {
            if (gre.isEmpty()) {
                throw OperatorException.badInput("input '" + port
                        + "' is in Hz; connect input 'gre' (for the field strength)" + " or give the field in ppm");
            }
            return FieldUnits.hertzToPpm(1.0, gre.get().acquisition().fieldStrengthTesla());
        } else if (unit != PhysicalUnit.PPM) {
            throw OperatorException.badInput(unitRefusal(port, unit));
        }
        return 1;
    }

    /**
     * The message for a field in a unit that is neither ppm nor Hz: what is wrong and how to fix it (a file written by
     * another tool records no unit and reads as a.u.; {@code io.read.volume} declares it).
     */
    static String unitRefusal(String port, PhysicalUnit unit) {
        String fix = unit == PhysicalUnit.ARBITRARY
                ? "; if the file holds ppm (or Hz), set unit=ppm (or unit=Hz) on the io.read.volume node that reads it"
                : unit == PhysicalUnit.RADIAN ? "; a phase in rad becomes a field map through qsm.echo.combine" : "";
        return "input '" + port + "' is in " + unit.symbol() + "; a field map must be in ppm or Hz" + fix;
    }

    /**
     * The unit B0 direction along the voxel axes of {@code volume}: the {@code gre} input's, or (0, 0, 1) LPS with a
     * warning in the log when that input is not connected.
     */
    public static double[] b0VoxelAxes(OperatorContext context, Volume<?> volume) {
        return b0VoxelAxes(context, context.optionalInput(GRE), volume);
    }

    /** As {@link #b0VoxelAxes(OperatorContext, Volume)} with the {@code gre} input already read. */
    public static double[] b0VoxelAxes(OperatorContext context, Optional<MultiEchoGre> gre, Volume<?> volume) {
        double[] lps;
        if (gre.isPresent()) {
            lps = gre.get().acquisition().b0DirectionLps();
        } else {
            lps = GreAcquisition.DEFAULT_B0_DIRECTION.clone();
            context.warn("no 'gre' input, so the B0 direction is not known; taking (0, 0, 1) in patient"
                    + " coordinates (LPS), the bore axis for a patient lying straight");
        }
        double[] v = volume.geometry().directionInVoxelAxes(lps);
        context.log(String.format(
                Locale.ROOT,
                "B0 along voxel axes: (%.4f, %.4f, %.4f); from LPS %s",
                v[0],
                v[1],
                v[2],
                Arrays.toString(lps)));
        return v;
    }
}
