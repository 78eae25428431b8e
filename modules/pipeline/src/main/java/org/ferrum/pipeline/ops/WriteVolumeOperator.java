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

import java.nio.file.Path;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Writes a volume to a file whose format follows from its name ({@code .nii}, {@code .nii.gz}), with
 * its unit recorded in the header ({@link VolumeFiles#write(Volume, Path)}). Missing folders are
 * created. No outputs: the executor runs writers every time.
 */
@ServiceProvider(service = Operator.class)
public final class WriteVolumeOperator implements Operator {

    static final String ID = "io.write.volume";

    public static final Port<Volume<FloatType>> VOLUME =
            Port.required("volume", PortTypes.VOLUME, "The volume to write");
    public static final Parameter<String> PATH = Parameter.path(
            "path", null, "Target file, .nii or .nii.gz; relative paths are relative to the pipeline file");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Write volume")
            .category(Categories.INPUT_OUTPUT)
            .description(
                    "Writes a volume as NIfTI (.nii or .nii.gz, chosen by the file name), float32 with its unit in the header.")
            .input(VOLUME)
            .parameter(PATH)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Volume<FloatType> volume = context.input(VOLUME);
        FileWriting.write(
                context,
                PATH,
                file -> VolumeFiles.write(volume, file),
                SharedGrid.size(volume) + " in " + volume.unit().symbol());
    }
}
