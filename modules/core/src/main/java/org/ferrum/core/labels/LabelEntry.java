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

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One label of a label map: the whole number stored in the voxels, its name, the structure it belongs to, its side
 * and its display colour.
 *
 * <p>Contract: {@code value} &gt; 0 (0 is the background of every label map); {@code name} is the name as the source
 * gives it (FreeSurfer {@code Left-Putamen}, BIDS {@code dseg.tsv} {@code name}, …), not blank; {@code structure} is
 * the name without its side, lower case with single spaces ({@code putamen}), so that a left and a right label of
 * one structure can be combined; {@code hemisphere} its side; {@code rgb} the colour as 0xRRGGBB.
 * {@link #named(int, String, int)} derives structure and side from the usual spellings of the field's tools.
 */
public record LabelEntry(int value, String name, String structure, Hemisphere hemisphere, int rgb) {

    public LabelEntry {
        if (value <= 0) {
            throw new IllegalArgumentException("a label is a whole number > 0 (0 is background), got " + value);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(hemisphere, "hemisphere");
        if (name.isBlank() || structure.isBlank()) {
            throw new IllegalArgumentException("label " + value + " has a blank name or structure");
        }
        rgb &= 0xFFFFFF;
    }

    // Side written as a prefix or suffix by FreeSurfer (Left-, Right-, ctx-lh-, wm-rh-), FSL and atlases (L_, _R, "
    // L").
    private static final Pattern PREFIX =
            Pattern.compile("^(?:(ctx|wm)[-_])?(left|right|lh|rh|l|r)[-_ ](.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUFFIX =
            Pattern.compile("^(.+?)[-_ ](left|right|lh|rh|l|r)$", Pattern.CASE_INSENSITIVE);

    /**
     * The entry for {@code name}, its side and structure read from the name: a prefix or suffix {@code Left}/
     * {@code Right}, {@code lh}/{@code rh} or {@code L}/{@code R} separated by {@code -}, {@code _} or a space
     * ({@code Left-Putamen}, {@code ctx-lh-insula}, {@code putamen_L}, {@code red nucleus R}) gives LEFT or RIGHT and
     * the rest is the structure; otherwise the side is {@link Hemisphere#MIDLINE}. The structure is lower case, with
     * {@code -} and {@code _} read as spaces ({@code Left-Thalamus-Proper} → {@code thalamus proper}).
     */
    public static LabelEntry named(int value, String name, int rgb) {
        String n = Objects.requireNonNull(name, "name").trim();
        Hemisphere side = Hemisphere.MIDLINE;
        String rest = n;
        Matcher m = PREFIX.matcher(n);
        if (m.matches()) {
            side = Hemisphere.parse(m.group(2));
            rest = (m.group(1) == null ? "" : m.group(1) + " ") + m.group(3);
        } else {
            m = SUFFIX.matcher(n);
            if (m.matches()) {
                side = Hemisphere.parse(m.group(2));
                rest = m.group(1);
            }
        }
        String structure = rest.replace('-', ' ')
                .replace('_', ' ')
                .trim()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        return new LabelEntry(value, n, structure.isEmpty() ? n.toLowerCase(Locale.ROOT) : structure, side, rgb);
    }

    /** The same entry with another side (e.g. a bilateral label split at the midline). */
    public LabelEntry withHemisphere(Hemisphere side) {
        return new LabelEntry(value, name, structure, side, rgb);
    }
}
