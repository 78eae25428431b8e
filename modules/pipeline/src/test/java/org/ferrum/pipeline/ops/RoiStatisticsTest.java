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

import static org.ferrum.pipeline.ops.TestVolumes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

class RoiStatisticsTest {

    private static final float NAN = Float.NaN;
    private static final double EPS = 1e-12;

    private static Table stats(Volume<FloatType> volume, Volume<FloatType> labels) throws OperatorException {
        return OperatorHarness.of(new RoiStatisticsOperator())
                .input("volume", volume)
                .input("labels", labels)
                .run()
                .output("table", PortTypes.TABLE);
    }

    private static void assertRow(
            Table t,
            int row,
            double label,
            double n,
            double nNaN,
            double mean,
            double median,
            double sd,
            double min,
            double max) {
        assertEquals(label, t.number(row, "label"));
        assertEquals(n, t.number(row, "n"));
        assertEquals(nNaN, t.number(row, "n_nan"));
        assertEquals(mean, t.number(row, "mean"), EPS);
        assertEquals(median, t.number(row, "median"), EPS);
        assertEquals(sd, t.number(row, "sd"), EPS);
        assertEquals(min, t.number(row, "min"));
        assertEquals(max, t.number(row, "max"));
    }

    @Test
    void handComputedStatisticsPerLabel() throws OperatorException {
        // label 1: {1, 2, 3, 4}; label 2: {NaN, 10}; label 3: {7}; label 0 (background): {-1}
        Volume<FloatType> chi = of(new long[] {4, 2, 1}, PhysicalUnit.PPM, 3, 1, 4, 2, NAN, 10, 7, -1);
        Volume<FloatType> labels = of(new long[] {4, 2, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 2, 2, 3, 0);
        Table t = stats(chi, labels);
        assertEquals(
                List.of(
                        "label",
                        "n",
                        "n_nan",
                        "n_inf",
                        "mean [ppm]",
                        "median [ppm]",
                        "sd [ppm]",
                        "min [ppm]",
                        "max [ppm]"),
                t.columns().stream().map(Table.Column::header).toList());
        assertEquals(3, t.rowCount());
        assertRow(t, 0, 1, 4, 0, 2.5, 2.5, Math.sqrt(5.0 / 3), 1, 4); // Σ(x − 2.5)² = 5, n − 1 = 3
        assertRow(t, 1, 2, 1, 1, 10, 10, NAN, 10, 10);
        assertRow(t, 2, 3, 1, 0, 7, 7, NAN, 7, 7);
    }

    @Test
    void oddCountMedianIsTheMiddleValue() throws OperatorException {
        Volume<FloatType> v = of(new long[] {5, 1, 1}, PhysicalUnit.PER_SECOND, 5, -2, 3, 8, 100);
        Volume<FloatType> mask = of(new long[] {5, 1, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 1);
        Table t = stats(v, mask);
        // mean 114/5 = 22.8; Σ(x − 22.8)² = 7502.8, /4 = 1875.7
        assertRow(t, 0, 1, 5, 0, 22.8, 5, Math.sqrt(1875.7), -2, 100);
        assertEquals(
                PhysicalUnit.PER_SECOND, t.columns().get(t.columnIndex("mean")).unit());
    }

    @Test
    void regionWithOnlyNaNValuesIsListedWithNaNStatistics() throws OperatorException {
        Volume<FloatType> v = of(new long[] {2, 1, 1}, PhysicalUnit.PPM, NAN, NAN);
        Volume<FloatType> labels = of(new long[] {2, 1, 1}, PhysicalUnit.DIMENSIONLESS, 4, 4);
        Table t = stats(v, labels);
        assertRow(t, 0, 4, 0, 2, NAN, NAN, NAN, NAN, NAN);
    }

    @Test
    void fourDimensionalVolumeGivesRowsPerFrame() throws OperatorException {
        Volume<FloatType> echoes =
                of(new long[] {4, 2, 1, 2}, PhysicalUnit.ARBITRARY, 3, 1, 4, 2, NAN, 10, 7, -1, 2, 4, 6, 9, 1, 1, 0, 5);
        Volume<FloatType> labels = of(new long[] {4, 2, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 2, 2, 3, 0);
        Table t = stats(echoes, labels);
        assertEquals("frame", t.columns().get(0).name());
        assertEquals(6, t.rowCount());
        for (int r = 0; r < 6; r++) {
            assertEquals(r < 3 ? 1 : 2, t.number(r, "frame"));
        }
        assertRow(t, 0, 1, 4, 0, 2.5, 2.5, Math.sqrt(5.0 / 3), 1, 4);
        // frame 2, label 1: {2, 4, 6, 9}: mean 5.25, Σ(x − 5.25)² = 26.75, /3
        assertRow(t, 3, 1, 4, 0, 5.25, 5, Math.sqrt(26.75 / 3), 2, 9);
        assertRow(t, 4, 2, 2, 0, 1, 1, 0, 1, 1);
        assertRow(t, 5, 3, 1, 0, 0, 0, NAN, 0, 0);
    }

    /** Issue 14: an empty label map (e.g. a threshold of an all-NaN volume) gave a header-only table with exit 0. */
    @Test
    void noLabelledVoxelIsRefused() {
        Volume<FloatType> v = of(new long[] {2, 1, 1}, PhysicalUnit.PPM, NAN, NAN);
        OperatorException e = assertThrows(
                OperatorException.class, () -> stats(v, of(new long[] {2, 1, 1}, PhysicalUnit.DIMENSIONLESS, 0, 0)));
        assertTrue(e.isBadInput());
        assertEquals(
                "input 'labels' (2×1×1) has no voxel > 0, so there is no region to measure (an empty mask, e.g. a threshold"
                        + " of an all-NaN or all-zero volume?)",
                e.getMessage());
    }

    /**
     * Issue 14: one infinite voxel made a region's mean ±∞ (or NaN) and its SD NaN, silently. Infinite values are now
     * left out like NaN, counted in n_inf, and said in the log.
     */
    @Test
    void infiniteVoxelsAreLeftOutCountedAndSaid() throws OperatorException {
        float inf = Float.POSITIVE_INFINITY;
        // label 1: {1, +∞, 3, −∞}; label 2: {+∞, NaN}; label 3: {5}
        Volume<FloatType> chi = of(new long[] {4, 2, 1}, PhysicalUnit.PPM, 1, inf, 3, -inf, inf, NAN, 5, 0);
        Volume<FloatType> labels = of(new long[] {4, 2, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 2, 2, 3, 0);
        OperatorHarness run = OperatorHarness.of(new RoiStatisticsOperator())
                .input("volume", chi)
                .input("labels", labels)
                .run();
        Table t = run.output("table", PortTypes.TABLE);
        assertRow(t, 0, 1, 2, 0, 2, 2, Math.sqrt(2), 1, 3);
        assertEquals(2, t.number(0, "n_inf"));
        assertRow(t, 1, 2, 0, 1, NAN, NAN, NAN, NAN, NAN);
        assertEquals(1, t.number(1, "n_inf"));
        assertRow(t, 2, 3, 1, 0, 5, 5, NAN, 5, 5);
        assertEquals(0, t.number(2, "n_inf"));
        List<String> warnings = run.warnings();
        assertEquals(
                List.of(
                        "3 labelled voxel value(s) of input 'volume' are ±∞; they are left out of the statistics"
                                + " and counted in n_inf",
                        "1 of 3 rows have no finite value, so their statistics are NaN: label 2 (1 NaN, 1 infinite)"),
                warnings);
    }

    /** Issue 14: an all-NaN volume in a non-empty region gives rows of n = 0, counted and said, per frame. */
    @Test
    void anAllNaNVolumeIsCountedAndSaid() throws OperatorException {
        Volume<FloatType> v = of(new long[] {2, 1, 1, 2}, PhysicalUnit.PPM, NAN, NAN, NAN, NAN);
        OperatorHarness run = OperatorHarness.of(new RoiStatisticsOperator())
                .input("volume", v)
                .input("labels", of(new long[] {2, 1, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1))
                .run();
        Table t = run.output("table", PortTypes.TABLE);
        assertEquals(2, t.rowCount());
        assertRow(t, 1, 1, 0, 2, NAN, NAN, NAN, NAN, NAN);
        assertTrue(
                run.warnings()
                        .contains("2 of 2 rows have no finite value, so their statistics are NaN: frame 1 label 1"
                                + " (2 NaN, 0 infinite), frame 2 label 1 (2 NaN, 0 infinite)"),
                run.warnings().toString());
    }

    @Test
    void agreesWithPlainPerLabelListsOnRandomDataAndCellImages() throws OperatorException {
        Random random = new Random(7);
        long[] dims = {7, 5, 6, 2};
        float[] values = new float[7 * 5 * 6 * 2];
        float[] labelValues = new float[7 * 5 * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(20) == 0 ? NAN : (float) random.nextGaussian() * 3 + (i % 3 == 0 ? -0.0f : 0);
        }
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = random.nextInt(6) * (random.nextBoolean() ? 1 : 17);
        }
        Volume<FloatType> volume = TestVolumes.onCells(of(dims, PhysicalUnit.PPB, values));
        Volume<FloatType> labels =
                TestVolumes.onCells(of(new long[] {7, 5, 6}, PhysicalUnit.DIMENSIONLESS, labelValues));
        Table t = stats(volume, labels);

        int row = 0;
        for (int frame = 0; frame < 2; frame++) {
            TreeMap<Integer, List<Float>> byLabel = new TreeMap<>();
            for (int i = 0; i < labelValues.length; i++) {
                if (labelValues[i] > 0) {
                    byLabel.computeIfAbsent((int) labelValues[i], k -> new ArrayList<>())
                            .add(values[frame * labelValues.length + i]);
                }
            }
            for (var e : byLabel.entrySet()) {
                double[] x = e.getValue().stream()
                        .filter(f -> !f.isNaN())
                        .mapToDouble(Float::doubleValue)
                        .sorted()
                        .toArray();
                int nanCount = e.getValue().size() - x.length;
                double mean = Arrays.stream(x).sum() / x.length;
                double ss = Arrays.stream(x).map(d -> (d - mean) * (d - mean)).sum();
                double median = x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
                assertEquals(frame + 1, t.number(row, "frame"));
                assertRow(
                        t,
                        row,
                        e.getKey(),
                        x.length,
                        nanCount,
                        mean,
                        median,
                        Math.sqrt(ss / (x.length - 1)),
                        x[0],
                        x[x.length - 1]);
                row++;
            }
        }
        assertEquals(row, t.rowCount());
    }

    @Test
    void sortKeysOrderValuesLikeFloatCompareAndDecodeExactly() {
        float[] specials = {
            Float.NEGATIVE_INFINITY,
            -Float.MAX_VALUE,
            -1,
            -Float.MIN_VALUE,
            -0.0f,
            0.0f,
            Float.MIN_VALUE,
            1,
            Float.MAX_VALUE,
            Float.POSITIVE_INFINITY,
            NAN
        };
        for (int i = 0; i < specials.length; i++) {
            long k = RoiStatisticsOperator.key(5, specials[i]);
            assertEquals(5, RoiStatisticsOperator.labelOf(k));
            assertEquals(Float.floatToIntBits(specials[i]), Float.floatToIntBits(RoiStatisticsOperator.valueOf(k)));
            if (i > 0) {
                assertTrue(RoiStatisticsOperator.key(5, specials[i - 1]) < k, specials[i - 1] + " < " + specials[i]);
            }
        }
        assertTrue(RoiStatisticsOperator.key(5, NAN) < RoiStatisticsOperator.key(6, Float.NEGATIVE_INFINITY));
        assertTrue(RoiStatisticsOperator.key(Integer.MAX_VALUE, NAN)
                > RoiStatisticsOperator.key(Integer.MAX_VALUE - 1, NAN));
    }

    @Test
    void nonLabelValuesAreRefusedNamingTheVoxel() {
        Volume<FloatType> v = of(new long[] {2, 2, 1}, PhysicalUnit.PPM, 1, 2, 3, 4);
        OperatorException e = assertThrows(
                OperatorException.class,
                () -> stats(v, of(new long[] {2, 2, 1}, PhysicalUnit.DIMENSIONLESS, 0, 1, 1, 2.5f)));
        assertTrue(e.isBadInput());
        assertEquals(
                "input 'labels': voxel (1, 1, 0) holds 2.5; a label map holds whole numbers ≥ 0 (0 = background)"
                        + " and a mask 0 or 1",
                e.getMessage());
        e = assertThrows(
                OperatorException.class,
                () -> stats(v, of(new long[] {2, 2, 1}, PhysicalUnit.DIMENSIONLESS, -1, 0, 0, 0)));
        assertTrue(e.getMessage().startsWith("input 'labels': voxel (0, 0, 0) holds -1.0;"), e.getMessage());
        e = assertThrows(
                OperatorException.class,
                () -> stats(v, of(new long[] {2, 2, 1}, PhysicalUnit.DIMENSIONLESS, 0, NAN, 0, 0)));
        assertTrue(e.getMessage().startsWith("input 'labels': voxel (1, 0, 0) holds NaN;"), e.getMessage());
    }

    @Test
    void labelsOnAnotherGridOrWithSeveralFramesAreRefused() {
        Volume<FloatType> v = of(new long[] {2, 2, 1}, PhysicalUnit.PPM, 1, 2, 3, 4);
        OperatorException e = assertThrows(
                OperatorException.class, () -> stats(v, of(new long[] {2, 1, 1}, PhysicalUnit.DIMENSIONLESS, 1, 1)));
        assertEquals("inputs 'volume' and 'labels' differ in size: 2×2×1 vs 2×1×1", e.getMessage());
        e = assertThrows(
                OperatorException.class,
                () -> stats(v, of(new long[] {2, 2, 1, 2}, PhysicalUnit.DIMENSIONLESS, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertEquals(
                "input 'labels' has 2 frames (2×2×1×2); labels are one 3-D frame, applied to every frame of the volume",
                e.getMessage());
    }
}
