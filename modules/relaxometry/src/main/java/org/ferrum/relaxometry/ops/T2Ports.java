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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortType;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.relaxometry.t2.MultiEchoSpinEcho;

/**
 * The port type of multi-echo spin-echo data and the ports and parameters the T2 operators ({@code relax.t2.mono},
 * {@code relax.t2.epg}) share, declared once.
 */
public final class T2Ports {

    /** A multi-echo spin-echo series: 4-D magnitude (a.u., echoes last), echo times (s) and field strength (T). */
    public static final PortType<MultiEchoSpinEcho> MESE_TYPE =
            PortType.of("multi-echo-spin-echo", "Multi-echo spin echo", MultiEchoSpinEcho.class);

    public static final Port<MultiEchoSpinEcho> MESE =
            Port.required("mese", MESE_TYPE, "Multi-echo spin echo (CPMG): magnitude per echo with echo times");
    public static final Port<Volume<FloatType>> MASK = Port.optional(
                    "mask", PortTypes.MASK, "Voxels to fit (maps are 0 and status 4 elsewhere); default all")
            .in(PhysicalUnit.DIMENSIONLESS);

    public static final Port<Volume<FloatType>> T2 = Port.output(
                    "t2", PortTypes.VOLUME, "T2, ms (NaN where the fit is not usable: see status)")
            .of(Quantities.T2, PhysicalUnit.MILLISECOND);
    public static final Port<Volume<FloatType>> M0 = Port.output(
                    "m0", PortTypes.VOLUME, "M0: the fitted signal at TE = 0, the magnitude's unit")
            .of(Quantities.M0, PhysicalUnit.ARBITRARY);
    public static final Port<Volume<FloatType>> STATUS = Port.output(
                    "status", PortTypes.VOLUME, "Fit status per voxel: " + FitStatus.legend())
            .of(Quantities.FIT_STATUS, PhysicalUnit.DIMENSIONLESS);
    public static final Port<Volume<FloatType>> QUALITY = Port.output(
                    "quality",
                    PortTypes.VOLUME,
                    "RMS residual of the fitted echoes as % of M0 (≈ 100/SNR for a right model; larger: model failure)")
            .of(Quantities.FIT_QUALITY, PhysicalUnit.PERCENT);

    /** The noise-floor flag; both fits default to modelling it. */
    static Parameter<Boolean> noiseFloor(boolean defaultValue) {
        return Parameter.flag(
                "noise_floor",
                defaultValue,
                "Fit √(S² + 2σ²) (the Rician noise floor) so that echoes at the noise level do not flatten the decay");
    }

    /** σ per channel; 0 asks for the background estimate. */
    static Parameter<Double> noiseSigma(double defaultValue) {
        return Parameter.number(
                "noise_sigma",
                defaultValue,
                0.0,
                null,
                PhysicalUnit.ARBITRARY,
                "Noise SD per channel in the magnitude's units; 0 = estimate it from the darkest corner of the first"
                        + " echo outside the mask (σ = mean/√(π/2))");
    }

    static Parameter<Long> firstEcho(int defaultValue, String why) {
        return Parameter.integer("first_echo", defaultValue, 1L, 1000L, "First echo fitted (1-based); " + why);
    }

    static Parameter<Double> t2Min(double defaultValue) {
        return Parameter.number(
                "t2_min", defaultValue, 0.01, 100000.0, PhysicalUnit.MILLISECOND, "Lower bound of the fitted T2");
    }

    static Parameter<Double> t2Max(double defaultValue) {
        return Parameter.number(
                "t2_max", defaultValue, 0.01, 100000.0, PhysicalUnit.MILLISECOND, "Upper bound of the fitted T2");
    }

    private T2Ports() {}
}
