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
package org.ferrum.liver.validation;

import java.util.Arrays;
import java.util.Locale;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.liver.phantom.LiverIronPhantom;
import org.ferrum.qsm.inversion.InversionResult;
import org.ferrum.qsm.inversion.MorphologyEnabledDipoleInversion;
import org.ferrum.qsm.inversion.TotalFieldInversion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exploration: TFI given the phantom's TRUE field (isolates the QSM side from the fat–water fit). */
@Tag("validation")
class TfiExperiment {
    static final double PAD = Double.parseDouble(System.getProperty("tfi.pad", "1.5"));

    @Test
    void tfiOnTheTrueField() {
        double b0 = Double.parseDouble(System.getProperty("ferrum.b0", "1.5"));
        LiverIronPhantom p = LiverIronPhantom.builder()
                .fieldStrength(b0)
                .size(Integer.getInteger("n", 48), Integer.getInteger("n", 48) * 3 / 4, Integer.getInteger("n", 48) / 3)
                .spacing(
                        352.0 / Integer.getInteger("n", 48),
                        352.0 / Integer.getInteger("n", 48),
                        150.0 / (Integer.getInteger("n", 48) / 3))
                .oversampling(Integer.getInteger("os", 2))
                .shimHz(Double.parseDouble(System.getProperty("shim", "40")))
                .liver(new double[] {3, 12, 25}, new double[] {0.30, 0.03, 0.12})
                .seed(7)
                .build();
        VoxelGrid g = p.grid();
        float[] labels = VolumeArrays.frame(p.labels(), 0);
        float[] field = VolumeArrays.frame(p.fieldHz(), 0);
        float[] mag = VolumeArrays.frame(p.gre().magnitude(), 0);
        float[] trueChi = VolumeArrays.frame(p.chi(), 0);
        boolean[] mask = new boolean[g.size()];
        for (int n = 0; n < mask.length; n++) {
            int l = (int) labels[n];
            mask[n] = l != 0 && l != 7 && l != 8;
            field[n] = mask[n] ? (float) (field[n] / FieldUnits.ppmToHertz(1, b0)) : 0f;
        }
        if (Boolean.getBoolean("tfi.harmonic")) {
            removeHarmonics(field, mask, mag, g);
        }
        String[] lambdas = System.getProperty("tfi.lambda", "1000").split(",");
        String[] pcs = System.getProperty("tfi.pc", "1,30").split(",");
        String weight = System.getProperty("tfi.weight", "magnitude");
        for (String ls : lambdas) {
            for (String ps : pcs) {
                run(p, g, labels, field, mag, trueChi, mask, Double.parseDouble(ls), Double.parseDouble(ps), weight);
            }
        }
    }

    private static void run(
            LiverIronPhantom p,
            VoxelGrid g,
            float[] labels,
            float[] field,
            float[] mag,
            float[] trueChi,
            boolean[] mask,
            double lambda,
            double pc,
            String weight) {
        long[] n = g.dimensions();
        int px = (int) ZeroPadding.fastSize((long) Math.ceil(PAD * n[0])),
                py = (int) ZeroPadding.fastSize((long) Math.ceil(PAD * n[1])),
                pz = (int) ZeroPadding.fastSize((long) Math.ceil(PAD * n[2]));
        VoxelGrid pg = new VoxelGrid(px, py, pz, g.dx(), g.dy(), g.dz());
        int ox = (px - g.nx()) / 2, oy = (py - g.ny()) / 2, oz = (pz - g.nz()) / 2;
        float[] pf = new float[pg.size()], pm = new float[pg.size()];
        boolean[] pmask = new boolean[pg.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int a = g.index(i, j, k), b = pg.index(i + ox, j + oy, k + oz);
                    pf[b] = field[a];
                    pm[b] = weight.equals("uniform") ? (mask[a] ? 1 : 0) : mask[a] ? mag[a] : 0;
                    pmask[b] = mask[a];
                }
            }
        }
        int shell = Integer.getInteger("tfi.shell", 0);
        for (int it = 0; it < shell; it++) {
            boolean[] grown = pmask.clone();
            for (int k = 1; k < pz - 1; k++) {
                for (int j = 1; j < py - 1; j++) {
                    for (int i = 1; i < px - 1; i++) {
                        int b = pg.index(i, j, k);
                        grown[b] |= pmask[b - 1]
                                || pmask[b + 1]
                                || pmask[b - px]
                                || pmask[b + px]
                                || pmask[b - px * py]
                                || pmask[b + px * py];
                    }
                }
            }
            for (int b = 0; b < grown.length; b++) {
                if (grown[b] && !pmask[b]) {
                    pm[b] = 0;
                    pf[b] = 0;
                }
            }
            pmask = grown;
        }
        long t0 = System.nanoTime();
        MorphologyEnabledDipoleInversion solver = new MorphologyEnabledDipoleInversion(
                lambda,
                Double.parseDouble(System.getProperty("tfi.edge", "30")),
                Integer.getInteger("tfi.iter", 15),
                Double.parseDouble(System.getProperty("tfi.tol", "0.01")),
                Integer.getInteger("tfi.cg", 300),
                Double.parseDouble(System.getProperty("tfi.cgtol", "0.003")));
        InversionResult r = new TotalFieldInversion(solver, pc)
                .invert(pf, pmask, pm, pg, new double[] {0, 0, 1}, Cancellation.NEVER, (it, max, ch) -> {});
        float[] chi = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    chi[g.index(i, j, k)] = r.chi()[pg.index(i + ox, j + oy, k + oz)];
                }
            }
        }
        double sat = median(chi, labels, 4);
        double satTrue = median(trueChi, labels, 4);
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "λ %g P %g %s: %d it, residual %.4f, %.1f s |",
                lambda,
                pc,
                weight,
                r.iterations(),
                r.relativeResidual(),
                (System.nanoTime() - t0) / 1e9));
        for (int label : new int[] {1, 2, 9, 3, 6, 5}) {
            s.append(String.format(
                    Locale.ROOT,
                    " L%d %.2f/%.2f",
                    label,
                    median(chi, labels, label) - sat + satTrue,
                    median(trueChi, labels, label)));
        }
        System.out.println(s);
    }

    /** Subtracts the weighted least-squares fit of 1, x, y, z, x²−y², 2z²−x²−y², xy, xz, yz over the mask. */
    static void removeHarmonics(float[] f, boolean[] mask, float[] w, VoxelGrid g) {
        int m = 9;
        double[][] a = new double[m][m + 1];
        double[] b = new double[m];
        for (int k = 0; k < g.nz(); k++)
            for (int j = 0; j < g.ny(); j++)
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    if (!mask[n]) continue;
                    double[] h = basis(i, j, k, g);
                    double ww = w[n] * (double) w[n];
                    for (int r = 0; r < m; r++) {
                        for (int c = 0; c < m; c++) a[r][c] += ww * h[r] * h[c];
                        a[r][m] += ww * h[r] * f[n];
                    }
                }
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < m; r++)
                if (r != c) {
                    double q = a[r][c] / a[c][c];
                    for (int cc = c; cc <= m; cc++) a[r][cc] -= q * a[c][cc];
                }
        }
        for (int r = 0; r < m; r++) b[r] = a[r][m] / a[r][r];
        for (int k = 0; k < g.nz(); k++)
            for (int j = 0; j < g.ny(); j++)
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    if (!mask[n]) continue;
                    double[] h = basis(i, j, k, g);
                    double fit = 0;
                    for (int r = 0; r < m; r++) fit += b[r] * h[r];
                    f[n] -= (float) fit;
                }
    }

    static double[] basis(int i, int j, int k, VoxelGrid g) {
        double x = (i - 0.5 * (g.nx() - 1)) * g.dx() / 100,
                y = (j - 0.5 * (g.ny() - 1)) * g.dy() / 100,
                z = (k - 0.5 * (g.nz() - 1)) * g.dz() / 100;
        return new double[] {1, x, y, z, x * x - y * y, 2 * z * z - x * x - y * y, x * y, x * z, y * z};
    }

    static double median(float[] v, float[] labels, int label) {
        double[] x = new double[v.length];
        int c = 0;
        for (int n = 0; n < v.length; n++) {
            if ((int) labels[n] == label) {
                x[c++] = v[n];
            }
        }
        double[] s = Arrays.copyOf(x, c);
        Arrays.sort(s);
        return c == 0 ? Double.NaN : c % 2 == 1 ? s[c / 2] : 0.5 * (s[c / 2 - 1] + s[c / 2]);
    }
}
