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
package org.ferrum.viewer;

import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * A map with the name the viewer shows above it (e.g. "χ", "R2*", "LIC from QSM").
 *
 * @param name   shown to the user
 * @param volume the values, 3-D or 4-D, in the volume's unit
 */
public record NamedVolume(String name, Volume<FloatType> volume) {
    public NamedVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(volume, "volume");
    }
}
