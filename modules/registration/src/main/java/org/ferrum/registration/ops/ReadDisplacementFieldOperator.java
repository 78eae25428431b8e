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

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PathInputs;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.registration.DisplacementFieldNifti;
import org.ferrum.registration.DisplacementFieldTransform;
import org.ferrum.registration.RegistrationPorts;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/** {@code registration.read.field}: a NIfTI displacement field (ITK/ANTs {@code *Warp.nii.gz}) as a transform. */
@ServiceProvider(service = Operator.class)
public final class ReadDisplacementFieldOperator implements Operator {

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            "",
            "NIfTI displacement field: dim x, y, z, 1, 3, intent 1007 (vectors in mm LPS, as ITK/ANTs write them) or "
                    + "1006 (RAS, converted)");
    public static final Port<SpatialTransform> TRANSFORM = Port.output(
            "transform",
            RegistrationPorts.TRANSFORM,
            "p ↦ p + u(p), fixed → moving, mm LPS (identity outside the field's grid)");
    public static final Port<Volume<FloatType>> FIELD = Port.output(
                    "field", PortTypes.VOLUME, "The displacement field as read (4-D: x, y, z, component; mm LPS)")
            .in(PhysicalUnit.MILLIMETRE);

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder("registration.read.field", "1.0")
            .displayName("Read displacement field (NIfTI)")
            .category("Registration")
            .description("Reads a displacement field written by ANTs, ITK, 3D Slicer or Ferrum as a transform.")
            .parameter(PATH)
            .output(TRANSFORM)
            .output(FIELD)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        DisplacementFieldTransform field = PathInputs.read(context, PATH, DisplacementFieldNifti::read);
        if (field.foldedFraction() > 0) {
            context.warn(String.format(
                    java.util.Locale.ROOT,
                    "parameter 'path': the field folds in %.3g %% of voxels (min Jacobian determinant %.3f); it has "
                            + "no inverse",
                    100 * field.foldedFraction(),
                    field.minJacobianDeterminant()));
        }
        context.output(TRANSFORM, field);
        context.output(FIELD, DisplacementFieldNifti.volume(field));
        context.progress(1, "read " + field.describe());
    }
}
