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
package org.ferrum.perfusion.ops;

import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.api.PortType;

/** The port types of DCE pipelines, declared once. */
public final class PerfusionPorts {

    /** A DCE series: 4-D signal (a.u.) or concentration (mM) with frame times, TR, flip angle and field strength. */
    public static final PortType<DynamicSeries> DYNAMIC_SERIES =
            PortType.of("dynamic-series", "Dynamic series", DynamicSeries.class);

    /** An arterial input function C_p(t), plasma, mM. */
    public static final PortType<ArterialInputFunction> AIF =
            PortType.of("aif", "Arterial input function", ArterialInputFunction.class);

    private PerfusionPorts() {}
}
