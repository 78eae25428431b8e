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
package org.ferrum.registration.ops;

import java.nio.file.Path;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PathInputs;
import org.ferrum.pipeline.api.Port;
import org.ferrum.registration.ItkTransformFile;
import org.ferrum.registration.RegistrationPorts;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/** Operator {@code registration.read}: an ITK text transform file ({@link ItkTransformFile}) as a transform. */
@ServiceProvider(service = Operator.class)
public final class ReadTransformOperator implements Operator {

    public static final Parameter<String> PATH = Parameter.path(
            "path", "", "An ITK text transform file (.tfm, .txt: ITK, ANTs, 3D Slicer), fixed → moving, mm LPS");
    public static final Port<SpatialTransform> TRANSFORM =
            Port.output("transform", RegistrationPorts.TRANSFORM, "The transform the file holds (fixed → moving)");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("registration.read", "1.0")
            .displayName("Read ITK transform")
            .category("Registration")
            .description("Reads an ITK text transform (affine, Euler, versor rigid, similarity, translation, identity"
                    + " or a composite of them) as written by ITK, ANTs, 3D Slicer and Ferrum.")
            .parameter(PATH)
            .output(TRANSFORM)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path path = context.path(PATH);
        SpatialTransform transform = PathInputs.read(context, PATH, ItkTransformFile::read);
        context.log("read " + path + ": " + transform.describe());
        context.output(TRANSFORM, transform);
        context.progress(1, "read " + path.getFileName());
    }
}
