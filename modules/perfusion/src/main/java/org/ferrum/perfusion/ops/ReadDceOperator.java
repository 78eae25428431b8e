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

import java.nio.file.Path;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.io.DceSeriesReader;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PathInputs;
import org.ferrum.pipeline.api.Port;
import org.openide.util.lookup.ServiceProvider;

/** Reads a DCE series ({@link DceSeriesReader}): a 4-D NIfTI with its JSON sidecar, or a DICOM folder. */
@ServiceProvider(service = Operator.class)
public final class ReadDceOperator implements Operator {

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            null,
            "A 4-D NIfTI whose JSON sidecar gives RepetitionTime (s), FlipAngle (deg), FrameTimesStart (s, one per"
                    + " volume) and MagneticFieldStrength (T), or a DICOM folder holding one dynamic series");
    public static final Port<DynamicSeries> DCE = Port.output(
            "dce", PerfusionPorts.DYNAMIC_SERIES, "The dynamic series: signal (a.u.), frame times, TR, flip angle, B0");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("perfusion.read.dce", "1.0")
            .displayName("Read DCE series")
            .category("Perfusion")
            .description("Reads a dynamic contrast-enhanced SPGR series with its frame times, TR, flip angle and field"
                    + " strength, from a 4-D NIfTI + BIDS sidecar or from a DICOM folder.")
            .parameter(PATH)
            .output(DCE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path path = context.path(PATH);
        DynamicSeries series =
                PathInputs.read(context, PATH, p -> DceSeriesReader.read(p, context::warn, context.cancellation()));
        context.checkCancelled();
        context.log("read " + path + ": " + series);
        context.output(DCE, series);
        context.progress(1, "read " + path.getFileName());
    }
}
