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
package org.ferrum.perfusion.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.perfusion.ArterialInputFunction;

/**
 * A {@link TracerKineticModel} fitted voxel by voxel (parameter maps, standard errors, fit quality, AICc, status) or
 * to the mean curve of each region of a label map.
 *
 * <p>Frames come as one flat array, frame-major ({@code frames[t·voxels + v]}, the storage order of a 4-D volume
 * with time last). Outside the mask every map is 0 and the status {@link FitStatus#NOT_FITTED}; inside, a fit that
 * fails leaves NaN in the parameter maps and {@link FitStatus#FAILED} in the status map, never a silent number.
 */
public final class KineticMapping {

    private static final int CHUNK = 2048;
    private static final int BLOCK = 64;

    private KineticMapping() {}

    /**
     * The maps of one model.
     *
     * @param parameters one map per model parameter (model's order), in its unit
     * @param standardErrors their standard errors from the Jacobian
     * @param derived one map per derived quantity ({@link TracerKineticModel#derived()}, e.g. kep)
     * @param delay the fitted AIF delay, s (0 when not fitted)
     * @param delayError its standard error (NaN when not fitted)
     * @param rms root-mean-square residual, mM
     * @param aicc corrected Akaike information criterion
     * @param status {@link FitStatus} codes
     */
    public record Maps(
            TracerKineticModel model,
            float[][] parameters,
            float[][] standardErrors,
            float[][] derived,
            float[] delay,
            float[] delayError,
            float[] rms,
            float[] aicc,
            float[] status) {}

    /**
     * Fits every voxel in {@code mask} (all when null).
     *
     * @param frames concentration, mM, frame-major
     * @param voxels voxels per frame
     * @param frameTimes s, one per frame
     * @param progress called with the fraction done, only from the calling thread (may be null)
     * @throws IllegalArgumentException for too few frames or an AIF that does not cover the series (from
     *     {@link KineticFit})
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static Maps map(
            TracerKineticModel model,
            float[] frames,
            int voxels,
            double[] frameTimes,
            ArterialInputFunction aif,
            boolean[] mask,
            KineticFit.Settings settings,
            Cancellation cancellation,
            DoubleConsumer progress) {
        int n = frameTimes.length;
        if ((long) n * voxels != frames.length) {
            throw new IllegalArgumentException(frames.length + " values for " + voxels + " voxels × " + n + " frames");
        }
        new KineticFit(model, frameTimes, aif, settings); // refuses bad input before any work
        int m = model.parameterCount();
        int d = model.derived().size();
        int[] inside = insideIndices(mask, voxels);
        float[][] params = new float[m][voxels];
        float[][] errors = new float[m][voxels];
        float[][] derived = new float[d][voxels];
        float[] delay = new float[voxels];
        float[] delayError = new float[voxels];
        float[] rms = new float[voxels];
        float[] aicc = new float[voxels];
        float[] status = new float[voxels];
        Arrays.fill(status, FitStatus.NOT_FITTED.code());
        Thread caller = Thread.currentThread();
        AtomicLong done = new AtomicLong();
        ParallelLoop.forEachChunk(inside.length, CHUNK, cancellation, (from, to) -> {
            KineticFit fit = new KineticFit(model, frameTimes, aif, settings);
            double[] curve = new double[n];
            double[] block = new double[BLOCK * n];
            double[] out = new double[Math.max(d, 1)];
            for (int q0 = (int) from; q0 < to; q0 += BLOCK) {
                int size = (int) Math.min(BLOCK, to - q0);
                // Gather a block of voxels frame by frame: contiguous reads instead of n strided ones per voxel.
                for (int t = 0; t < n; t++) {
                    int base = t * voxels;
                    for (int b = 0; b < size; b++) {
                        block[b * n + t] = frames[base + inside[q0 + b]];
                    }
                }
                for (int b = 0; b < size; b++) {
                    int v = inside[q0 + b];
                    System.arraycopy(block, b * n, curve, 0, n);
                    FitStatus s = fit.fit(curve);
                    status[v] = s.code();
                    double[] p = fit.parameters();
                    double[] se = fit.standardErrors();
                    boolean ok = s != FitStatus.FAILED;
                    for (int j = 0; j < m; j++) {
                        params[j][v] = ok ? (float) p[j] : Float.NaN;
                        errors[j][v] = ok ? (float) se[j] : Float.NaN;
                    }
                    if (d > 0) {
                        model.derive(p, out);
                        for (int j = 0; j < d; j++) {
                            derived[j][v] = ok ? (float) out[j] : Float.NaN;
                        }
                    }
                    delay[v] = ok ? (float) fit.delay() : Float.NaN;
                    delayError[v] = settings.fitDelay() && ok ? (float) se[m] : Float.NaN;
                    rms[v] = (float) fit.rms();
                    aicc[v] = (float) fit.aicc();
                }
            }
            long total = done.addAndGet(to - from);
            if (progress != null && Thread.currentThread() == caller) {
                progress.accept((double) total / Math.max(1, inside.length));
            }
        });
        return new Maps(model, params, errors, derived, delay, delayError, rms, aicc, status);
    }

    /** The fit of one region's mean curve. */
    public record RegionFit(
            int label,
            int voxels,
            double[] parameters,
            double[] standardErrors,
            double delay,
            double rms,
            double aicc,
            FitStatus status) {}

    /**
     * Fits the mean curve of each label &gt; 0 of {@code labels} (one per voxel), in increasing label order.
     *
     * @throws IllegalArgumentException as {@link #map}
     */
    public static List<RegionFit> fitRegions(
            TracerKineticModel model,
            float[] frames,
            int voxels,
            double[] frameTimes,
            ArterialInputFunction aif,
            int[] labels,
            KineticFit.Settings settings,
            Cancellation cancellation) {
        int n = frameTimes.length;
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int v = 0; v < voxels; v++) {
            int l = labels[v];
            if (l <= 0) {
                continue;
            }
            double[] s = sums.computeIfAbsent(l, x -> new double[n]);
            for (int t = 0; t < n; t++) {
                s[t] += frames[t * voxels + v];
            }
            counts.merge(l, 1, Integer::sum);
        }
        KineticFit fit = new KineticFit(model, frameTimes, aif, settings);
        List<RegionFit> out = new ArrayList<>();
        for (var e : sums.entrySet()) {
            cancellation.throwIfCancelled("region fit");
            int count = counts.get(e.getKey());
            double[] mean = e.getValue();
            for (int t = 0; t < n; t++) {
                mean[t] /= count;
            }
            FitStatus s = fit.fit(mean);
            out.add(new RegionFit(
                    e.getKey(),
                    count,
                    fit.parameters().clone(),
                    fit.standardErrors().clone(),
                    fit.delay(),
                    fit.rms(),
                    fit.aicc(),
                    s));
        }
        return out;
    }

    private static int[] insideIndices(boolean[] mask, int voxels) {
        if (mask != null && mask.length != voxels) {
            throw new IllegalArgumentException("mask of " + mask.length + " voxels for " + voxels);
        }
        int count = 0;
        for (int v = 0; v < voxels; v++) {
            count += mask == null || mask[v] ? 1 : 0;
        }
        int[] inside = new int[count];
        int q = 0;
        for (int v = 0; v < voxels; v++) {
            if (mask == null || mask[v]) {
                inside[q++] = v;
            }
        }
        return inside;
    }
}
