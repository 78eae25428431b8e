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

import java.util.Objects;

/**
 * A published longitudinal relaxivity r1 of a contrast agent: ΔR1 = r1 · C.
 *
 * @param agent the contrast agent
 * @param medium where it was measured (plasma or whole blood, 37 °C)
 * @param fieldStrength B0 in tesla
 * @param r1 relaxivity in 1/s/mM (L mmol⁻¹ s⁻¹)
 * @param source the publication (authors, journal, year) or "user value", and for interpolated values how they were
 *     obtained
 */
public record Relaxivity(ContrastAgent agent, Medium medium, double fieldStrength, double r1, String source) {

    /** Where a relaxivity was measured. */
    public enum Medium {
        PLASMA,
        BLOOD
    }

    public Relaxivity {
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(source, "source");
        if (!(r1 > 0) || !Double.isFinite(r1)) {
            throw new IllegalArgumentException("relaxivity must be positive and finite, got " + r1);
        }
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "r1 %.3g /s/mM (%s, %s, %.3g T; %s)",
                r1,
                agent == null ? "agent not given" : agent.id(),
                medium.name().toLowerCase(java.util.Locale.ROOT),
                fieldStrength,
                source);
    }
}
