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
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.relaxometry.t2.MonoExponentialT2Fit;
import org.ferrum.relaxometry.t2.MonoExponentialT2Fit.Params;
import org.openide.util.lookup.ServiceProvider;

/** Mono-exponential T2 maps of a multi-echo spin echo ({@link MonoExponentialT2Fit} on every voxel). */
@ServiceProvider(service = Operator.class)
public final class T2MonoOperator implements Operator {

    static final String ID = "relax.t2.mono";
    private static final Params DEFAULTS = Params.DEFAULTS;

    public static final Parameter<Boolean> NOISE_FLOOR = T2Ports.noiseFloor(DEFAULTS.noiseFloor());
    public static final Parameter<Double> NOISE_SIGMA = T2Ports.noiseSigma(DEFAULTS.noiseSigma());
    public static final Parameter<Long> FIRST_ECHO = T2Ports.firstEcho(
            DEFAULTS.firstEcho(),
            "the default 2 skips echo 1, which lacks the stimulated echoes of the later ones when refocusing is imperfect");
    public static final Parameter<Double> T2_MIN = T2Ports.t2Min(DEFAULTS.t2MinMs());
    public static final Parameter<Double> T2_MAX = T2Ports.t2Max(DEFAULTS.t2MaxMs());

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("T2 mapping (mono-exponential)")
            .category("Relaxometry")
            .description("Fits S(TE) = M0·e^{−TE/T2} (optionally through the Rician noise floor √(S² + 2σ²)) to the"
                    + " echoes of a multi-echo spin echo from first_echo on, by bounded Levenberg–Marquardt. Biased"
                    + " (T2 too long) where refocusing is imperfect (B1 ≠ 1): use relax.t2.epg there.")
            .inputs(List.of(T2Ports.MESE, T2Ports.MASK))
            .parameters(List.of(NOISE_FLOOR, NOISE_SIGMA, FIRST_ECHO, T2_MIN, T2_MAX))
            .output(T2Ports.T2)
            .output(T2Ports.M0)
            .output(T2Ports.STATUS)
            .output(T2Ports.QUALITY)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The node's settings as the algorithm's record. */
    static Params params(OperatorContext context) {
        return new Params(
                context.get(FIRST_ECHO).intValue(),
                context.get(NOISE_FLOOR),
                context.get(NOISE_SIGMA),
                context.get(T2_MIN),
                context.get(T2_MAX));
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        T2Run run = T2Run.read(context);
        if (context.get(T2_MIN) >= context.get(T2_MAX)) {
            throw OperatorException.badInput("parameters '" + T2_MIN.name() + "' = " + context.get(T2_MIN) + " ms and '"
                    + T2_MAX.name() + "' = " + context.get(T2_MAX) + " ms: the minimum must be below the maximum");
        }
        Params p = params(context);
        run.requireEchoes(FIRST_ECHO, p.firstEcho(), 2, "mono-exponential");
        context.progress(0.05, "checking echoes and noise");
        double sigma = run.noiseSigma(context, p.noiseFloor(), p.noiseSigma(), NOISE_SIGMA);
        double[] te = run.echoTimes;
        run.fitAndWrite(
                context,
                () -> new MonoExponentialT2Fit(te, p, sigma),
                "mono-exponential from echo " + p.firstEcho() + (p.noiseFloor() ? " + noise floor" : ""));
        context.progress(1, "done");
    }
}
