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
package org.ferrum.core.labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The legend of a label map: which name, structure, side and colour each label value stands for (a FreeSurfer
 * colour LUT, a BIDS {@code dseg.tsv}, an atlas's table, Ferrum's own label maps).
 *
 * <p>Contract: immutable; at most one entry per value, entries ascending by value. A value without an entry is
 * still a valid label: {@link #name(int)} calls it {@code "label N"}. {@link #EMPTY} is the legend of a label map
 * nobody named. A legend travels with its label map ({@link org.ferrum.core.Volume#labels()}), so the names reach
 * tables and charts without being typed again.
 */
public final class LabelTable {

    /** The legend of a label map without names. */
    public static final LabelTable EMPTY = new LabelTable(new TreeMap<>());

    private final TreeMap<Integer, LabelEntry> entries;

    private LabelTable(TreeMap<Integer, LabelEntry> entries) {
        this.entries = entries;
    }

    /**
     * The legend of these entries.
     *
     * @throws IllegalArgumentException naming the value when two entries have the same value
     */
    public static LabelTable of(List<LabelEntry> entries) {
        TreeMap<Integer, LabelEntry> map = new TreeMap<>();
        for (LabelEntry e : entries) {
            if (map.put(e.value(), e) != null) {
                throw new IllegalArgumentException("label " + e.value() + " appears twice in the legend");
            }
        }
        return map.isEmpty() ? EMPTY : new LabelTable(map);
    }

    /** A legend from names alone ({@link LabelEntry#named}; grey colour). */
    public static LabelTable ofNames(Map<Integer, String> names) {
        List<LabelEntry> list = new ArrayList<>();
        names.forEach((v, n) -> list.add(LabelEntry.named(v, n, 0x808080)));
        return of(list);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entry of {@code value}, if the legend has one. */
    public Optional<LabelEntry> entry(int value) {
        return Optional.ofNullable(entries.get(value));
    }

    /** The name of {@code value}: its entry's name, else {@code "label N"}. */
    public String name(int value) {
        LabelEntry e = entries.get(value);
        return e == null ? "label " + value : e.name();
    }

    /** All entries, ascending by value. */
    public List<LabelEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The distinct structures, in order of their first value. */
    public Set<String> structures() {
        Set<String> s = new LinkedHashSet<>();
        entries.values().forEach(e -> s.add(e.structure()));
        return Collections.unmodifiableSet(s);
    }

    /** The values whose entries belong to {@code structure} (any side), ascending. */
    public List<Integer> valuesOf(String structure) {
        return entries.values().stream()
                .filter(e -> e.structure().equals(structure))
                .map(LabelEntry::value)
                .toList();
    }

    /** This legend with {@code other}'s entries added; {@code other} wins where both name a value. */
    public LabelTable merged(LabelTable other) {
        TreeMap<Integer, LabelEntry> map = new TreeMap<>(entries);
        map.putAll(other.entries);
        return map.isEmpty() ? EMPTY : new LabelTable(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelTable t && t.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "LabelTable" + entries.values();
    }
}
