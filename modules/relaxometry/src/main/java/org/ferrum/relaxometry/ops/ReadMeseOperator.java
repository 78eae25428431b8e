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

import java.nio.file.Path;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PathInputs;
import org.ferrum.pipeline.api.Port;
import org.ferrum.relaxometry.t2.MeseFiles;
import org.ferrum.relaxometry.t2.MultiEchoSpinEcho;
import org.openide.util.lookup.ServiceProvider;

/** Reads a multi-echo spin-echo series ({@link MeseFiles}): BIDS-style NIfTI with sidecars, or a DICOM folder. */
@ServiceProvider(service = Operator.class)
public final class ReadMeseOperator implements Operator {

    static final String ID = "relax.read.mese";

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            null,
            "A 4-D *_MESE.nii[.gz] (sidecar EchoTime: list in s), one of the per-echo files *_echo-N_MESE.nii[.gz]"
                    + " or their folder, or a DICOM folder with one multi-echo series");
    public static final Port<MultiEchoSpinEcho> MESE = Port.output(
            "mese", T2Ports.MESE_TYPE, "Magnitude per echo (a.u.) with echo times (s) and field strength (T)");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read multi-echo spin echo")
            .category("Input and output")
            .description("Reads a multi-echo spin-echo (CPMG) series for T2 mapping: a BIDS-style 4-D *_MESE.nii[.gz]"
                    + " whose JSON sidecar lists EchoTime in s, per-echo files *_echo-N_MESE.nii[.gz] with one EchoTime"
                    + " each, or a DICOM folder (EchoTime (0018,0081), MagneticFieldStrength (0018,0087)).")
            .parameter(PATH)
            .output(MESE)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path path = context.path(PATH);
        MultiEchoSpinEcho mese = PathInputs.read(context, PATH, p -> MeseFiles.read(p, context.cancellation()));
        context.checkCancelled();
        context.log("read " + path + ": " + mese);
        context.output(MESE, mese);
        context.progress(1, "read " + path.getFileName());
    }
}
