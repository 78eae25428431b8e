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
package org.ferrum.pipeline.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Point;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Named input/output markers beside a node flow in rows no wider than the node (issue 15 item 5: liver-hqsm's six
 * fat–water outputs were stacked in one tall column across the edges below the node).
 */
class MarkerFlowTest {

    @Test
    void markersWrapAtTheNodesWidthAndAWideOneGetsARowOfItsOwn() {
        List<Rectangle> sizes = List.of(
                new Rectangle(0, 0, 60, 17),
                new Rectangle(0, 0, 70, 17),
                new Rectangle(0, 0, 80, 17),
                new Rectangle(0, 0, 300, 17),
                new Rectangle(0, 0, 50, 17));
        List<Point> cells = PipelineScene.flow(sizes, 200);
        // 60 + 6 + 70 = 136 ≤ 200; + 6 + 80 = 222 > 200 → new row; 300 alone; 50 after it would pass 200 → new row
        assertEquals(
                List.of(new Point(0, 0), new Point(66, 0), new Point(0, 1), new Point(0, 2), new Point(0, 3)), cells);
        for (int i = 0; i < cells.size(); i++) {
            Point c = cells.get(i);
            boolean alone = cells.stream().filter(o -> o.y == c.y).count() == 1;
            assertEquals(true, alone || c.x + sizes.get(i).width <= 200, "marker " + i + " passes the node's width");
        }
    }
}
