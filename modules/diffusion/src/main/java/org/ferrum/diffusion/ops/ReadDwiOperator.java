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
package org.ferrum.diffusion.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.diffusion.BValueGroups;
import org.ferrum.io.SeriesFiles;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PathInputs;
import org.ferrum.pipeline.api.Port;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code diffusion.read.dwi}: a diffusion-weighted series from a NIfTI image with its FSL {@code .bval} and
 * {@code .bvec} beside it ({@link DiffusionDataset#read}, as dcm2niix and BIDS write them), or from a DICOM folder
 * holding one diffusion series ({@link SeriesFiles#readDiffusion}: b-values from (0018,9087) or the Siemens, GE and
 * Philips private tags).
 */
@ServiceProvider(service = Operator.class)
public final class ReadDwiOperator implements Operator {

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            null,
            "A NIfTI image (.nii, .nii.gz) with name.bval and name.bvec beside it, or a folder of DICOM files holding"
                    + " one diffusion-weighted series");
    public static final Port<DiffusionDataset> DWI = Port.output(
            "dwi",
            DiffusionPorts.DWI,
            "The series: 4-D volume (a.u.) with the b-value (s/mm²) and LPS gradient direction of every volume");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("diffusion.read.dwi", "1.0")
            .displayName("Read DWI")
            .category("Diffusion")
            .description("Reads a diffusion-weighted series with its b-values and gradient directions: NIfTI with"
                    + " .bval/.bvec beside it, or a DICOM folder.")
            .parameter(PATH)
            .output(DWI)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path path = context.path(PATH);
        DiffusionDataset dwi = PathInputs.read(
                context,
                PATH,
                p -> Files.isDirectory(p)
                        ? SeriesFiles.readDiffusion(p, context.cancellation())
                        : DiffusionDataset.read(p));
        BValueGroups groups = BValueGroups.of(dwi.bValues());
        context.log("read " + path + ": " + dwi.volumes() + " volumes, b = " + groups.describe() + " s/mm²");
        if (!groups.hasBZero()) {
            context.warn(path.getFileName() + " has no b = 0 volume (lowest b = "
                    + BValueGroups.format(groups.bValue(0)) + " s/mm²): IVIM then takes its reference signal at that"
                    + " b and underestimates f");
        }
        context.output(DWI, dwi);
        context.progress(1, "read " + path.getFileName());
    }
}
