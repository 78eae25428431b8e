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
package org.ferrum.perfusion.aif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ferrum.core.statistics.SampleStatistics;

/**
 * An arterial input function measured in the image: the median whole-blood concentration of arterial voxels, converted to
 * plasma with the haematocrit.
 *
 * <p>Automatic candidate selection ({@link #select}), in the spirit of Mouridsen K, Christensen S, Gyldensted L,
 * Østergaard L. Automatic selection of arterial input function using cluster analysis. Magn Reson Med 2006;55:524–531
 * (arterial curves peak early and high), but simpler: among the candidate voxels with finite curves, keep those whose
 * enhancement is in the top {@code enhancementFraction}; of these, take the {@code voxelCount} with the earliest time to
 * peak, ties broken by the higher enhancement. Enhancement is the mean concentration after the baseline minus the
 * baseline mean (the area under the curve per frame), not the single highest sample: near the SPGR signal's
 * saturation, at the bolus peak, the inversion to R1 amplifies noise, and ranking by one peak sample chose the voxels
 * whose noise was largest (on the simulated spine, an AIF peak three times the truth). The operator takes the chosen
 * voxels' median curve ({@link #medianCurve}) for the same reason.
 */
public final class MeasuredAif {

    /**
     * @param voxelCount how many voxels to keep
     * @param enhancementFraction the fraction of candidates (by peak enhancement) that may be chosen, in (0, 1]
     * @param baselineFrames frames that form the baseline of each curve
     */
    public record Selection(int voxelCount, double enhancementFraction, int baselineFrames) {

        public static final Selection DEFAULTS = new Selection(10, 0.1, 5);

        public Selection {
            if (voxelCount < 1 || !(enhancementFraction > 0 && enhancementFraction <= 1) || baselineFrames < 1) {
                throw new IllegalArgumentException("voxel count " + voxelCount + " must be ≥ 1, enhancement fraction "
                        + enhancementFraction + " in (0, 1], baseline frames " + baselineFrames + " ≥ 1");
            }
        }
    }

    private MeasuredAif() {}

    /**
     * The chosen voxels among {@code candidates} (all voxels when null).
     *
     * @param concentration frames × voxels, mM
     * @return a mask of the chosen voxels (may hold fewer than {@code voxelCount} when there are fewer candidates)
     */
    public static boolean[] select(float[][] concentration, boolean[] candidates, Selection selection) {
        int frames = concentration.length;
        int voxels = concentration[0].length;
        int nb = Math.min(selection.baselineFrames(), frames - 1);
        record Voxel(int index, double peak, int timeToPeak) {}
        List<Voxel> list = new ArrayList<>();
        for (int n = 0; n < voxels; n++) {
            if (candidates != null && !candidates[n]) {
                continue;
            }
            double base = 0;
            double peak = Double.NEGATIVE_INFINITY;
            int ttp = -1;
            boolean finite = true;
            for (int t = 0; t < frames; t++) {
                double c = concentration[t][n];
                finite &= Double.isFinite(c);
                if (t < nb) {
                    base += c;
                }
                if (c > peak) {
                    peak = c;
                    ttp = t;
                }
            }
            if (finite) {
                double after = 0;
                for (int t = nb; t < frames; t++) {
                    after += concentration[t][n];
                }
                list.add(new Voxel(n, after / (frames - nb) - base / Math.max(1, nb), ttp));
            }
        }
        boolean[] chosen = new boolean[voxels];
        if (list.isEmpty()) {
            return chosen;
        }
        list.sort(Comparator.comparingDouble(Voxel::peak).reversed());
        int keep = Math.max(1, (int) Math.ceil(selection.enhancementFraction() * list.size()));
        List<Voxel> high = new ArrayList<>(list.subList(0, keep));
        high.sort(Comparator.comparingInt(Voxel::timeToPeak)
                .thenComparing(Comparator.comparingDouble(Voxel::peak).reversed()));
        for (int i = 0; i < Math.min(selection.voxelCount(), high.size()); i++) {
            chosen[high.get(i).index()] = true;
        }
        return chosen;
    }

    /** The mean curve of the voxels in {@code voxels} (NaN samples skipped), or null if none is set. */
    public static double[] meanCurve(float[][] concentration, boolean[] voxels) {
        int frames = concentration.length;
        double[] sum = new double[frames];
        int[] count = new int[frames];
        for (int n = 0; n < voxels.length; n++) {
            if (!voxels[n]) {
                continue;
            }
            for (int t = 0; t < frames; t++) {
                float c = concentration[t][n];
                if (Float.isFinite(c)) {
                    sum[t] += c;
                    count[t]++;
                }
            }
        }
        if (Arrays.stream(count).allMatch(c -> c == 0)) {
            return null;
        }
        for (int t = 0; t < frames; t++) {
            sum[t] = count[t] > 0 ? sum[t] / count[t] : Double.NaN;
        }
        return sum;
    }

    /**
     * The median curve of the voxels in {@code voxels} (per frame, NaN samples skipped; quantile as
     * {@link SampleStatistics#quantile}), or null if none is set or every sample is NaN.
     */
    public static double[] medianCurve(float[][] concentration, boolean[] voxels) {
        int frames = concentration.length;
        int count = 0;
        for (boolean v : voxels) {
            count += v ? 1 : 0;
        }
        if (count == 0) {
            return null;
        }
        double[] curve = new double[frames];
        float[] values = new float[count];
        boolean any = false;
        for (int t = 0; t < frames; t++) {
            int k = 0;
            for (int n = 0; n < voxels.length; n++) {
                if (voxels[n] && Float.isFinite(concentration[t][n])) {
                    values[k++] = concentration[t][n];
                }
            }
            Arrays.sort(values, 0, k);
            curve[t] = k == 0 ? Double.NaN : SampleStatistics.quantile(values, 0, k, 0.5);
            any |= k > 0;
        }
        return any ? curve : null;
    }

    /** C_p = C_b / (1 − Hct). */
    public static double[] plasma(double[] blood, double haematocrit) {
        double[] cp = new double[blood.length];
        for (int t = 0; t < blood.length; t++) {
            cp[t] = BloodPlasma.plasma(blood[t], haematocrit);
        }
        return cp;
    }
}
