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
package org.ferrum.io.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The names and colours of the labels of a label map (segmentation): which integer voxel value means which structure.
 * Read and written by {@link LabelTableFiles} as a BIDS {@code dseg.tsv} or a FreeSurfer colour look-up table.
 *
 * @param labels the labels, each index once, in the order given
 */
public record LabelTable(List<Label> labels) {

    /**
     * One label.
     *
     * @param index the voxel value (≥ 0; 0 is usually the background)
     * @param name  what it is, e.g. "liver right lobe" (not blank)
     * @param rgb   its colour as 0xRRGGBB, or -1 when the table gives none
     */
    public record Label(int index, String name, int rgb) {
        public Label {
            Objects.requireNonNull(name, "name");
            if (index < 0) {
                throw new IllegalArgumentException("label index must be 0 or more, got " + index);
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("label " + index + " has no name");
            }
            if (rgb < -1 || rgb > 0xFFFFFF) {
                throw new IllegalArgumentException("label " + index + ": colour must be 0xRRGGBB or -1, got " + rgb);
            }
        }

        /** True when the table gives a colour. */
        public boolean hasColour() {
            return rgb >= 0;
        }

        /** The colour as BIDS writes it, {@code #rrggbb} in lower case, or empty. */
        public Optional<String> hexColour() {
            return hasColour() ? Optional.of(String.format(Locale.ROOT, "#%06x", rgb)) : Optional.empty();
        }
    }

    public LabelTable {
        labels = Collections.unmodifiableList(new ArrayList<>(labels));
        Set<Integer> seen = new HashSet<>();
        for (Label l : labels) {
            if (!seen.add(l.index())) {
                throw new IllegalArgumentException("label index " + l.index() + " appears twice");
            }
        }
    }

    /** The label with this index, if any. */
    public Optional<Label> label(int index) {
        return labels.stream().filter(l -> l.index() == index).findFirst();
    }
}
