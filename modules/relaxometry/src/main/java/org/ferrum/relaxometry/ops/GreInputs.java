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

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.SharedGrid;
import org.ferrum.pipeline.api.VolumeInputs;

/** The inputs the relaxometry operators share: a multi-echo GRE and an optional mask on its grid. */
final class GreInputs {

    private GreInputs() {}

    /** The optional mask input on the GRE's grid (checked: same space, not empty), or null when it is not connected. */
    static boolean[] optionalMask(
            OperatorContext context, Port<MultiEchoGre> grePort, MultiEchoGre gre, Port<Volume<FloatType>> maskPort)
            throws OperatorException {
        Optional<Volume<FloatType>> mask = context.optionalInput(maskPort);
        if (mask.isEmpty()) {
            return null;
        }
        SharedGrid.requireSameSpace(grePort.name(), gre.magnitude(), maskPort.name(), mask.get());
        return VolumeInputs.mask(mask.get(), maskPort.name());
    }
}
