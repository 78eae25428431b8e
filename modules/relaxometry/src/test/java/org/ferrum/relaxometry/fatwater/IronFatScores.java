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
package org.ferrum.relaxometry.fatwater;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scores of a separation of an {@link IronFatPhantom} against its truth, per liver region: PDFF bias of the ROI mean,
 * median and 95th percentile of the per-voxel |PDFF error|, voxels whose field is off by ≥ a third of the main fat shift
 * (swapped), R2* bias of the ROI mean (without the voxels next to the lung), voxels left out by the mask; and over the
 * whole mask the PDFF values outside [0, 100] %.
 */
final class IronFatScores {

    record Region(
            double r2,
            double pdff,
            int voxels,
            int fitted,
            double pdffBias,
            double pdffMedian,
            double pdffP95,
            int swapped,
            double r2BiasPercent) {}

    final List<Region> regions = new ArrayList<>();
    int outOfRange;
    int swappedTotal;
    double worstBias;
    double worstR2Bias;

    IronFatScores(IronFatPhantom p, FatWaterSeparation.Result r, double fatShiftHz) {
        int n = p.grid.size();
        for (int v = 0; v < n; v++) {
            if (r.mask()[v] && (r.pdff()[v] < 0 || r.pdff()[v] > 100 || Float.isNaN(r.pdff()[v]))) {
                outOfRange++;
            }
        }
        int count = p.r2Levels.length * p.pdffLevels.length;
        for (int g = 0; g < count; g++) {
            List<Double> err = new ArrayList<>();
            double sumErr = 0;
            double sumR2 = 0;
            double sumR2Truth = 0;
            int voxels = 0;
            int swapped = 0;
            for (int v = 0; v < n; v++) {
                if (p.region[v] != g) {
                    continue;
                }
                voxels++;
                if (!r.mask()[v]) {
                    continue;
                }
                double e = r.pdff()[v] - p.pdff[v];
                err.add(Math.abs(e));
                sumErr += e;
                if (Math.abs(r.fieldHz()[v] - p.field[v]) >= fatShiftHz / 3) {
                    swapped++;
                }
                if (!p.nearLung[v]) {
                    sumR2 += r.r2star()[v];
                    sumR2Truth += p.r2[v];
                }
            }
            double[] e = err.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            errors.add(e);
            int row = g / p.pdffLevels.length;
            int col = g % p.pdffLevels.length;
            double bias = e.length == 0 ? Double.NaN : sumErr / e.length;
            Region reg = new Region(
                    p.r2Levels[row],
                    p.pdffLevels[col],
                    voxels,
                    e.length,
                    bias,
                    e.length == 0 ? Double.NaN : e[e.length / 2],
                    e.length == 0 ? Double.NaN : e[(int) Math.min(e.length - 1, Math.ceil(0.95 * e.length) - 1)],
                    swapped,
                    100 * (sumR2 / sumR2Truth - 1));
            regions.add(reg);
            swappedTotal += swapped;
            worstBias = Math.max(worstBias, Double.isNaN(bias) ? Double.POSITIVE_INFINITY : Math.abs(bias));
            worstR2Bias = Math.max(worstR2Bias, Math.abs(reg.r2BiasPercent()));
        }
    }

    /** Per-voxel |PDFF errors| of each region, for pooling over runs. */
    final List<double[]> errors = new ArrayList<>();

    /**
     * A Markdown table over several runs of the same design: per region the worst signed ROI bias, the pooled per-voxel
     * median and p95 |error|, the summed swapped voxels and the worst signed R2* bias; then the runs' PDFF values outside
     * 0–100 %.
     */
    static String pooled(List<IronFatScores> runs) {
        StringBuilder b =
                new StringBuilder("| R2* (1/s) | PDFF (%) | PDFF ROI bias (worst) | per-voxel median / p95 |err| |"
                        + " swapped | R2* ROI bias (worst) |\n|---|---|---|---|---|---|\n");
        int outside = 0;
        for (IronFatScores s : runs) {
            outside += s.outOfRange;
        }
        for (int g = 0; g < runs.get(0).regions.size(); g++) {
            double bias = 0;
            double r2 = 0;
            int swapped = 0;
            List<Double> all = new ArrayList<>();
            for (IronFatScores s : runs) {
                Region reg = s.regions.get(g);
                bias = Math.abs(reg.pdffBias()) > Math.abs(bias) || Double.isNaN(reg.pdffBias())
                        ? reg.pdffBias()
                        : bias;
                r2 = Math.abs(reg.r2BiasPercent()) > Math.abs(r2) ? reg.r2BiasPercent() : r2;
                swapped += reg.swapped();
                for (double e : s.errors.get(g)) {
                    all.add(e);
                }
            }
            double[] e = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            Region first = runs.get(0).regions.get(g);
            b.append(String.format(
                    Locale.ROOT,
                    "| %.0f | %.0f | %+.2f | %.2f / %.2f | %d | %+.1f %% |%n",
                    first.r2(),
                    first.pdff(),
                    bias,
                    e.length == 0 ? Double.NaN : e[e.length / 2],
                    e.length == 0 ? Double.NaN : e[(int) Math.min(e.length - 1, Math.ceil(0.95 * e.length) - 1)],
                    swapped,
                    r2));
        }
        b.append(String.format(Locale.ROOT, "PDFF values outside 0–100 %% (all runs, whole mask): %d%n", outside));
        return b.toString();
    }

    /** A Markdown table, one row per region. */
    String table() {
        StringBuilder b = new StringBuilder(
                "| R2* (1/s) | PDFF (%) | voxels fitted | PDFF bias | median / p95 |err| | swapped | R2* bias |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Region g : regions) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %.0f | %.0f | %d/%d | %+.2f | %.2f / %.2f | %d | %+.1f %% |%n",
                    g.r2(),
                    g.pdff(),
                    g.fitted(),
                    g.voxels(),
                    g.pdffBias(),
                    g.pdffMedian(),
                    g.pdffP95(),
                    g.swapped(),
                    g.r2BiasPercent()));
        }
        return b.toString();
    }

    String summary() {
        return String.format(
                Locale.ROOT,
                "worst |PDFF ROI bias| %.2f points, worst |R2* bias| %.1f %%, swapped %d, PDFF outside"
                        + " 0–100 %%: %d",
                worstBias,
                worstR2Bias,
                swappedTotal,
                outOfRange);
    }

    static double[] sorted(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
