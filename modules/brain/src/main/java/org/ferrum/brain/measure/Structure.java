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
package org.ferrum.brain.measure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ferrum.core.labels.LabelEntry;

/**
 * A structure asked for by name (a nucleus or a reference region) and the legend spellings that stand for it: a
 * legend entry belongs to it when the entry's structure ({@link LabelEntry#structure()}, the name without its side),
 * written in lower case with {@code -} and {@code _} as spaces, equals one of the spellings. So FreeSurfer's
 * {@code Left-Pallidum} (structure {@code pallidum}), FSL FIRST's {@code L_Pall} ({@code pall}) and the head phantom's
 * {@code globus pallidus} all answer to "globus pallidus".
 *
 * @param name      the name written in tables, e.g. {@code globus pallidus}
 * @param spellings the legend structures it matches (normalised, {@link #normalise}); never empty
 */
public record Structure(String name, List<String> spellings) {

    /**
     * Spellings of the structures this project knows under another name in the label sets people use: FreeSurfer
     * aseg ({@code Pallidum}, {@code Thalamus} and, before FreeSurfer 7, {@code Thalamus-Proper}), FSL FIRST
     * ({@code L_Caud}, {@code L_Puta}, {@code L_Pall}, {@code L_Thal}), atlases' abbreviations (SN, SNc, SNr, RN, DN) and this
     * project's phantom and grown nuclei ({@code Left-Substantia-Nigra}, {@code Left-Dentate-Nucleus}). A name
     * given without its own spellings takes these, plus itself.
     */
    public static final Map<String, List<String>> SYNONYMS = Map.of(
            "caudate", List.of("caudate", "caudate nucleus", "caud"),
            "putamen", List.of("putamen", "puta"),
            "globus pallidus", List.of("globus pallidus", "pallidum", "pall"),
            "thalamus", List.of("thalamus", "thalamus proper", "thal"),
            // atlases that part the nigra (e.g. CIT168: pars compacta and reticulata) give both parts to one nucleus
            "substantia nigra",
                    List.of(
                            "substantia nigra",
                            "sn",
                            "substantia nigra pars compacta",
                            "substantia nigra pars reticulata",
                            "snc",
                            "snr"),
            "red nucleus", List.of("red nucleus", "rn"),
            "dentate", List.of("dentate", "dentate nucleus", "dn"));

    public Structure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a structure needs a name");
        }
        if (spellings == null || spellings.isEmpty()) {
            throw new IllegalArgumentException("structure '" + name + "' has no spelling to match a legend with");
        }
        spellings = List.copyOf(new LinkedHashSet<>(spellings));
    }

    /** The structure called {@code name}, with its {@link #SYNONYMS} when it has some. */
    public static Structure named(String name) {
        String n = normalise(name);
        Set<String> s = new LinkedHashSet<>();
        s.add(n);
        SYNONYMS.getOrDefault(n, List.of()).forEach(x -> s.add(normalise(x)));
        return new Structure(n, List.copyOf(s));
    }

    /** True if the legend entry is (a part of) this structure. */
    public boolean matches(LabelEntry entry) {
        return spellings.contains(normalise(entry.structure()));
    }

    /** Lower case, {@code -} and {@code _} as spaces, runs of blanks as one space, trimmed. */
    public static String normalise(String text) {
        return text.replace('-', ' ')
                .replace('_', ' ')
                .trim()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The structures of a list parameter: items separated by commas, each {@code name} (with its {@link #SYNONYMS})
     * or {@code name=spelling|spelling…} (exactly these spellings), e.g.
     * {@code "putamen, globus pallidus, nigra=substantia nigra|sn"}.
     *
     * @param parameter the parameter's name, for the message
     * @throws IllegalArgumentException naming the parameter when the list is empty, an item is blank or a name repeats
     */
    public static List<Structure> parseList(String parameter, String text) {
        List<Structure> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + parameter + "' names no structure");
        }
        for (String item : t.split(",", -1)) {
            String i = item.trim();
            if (i.isEmpty()) {
                throw new IllegalArgumentException("parameter '" + parameter + "' has an empty item in '" + text
                        + "' (items are comma-separated)");
            }
            Structure s;
            int eq = i.indexOf('=');
            if (eq >= 0) {
                String name = normalise(i.substring(0, eq));
                Set<String> spellings = new LinkedHashSet<>();
                for (String sp : i.substring(eq + 1).split("\\|")) {
                    if (!sp.isBlank()) {
                        spellings.add(normalise(sp));
                    }
                }
                if (name.isEmpty() || spellings.isEmpty()) {
                    throw new IllegalArgumentException("parameter '" + parameter + "': item '" + i
                            + "' should read name=spelling|spelling (e.g. globus pallidus=pallidum|globus pallidus)");
                }
                s = new Structure(name, List.copyOf(spellings));
            } else {
                s = named(i);
            }
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("parameter '" + parameter + "' names '" + s.name() + "' twice");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** The structures as written back into a list parameter (names only when they are the built-in spellings). */
    public static String format(List<Structure> structures) {
        return String.join(
                ", ",
                structures.stream()
                        .map(s ->
                                s.equals(named(s.name())) ? s.name() : s.name() + "=" + String.join("|", s.spellings()))
                        .toList());
    }
}
