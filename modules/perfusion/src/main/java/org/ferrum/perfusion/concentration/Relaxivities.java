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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ferrum.perfusion.concentration.Relaxivity.Medium;

/**
 * Published T1 relaxivities, kept as data with their sources, and the rule that picks one for an agent, a medium and a
 * field strength.
 *
 * <p>Sources (all at 37 °C):
 *
 * <ul>
 *   <li>{@link #ROHRER_2005}: Rohrer M, Bauer H, Mintorovitch J, Requardt M, Weinmann HJ. Comparison of magnetic
 *       properties of MRI contrast media solutions at different magnetic field strengths. Invest Radiol
 *       2005;40:715–724 — bovine plasma, 1.5 and 3 T (their 0.47 and 4.7 T values are not kept).
 *   <li>{@link #SZOMOLANYI_2019}: Szomolanyi P, Rohrer M, Frenzel T, et al. Comparison of the relaxivities of
 *       macrocyclic gadolinium-based contrast agents in human plasma at 1.5, 3, and 7 T, and blood at 3 T. Invest
 *       Radiol 2019;54:559–564 — human plasma 1.5/3/7 T and human blood 3 T, macrocyclic agents only.
 *   <li>{@link #SHEN_2015}: Shen Y, Goerner FL, Snyder C, et al. T1 relaxivities of gadolinium-based magnetic
 *       resonance contrast agents in human whole blood at 1.5, 3, and 7 T. Invest Radiol 2015;50:330–338.
 * </ul>
 *
 * <p>Rule ({@link #lookup}): the preferred source of the medium — Rohrer 2005 for plasma (it covers every agent here),
 * Shen 2015 for blood. At a field within 0.05 T of a published one, that value; between two published fields, linear
 * interpolation in B0 between them; outside the published range, the nearest field. The returned {@link Relaxivity}'s
 * source says which, and {@link Choice#note()} is non-empty whenever the value was not published at that field.
 */
public final class Relaxivities {

    public static final String ROHRER_2005 = "Rohrer et al., Invest Radiol 2005;40:715-724";
    public static final String SZOMOLANYI_2019 = "Szomolanyi et al., Invest Radiol 2019;54:559-564";
    public static final String SHEN_2015 = "Shen et al., Invest Radiol 2015;50:330-338";

    /** Field strengths within this many tesla count as the same. */
    public static final double FIELD_TOLERANCE = 0.05;

    private static final List<Relaxivity> TABLE = table();

    private Relaxivities() {}

    /** A relaxivity picked for a request, and a note (empty when it was published at that field). */
    public record Choice(Relaxivity relaxivity, String note) {
        public boolean exact() {
            return note.isEmpty();
        }
    }

    /** Every published value kept, in table order. */
    public static List<Relaxivity> all() {
        return TABLE;
    }

    /** The preferred source for a medium: Rohrer 2005 (plasma), Shen 2015 (blood). */
    public static String preferredSource(Medium medium) {
        return medium == Medium.PLASMA ? ROHRER_2005 : SHEN_2015;
    }

    /** The relaxivity of {@code agent} in {@code medium} at {@code fieldStrength} T from the preferred source. */
    public static Choice lookup(ContrastAgent agent, Medium medium, double fieldStrength) {
        return lookup(agent, medium, fieldStrength, preferredSource(medium));
    }

    /** As {@link #lookup(ContrastAgent, Medium, double)}, from a given source. */
    public static Choice lookup(ContrastAgent agent, Medium medium, double fieldStrength, String source) {
        if (!(fieldStrength > 0)) {
            throw new IllegalArgumentException("field strength must be positive, got " + fieldStrength + " T");
        }
        List<Relaxivity> rows = new ArrayList<>();
        for (Relaxivity r : TABLE) {
            if (r.agent() == agent && r.medium() == medium && r.source().equals(source)) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no relaxivity of " + agent.id() + " in "
                    + medium.name().toLowerCase(Locale.ROOT) + " from " + source);
        }
        rows.sort(Comparator.comparingDouble(Relaxivity::fieldStrength));
        for (Relaxivity r : rows) {
            if (Math.abs(r.fieldStrength() - fieldStrength) <= FIELD_TOLERANCE) {
                return new Choice(r, "");
            }
        }
        Relaxivity low = rows.get(0);
        Relaxivity high = rows.get(rows.size() - 1);
        if (fieldStrength < low.fieldStrength() || fieldStrength > high.fieldStrength()) {
            Relaxivity near = fieldStrength < low.fieldStrength() ? low : high;
            String note = String.format(
                    Locale.ROOT,
                    "%s has no %s relaxivity of %s at %.3g T: the value at the nearest published field, %.3g T, is used",
                    source,
                    medium.name().toLowerCase(Locale.ROOT),
                    agent.id(),
                    fieldStrength,
                    near.fieldStrength());
            return new Choice(
                    new Relaxivity(
                            agent,
                            medium,
                            fieldStrength,
                            near.r1(),
                            source + ", nearest field " + near.fieldStrength() + " T"),
                    note);
        }
        for (int i = 1; i < rows.size(); i++) {
            Relaxivity a = rows.get(i - 1);
            Relaxivity b = rows.get(i);
            if (fieldStrength <= b.fieldStrength()) {
                double w = (fieldStrength - a.fieldStrength()) / (b.fieldStrength() - a.fieldStrength());
                double r1 = a.r1() + w * (b.r1() - a.r1());
                String how = String.format(
                        Locale.ROOT,
                        "%s, interpolated between %.3g and %.3g T",
                        source,
                        a.fieldStrength(),
                        b.fieldStrength());
                return new Choice(
                        new Relaxivity(agent, medium, fieldStrength, r1, how),
                        String.format(
                                Locale.ROOT,
                                "no published %s relaxivity of %s at %.3g T: %.3g /s/mM interpolated linearly in B0"
                                        + " between %.3g and %.3g T (%s)",
                                medium.name().toLowerCase(Locale.ROOT),
                                agent.id(),
                                fieldStrength,
                                r1,
                                a.fieldStrength(),
                                b.fieldStrength(),
                                source));
            }
        }
        throw new AssertionError("unreachable");
    }

    private static List<Relaxivity> table() {
        List<Relaxivity> t = new ArrayList<>();
        // Rohrer 2005, plasma, 37 °C (1.5 T, 3 T)
        plasma(t, ROHRER_2005, ContrastAgent.GADOPENTETATE, 1.5, 4.1, 3.0, 3.7);
        plasma(t, ROHRER_2005, ContrastAgent.GADOBENATE, 1.5, 6.3, 3.0, 5.5);
        plasma(t, ROHRER_2005, ContrastAgent.GADOTERATE, 1.5, 3.6, 3.0, 3.5);
        plasma(t, ROHRER_2005, ContrastAgent.GADOTERIDOL, 1.5, 4.1, 3.0, 3.7);
        plasma(t, ROHRER_2005, ContrastAgent.GADOBUTROL, 1.5, 5.2, 3.0, 5.0);
        // Szomolanyi 2019, human plasma (1.5, 3, 7 T) and human blood (3 T)
        plasma(t, SZOMOLANYI_2019, ContrastAgent.GADOBUTROL, 1.5, 4.78, 3.0, 4.97, 7.0, 3.83);
        plasma(t, SZOMOLANYI_2019, ContrastAgent.GADOTERIDOL, 1.5, 3.80, 3.0, 3.28, 7.0, 3.21);
        plasma(t, SZOMOLANYI_2019, ContrastAgent.GADOTERATE, 1.5, 3.32, 3.0, 3.00, 7.0, 2.84);
        blood(t, SZOMOLANYI_2019, ContrastAgent.GADOBUTROL, 3.0, 3.47);
        blood(t, SZOMOLANYI_2019, ContrastAgent.GADOTERIDOL, 3.0, 2.61);
        blood(t, SZOMOLANYI_2019, ContrastAgent.GADOTERATE, 3.0, 2.72);
        // Shen 2015, human whole blood (1.5, 3, 7 T)
        blood(t, SHEN_2015, ContrastAgent.GADOTERATE, 1.5, 3.9, 3.0, 3.4, 7.0, 2.8);
        blood(t, SHEN_2015, ContrastAgent.GADOBUTROL, 1.5, 4.6, 3.0, 4.5, 7.0, 4.2);
        blood(t, SHEN_2015, ContrastAgent.GADOPENTETATE, 1.5, 4.3, 3.0, 3.8, 7.0, 3.1);
        blood(t, SHEN_2015, ContrastAgent.GADOBENATE, 1.5, 6.2, 3.0, 5.4, 7.0, 4.7);
        blood(t, SHEN_2015, ContrastAgent.GADOTERIDOL, 1.5, 4.4, 3.0, 3.5, 7.0, 3.4);
        return List.copyOf(t);
    }

    private static void plasma(List<Relaxivity> t, String source, ContrastAgent agent, double... fieldAndR1) {
        add(t, source, agent, Medium.PLASMA, fieldAndR1);
    }

    private static void blood(List<Relaxivity> t, String source, ContrastAgent agent, double... fieldAndR1) {
        add(t, source, agent, Medium.BLOOD, fieldAndR1);
    }

    private static void add(List<Relaxivity> t, String source, ContrastAgent agent, Medium m, double... fr) {
        for (int i = 0; i < fr.length; i += 2) {
            t.add(new Relaxivity(agent, m, fr[i], fr[i + 1], source));
        }
    }
}
