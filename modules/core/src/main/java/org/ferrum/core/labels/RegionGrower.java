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

import java.util.List;
import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.parallel.Cancellation;

/**
 * A service that grows a named structure on a displayed map from one click or one box: how the viewer's "grow
 * nucleus" tool reaches a method module without depending on it. Implementations register with
 * {@code @ServiceProvider(service = RegionGrower.class)} and are found through {@code Lookup}; the viewer offers the
 * {@link #structures()} of every one it finds.
 *
 * <p>Contract of {@link #grow}: {@code map} is a 3-D map in its own unit (a grower states which units it takes and
 * refuses others); {@code cornerA} and {@code cornerB} are patient points in mm (DICOM LPS): equal for a click, the
 * opposite corners of a box otherwise — a box drawn on one slice is flat along the slice's normal, and the grower says
 * how it extends it through the slice; {@code locked} voxels (x fastest, on the map's grid; null = none) are never
 * included, so a grown structure never overwrites labels the user drew. The result's {@code voxels} lie on the map's
 * grid; its {@code entry} names the structure and side as a legend does ({@code Left-Substantia-Nigra}) with the value
 * the grower gives that structure, so the label keeps its name in tables. Failures (no contrast at the seed, a seed
 * outside the map) are {@link IllegalArgumentException}s whose message is for the user.
 */
public interface RegionGrower {

    /** The structures this grower grows, spelt as {@link LabelEntry#structure()} ({@code substantia nigra}, …). */
    List<String> structures();

    /**
     * Grows {@code structure} on {@code side} (LEFT or RIGHT) from a click or a box (class contract).
     *
     * @throws IllegalArgumentException with a message for the user
     */
    Grown grow(
            Volume<FloatType> map,
            boolean[] locked,
            String structure,
            Hemisphere side,
            double[] cornerA,
            double[] cornerB,
            Cancellation cancellation);

    /**
     * A grown structure.
     *
     * @param voxels  true where the structure is, on the map's grid (x fastest)
     * @param entry   its legend entry: value, name, structure, side, colour
     * @param summary one line for the user, e.g. "Left-Red-Nucleus: 0.21 ml, threshold 0.052 ppm"
     */
    record Grown(boolean[] voxels, LabelEntry entry, String summary) {
        public Grown {
            Objects.requireNonNull(voxels, "voxels");
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(summary, "summary");
        }
    }
}
