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
package org.ferrum.pipeline.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * The magnitude image of one echo of a multi-echo GRE series, as a 3-D volume in arbitrary units: the
 * bridge from GRE data to the volume operators (thresholds, statistics).
 */
@ServiceProvider(service = Operator.class)
public final class GreMagnitudeOperator implements Operator {

    static final String ID = "gre.magnitude";

    public static final Port<MultiEchoGre> GRE =
            Port.required("gre", PortTypes.MULTI_ECHO_GRE, "The multi-echo GRE series");
    public static final Parameter<Long> ECHO =
            Parameter.integer("echo", 1, 1L, null, "Echo number, 1 for the first echo");
    public static final Port<Volume<FloatType>> MAGNITUDE =
            Port.output("magnitude", PortTypes.VOLUME, "Magnitude of that echo in arbitrary units (3-D)");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("GRE magnitude of one echo")
            .category(Categories.VOLUME)
            .description("The magnitude image of one echo (1 = first) of a multi-echo GRE series, as a 3-D volume.")
            .input(GRE)
            .parameter(ECHO)
            .output(MAGNITUDE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        MultiEchoGre gre = context.input(GRE);
        long echo = context.get(ECHO);
        if (echo > gre.echoCount()) {
            throw OperatorException.badInput("parameter 'echo' = " + echo + ", but the GRE series on input 'gre' has "
                    + gre.echoCount() + (gre.echoCount() == 1 ? " echo" : " echoes"));
        }
        int e = (int) echo - 1;
        context.progress(0, "copying echo " + echo);
        Volume<FloatType> magnitude = Volumes.copyFloat(gre.magnitude().frame(e));
        context.log("echo " + echo + ": TE = " + gre.acquisition().echoTimes().seconds(e) * 1e3 + " ms");
        context.output(MAGNITUDE, magnitude);
        context.progress(1, "echo " + echo);
    }
}
