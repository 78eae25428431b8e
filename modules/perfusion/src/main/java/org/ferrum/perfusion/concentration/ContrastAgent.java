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
package org.ferrum.perfusion.concentration;

import java.util.Locale;
import java.util.Optional;

/** Gadolinium-based contrast agents with published T1 relaxivities ({@link Relaxivities}). */
public enum ContrastAgent {
    /** Gd-HP-DO3A (ProHance), macrocyclic, extracellular. */
    GADOTERIDOL("gadoteridol"),
    /** Gd-DO3A-butrol (Gadovist, Gadavist), macrocyclic, extracellular. */
    GADOBUTROL("gadobutrol"),
    /** Gd-DOTA (Dotarem, Clariscan), macrocyclic, extracellular. */
    GADOTERATE("gadoterate"),
    /** Gd-BOPTA (MultiHance), linear, weak protein binding. */
    GADOBENATE("gadobenate"),
    /** Gd-DTPA (Magnevist), linear, extracellular. */
    GADOPENTETATE("gadopentetate");

    private final String id;

    ContrastAgent(String id) {
        this.id = id;
    }

    /** The generic name in lower case, as pipeline parameters spell it (e.g. {@code "gadobutrol"}). */
    public String id() {
        return id;
    }

    /** The agent of a generic name (case-insensitive), if known. */
    public static Optional<ContrastAgent> of(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (ContrastAgent a : values()) {
            if (a.id.equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
