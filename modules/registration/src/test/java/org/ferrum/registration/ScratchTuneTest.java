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
package org.ferrum.registration;

import java.util.Locale;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.registration.DeformedHeadPhantom.Contrast;
import org.junit.jupiter.api.Test;

class ScratchTuneTest {
    static String[] readCases() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/tmp/regdef_cases.txt"))
                    .trim()
                    .split("\\s+");
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    static String prop(String k, String d) {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/tmp/regdef_props.txt"))) {
                if (l.startsWith(k + "=")) return l.substring(k.length() + 1);
            }
        } catch (java.io.IOException e) {
        }
        return d;
    }

    @Test
    void tune() {
        String[] cases = readCases();
        double vox = Double.parseDouble(prop("vox", "2.0"));
        long seed = Long.parseLong(prop("seed", "23"));
        double amp = Double.parseDouble(prop("amp", "6"));
        Contrast fc = Contrast.valueOf(prop("fc", "T1W"));
        DeformedHeadPhantom ph = new DeformedHeadPhantom(vox, seed, 6, amp, 28);
        double tex = Double.parseDouble(prop("tex", "0.1"));
        float[][] fixed = ph.sample(fc, true, 0.02, seed + 1, tex);
        float[][] moving = ph.sample(Contrast.T1W, false, 0.02, seed + 2, tex);
        for (String c : cases) {
            String[] f = c.split(":");
            var p = new DiffeomorphicDemons.Params(
                    DiffeomorphicDemons.Similarity.valueOf(f[0]),
                    Integer.parseInt(f[1]),
                    Integer.parseInt(prop("iters", "100")),
                    Double.parseDouble(f.length > 6 ? f[6] : "1.0"),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f.length > 5 ? f[5] : "1.0"),
                    2,
                    Double.parseDouble(f[3]));
            long t0 = System.nanoTime();
            var r = DiffeomorphicDemons.register(
                    new DiffeomorphicDemons.Image(fixed[0], ph.dims, ph.geometry),
                    new DiffeomorphicDemons.Image(moving[0], ph.dims, ph.geometry),
                    null,
                    null,
                    p,
                    Cancellation.NEVER,
                    DiffeomorphicDemons.Progress.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            HeadAnatomy.Ellipsoid brain = DeformedHeadPhantom.ANATOMY.brain();
            double[] t = new double[3], truth = new double[3];
            double sum = 0, sumWm = 0, bx = 0, by = 0, bz = 0, dot = 0, nt = 0, nu = 0;
            long count = 0, cwm = 0;
            for (int n = 0; n < ph.size(); n++) {
                double[] q = ph.centre(n);
                ph.psi(q, truth);
                if (!brain.contains(truth[0], truth[1], truth[2])) continue;
                r.transform().apply(q, t);
                double dx = t[0] - truth[0], dy = t[1] - truth[1], dz = t[2] - truth[2];
                sum += dx * dx + dy * dy + dz * dz;
                count++;
                bx += dx;
                by += dy;
                bz += dz;
                double[] dd = new double[3];
                r.field().apply(q, dd);
                double ux = dd[0] - q[0], uy = dd[1] - q[1], uz = dd[2] - q[2];
                double tx = truth[0] - q[0], ty = truth[1] - q[1], tz = truth[2] - q[2];
                dot += ux * tx + uy * ty + uz * tz;
                nt += tx * tx + ty * ty + tz * tz;
                nu += ux * ux + uy * uy + uz * uz;
                if (fixed[1][n] == 5) {
                    sumWm += dx * dx + dy * dy + dz * dz;
                    cwm++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "CASE %s: bias %.3f %.3f %.3f mm, |u| %.3f |truth| %.3f cos %.3f; rms %.3f (WM %.3f) vox, %.1f s, %s%n",
                    c,
                    bx / count,
                    by / count,
                    bz / count,
                    Math.sqrt(nu / count),
                    Math.sqrt(nt / count),
                    dot / Math.sqrt(nu * nt),
                    Math.sqrt(sum / count) / vox,
                    Math.sqrt(sumWm / cwm) / vox,
                    s,
                    r.levels());
        }
    }
}
