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

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.ferrum.pipeline.Edge;
import org.ferrum.pipeline.Node;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.Pipeline;

/**
 * An automatic left-to-right layered layout of a pipeline graph, in the manner of Sugiyama, Tagawa and Toda (IEEE
 * Trans. Syst. Man Cybern. 11(2), 1981): layers by longest path, orders in each layer by barycentres to reduce crossings,
 * then coordinates.
 *
 * <p>Contract, for any pipeline (cycles and edges to unknown nodes included) and any node sizes:
 * <ul>
 * <li><b>Layers.</b> A node with no incoming edge from another node is in layer 0; every other node is one layer right
 *     of its furthest predecessor (longest path from a source). Edges that close a cycle are ignored for layering.
 *     So for every edge u → v not in a cycle, layer(u) &lt; layer(v).</li>
 * <li><b>Order.</b> Starting from pipeline order, alternating left-to-right and right-to-left sweeps sort each layer by
 *     the mean order index of the node's neighbours in the other layers (barycentre; nodes without neighbours keep
 *     their place); the order with the fewest crossings between adjacent layers is kept, so the result never has more
 *     crossings than the pipeline's order.</li>
 * <li><b>Coordinates.</b> Layer k starts at x = origin (+ the left room of layer 0) + Σ (widest node of layer j + gap
 *     after layer j) for j &lt; k,
 *     so every node of a layer lies strictly right of every node of earlier layers (no overlap between layers, every
 *     non-cyclic edge runs left to right). In a layer, nodes are stacked top-down in their order, {@code verticalGap}
 *     apart, the stack centred on the tallest layer: nodes of one layer never overlap either.</li>
 * <li>Deterministic: the same pipeline and sizes give the same positions.</li>
 * </ul>
 */
public final class LayeredLayout {

    /** Sweeps of barycentre ordering (each sweep visits every layer once). */
    private static final int SWEEPS = 12;

    private LayeredLayout() {}

    /**
     * Positions (top-left corners) for every node.
     *
     * @param p           the pipeline
     * @param size        each node's size on the canvas
     * @param leftRoom    room a node needs on its left (e.g. for input markers), 0 if none
     * @param rightRoom   room a node needs on its right (e.g. for output markers), 0 if none
     * @param minGap      horizontal gap between layers; the gap after layer k is at least its widest right room plus the
     *                    widest left room of layer k + 1 plus 24 px
     * @param verticalGap vertical gap between nodes of one layer
     * @param originX     x of the first layer
     * @param originY     top of the tallest layer
     */
    public static Map<String, Position> layout(
            Pipeline p,
            Function<String, Dimension> size,
            ToIntFunction<String> leftRoom,
            ToIntFunction<String> rightRoom,
            int minGap,
            int verticalGap,
            int originX,
            int originY) {
        List<String> ids = p.nodes().stream().map(Node::id).toList();
        Map<String, Integer> layer = layers(p, ids);
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> order = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            order.add(new ArrayList<>());
        }
        for (String id : ids) {
            order.get(layer.get(id)).add(id);
        }
        order = reduceCrossings(p, order, layer);

        Map<String, Position> out = new LinkedHashMap<>();
        int[] heights = new int[layers];
        int tallest = 0;
        for (int k = 0; k < layers; k++) {
            int h = 0;
            for (String id : order.get(k)) {
                h += size.apply(id).height;
            }
            heights[k] = h + verticalGap * Math.max(0, order.get(k).size() - 1);
            tallest = Math.max(tallest, heights[k]);
        }
        int[] left = new int[layers];
        int[] right = new int[layers];
        for (int k = 0; k < layers; k++) {
            for (String id : order.get(k)) {
                left[k] = Math.max(left[k], leftRoom.applyAsInt(id));
                right[k] = Math.max(right[k], rightRoom.applyAsInt(id));
            }
        }
        int x = originX + (layers > 0 ? left[0] : 0);
        for (int k = 0; k < layers; k++) {
            int y = originY + (tallest - heights[k]) / 2;
            int width = 0;
            for (String id : order.get(k)) {
                Dimension d = size.apply(id);
                out.put(id, new Position(x, y));
                y += d.height + verticalGap;
                width = Math.max(width, d.width);
            }
            int next = k + 1 < layers ? left[k + 1] : 0;
            x += width + Math.max(minGap, right[k] + next + 24);
        }
        // keep the pipeline's node order in the map
        Map<String, Position> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            ordered.put(id, out.get(id));
        }
        return ordered;
    }

    /** Longest-path layers; back edges of cycles are ignored. */
    static Map<String, Integer> layers(Pipeline p, List<String> ids) {
        Map<String, List<String>> preds = new HashMap<>();
        for (String id : ids) {
            preds.put(id, new ArrayList<>());
        }
        for (Edge e : p.edges()) {
            if (preds.containsKey(e.from().node())
                    && preds.containsKey(e.to().node())
                    && !e.from().node().equals(e.to().node())) {
                preds.get(e.to().node()).add(e.from().node());
            }
        }
        Map<String, Integer> layer = new HashMap<>();
        Map<String, Boolean> onPath = new HashMap<>();
        for (String id : ids) {
            layerOf(id, preds, layer, onPath);
        }
        return layer;
    }

    private static int layerOf(
            String id, Map<String, List<String>> preds, Map<String, Integer> layer, Map<String, Boolean> onPath) {
        Integer known = layer.get(id);
        if (known != null) {
            return known;
        }
        onPath.put(id, true);
        int l = 0;
        for (String pre : preds.get(id)) {
            if (Boolean.TRUE.equals(onPath.get(pre))) {
                continue; // closes a cycle
            }
            l = Math.max(l, layerOf(pre, preds, layer, onPath) + 1);
        }
        onPath.put(id, false);
        layer.put(id, l);
        return l;
    }

    private static List<List<String>> reduceCrossings(
            Pipeline p, List<List<String>> start, Map<String, Integer> layer) {
        List<List<String>> best = copy(start);
        long bestCrossings = crossings(p, best, layer);
        List<List<String>> current = copy(start);
        for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
            boolean rightward = sweep % 2 == 0;
            int n = current.size();
            for (int i = 0; i < n; i++) {
                int k = rightward ? i : n - 1 - i;
                Map<String, Integer> index = indexOf(current);
                List<String> row = current.get(k);
                Map<String, Double> bary = new HashMap<>();
                for (int j = 0; j < row.size(); j++) {
                    String id = row.get(j);
                    double sum = 0;
                    int count = 0;
                    for (Edge e : p.edges()) {
                        String other = e.to().node().equals(id)
                                ? e.from().node()
                                : e.from().node().equals(id) ? e.to().node() : null;
                        if (other == null || !layer.containsKey(other)) {
                            continue;
                        }
                        // rightward sweeps look at the layers to the left, leftward ones at those to the right
                        if (rightward ? layer.get(other) < k : layer.get(other) > k) {
                            sum += index.get(other);
                            count++;
                        }
                    }
                    bary.put(id, count == 0 ? j : sum / count);
                }
                List<String> sorted = new ArrayList<>(row);
                sorted.sort(Comparator.comparingDouble(bary::get)); // stable: ties keep their order
                current.set(k, sorted);
            }
            long c = crossings(p, current, layer);
            if (c < bestCrossings) {
                bestCrossings = c;
                best = copy(current);
            }
        }
        return best;
    }

    /** Where each node stands in its layer (0, 1, … from the top). */
    private static Map<String, Integer> indexOf(List<List<String>> order) {
        Map<String, Integer> index = new HashMap<>();
        for (List<String> row : order) {
            for (int i = 0; i < row.size(); i++) {
                index.put(row.get(i), i);
            }
        }
        return index;
    }

    /**
     * Crossings of edges drawn as straight lines between their nodes' order places: two edges between the same pair of
     * layers cross when their ends are in opposite orders. Edges spanning several layers count against each other only.
     */
    static long crossings(Pipeline p, List<List<String>> order, Map<String, Integer> layer) {
        Map<String, Integer> index = indexOf(order);
        List<Edge> edges = p.edges().stream()
                .filter(e -> index.containsKey(e.from().node()) && index.containsKey(e.to().node()))
                .toList();
        long c = 0;
        for (int i = 0; i < edges.size(); i++) {
            Edge a = edges.get(i);
            for (int j = i + 1; j < edges.size(); j++) {
                Edge b = edges.get(j);
                if (!layer.get(a.from().node()).equals(layer.get(b.from().node()))
                        || !layer.get(a.to().node()).equals(layer.get(b.to().node()))) {
                    continue;
                }
                int s = Integer.compare(
                        index.get(a.from().node()), index.get(b.from().node()));
                int t = Integer.compare(index.get(a.to().node()), index.get(b.to().node()));
                if (s * t < 0) {
                    c++;
                }
            }
        }
        return c;
    }

    private static List<List<String>> copy(List<List<String>> order) {
        List<List<String>> c = new ArrayList<>();
        for (List<String> row : order) {
            c.add(new ArrayList<>(row));
        }
        return c;
    }
}
