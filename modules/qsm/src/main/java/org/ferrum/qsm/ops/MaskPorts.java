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
package org.ferrum.qsm.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;

/**
 * The mask ports of the masking operators, declared one way: a mask output is quantity "mask", dimensionless (0/1, as
 * {@link org.ferrum.core.VolumeArrays#maskVolume} makes it); a mask input takes any mask (masks read from files carry
 * no unit), non-zero meaning inside.
 */
final class MaskPorts {

    static final String MASK = "mask";

    private MaskPorts() {}

    /** The output {@code mask}. */
    static Port<Volume<FloatType>> output(String description) {
        return Port.output(MASK, PortTypes.MASK, description).of(Quantities.MASK, PhysicalUnit.DIMENSIONLESS);
    }
}
