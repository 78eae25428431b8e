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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ferrum.perfusion.models.ExtendedTofts;
import org.ferrum.perfusion.models.KineticFit;

/**
 * The Ferrum side of {@code scripts/dce-peer.sh}: writes {@link DceData} (times, AIF, tissue curves, truth) for the
 * Python peer, fits every curve with the extended Tofts model on one thread, and writes the parameters and the time
 * per voxel (wall and CPU, after five warm-up passes).
 *
 * <pre>java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.DcePeerExport /tmp/dce-peer 2000</pre>
 */
public final class DcePeerExport {

    private DcePeerExport() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/dce-peer");
        int voxels = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Files.createDirectories(dir);
        DceData data = new DceData(voxels, 17);
        int n = data.times.length;
        StringBuilder times = new StringBuilder();
        StringBuilder aif = new StringBuilder();
        double[] cp = data.aif.plasmaConcentration();
        for (int t = 0; t < n; t++) {
            times.append(data.times[t]).append('\n');
            aif.append(cp[t]).append('\n');
        }
        Files.writeString(dir.resolve("times.txt"), times);
        Files.writeString(dir.resolve("aif.txt"), aif);
        ByteBuffer tissue = ByteBuffer.allocate(4 * voxels * n).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder truth = new StringBuilder("ktrans,ve,vp\n");
        for (int v = 0; v < voxels; v++) {
            for (int t = 0; t < n; t++) {
                tissue.putFloat(data.frames[t * voxels + v]);
            }
            truth.append(String.format(
                    Locale.ROOT, "%.6g,%.6g,%.6g%n", data.truth[0][v], data.truth[1][v], data.truth[2][v]));
        }
        Files.write(dir.resolve("tissue.f32"), tissue.array());
        Files.writeString(dir.resolve("truth.csv"), truth);

        KineticFit fit = new KineticFit(new ExtendedTofts(), data.times, data.aif, KineticFit.Settings.DEFAULTS);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] curve = new double[n];
        StringBuilder out = new StringBuilder("ktrans,ve,vp,status\n");
        double wallPerVoxel = 0;
        double cpuPerVoxel = 0;
        for (int pass = 0; pass < 6; pass++) { // the first passes warm the JIT up; the last is timed
            out.setLength("ktrans,ve,vp,status\n".length());
            long wall0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int v = 0; v < voxels; v++) {
                for (int t = 0; t < n; t++) {
                    curve[t] = data.frames[t * voxels + v];
                }
                int status = fit.fit(curve).code();
                double[] p = fit.parameters();
                out.append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g,%d%n", p[0], p[1], p[2], status));
            }
            wallPerVoxel = (System.nanoTime() - wall0) / 1e3 / voxels;
            cpuPerVoxel = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / voxels;
        }
        Files.writeString(dir.resolve("ferrum.csv"), out);
        String timing = String.format(
                Locale.ROOT,
                "ferrum_wall_us_per_voxel=%.3f%nferrum_cpu_us_per_voxel=%.3f%n",
                wallPerVoxel,
                cpuPerVoxel);
        Files.writeString(dir.resolve("ferrum-timing.txt"), timing);
        System.out.print(timing);
    }
}
