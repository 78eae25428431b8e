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

import java.util.ArrayList;
import java.util.List;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.qsm.phantom.HeadAnatomy;

/**
 * The aseg-like label map of the brain-iron phantom: FreeSurfer's aseg numbering and names (FreeSurferColorLUT) for
 * what FreeSurfer segments, {@link BrainNucleus}'s own numbers for the red and dentate nuclei, left and right apart.
 *
 * <p>Contract: {@link #valueOf} gives the label of a {@code HeadAnatomy} compartment at a point whose position in
 * the head at rest has L coordinate {@code xHead} (LPS: x &gt; 0 is the left hemisphere; x = 0 counts as left):
 * <ul>
 * <li>cerebral white matter 2/41, cortex 3/42, vessels 30/62 (the veins), split at the midline by xHead;</li>
 * <li>lateral ventricles 4/43, third ventricle 14, subarachnoid CSF 24 ({@code CSF}), the calcification 80
 *     ({@code non-WM-hypointensities});</li>
 * <li>the nuclei of {@link BrainNucleus} on their own side;</li>
 * <li>everything outside the intracranial space (scalp, skull, air) 0, as in aseg.</li>
 * </ul>
 * {@link #legend()} names every value that can occur ({@link LabelEntry#named} reads the side and structure from
 * the FreeSurfer spelling: {@code Left-Putamen} → putamen, left).
 */
public final class AsegLabels {

    public static final int LEFT_WHITE_MATTER = 2, RIGHT_WHITE_MATTER = 41;
    public static final int LEFT_CORTEX = 3, RIGHT_CORTEX = 42;
    public static final int LEFT_LATERAL_VENTRICLE = 4, RIGHT_LATERAL_VENTRICLE = 43;
    public static final int THIRD_VENTRICLE = 14;
    public static final int CSF = 24;
    public static final int LEFT_VESSEL = 30, RIGHT_VESSEL = 62;
    public static final int NON_WM_HYPOINTENSITIES = 80;
    /** The largest value used (sizes the vote counters). */
    static final int MAX_VALUE = 304;

    private static final LabelTable LEGEND = buildLegend();

    private AsegLabels() {}

    /** The names, sides and colours of every value of the phantom's label maps. */
    public static LabelTable legend() {
        return LEGEND;
    }

    /** The label of compartment {@code c} at a point whose L coordinate in the head at rest is {@code xHead}. */
    public static int valueOf(HeadAnatomy.Compartment c, double xHead) {
        BrainNucleus.Sided nucleus = BrainNucleus.ofCompartment(c.name());
        if (nucleus != null) {
            return nucleus.label();
        }
        boolean left = xHead >= 0;
        return switch (c.label()) {
            case GREY_MATTER -> left ? LEFT_CORTEX : RIGHT_CORTEX;
            case WHITE_MATTER -> left ? LEFT_WHITE_MATTER : RIGHT_WHITE_MATTER;
            case VEIN -> left ? LEFT_VESSEL : RIGHT_VESSEL;
            case CALCIFICATION -> NON_WM_HYPOINTENSITIES;
            case EXTRACEREBRAL_CSF -> CSF;
            case CSF ->
                c.name().startsWith("left ")
                        ? LEFT_LATERAL_VENTRICLE
                        : c.name().startsWith("right ") ? RIGHT_LATERAL_VENTRICLE : THIRD_VENTRICLE;
            default -> 0;
        };
    }

    private static LabelTable buildLegend() {
        List<LabelEntry> e = new ArrayList<>();
        e.add(LabelEntry.named(LEFT_WHITE_MATTER, "Left-Cerebral-White-Matter", 0xF5F5F5));
        e.add(LabelEntry.named(LEFT_CORTEX, "Left-Cerebral-Cortex", 0xCD3E4E));
        e.add(LabelEntry.named(LEFT_LATERAL_VENTRICLE, "Left-Lateral-Ventricle", 0x781286));
        e.add(LabelEntry.named(THIRD_VENTRICLE, "3rd-Ventricle", 0xCCB68E));
        e.add(LabelEntry.named(CSF, "CSF", 0x3C3C3C));
        e.add(LabelEntry.named(LEFT_VESSEL, "Left-vessel", 0xA020F0));
        e.add(LabelEntry.named(RIGHT_WHITE_MATTER, "Right-Cerebral-White-Matter", 0xF5F5F5));
        e.add(LabelEntry.named(RIGHT_CORTEX, "Right-Cerebral-Cortex", 0xCD3E4E));
        e.add(LabelEntry.named(RIGHT_LATERAL_VENTRICLE, "Right-Lateral-Ventricle", 0x781286));
        e.add(LabelEntry.named(RIGHT_VESSEL, "Right-vessel", 0xA020F0));
        e.add(LabelEntry.named(NON_WM_HYPOINTENSITIES, "non-WM-hypointensities", 0xA46CE2));
        for (BrainNucleus n : BrainNucleus.values()) {
            for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                e.add(LabelEntry.named(n.label(side), n.labelName(side), n.rgb()));
            }
        }
        return LabelTable.of(e);
    }
}
