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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.Geometry;
import org.ferrum.pipeline.api.OutputFormat;
import org.ferrum.registration.CompositeTransform;
import org.ferrum.registration.DisplacementFieldNifti;
import org.ferrum.registration.DisplacementFieldTransform;
import org.ferrum.registration.ItkTransformFile;
import org.ferrum.registration.SpatialTransform;
import org.openide.util.lookup.ServiceProvider;

/**
 * Saves a transform that holds a displacement field.
 * <ul>
 * <li>A field alone: {@code NAME_warp.nii.gz} (ITK/ANTs layout, see {@link DisplacementFieldNifti}).</li>
 * <li>A field followed by another transform ({@link CompositeTransform} whose last part is the field, e.g. the affine the deformable stage started
 *     from): {@code NAME_warp.nii.gz} (the field part alone), {@code NAME_composite_warp.nii.gz} (the whole transform
 *     collapsed into one displacement field on the field's grid, u(p) = T(p) − p: what any tool, and
 *     {@code registration.read.field}, applies as the full fixed → moving map inside that grid) and
 *     {@code NAME_transform.json}, which states the order: the field first, then the linear part, described by
 *     its {@code describe()} text ({@code "file": null}: its ITK {@code .tfm} is the linear stage's to write, once the
 *     two stages share one composite transform).</li>
 * </ul>
 */
@ServiceProvider(service = OutputFormat.class)
public final class DisplacementFieldOutputFormat implements OutputFormat {

    @Override
    public boolean writes(Object value) {
        return value instanceof DisplacementFieldTransform || fieldThenLinear(value) != null;
    }

    /** A composite whose last part (applied first) is a displacement field and whose other parts ITK text writes. */
    private static CompositeTransform fieldThenLinear(Object value) {
        if (value instanceof CompositeTransform c
                && c.queue().size() >= 2
                && c.queue().get(c.queue().size() - 1) instanceof DisplacementFieldTransform
                && ItkTransformFile.writes(linearPart(c))) {
            return c;
        }
        return null;
    }

    /** The parts applied after the field (queue without its last part). */
    private static SpatialTransform linearPart(CompositeTransform c) {
        return CompositeTransform.ofQueue(c.queue().subList(0, c.queue().size() - 1));
    }

    private static DisplacementFieldTransform field(CompositeTransform c) {
        return (DisplacementFieldTransform) c.queue().get(c.queue().size() - 1);
    }

    @Override
    public String write(String name, Object value, Path folder) throws IOException {
        if (value instanceof DisplacementFieldTransform field) {
            String file = name + "_warp.nii.gz";
            DisplacementFieldNifti.write(field, folder.resolve(file));
            return file;
        }
        CompositeTransform c = fieldThenLinear(value);
        String warp = name + "_warp.nii.gz", composite = name + "_composite_warp.nii.gz", affine = name + "_affine.tfm";
        DisplacementFieldNifti.write(field(c), folder.resolve(warp));
        ItkTransformFile.write(linearPart(c), folder.resolve(affine));
        DisplacementFieldNifti.write(collapsed(c), folder.resolve(composite));
        String json = "{\n"
                + "  \"convention\": \"ITK: each transform maps a fixed-space point to a moving-space point, mm LPS\",\n"
                + "  \"apply_to_fixed_point_in_order\": [\n"
                + "    {\"type\": \"displacement_field\", \"file\": \"" + warp + "\"},\n"
                + "    {\"type\": \"linear\", \"file\": \"" + affine + "\", \"description\": \""
                + linearPart(c).describe().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n"
                + "  ],\n"
                + "  \"equivalent_single_field\": \"" + composite + "\"\n"
                + "}\n";
        Files.writeString(folder.resolve(name + "_transform.json"), json, StandardCharsets.UTF_8);
        return composite;
    }

    /** The whole composition as one displacement field on the field's grid: u(p) = T(p) − p at every voxel centre. */
    static DisplacementFieldTransform collapsed(CompositeTransform c) {
        Geometry g = field(c).geometry();
        int[] d = field(c).dimensions();
        int n = d[0] * d[1] * d[2];
        float[] ux = new float[n], uy = new float[n], uz = new float[n];
        double[] q = new double[3];
        for (int k = 0, e = 0; k < d[2]; k++) {
            for (int j = 0; j < d[1]; j++) {
                for (int i = 0; i < d[0]; i++, e++) {
                    double[] p = g.toPatient(i, j, k);
                    c.apply(p, q);
                    ux[e] = (float) (q[0] - p[0]);
                    uy[e] = (float) (q[1] - p[1]);
                    uz[e] = (float) (q[2] - p[2]);
                }
            }
        }
        return DisplacementFieldTransform.ofMillimetres(g, d, ux, uy, uz);
    }
}
