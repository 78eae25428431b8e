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

import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.pipeline.api.PortType;

/** The port types of diffusion pipelines, declared once. */
public final class DiffusionPorts {

    /**
     * A diffusion-weighted series: the 4-D volume (a.u., one frame per volume) with the b-value (s/mm²) and LPS
     * gradient direction of every frame ({@link DiffusionDataset}).
     */
    public static final PortType<DiffusionDataset> DWI =
            PortType.of("dwi", "Diffusion-weighted series", DiffusionDataset.class);

    private DiffusionPorts() {}
}
