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
package org.ferrum.brain.nuclei;

import java.util.Locale;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;

/**
 * The iron-rich nuclei that FreeSurfer's {@code aseg} does not give, with the anatomical priors
 * {@link NucleusGrowing} bounds their growth by.
 *
 * <p>Contract, per nucleus and side: {@link #typicalMinMl()}–{@link #typicalMaxMl()} is the usual adult volume of one
 * side; {@link #maxVolumeMl()} = 2 × {@link #typicalMaxMl()} is the largest region grown before the growth is called a
 * leak; {@link #maxExtentMm()} is the farthest a voxel of the region may lie from the seed (a little more than the
 * nucleus's longest axis, so that a seed at one end still reaches the other); {@link #typicalRadiusMm()} is the
 * radius of a sphere of {@link #typicalMinMl()}, where the first background shell around a click is taken.
 * Volumes: substantia nigra 0.4–0.6 ml, red nucleus 0.2–0.35 ml (7 T in vivo, Keuken et al., NeuroImage 94:40–46,
 * 2014); dentate nucleus 1–1.5 ml (χ-based segmentations, e.g. Deistung et al., NeuroImage 65:299–314, 2013;
 * Diedrichsen et al., NeuroImage 54:1786–1794, 2011). Lengths: substantia nigra ≈ 15–20 mm rostro-caudally, red
 * nucleus ≈ 6–9 mm across, dentate ≈ 20 mm along its long axis.
 *
 * <p>Label values ({@link #value(Hemisphere)}) are fixed, so that a nucleus keeps its number across visits and
 * subjects, and lie in a block (9901–9906) that neither FreeSurfer's {@code aseg} (&lt; 256) nor the usual atlases use,
 * so that a grown map can be merged into an atlas or {@code aseg} label map without renumbering. Names follow
 * FreeSurfer's spelling ({@code Left-Substantia-Nigra}), so {@link LabelEntry#named} reads structure and side back.
 */
public enum Nucleus {
    SUBSTANTIA_NIGRA("substantia nigra", "Substantia-Nigra", 0.4, 0.6, 20, 9901, 0xE6952A, 0xC77A16),
    RED_NUCLEUS("red nucleus", "Red-Nucleus", 0.2, 0.35, 10, 9903, 0xD7263D, 0xA81B2E),
    DENTATE_NUCLEUS("dentate nucleus", "Dentate-Nucleus", 1.0, 1.5, 25, 9905, 0x8E5CD9, 0x6B3FB3);
    private final String structure, nameStem;
    private final double typicalMinMl, typicalMaxMl, maxExtentMm;
    private final int leftValue, leftRgb, rightRgb;

    Nucleus(
            String structure,
            String nameStem,
            double typicalMinMl,
            double typicalMaxMl,
            double maxExtentMm,
            int leftValue,
            int leftRgb,
            int rightRgb) {
        this.structure = structure;
        this.nameStem = nameStem;
        this.typicalMinMl = typicalMinMl;
        this.typicalMaxMl = typicalMaxMl;
        this.maxExtentMm = maxExtentMm;
        this.leftValue = leftValue;
        this.leftRgb = leftRgb;
        this.rightRgb = rightRgb;
    }

    /** The structure's name as {@link LabelEntry#structure()} spells it ({@code substantia nigra}). */
    public String structure() {
        return structure;
    }

    public double typicalMinMl() {
        return typicalMinMl;
    }

    public double typicalMaxMl() {
        return typicalMaxMl;
    }

    /** The largest volume of one side grown before the growth counts as a leak: 2 × the typical maximum. */
    public double maxVolumeMl() {
        return 2 * typicalMaxMl;
    }

    /** The farthest a voxel of the grown region may lie from the seed (mm). */
    public double maxExtentMm() {
        return maxExtentMm;
    }

    /** Radius (mm) of a sphere of the typical minimum volume. */
    public double typicalRadiusMm() {
        return Math.cbrt(3 * typicalMinMl * 1000 / (4 * Math.PI));
    }

    /** The label value of this nucleus on {@code side} (LEFT or RIGHT). */
    public int value(Hemisphere side) {
        return switch (side) {
            case LEFT -> leftValue;
            case RIGHT -> leftValue + 1;
            default -> throw new IllegalArgumentException("the " + structure + " is grown on one side, left or right");
        };
    }

    /** The legend entry of this nucleus on {@code side}: {@code Left-Substantia-Nigra}, its value and colour. */
    public LabelEntry entry(Hemisphere side) {
        String prefix = side == Hemisphere.LEFT ? "Left-" : "Right-";
        return LabelEntry.named(value(side), prefix + nameStem, side == Hemisphere.LEFT ? leftRgb : rightRgb);
    }

    /** {@link #parse}, or null when the text names none of these nuclei. */
    public static Nucleus parseOrNull(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The nucleus a user or a legend names: the structure ({@code substantia nigra}, {@code red nucleus},
     * {@code dentate nucleus}), {@code dentate}, or the abbreviations {@code sn}, {@code rn}, {@code dn}; case,
     * hyphens and underscores do not matter.
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static Nucleus parse(String text) {
        String t = text == null
                ? ""
                : text.trim()
                        .toLowerCase(Locale.ROOT)
                        .replace('-', ' ')
                        .replace('_', ' ')
                        .replaceAll("\\s+", " ");
        return switch (t) {
            case "substantia nigra", "substancia nigra", "sn" -> SUBSTANTIA_NIGRA;
            case "red nucleus", "rn" -> RED_NUCLEUS;
            case "dentate nucleus", "dentate", "dn" -> DENTATE_NUCLEUS;
            default ->
                throw new IllegalArgumentException("'" + text + "' is not a nucleus that can be grown (substantia nigra"
                        + " or sn, red nucleus or rn, dentate nucleus or dentate or dn)");
        };
    }
}
