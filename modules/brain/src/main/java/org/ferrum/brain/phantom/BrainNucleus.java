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
package org.ferrum.brain.phantom;

import java.util.Locale;
import org.ferrum.core.labels.Hemisphere;

/**
 * The deep grey nuclei of the brain-iron phantom and their <b>known change</b>: how fast each one's susceptibility
 * grows (ppm per year, left and right), and the label values and names they carry in the phantom's label maps.
 *
 * <p>Contract: the baseline χ and R2* of a nucleus are those of {@code HeadAnatomy.wholeHead()} (compartments
 * {@code "left <anatomyName>"} and {@code "right <anatomyName>"}; read from there, not repeated here). At a visit
 * {@code years} after baseline, χ = χ<sub>baseline</sub> + {@link #chiRatePpmPerYear}·years and
 * R2* = R2*<sub>baseline</sub> + {@link #R2STAR_PER_CHI}·(χ − χ<sub>baseline</sub>) at 3 T (scaled ∝ B0 like every R2*
 * of the phantom). The CSF reference (ventricles) and every other tissue stay as they are.
 *
 * <p>Label values follow FreeSurfer's aseg numbering where FreeSurfer has the structure (thalamus 10/49, caudate 11/50,
 * putamen 12/51, pallidum 13/52, substantia nigra 27/59 — FreeSurfer's LUT spells it "Substancia"; we write the
 * anatomical spelling); red nucleus and dentate nucleus are ours (301/302, 303/304, outside aseg's 0–255).
 */
public enum BrainNucleus {
    CAUDATE("caudate", "Caudate", 11, 50, 0.008, 0.008, 0x7ABADC),
    PUTAMEN("putamen", "Putamen", 12, 51, 0.010, 0.010, 0xEC0DB0),
    /** Left and right grow at different rates, so a pipeline that swaps the sides is caught. */
    GLOBUS_PALLIDUS("globus pallidus", "Pallidum", 13, 52, 0.015, 0.012, 0x0C30FF),
    THALAMUS("thalamus", "Thalamus", 10, 49, 0.004, 0.004, 0x00760E),
    SUBSTANTIA_NIGRA("substantia nigra", "Substantia-Nigra", 27, 59, 0.012, 0.012, 0x00FF7F),
    RED_NUCLEUS("red nucleus", "Red-Nucleus", 301, 302, 0.010, 0.010, 0xDC140A),
    DENTATE("dentate nucleus", "Dentate-Nucleus", 303, 304, 0.006, 0.006, 0xFFA500);

    /**
     * ΔR2* per Δχ of iron, (1/s)/ppm at 3 T: post-mortem calibrations give R2* ≈ 0.27 s⁻¹ per mg Fe/kg wet tissue
     * (Langkammer et al., Radiology 2010) and χ ≈ 0.00097 ppm per mg Fe/kg (Langkammer et al., NeuroImage 2012);
     * their ratio ≈ 280. A phantom choice, so that iron raises both maps together.
     */
    public static final double R2STAR_PER_CHI = 280;

    private final String anatomyName;
    private final String asegName;
    private final int leftLabel;
    private final int rightLabel;
    private final double leftRate;
    private final double rightRate;
    private final int rgb;

    BrainNucleus(
            String anatomyName,
            String asegName,
            int leftLabel,
            int rightLabel,
            double leftRate,
            double rightRate,
            int rgb) {
        this.anatomyName = anatomyName;
        this.asegName = asegName;
        this.leftLabel = leftLabel;
        this.rightLabel = rightLabel;
        this.leftRate = leftRate;
        this.rightRate = rightRate;
        this.rgb = rgb;
    }

    /** The compartment name in {@code HeadAnatomy} without its side, e.g. {@code "globus pallidus"}. */
    public String anatomyName() {
        return anatomyName;
    }

    /** The label's name on one side, e.g. {@code Left-Pallidum} (FreeSurfer's spelling where it has one). */
    public String labelName(Hemisphere side) {
        return prefix(side) + asegName;
    }

    /** The label value on one side (LEFT or RIGHT). */
    public int label(Hemisphere side) {
        return switch (side) {
            case LEFT -> leftLabel;
            case RIGHT -> rightLabel;
            default -> throw new IllegalArgumentException(this + " has labels for left and right only, not " + side);
        };
    }

    /** dχ/dt in ppm per year on one side (LEFT or RIGHT). */
    public double chiRatePpmPerYear(Hemisphere side) {
        return switch (side) {
            case LEFT -> leftRate;
            case RIGHT -> rightRate;
            default -> throw new IllegalArgumentException(this + " has rates for left and right only, not " + side);
        };
    }

    /** The colour shown with the label (FreeSurfer's where it has one), 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /**
     * The nucleus and side of a {@code HeadAnatomy} compartment name such as {@code "left putamen"}, or null when
     * the compartment is no nucleus of this list.
     */
    static Sided ofCompartment(String compartmentName) {
        String n = compartmentName.toLowerCase(Locale.ROOT);
        Hemisphere side;
        if (n.startsWith("left ")) {
            side = Hemisphere.LEFT;
        } else if (n.startsWith("right ")) {
            side = Hemisphere.RIGHT;
        } else {
            return null;
        }
        String rest = n.substring(n.indexOf(' ') + 1);
        for (BrainNucleus b : values()) {
            if (b.anatomyName.equals(rest)) {
                return new Sided(b, side);
            }
        }
        return null;
    }

    /** A nucleus on one side. */
    public record Sided(BrainNucleus nucleus, Hemisphere side) {
        /** Its label value. */
        public int label() {
            return nucleus.label(side);
        }

        /** Its χ change per year, ppm. */
        public double chiRatePpmPerYear() {
            return nucleus.chiRatePpmPerYear(side);
        }
    }

    private static String prefix(Hemisphere side) {
        return switch (side) {
            case LEFT -> "Left-";
            case RIGHT -> "Right-";
            default -> throw new IllegalArgumentException("a nucleus label is left or right, not " + side);
        };
    }
}
