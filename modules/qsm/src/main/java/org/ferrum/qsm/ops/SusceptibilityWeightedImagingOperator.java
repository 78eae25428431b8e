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
import org.ferrum.qsm.swi.SusceptibilityWeightedImaging;
import org.openide.util.lookup.ServiceProvider;

/**
 * {@code qsm.swi}: susceptibility-weighted imaging of one echo ({@link SusceptibilityWeightedImaging}, Haacke et al.
 * MRM 2004): homodyne high-pass phase, negative phase mask, magnitude × mask<sup>power</sup>.
 */
@ServiceProvider(service = Operator.class)
public final class SusceptibilityWeightedImagingOperator implements Operator {

    static final String ID = "qsm.swi";

    static final String DIMENSIONS_2D = "2d", DIMENSIONS_3D = "3d";
    static final String NEGATIVE = "negative", POSITIVE = "positive";

    public static final Port<MultiEchoGre> GRE =
            Port.required("gre", PortTypes.MULTI_ECHO_GRE, "Multi-echo GRE with magnitude and phase");
    public static final Parameter<Long> ECHO = Parameter.integer(
            "echo",
            0,
            0L,
            1024L,
            "Echo to use, 1-based; 0 means the" + " last (longest TE, most susceptibility contrast)");
    public static final Parameter<Long> FILTER_SIZE = Parameter.integer(
            "filter_size",
            SusceptibilityWeightedImaging.Params.DEFAULTS.filterSize(),
            1L,
            4096L,
            "Width of the Hann low-pass window in k-space samples per axis (clipped to the matrix); larger removes more"
                    + " phase, veins included");
    public static final Parameter<String> FILTER_DIMENSIONS = Parameter.choice(
            "filter_dimensions",
            SusceptibilityWeightedImaging.Params.DEFAULTS.threeD() ? DIMENSIONS_3D : DIMENSIONS_2D,
            List.of(DIMENSIONS_2D, DIMENSIONS_3D),
            "Filter each slice (2d, as Haacke 2004) or the whole volume (3d)");
    public static final Parameter<Double> POWER = Parameter.number(
            "power",
            SusceptibilityWeightedImaging.Params.DEFAULTS.power(),
            0.0,
            16.0,
            null,
            "Exponent of the phase mask (4: best vein contrast)");
    public static final Parameter<String> PHASE_SIGN = Parameter.choice(
            "phase_sign",
            SusceptibilityWeightedImaging.Params.DEFAULTS.phaseSign() > 0 ? NEGATIVE : POSITIVE,
            List.of(NEGATIVE, POSITIVE),
            "Sign of venous phase in the data: negative for the right-handed convention, positive to flip");
    public static final Port<Volume<FloatType>> SWI =
            Port.output("swi", PortTypes.VOLUME, "SWI: magnitude × phase_mask^power (a.u.)");
    public static final Port<Volume<FloatType>> PHASE_MASK = Port.output(
                    "phase_mask", PortTypes.VOLUME, "Phase mask f in [0, 1] (dimensionless)")
            .in(PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> HIGH_PASS_PHASE = Port.output(
                    "high_pass_phase", PortTypes.VOLUME, "Homodyne high-pass filtered phase (rad)")
            .of(Quantities.PHASE, PhysicalUnit.RADIAN);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Susceptibility-weighted imaging (SWI)")
            .category(QsmCategories.SWI)
            .description(
                    "Haacke et al., MRM 52:612 (2004): the phase of one echo is high-pass filtered by dividing the complex"
                            + " signal by a Hann-windowed low-pass copy (homodyne filter), turned into a mask f = 1 + φ/π for"
                            + " venous (negative) phase, and the magnitude is multiplied by f^power.")
            .input(GRE)
            .parameters(List.of(ECHO, FILTER_SIZE, FILTER_DIMENSIONS, POWER, PHASE_SIGN))
            .output(SWI)
            .output(PHASE_MASK)
            .output(HIGH_PASS_PHASE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The algorithm's settings from the node's parameters. */
    static SusceptibilityWeightedImaging.Params params(OperatorContext context) {
        return new SusceptibilityWeightedImaging.Params(
                (int) Math.min(context.get(FILTER_SIZE), 1 << 20),
                context.get(FILTER_DIMENSIONS).equals(DIMENSIONS_3D),
                context.get(POWER),
                context.get(PHASE_SIGN).equals(NEGATIVE) ? 1 : -1);
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        if (gre.phase().isEmpty()) {
            throw OperatorException.badInput(
                    "input '" + GRE.name() + "' has no phase (magnitude-only data); SWI needs the phase");
        }
        int echoes = gre.echoCount();
        long requested = context.get(ECHO);
        if (requested > echoes) {
            throw OperatorException.badInput("parameter '" + ECHO.name() + "' = " + requested + " but input '"
                    + GRE.name() + "' has " + echoes + " echoes");
        }
        int echo = requested == 0 ? echoes - 1 : (int) requested - 1;
        Volume<FloatType> magnitude = gre.magnitude();
        VoxelGrid grid = VoxelGrid.of(magnitude);
        context.progress(0, "reading echo " + (echo + 1));
        float[] m = VolumeArrays.frame(magnitude, echo);
        float[] p = VolumeArrays.frame(gre.phase().get(), echo);
        requireFinite(m, "magnitude", echo);
        requireFinite(p, "phase", echo);
        long size = context.get(FILTER_SIZE);
        int largest = Math.max(grid.nx(), grid.ny());
        if (size > largest) {
            context.log(FILTER_SIZE.name() + " " + size + " exceeds the matrix (" + grid.nx() + "×" + grid.ny()
                    + "); clipped per axis");
        }
        SusceptibilityWeightedImaging.Params settings = params(context);
        context.progress(0.1, "homodyne filtering and phase mask");
        SusceptibilityWeightedImaging.Result r =
                SusceptibilityWeightedImaging.compute(m, p, grid, settings, context.cancellation());
        int darkened = 0;
        for (float f : r.phaseMask()) {
            darkened += f < 1 ? 1 : 0;
        }
        context.log(String.format(
                Locale.ROOT,
                "echo %d of %d (TE %.2f ms), %s Hann filter of %d samples, power %.3g, %s venous"
                        + " phase: %.1f %% of voxels darkened",
                echo + 1,
                echoes,
                1000 * gre.acquisition().echoTimes().seconds(echo),
                settings.threeD() ? "3-D" : "2-D",
                settings.filterSize(),
                settings.power(),
                context.get(PHASE_SIGN),
                100.0 * darkened / grid.size()));
        context.output(SWI, VolumeArrays.volume(r.swi(), grid, magnitude.geometry(), magnitude.unit()));
        context.output(
                PHASE_MASK, VolumeArrays.volume(r.phaseMask(), grid, magnitude.geometry(), PhysicalUnit.DIMENSIONLESS));
        context.output(
                HIGH_PASS_PHASE,
                VolumeArrays.volume(r.highPassPhase(), grid, magnitude.geometry(), PhysicalUnit.RADIAN));
        context.progress(1, "SWI done");
    }

    private static void requireFinite(float[] values, String what, int echo) throws OperatorException {
        int bad = 0;
        for (float v : values) {
            bad += Float.isFinite(v) ? 0 : 1;
        }
        if (bad > 0) {
            throw OperatorException.badInput("input '" + GRE.name() + "': the " + what + " of echo " + (echo + 1)
                    + " holds " + bad + " NaN or infinite voxels");
        }
    }
}
