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

import java.io.IOException;
import java.nio.file.Path;
import org.ferrum.pipeline.api.OutputFormat;
import org.ferrum.registration.ItkTransformFile;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/**
 * Saves a linear transform (affine, rigid, or a composite of them) as {@code <name>.tfm}, an ITK text transform file
 * that {@code registration.read}, ITK, ANTs and 3D Slicer read back. Other transforms (displacement fields) are left
 * to their own format.
 */
@ServiceProvider(service = OutputFormat.class)
public final class TransformOutputFormat implements OutputFormat {

    @Override
    public boolean writes(Object value) {
        return value instanceof SpatialTransform t && ItkTransformFile.writes(t);
    }

    @Override
    public String write(String name, Object value, Path folder) throws IOException {
        if (!(value instanceof SpatialTransform t) || !ItkTransformFile.writes(t)) {
            throw new IOException("output '" + name + "': not a linear transform ITK's text format holds: " + value);
        }
        String file = name + ".tfm";
        ItkTransformFile.write(t, folder.resolve(file));
        return file;
    }
}
