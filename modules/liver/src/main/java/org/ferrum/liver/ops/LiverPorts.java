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
package org.ferrum.liver.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.Quantities;

/** Ports the liver-iron operators share, declared once. */
final class LiverPorts {

    /** The LIC map the two LIC operators write. */
    static final Port<Volume<FloatType>> LIC = Port.output(
                    "lic", PortTypes.VOLUME, "Liver iron concentration in mg Fe/g dry weight")
            .of(Quantities.LIVER_IRON, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);

    private LiverPorts() {}
}
