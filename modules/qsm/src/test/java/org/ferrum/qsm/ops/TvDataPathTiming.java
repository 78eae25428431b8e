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
package org.ferrum.qsm.ops;

import java.util.Arrays;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.inversion.SpherePhantom;

/**
 * Not a test: a timing of the TV operator's data path (reading, padding, cropping, referencing around one ADMM
 * iteration) on a 256×256×128 grid, for issue 16's "one pass each" (figures in the qsm README). Run with
 * {@code java -Xmx3g -cp <test classpath> org.ferrum.qsm.ops.TvDataPathTiming}.
 */
public final class TvDataPathTiming {

    private TvDataPathTiming() {}

    public static void main(String[] args) throws Exception {
        VoxelGrid grid = new VoxelGrid(256, 256, 128, 0.75, 0.75, 1);
        double[] centre = {128, 128, 64};
        float[] field = new float[grid.size()];
        SpherePhantom.addField(field, grid, centre, 20, 0.1, new double[] {0, 0, 1});
        boolean[] ball = SpherePhantom.ball(grid, centre, 60);
        float[] ones = new float[grid.size()];
        float[] sd = new float[grid.size()];
        for (int n = 0; n < ones.length; n++) {
            ones[n] = ball[n] ? 1 : 0;
            sd[n] = 0.01f;
        }
        Geometry g = Geometry.axisAligned(0.75, 0.75, 1);
        Volume<FloatType> f = VolumeArrays.volume(field, grid, g, PhysicalUnit.PPM);
        Volume<FloatType> m = VolumeArrays.volume(ones, grid, g, PhysicalUnit.DIMENSIONLESS);
        Volume<FloatType> s = VolumeArrays.volume(sd, grid, g, PhysicalUnit.PPM);
        // process CPU time besides the wall time: on a shared machine the wall time measures the other sessions' load
        // too
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (double pad : new double[] {1.0, 1.25}) {
            for (boolean weighted : new boolean[] {false, true}) {
                double[] t = new double[7];
                double[] cpu = new double[7];
                for (int r = 0; r < t.length; r++) {
                    OperatorHarness h = OperatorHarness.of(new TotalVariationAdmmOperator())
                            .input("local_field", f)
                            .input("mask", m)
                            .set("max_iterations", 1L)
                            .set("pad", pad);
                    if (weighted) {
                        h.input("field_sd", s);
                    }
                    long t0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    h.run();
                    t[r] = (System.nanoTime() - t0) / 1e6;
                    cpu[r] = (os.getProcessCpuTime() - c0) / 1e6;
                }
                double[] measured = Arrays.copyOfRange(t, 2, t.length);
                double[] cpuMeasured = Arrays.copyOfRange(cpu, 2, cpu.length);
                Arrays.sort(measured);
                Arrays.sort(cpuMeasured);
                System.out.printf(
                        Locale.ROOT,
                        "TV operator, 1 iteration, pad %.2f, %s: median %.0f ms wall, %.0f ms CPU (CPU of 5: %s)%n",
                        pad,
                        weighted ? "weighted (field_sd)" : "unweighted",
                        measured[2],
                        cpuMeasured[2],
                        Arrays.toString(cpuMeasured));
            }
        }
    }
}
