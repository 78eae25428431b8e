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

import java.util.Locale;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.VolumeInputs;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.evaluation.QsmMetrics;
import org.ferrum.qsm.mask.Morphology;
import org.ferrum.qsm.phantom.HeadAnatomy;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exploration harness behind the README's "The brain chain of brain-qsm.json" table (issue 13): background removal
 * variants on the 2 mm physical whole head (B0 20°, 3 T, 5 echoes), scored on the local field against the truth (overall
 * and by depth from the mask's edge) and, with {@code -Dx.tv=true}, on χ after TV; {@code -Dx.decomp=true} puts the true
 * local and background fields through each method separately. Options are system properties {@code x.*} (see the README).
 * Only asserts that every variant gives a finite score; the figures are for reading.
 */
@Tag("validation")
class BrainChainExplorationTest {

    static HeadPhantom phantom(long seed, double snr, double tesla) {
        return HeadPhantom.builder()
                .size(96, 108, 84)
                .voxelSize(2, 2, 2)
                .fieldStrength(tesla)
                .echoTimesMs(4, 10, 16, 22, 28)
                .obliqueDegrees(20)
                .snr(snr)
                .seed(seed)
                .paddingFactor(1.25)
                .anatomy(HeadAnatomy.wholeHead())
                .signalModel(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX)
                .generate();
    }

    @Test
    void explore() throws Exception {
        long seed = Long.getLong("x.seed", 1);
        double snr = Double.parseDouble(System.getProperty("x.snr", "100"));
        HeadPhantom p = phantom(seed, snr, 3);
        VoxelGrid grid = p.grid();
        var maskCtx = OperatorHarness.of(new MagnitudeMaskOperator())
                .input("gre", p.gre())
                .set("method", "auto")
                .set("erosion_mm", Double.parseDouble(System.getProperty("x.erode", "0")))
                .run();
        var maskVol = Boolean.getBoolean("x.trueMask") ? p.brainMask() : maskCtx.output("mask", PortTypes.MASK);
        boolean[] mask = VolumeInputs.mask(maskVol, "mask");
        boolean[] brain = p.brainMaskArray();
        OperatorHarness unwrap = OperatorHarness.of(new RomeoUnwrappingOperator())
                .input("gre", p.gre())
                .input("mask", maskVol)
                .run();
        OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", unwrap.output("gre", PortTypes.MULTI_ECHO_GRE))
                .input("mask", maskVol)
                .run();
        var field = combine.output("field", PortTypes.VOLUME);
        float[] truthLocal = VolumeArrays.frame(p.localField(), 0);
        int nb = Morphology.count(brain);
        int both = 0, beyond = 0;
        for (int v = 0; v < mask.length; v++) {
            if (mask[v] && brain[v]) both++;
            if (mask[v] && !brain[v]) beyond++;
        }
        System.out.printf(
                Locale.ROOT,
                "mask: %d brain %d, in brain %.3f, beyond %.3f%n",
                Morphology.count(mask),
                nb,
                both / (double) nb,
                beyond / (double) nb);
        float[] dist2 = Morphology.squaredDistanceTo(mask, false, grid, Cancellation.NEVER);
        if (Boolean.getBoolean("x.decomp")) {
            float[] bgTruth = VolumeArrays.frame(p.backgroundField(), 0);
            for (String var : System.getProperty("x.variants", "pdf").split(",")) {
                for (var mv : new Object[] {maskVol, p.brainMask()}) {
                    for (String which : new String[] {"local", "background", "total"}) {
                        var in = which.equals("local")
                                ? p.localField()
                                : which.equals("background") ? p.backgroundField() : p.totalField();
                        OperatorHarness c = background(var, in, mv, p);
                        float[] out = VolumeArrays.frame(c.output("local_field", PortTypes.VOLUME), 0);
                        boolean[] om = VolumeInputs.mask(c.output("mask", PortTypes.MASK), "mask");
                        boolean[] ev = new boolean[om.length];
                        for (int v = 0; v < ev.length; v++) ev[v] = om[v] && brain[v];
                        float[] target = which.equals("background") ? new float[out.length] : truthLocal;
                        double[] edges = {0, 4.1, 8.1, 12.1, 20.1, 1e9};
                        StringBuilder sb = new StringBuilder(String.format(
                                Locale.ROOT,
                                "%s %s mask, input %s: error rms / local rms = %.1f %%, by depth:",
                                var,
                                mv == maskVol ? "auto" : "true",
                                which,
                                100 * rmse(out, target, ev, ev) / rmse(truthLocal, new float[out.length], ev, ev)));
                        for (int s = 0; s + 1 < edges.length; s++) {
                            boolean[] shell = new boolean[ev.length];
                            for (int v = 0; v < ev.length; v++) {
                                double d = Math.sqrt(dist2[v]);
                                shell[v] = ev[v] && d > edges[s] && d <= edges[s + 1];
                            }
                            sb.append(String.format(
                                    Locale.ROOT, " ≤%.0f: %.4f", edges[s + 1], rmse(out, target, shell, ev)));
                        }
                        System.out.println(sb);
                    }
                }
            }
            return;
        }
        String[] variants =
                System.getProperty("x.variants", "pdf,pdf300,pdfpad40,resharp").split(",");
        for (String var : variants) {
            long t0 = System.nanoTime();
            float[] local;
            boolean[] out;
            String[] parts = var.split("\\+");
            OperatorHarness c = background(parts[0], field, maskVol, p);
            local = VolumeArrays.frame(c.output("local_field", PortTypes.VOLUME), 0);
            out = VolumeInputs.mask(c.output("mask", PortTypes.MASK), "mask");
            for (int k = 1; k < parts.length; k++) {
                if (parts[k].startsWith("poly")) {
                    local = polynomialResidual(local, out, grid, Integer.parseInt(parts[k].substring(4)));
                } else {
                    var lv = VolumeArrays.volume(local, grid, p.geometry(), PhysicalUnit.PPM);
                    OperatorHarness c2 = background(parts[k], lv, VolumeArrays.maskVolume(out, grid, p.geometry()), p);
                    local = VolumeArrays.frame(c2.output("local_field", PortTypes.VOLUME), 0);
                    out = VolumeInputs.mask(c2.output("mask", PortTypes.MASK), "mask");
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            org.junit.jupiter.api.Assertions.assertTrue(
                    Double.isFinite(nrmse(local, truthLocal, out)), var + ": no finite local field");
            boolean[] ev = new boolean[mask.length];
            int ne = 0;
            for (int v = 0; v < ev.length; v++) {
                ev[v] = out[v] && brain[v];
                ne += ev[v] ? 1 : 0;
            }
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-28s local %.1f %% over %.3f of brain (%.0f s); by depth mm:",
                    var,
                    100 * nrmse(local, truthLocal, ev),
                    ne / (double) nb,
                    secs));
            double[] edges = {0, 4.1, 8.1, 12.1, 20.1, 1e9};
            for (int s = 0; s + 1 < edges.length; s++) {
                boolean[] shell = new boolean[mask.length];
                int ns = 0;
                for (int v = 0; v < ev.length; v++) {
                    double d = Math.sqrt(dist2[v]);
                    shell[v] = ev[v] && d > edges[s] && d <= edges[s + 1];
                    ns += shell[v] ? 1 : 0;
                }
                sb.append(String.format(
                        Locale.ROOT, " ≤%.0f: rmse %.4f (%d)", edges[s + 1], rmse(local, truthLocal, shell, ev), ns));
            }
            System.out.println(sb);
            if (Boolean.getBoolean("x.tv")) {
                var lv = VolumeArrays.volume(local, grid, p.geometry(), PhysicalUnit.PPM);
                OperatorHarness tv = OperatorHarness.of(new TotalVariationAdmmOperator())
                        .input("local_field", lv)
                        .input("mask", VolumeArrays.maskVolume(out, grid, p.geometry()))
                        .input("gre", p.gre());
                String lam = System.getProperty("x.lambda");
                if (lam != null) tv.set("lambda", Double.parseDouble(lam));
                tv.run();
                float[] chi = VolumeArrays.frame(tv.output("chi", PortTypes.VOLUME), 0);
                var r = new QsmMetrics(grid, ev)
                        .evaluate(
                                chi,
                                VolumeArrays.frame(p.chi(), 0),
                                VolumeArrays.frame(p.labels(), 0),
                                QsmMetrics.SsimConstants.DEFAULTS);
                StringBuilder s2 =
                        new StringBuilder(String.format(Locale.ROOT, "   TV chi NRMSE %.1f %%:", r.nrmsePercent()));
                for (int l : new int[] {7, 8, 9, 10, 11, 12, 16}) {
                    var e = r.roi(l);
                    s2.append(String.format(Locale.ROOT, " %d:%+.0fppb/%+.0f%%", l, e.errorPpb(), e.errorPercent()));
                }
                System.out.println(s2);
            }
        }
    }

    static OperatorHarness background(String spec, Object field, Object maskVol, HeadPhantom p) throws Exception {
        OperatorHarness c;
        String[] a = spec.split(":");
        switch (a[0]) {
            case "pdf" -> {
                c = OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator());
                for (int k = 1; k < a.length; k++) {
                    String[] kv = a[k].split("=");
                    c.set(
                            kv[0],
                            kv[0].equals("tolerance")
                                    ? (Object) Double.parseDouble(kv[1])
                                    : (Object) Long.parseLong(kv[1]));
                }
            }
            case "vsharp" -> {
                c = OperatorHarness.of(new VSharpOperator());
                for (int k = 1; k < a.length; k++) {
                    String[] kv = a[k].split("=");
                    c.set(kv[0], Double.parseDouble(kv[1]));
                }
            }
            case "resharp" -> {
                c = OperatorHarness.of(new ResharpOperator());
                for (int k = 1; k < a.length; k++) {
                    String[] kv = a[k].split("=");
                    c.set(kv[0], Double.parseDouble(kv[1]));
                }
            }
            case "lbv" -> c = OperatorHarness.of(new LaplacianBoundaryValueOperator());
            default -> throw new IllegalArgumentException(spec);
        }
        c.input("field", field).input("mask", maskVol).input("gre", p.gre());
        return c.run();
    }

    /** The field minus its least-squares 3-D polynomial of total degree ≤ order over the mask. */
    static float[] polynomialResidual(float[] f, boolean[] m, VoxelGrid g, int order) {
        int nx = g.sizes()[0], ny = g.sizes()[1], nz = g.sizes()[2];
        java.util.List<int[]> terms = new java.util.ArrayList<>();
        for (int i = 0; i <= order; i++)
            for (int j = 0; i + j <= order; j++)
                for (int k = 0; i + j + k <= order; k++) terms.add(new int[] {i, j, k});
        int t = terms.size();
        double[][] a = new double[t][t + 1];
        double[] b = new double[t];
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    int v = x + nx * (y + ny * z);
                    if (!m[v]) continue;
                    basis(terms, x, y, z, nx, ny, nz, b);
                    for (int r = 0; r < t; r++) {
                        for (int s = 0; s < t; s++) a[r][s] += b[r] * b[s];
                        a[r][t] += b[r] * f[v];
                    }
                }
        double[] coef = solve(a);
        float[] out = new float[f.length];
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    int v = x + nx * (y + ny * z);
                    if (!m[v]) continue;
                    basis(terms, x, y, z, nx, ny, nz, b);
                    double s = 0;
                    for (int r = 0; r < t; r++) s += coef[r] * b[r];
                    out[v] = (float) (f[v] - s);
                }
        return out;
    }

    static void basis(java.util.List<int[]> terms, int x, int y, int z, int nx, int ny, int nz, double[] b) {
        double u = 2.0 * x / nx - 1, w = 2.0 * y / ny - 1, q = 2.0 * z / nz - 1;
        for (int r = 0; r < terms.size(); r++) {
            int[] e = terms.get(r);
            b[r] = Math.pow(u, e[0]) * Math.pow(w, e[1]) * Math.pow(q, e[2]);
        }
    }

    static double[] solve(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < n; r++)
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= n; k++) a[r][k] -= f * a[c][k];
                }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) x[r] = a[r][n] / a[r][r];
        return x;
    }

    static double nrmse(float[] x, float[] y, boolean[] m) {
        double mx = 0, my = 0;
        int n = 0;
        for (int v = 0; v < m.length; v++)
            if (m[v]) {
                mx += x[v];
                my += y[v];
                n++;
            }
        mx /= n;
        my /= n;
        double e = 0, r = 0;
        for (int v = 0; v < m.length; v++)
            if (m[v]) {
                double d = (x[v] - mx) - (y[v] - my);
                e += d * d;
                r += (y[v] - my) * (y[v] - my);
            }
        return Math.sqrt(e / r);
    }

    /** RMS error in the shell with both means taken over the whole evaluation mask. */
    static double rmse(float[] x, float[] y, boolean[] shell, boolean[] m) {
        double mx = 0, my = 0;
        int n = 0;
        for (int v = 0; v < m.length; v++)
            if (m[v]) {
                mx += x[v];
                my += y[v];
                n++;
            }
        mx /= n;
        my /= n;
        double e = 0;
        int ns = 0;
        for (int v = 0; v < m.length; v++)
            if (shell[v]) {
                double d = (x[v] - mx) - (y[v] - my);
                e += d * d;
                ns++;
            }
        return Math.sqrt(e / Math.max(ns, 1));
    }
}
