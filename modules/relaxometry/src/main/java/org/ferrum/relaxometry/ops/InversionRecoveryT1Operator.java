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
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
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
import org.ferrum.relaxometry.t1.InversionRecoveryFit;
import org.openide.util.lookup.ServiceProvider;

/** T1 from magnitude inversion recovery: {@link InversionRecoveryFit} (RD-NLS with polarity restoration). */
@ServiceProvider(service = Operator.class)
public final class InversionRecoveryT1Operator implements Operator {

    static final String ID = "relax.t1.ir";

    public static final Port<Volume<FloatType>> IR = Port.required(
            "ir", PortTypes.VOLUME, "Magnitude inversion-recovery images, 4-D: one frame per inversion time");
    public static final Port<Volume<FloatType>> MASK =
            Port.optional("mask", PortTypes.MASK, "Voxels to fit (outputs 0, status 4 elsewhere); default all");
    public static final Parameter<String> INVERSION_TIMES = Parameter.text(
            "inversion_times",
            "",
            "The TI of each frame in order, comma- or space-separated, in s (all values > 10 are read as ms)");
    public static final Parameter<Double> T1_MIN =
            Parameter.number("t1_min", 0.005, 1e-4, 100.0, PhysicalUnit.SECOND, "Smallest T1 (status 2 at it)");
    public static final Parameter<Double> T1_MAX =
            Parameter.number("t1_max", 10.0, 1e-3, 1000.0, PhysicalUnit.SECOND, "Largest T1 (status 2 at it)");

    public static final Port<Volume<FloatType>> T1 =
            Port.output("t1", PortTypes.VOLUME, "T1, s").of(Quantities.T1, PhysicalUnit.SECOND);
    public static final Port<Volume<FloatType>> M0 = Port.output(
                    "m0", PortTypes.VOLUME, "a of a + b·e^{−TI/T1}: the fully recovered signal (≈ M0 at long TR), a.u.")
            .of(Quantities.M0, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> RMS = Port.output(
                    "rms", PortTypes.VOLUME, "RMS residual, % of the voxel's largest magnitude")
            .of(Quantities.FIT_QUALITY, PhysicalUnit.PERCENT);
    public static final Port<Volume<FloatType>> STATUS = Port.output(
                    "status",
                    PortTypes.VOLUME,
                    "Fit status: " + FitStatus.legend() + " (2 also marks T1 at t1_min/t1_max); T1 NaN at 1 and 3")
            .of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("T1 mapping (inversion recovery)")
            .category("Relaxometry")
            .description("Fits S(TI) = |a + b·e^{−TI/T1}| to magnitude inversion-recovery images by reduced-dimension"
                    + " nonlinear least squares with polarity restoration (Barral et al., MRM 2010;64:1057).")
            .inputs(List.of(IR, MASK))
            .parameters(List.of(INVERSION_TIMES, T1_MIN, T1_MAX))
            .output(T1)
            .output(M0)
            .output(RMS)
            .output(STATUS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> ir = context.input(IR);
        double[] ti = inversionTimes(context, ir.frames());
        double t1Min = context.get(T1_MIN);
        double t1Max = context.get(T1_MAX);
        if (!(t1Min < t1Max)) {
            throw OperatorException.badInput("parameters '" + T1_MIN.name() + "' and '" + T1_MAX.name()
                    + "': the minimum must be below the maximum");
        }
        boolean[] mask = null;
        Optional<Volume<FloatType>> m = context.optionalInput(MASK);
        if (m.isPresent()) {
            SharedGrid.requireSameSpace(IR.name(), ir, MASK.name(), m.get());
            mask = VolumeInputs.mask(m.get(), MASK.name());
        }
        VoxelGrid grid = VoxelGrid.of(ir);
        float[][] frames = new float[ti.length][];
        for (int i = 0; i < ti.length; i++) {
            frames[i] = VolumeArrays.frame(ir, i);
        }
        context.progress(0.05, "fitting " + ti.length + " inversion times");
        float[][] out = InversionRecoveryFit.map(frames, ti, t1Min, t1Max, mask, context.cancellation());
        int bad = 0;
        for (int v = 0; v < grid.size(); v++) {
            if ((mask == null || mask[v]) && !FitStatus.ofCode((int) out[3][v]).usable()) {
                bad++;
            }
        }
        if (bad > 0) {
            context.warn(bad + " voxel(s) gave no T1 (fit failed or did not converge): NaN in t1, see the status map");
        }
        Geometry g = ir.geometry();
        context.output(T1, VolumeArrays.volume(out[0], grid, g, PhysicalUnit.SECOND));
        context.output(M0, VolumeArrays.volume(out[1], grid, g, PhysicalUnit.ARBITRARY));
        context.output(RMS, VolumeArrays.volume(out[2], grid, g, PhysicalUnit.PERCENT));
        context.output(STATUS, VolumeArrays.volume(out[3], grid, g, PhysicalUnit.DIMENSIONLESS));
        context.progress(1, "done");
    }

    private static double[] inversionTimes(OperatorContext context, int frames) throws OperatorException {
        String text = context.get(INVERSION_TIMES).trim();
        if (text.isEmpty()) {
            throw OperatorException.badInput("parameter '" + INVERSION_TIMES.name()
                    + "' is empty: give the TI of each of the " + frames + " frames of input '" + IR.name() + "'");
        }
        String[] parts = text.split("[,\\s]+");
        double[] ti = new double[parts.length];
        boolean ms = true;
        for (int i = 0; i < parts.length; i++) {
            try {
                ti[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw OperatorException.badInput(
                        "parameter '" + INVERSION_TIMES.name() + "': '" + parts[i] + "' is not a number");
            }
            ms &= ti[i] > 10;
        }
        if (ti.length != frames) {
            throw OperatorException.badInput(String.format(
                    Locale.ROOT,
                    "parameter '%s' gives %d inversion time(s) but input '%s' has %d frame(s)",
                    INVERSION_TIMES.name(),
                    ti.length,
                    IR.name(),
                    frames));
        }
        if (ti.length < 3) {
            throw OperatorException.badInput("parameter '" + INVERSION_TIMES.name() + "' gives " + ti.length
                    + " inversion time(s); the fit of a, b and T1 needs at least 3");
        }
        for (int i = 0; i < ti.length; i++) {
            ti[i] = ms ? ti[i] / 1000 : ti[i];
            if (!(ti[i] >= 0) || (i > 0 && !(ti[i] > ti[i - 1]))) {
                throw OperatorException.badInput("parameter '" + INVERSION_TIMES.name()
                        + "': inversion times must be ≥ 0 and strictly increasing (frames in TI order)");
            }
        }
        context.log("inversion times " + java.util.Arrays.toString(ti) + " s" + (ms ? " (given in ms)" : ""));
        return ti;
    }
}
