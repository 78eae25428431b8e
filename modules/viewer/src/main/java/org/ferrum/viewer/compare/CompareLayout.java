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
package org.ferrum.viewer.compare;

/** How the comparison workspace arranges its tiles. */
public enum CompareLayout {
    /** Two maps side by side. */
    ONE_BY_TWO("1 × 2", 1, 2, 2),
    /** Four maps in two rows. */
    TWO_BY_TWO("2 × 2", 2, 2, 4),
    /** Three maps side by side. */
    ONE_BY_THREE("1 × 3", 1, 3, 3),
    /** One map in its axial, coronal and sagittal planes. */
    THREE_PLANES("3 planes", 1, 3, 1);

    private final String label;
    private final int rows;
    private final int columns;
    private final int maps;

    CompareLayout(String label, int rows, int columns, int maps) {
        this.label = label;
        this.rows = rows;
        this.columns = columns;
        this.maps = maps;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** How many maps the layout shows (tiles = rows × columns). */
    public int maps() {
        return maps;
    }

    /** The layout that shows {@code n} maps best: 1 → three planes, 2 → 1 × 2, 3 → 1 × 3, more → 2 × 2. */
    public static CompareLayout forMaps(int n) {
        return n <= 1 ? THREE_PLANES : n == 2 ? ONE_BY_TWO : n == 3 ? ONE_BY_THREE : TWO_BY_TWO;
    }

    @Override
    public String toString() {
        return label;
    }
}
