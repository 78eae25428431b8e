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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabelErosionTest {

    private static int count(int[] labels, int label) {
        return (int) Arrays.stream(labels).filter(l -> l == label).count();
    }

    @Test
    void aCubeLosesOneLayerPerStep() {
        int n = 11;
        int[] labels = new int[n * n * n];
        for (int z = 2; z <= 8; z++) {
            for (int y = 2; y <= 8; y++) {
                for (int x = 2; x <= 8; x++) {
                    labels[x + n * (y + n * z)] = 3;
                }
            }
        }
        // 7³ → 5³ → 3³ → 1 → 0
        assertEquals(125, count(LabelErosion.eroded(labels, n, n, n, 1), 3));
        assertEquals(27, count(LabelErosion.eroded(labels, n, n, n, 2), 3));
        assertEquals(1, count(LabelErosion.eroded(labels, n, n, n, 3), 3));
        assertEquals(0, count(LabelErosion.eroded(labels, n, n, n, 4), 3));
        assertEquals(343, count(labels, 3), "the input is left as it was");
    }

    @Test
    void neighbouringRegionsErodeEachOtherButTheGridEdgeDoesNot() {
        // a 6×3×3 grid filled by label 1 (x < 3) and label 2 (x ≥ 3): one step removes only the two columns at the
        // shared face x = 2 | 3, since the grid's edge does not erode
        int nx = 6, ny = 3, nz = 3;
        int[] labels = new int[nx * ny * nz];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % nx < 3 ? 1 : 2;
        }
        int[] once = LabelErosion.eroded(labels, nx, ny, nz, 1);
        for (int i = 0; i < once.length; i++) {
            int x = i % nx;
            int expected = x == 2 || x == 3 ? 0 : labels[i];
            assertEquals(expected, once[i], "voxel " + i);
        }
        assertArrayEquals(labels, LabelErosion.eroded(labels, nx, ny, nz, 0));
    }

    @Test
    void aWrongGridIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelErosion.eroded(new int[10], 2, 2, 2, 1));
    }
}
