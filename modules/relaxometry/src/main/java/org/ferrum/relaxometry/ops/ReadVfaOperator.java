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

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.relaxometry.t1.VfaFiles;
import org.ferrum.relaxometry.t1.VfaSeries;
import org.openide.util.lookup.ServiceProvider;

/** Reads a variable-flip-angle series (BIDS NIfTI + sidecars, or a DICOM folder): {@link VfaFiles}. */
@ServiceProvider(service = Operator.class)
public final class ReadVfaOperator implements Operator {

    static final String ID = "relax.read.vfa";

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            null,
            "Folder of BIDS *_flip-<N>_VFA.nii[.gz] images with JSON sidecars (FlipAngle in deg;"
                    + " RepetitionTimeExcitation or RepetitionTime in s; MagneticFieldStrength in T), or a DICOM folder"
                    + " of one SPGR acquisition at several flip angles");
    public static final Parameter<String> GLOB =
            Parameter.text("glob", VfaFiles.DEFAULT_GLOB, "File-name glob selecting the VFA images in a NIfTI folder");
    public static final Port<VfaSeries> VFA = Port.output(
            "vfa", T1Ports.VFA, "The series: one frame per flip angle (ascending), flip angles, TR, field strength");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read VFA series")
            .category("Relaxometry")
            .description("Reads a variable-flip-angle spoiled gradient-echo series for T1 mapping: BIDS-style NIfTI"
                    + " images with sidecars, or a DICOM folder (flip angle (0018,1314), TR (0018,0080), field"
                    + " strength (0018,0087)). All images must share one grid and one TR; at least 2 flip angles.")
            .parameters(List.of(PATH, GLOB))
            .output(VFA)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path folder = context.path(PATH);
        context.progress(0, "reading " + folder);
        VfaSeries series;
        try {
            series = VfaFiles.read(folder, context.get(GLOB), context.cancellation(), context::log);
        } catch (IOException e) {
            throw OperatorException.badInput("parameter '" + PATH.name() + "': " + e.getMessage(), e);
        }
        context.log("VFA series: " + series.describe());
        if (Double.isNaN(series.fieldStrength())) {
            context.warn("no MagneticFieldStrength in " + folder
                    + ": relax.t1.vfa then needs fat_t1 or a fat_mask for the water–fat model");
        }
        context.output(VFA, series);
        context.progress(1, "done");
    }
}
