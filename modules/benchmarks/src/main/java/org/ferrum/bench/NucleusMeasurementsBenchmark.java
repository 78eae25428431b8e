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
package org.ferrum.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ferrum.brain.measure.NucleusMeasurements;
import org.ferrum.brain.measure.NucleusTables;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.core.parallel.Cancellation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code brain.nuclei.measure}'s algorithm ({@link NucleusMeasurements#measure} and both tables) on a whole-head
 * grid of 256×256×176 voxels of 1 mm (11.5 M voxels, a 3-D T1/QSM grid): an ellipsoidal brain mask (0.93 M voxels)
 * holding FreeSurfer-named white matter, lateral ventricles, caudate, putamen, pallidum and thalamus (an aseg-like
 * map) and a second map with the grown substantia nigra, red nucleus and dentate drawn over it; χ and R2* with
 * Gaussian noise (seeded); the seven nuclei × 3 hemispheres × 2 maps, reference CSF beside white matter, one erosion
 * step, with the mask.
 *
 * <p>Measured 2026-12-07 on the shared 2-core machine (load average 8.7 from other sessions, so upper bounds): single
 * shots after one warm-up 1.01, 0.59, 1.19, 2.88, 0.73 s (median 1.0 s).
 *
 * <pre>java -jar modules/benchmarks/target/benchmarks.jar NucleusMeasurementsBenchmark -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g", "-Xms2g"})
public class NucleusMeasurementsBenchmark {

    private NucleusMeasurements.Input input;

    /** {label, centre x, y, z, semi-axes a, b, c} in mm LPS, left side (+x); mirrored for the right. */
    private static final double[][] ASEG = {
        {10, 10, 14, 8, 8, 13, 8}, // thalamus
        {11, 15, -12, 18, 5, 9, 9}, // caudate
        {12, 25, -3, 5, 5, 13, 9}, // putamen
        {13, 17.5, -2, 3, 3.5, 8, 6} // pallidum
    };

    private static final double[][] GROWN = {
        {1, 11, 18, -13, 2.5, 7, 2.5}, // substantia nigra
        {2, 5, 20, -8, 3, 3, 3}, // red nucleus
        {3, 14, 44, -18, 6, 8, 5} // dentate
    };

    @Setup(Level.Trial)
    public void generate() {
        VoxelGrid grid = new VoxelGrid(256, 256, 176, 1, 1, 1);
        Geometry geometry = Geometry.ofAffine(1, 0, 0, -127.5, 0, 1, 0, -127.5, 0, 0, 1, -87.5);
        int size = grid.size();
        int[] aseg = new int[size];
        int[] grown = new int[size];
        float[] chi = new float[size];
        float[] r2 = new float[size];
        boolean[] mask = new boolean[size];
        SplittableRandom random = new SplittableRandom(18);
        for (int k = 0, n = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, n++) {
                    double[] p = geometry.toPatient(i, j, k);
                    double x = p[0], y = p[1], z = p[2];
                    double noise = random.nextDouble() - 0.5;
                    if (!inside(x, y, z, 0, 4, 8, 62, 78, 46)) {
                        continue;
                    }
                    mask[n] = true;
                    aseg[n] = x >= 0 ? 2 : 41;
                    double c = -0.03;
                    double r = 20;
                    if (inside(Math.abs(x), y, z, 10, 0, 24, 4, 24, 6)) {
                        aseg[n] = x >= 0 ? 4 : 43;
                        c = 0;
                        r = 2;
                    }
                    for (double[] e : ASEG) {
                        if (inside(Math.abs(x), y, z, e[1], e[2], e[3], e[4], e[5], e[6])) {
                            aseg[n] = x >= 0 ? (int) e[0] : (int) e[0] + 39;
                            c = 0.1;
                            r = 35;
                        }
                    }
                    for (double[] e : GROWN) {
                        if (inside(Math.abs(x), y, z, e[1], e[2], e[3], e[4], e[5], e[6])) {
                            grown[n] = x >= 0 ? (int) e[0] : (int) e[0] + 3;
                            c = 0.15;
                            r = 40;
                        }
                    }
                    chi[n] = (float) (c + 0.02 * noise);
                    r2[n] = (float) (r + 4 * noise);
                }
            }
        }
        LabelTable asegLegend = LabelTable.ofNames(java.util.Map.of(
                2, "Left-Cerebral-White-Matter",
                41, "Right-Cerebral-White-Matter",
                4, "Left-Lateral-Ventricle",
                43, "Right-Lateral-Ventricle",
                10, "Left-Thalamus",
                49, "Right-Thalamus",
                11, "Left-Caudate",
                50, "Right-Caudate",
                12, "Left-Putamen",
                51, "Right-Putamen"));
        asegLegend = asegLegend.merged(LabelTable.of(List.of(
                LabelEntry.named(13, "Left-Pallidum", 0x0C30FF), LabelEntry.named(52, "Right-Pallidum", 0x0D30FF))));
        LabelTable grownLegend = LabelTable.ofNames(java.util.Map.of(
                1, "Left substantia nigra",
                2, "Left red nucleus",
                3, "Left dentate",
                4, "Right substantia nigra",
                5, "Right red nucleus",
                6, "Right dentate"));
        input = new NucleusMeasurements.Input(
                grid,
                geometry,
                chi,
                r2,
                new NucleusMeasurements.LabelMap("labels", aseg, asegLegend),
                new NucleusMeasurements.LabelMap("nuclei", grown, grownLegend),
                mask);
        System.out.printf(
                Locale.ROOT, "%n[NucleusMeasurementsBenchmark] %s, %d voxels in the mask%n", grid, count(mask));
    }

    private static boolean inside(
            double x, double y, double z, double cx, double cy, double cz, double a, double b, double c) {
        double u = (x - cx) / a, v = (y - cy) / b, w = (z - cz) / c;
        return u * u + v * v + w * w <= 1;
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean m : mask) {
            c += m ? 1 : 0;
        }
        return c;
    }

    /** The seven nuclei, referenced to CSF and white matter, both tables. */
    @Benchmark
    public Table[] measure() {
        NucleusMeasurements.Result r =
                NucleusMeasurements.measure(input, NucleusMeasurements.Params.DEFAULTS, Cancellation.NEVER);
        if (!r.warnings().isEmpty()) {
            throw new IllegalStateException(r.warnings().toString());
        }
        return new Table[] {
            NucleusTables.measurements(r.measurements()), NucleusTables.pairs(r.pairs(), PhysicalUnit.PPM)
        };
    }
}
