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
package org.ferrum.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

/** {@code roi.measurements} against hand-computed order statistics and geometric erosion counts. */
class RoiMeasurementsOperatorTest {

    private static final double EPS = 1e-9;
    private static final Port1 MAP_1 = new Port1(0);
    private static final Port1 MAP_2 = new Port1(1);
    private static final Port1 MAP_3 = new Port1(2);

    private record Port1(int index) {
        org.ferrum.pipeline.api.Port<Volume<FloatType>> port() {
            return RoiMeasurementsOperator.MAPS.get(index);
        }
    }

    private static Volume<FloatType> volume(long[] dims, Geometry g, PhysicalUnit unit, float[] values) {
        Volume<FloatType> v = Volumes.createFloat(dims, g, unit);
        System.arraycopy(values, 0, Volumes.floats(v), 0, values.length);
        return v;
    }

    private static int row(Table t, String region, String map) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.text(r, "name").equals(region) && t.text(r, "map").equals(map)) {
                return r;
            }
        }
        throw new AssertionError("no row " + region + "/" + map);
    }

    @Test
    void analyticMediansQuartilesAndCountsPerRegionAndMap() throws OperatorException {
        // 4 × 3 × 2 = 24 voxels. Label 1: first 8 voxels, values 8, 7, …, 1 (shuffled order must not matter);
        // label 2: next 6 voxels with values 10, 20, 30, 40, NaN, +∞; label 0 elsewhere with a huge value.
        long[] dims = {4, 3, 2};
        float[] labels = new float[24];
        float[] t1 = new float[24];
        float[] ktrans = new float[24];
        java.util.Arrays.fill(t1, 1e6f);
        java.util.Arrays.fill(ktrans, 1e6f);
        for (int i = 0; i < 8; i++) {
            labels[i] = 1;
            t1[i] = 8 - i; // 8 … 1 s
            ktrans[i] = 0.01f * (i + 1); // 0.01 … 0.08 /min
        }
        float[] second = {10, 20, 30, 40, Float.NaN, Float.POSITIVE_INFINITY};
        for (int i = 0; i < 6; i++) {
            labels[8 + i] = 2;
            t1[8 + i] = second[i];
            ktrans[8 + i] = second[5 - i];
        }
        Geometry g = Geometry.axisAligned(1, 1, 2);
        OperatorHarness h = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, volume(dims, g, PhysicalUnit.DIMENSIONLESS, labels))
                .input(MAP_1.port(), volume(dims, g, PhysicalUnit.SECOND, t1))
                .input(MAP_3.port(), volume(dims, g, PhysicalUnit.PER_MINUTE, ktrans))
                .set(RoiMeasurementsOperator.MAP_NAMES, "t1, ktrans")
                .set(RoiMeasurementsOperator.LABEL_NAMES, "1=tumour,2=cord")
                .run();
        Table t = h.output(RoiMeasurementsOperator.MEASUREMENTS);
        assertEquals(
                List.of(
                        "label", "name", "map", "unit", "n", "n_nan", "n_inf", "median", "q1", "q3", "iqr", "mean",
                        "sd"),
                t.columns().stream().map(Table.Column::name).toList());
        assertEquals(4, t.rowCount());
        // region order, then map order
        assertEquals(
                List.of("tumour/t1", "tumour/ktrans", "cord/t1", "cord/ktrans"),
                java.util.stream.IntStream.range(0, 4)
                        .mapToObj(r -> t.text(r, "name") + "/" + t.text(r, "map"))
                        .toList());

        // values 1…8: median 4.5; Hyndman–Fan 7: h = 7·0.25 = 1.75 → 2 + 0.75 = 2.75; h = 5.25 → 6.25
        int r = row(t, "tumour", "t1");
        assertEquals(1, t.number(r, "label"));
        assertEquals("s", t.text(r, "unit"));
        assertEquals(8, t.number(r, "n"));
        assertEquals(4.5, t.number(r, "median"), EPS);
        assertEquals(2.75, t.number(r, "q1"), EPS);
        assertEquals(6.25, t.number(r, "q3"), EPS);
        assertEquals(3.5, t.number(r, "iqr"), EPS);
        assertEquals(4.5, t.number(r, "mean"), EPS);
        assertEquals(Math.sqrt(42.0 / 7), t.number(r, "sd"), EPS); // Σ(x − 4.5)² = 42

        r = row(t, "tumour", "ktrans");
        assertEquals(PhysicalUnit.PER_MINUTE.symbol(), t.text(r, "unit"));
        assertEquals(0.045, t.number(r, "median"), 1e-7);
        assertEquals(0.0275, t.number(r, "q1"), 1e-7);
        assertEquals(0.0625, t.number(r, "q3"), 1e-7);

        // cord t1: {10, 20, 30, 40}, NaN and +∞ left out and counted: median 25, q1 = 10 + 0.75·10, q3 = 30 + 0.25·10
        r = row(t, "cord", "t1");
        assertEquals(2, t.number(r, "label"));
        assertEquals(4, t.number(r, "n"));
        assertEquals(1, t.number(r, "n_nan"));
        assertEquals(1, t.number(r, "n_inf"));
        assertEquals(25, t.number(r, "median"), EPS);
        assertEquals(17.5, t.number(r, "q1"), EPS);
        assertEquals(32.5, t.number(r, "q3"), EPS);
        assertEquals(15, t.number(r, "iqr"), EPS);
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("t1 in cord") && w.contains("±∞")),
                h.warnings().toString());
    }

    @Test
    void erosionTakesOneLayerOffACubeAndRegionsErodedAwayStayWithNaN() throws OperatorException {
        // 9³ grid: label 1 a 5³ cube at 1…5, label 2 a single voxel at (7, 7, 7); map = x + 10·y + 100·z.
        int n = 9;
        long[] dims = {n, n, n};
        float[] labels = new float[n * n * n];
        float[] map = new float[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = x + n * (y + n * z);
                    map[i] = x + 10 * y + 100 * z;
                    if (x >= 1 && x <= 5 && y >= 1 && y <= 5 && z >= 1 && z <= 5) {
                        labels[i] = 1;
                    }
                }
            }
        }
        labels[7 + n * (7 + n * 7)] = 2;
        Geometry g = Geometry.axisAligned(1, 1, 1);
        OperatorHarness h = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, volume(dims, g, PhysicalUnit.DIMENSIONLESS, labels))
                .input(MAP_2.port(), volume(dims, g, PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND, map))
                .set(RoiMeasurementsOperator.ERODE, 1L)
                .run();
        Table t = h.output(RoiMeasurementsOperator.MEASUREMENTS);
        assertEquals(2, t.rowCount());
        int r = row(t, "label 1", "map_2");
        assertEquals(27, t.number(r, "n")); // 3³ inner cube 2…4
        assertEquals(3 + 30 + 300, t.number(r, "median"), EPS); // centre of symmetry
        assertEquals(3 + 30 + 300, t.number(r, "mean"), EPS);
        r = row(t, "label 2", "map_2");
        assertEquals(0, t.number(r, "n"));
        assertTrue(Double.isNaN(t.number(r, "median")));
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("label 2")),
                h.warnings().toString());

        // without erosion: the full 5³ cube, median also at its centre
        Table full = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, volume(dims, g, PhysicalUnit.DIMENSIONLESS, labels))
                .input(MAP_2.port(), volume(dims, g, PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND, map))
                .run()
                .output(RoiMeasurementsOperator.MEASUREMENTS);
        assertEquals(125, full.number(row(full, "label 1", "map_2"), "n"));
        assertEquals(333, full.number(row(full, "label 1", "map_2"), "median"), EPS);
    }

    @Test
    void randomValuesAgreeWithSortingEachRegion() throws OperatorException {
        Random random = new Random(17);
        long[] dims = {7, 5, 4};
        int voxels = 140;
        float[] labels = new float[voxels];
        float[] map = new float[voxels];
        for (int i = 0; i < voxels; i++) {
            labels[i] = random.nextInt(4);
            map[i] = (float) random.nextGaussian();
        }
        Geometry g = Geometry.axisAligned(1, 1, 1);
        Table t = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, volume(dims, g, PhysicalUnit.DIMENSIONLESS, labels))
                .input(MAP_1.port(), volume(dims, g, PhysicalUnit.PERCENT, map))
                .set(RoiMeasurementsOperator.MAP_NAMES, "pdff")
                .run()
                .output(RoiMeasurementsOperator.MEASUREMENTS);
        for (int r = 0; r < t.rowCount(); r++) {
            int label = (int) t.number(r, "label");
            double[] v = java.util.stream.IntStream.range(0, voxels)
                    .filter(i -> labels[i] == label)
                    .mapToDouble(i -> map[i])
                    .sorted()
                    .toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            assertEquals(v.length, t.number(r, "n"));
            assertEquals(median, t.number(r, "median"), 1e-7);
            assertEquals("%", t.text(r, "unit"));
        }
    }

    @Test
    void refusesMapsOnAnotherGridNamingThePortAndBadNames() throws OperatorException {
        long[] dims = {2, 2, 1};
        float[] ones = {1, 1, 1, 1};
        Volume<FloatType> labels = volume(dims, Geometry.axisAligned(1, 1, 1), PhysicalUnit.DIMENSIONLESS, ones);
        Volume<FloatType> other = volume(dims, Geometry.axisAligned(2, 2, 2), PhysicalUnit.SECOND, ones);
        Volume<FloatType> same = volume(dims, Geometry.axisAligned(1, 1, 1), PhysicalUnit.SECOND, ones);
        String m = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels)
                .input(MAP_1.port(), same)
                .input(MAP_2.port(), other)
                .runExpectingBadInput();
        assertTrue(m.contains("map_2") && m.contains("labels"), m);

        // one name for two connected maps: neither one per connected map nor one per port up to map_3
        m = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels)
                .input(MAP_1.port(), same)
                .input(MAP_3.port(), same)
                .set(RoiMeasurementsOperator.MAP_NAMES, "t1")
                .runExpectingBadInput();
        assertTrue(m.startsWith("parameter 'map_names'") && m.contains("1 name(s)"), m);
        m = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels)
                .input(MAP_3.port(), same)
                .set(RoiMeasurementsOperator.MAP_NAMES, "t1,ktrans")
                .runExpectingBadInput();
        assertTrue(m.startsWith("parameter 'map_names'") && m.contains("map_1 … map_3"), m);
        // one name per port: map_2's name is skipped while it is unconnected (an optional branch left out)
        Table byPort = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels)
                .input(MAP_1.port(), same)
                .input(MAP_3.port(), same)
                .set(RoiMeasurementsOperator.MAP_NAMES, "t1,adc,ktrans")
                .run()
                .output(RoiMeasurementsOperator.MEASUREMENTS);
        assertEquals(List.of("t1", "ktrans"), List.of(byPort.text(0, "map"), byPort.text(1, "map")));

        m = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels)
                .input(MAP_1.port(), same)
                .set(RoiMeasurementsOperator.LABEL_NAMES, "tumour")
                .runExpectingBadInput();
        assertTrue(m.startsWith("parameter 'label_names'"), m);

        m = OperatorHarness.of(new RoiMeasurementsOperator())
                .input(RoiMeasurementsOperator.LABELS, labels)
                .runExpectingBadInput();
        assertTrue(m.contains("no map is connected"), m);
    }
}
