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

import org.ferrum.pipeline.api.PortType;
import org.ferrum.relaxometry.t1.VfaSeries;

/** Port types of the T1 operators. */
public final class T1Ports {

    /** A variable-flip-angle SPGR series: 4-D signal, flip angles (deg), TR (s), field strength (T). */
    public static final PortType<VfaSeries> VFA = PortType.of("vfa-series", "VFA series", VfaSeries.class);

    private T1Ports() {}
}
