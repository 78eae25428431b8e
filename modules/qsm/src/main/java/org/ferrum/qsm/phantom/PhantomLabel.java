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
package org.ferrum.qsm.phantom;

import java.util.Locale;

/**
 * The tissue classes of the {@link HeadPhantom}'s label map: the value written in each voxel and its name.
 *
 * <p>Contract: {@link #value()} is the whole number stored in the label map volume ({@code 0} = outside the
 * head, as {@link org.ferrum.pipeline.api.PortTypes#LABEL_MAP} requires); values are unique and stable, so
 * scripts and benchmarks may refer to them. Bilateral structures (caudate, putamen, …) carry one label for
 * both sides. {@link #isBrain()} tells whether the class lies inside the brain mask.
 */
public enum PhantomLabel {
    /** Air around the head. */
    BACKGROUND(0, "background", false),
    /** Scalp, muscle and the soft tissue of the skull base. */
    SOFT_TISSUE(1, "soft tissue", false),
    /** Cortical bone of the skull. */
    SKULL(2, "skull", false),
    /** Air inside the head: sinuses, ear canals, mastoid air cells. */
    AIR_CAVITY(3, "air cavity", false),
    GREY_MATTER(4, "grey matter", true),
    WHITE_MATTER(5, "white matter", true),
    /** Cerebrospinal fluid of the ventricles: the χ reference (0 ppm). */
    CSF(6, "CSF", true),
    CAUDATE(7, "caudate", true),
    PUTAMEN(8, "putamen", true),
    GLOBUS_PALLIDUS(9, "globus pallidus", true),
    THALAMUS(10, "thalamus", true),
    SUBSTANTIA_NIGRA(11, "substantia nigra", true),
    RED_NUCLEUS(12, "red nucleus", true),
    VEIN(13, "vein", true),
    CALCIFICATION(14, "calcification", true),
    /** CSF around the brain (subarachnoid space): outside the brain mask. */
    EXTRACEREBRAL_CSF(15, "extracerebral CSF", false),
    /** Dentate nucleus of the cerebellum (only in {@link HeadAnatomy#wholeHead()}). */
    DENTATE(16, "dentate nucleus", true);

    private final int value;
    private final String displayName;
    private final boolean brain;

    PhantomLabel(int value, String displayName, boolean brain) {
        this.value = value;
        this.displayName = displayName;
        this.brain = brain;
    }

    /** The number stored in the label map. */
    public int value() {
        return value;
    }

    /** The name shown with the label, e.g. {@code "globus pallidus"}. */
    public String displayName() {
        return displayName;
    }

    /** True for classes inside the brain mask. */
    public boolean isBrain() {
        return brain;
    }

    /**
     * The label stored as {@code value}.
     *
     * @throws IllegalArgumentException if no label has that value
     */
    public static PhantomLabel ofValue(int value) {
        for (PhantomLabel l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        throw new IllegalArgumentException("no phantom label has the value " + value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d %s", value, displayName);
    }
}
