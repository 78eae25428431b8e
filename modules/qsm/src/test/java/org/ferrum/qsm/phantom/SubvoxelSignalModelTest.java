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
package org.ferrum.qsm.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

/**
 * {@link HeadPhantom.SignalModel#SUBVOXEL_COMPLEX} against closed forms. The anatomy is a water sphere (R = 40 mm,
 * ρ = 1, R2* = 0) holding a signal-free inclusion (a = 9 mm, Δχ = 1 ppm above the water, centre off the lattice).
 * The water is given the χ of the air around it, so its boundary makes no field and the total field is the
 * inclusion's dipole field alone, δ = Δχ/3 · (a/r)³ · (3cos²θ − 1) outside it (Lorentz corrected; e.g. Schenck,
 * Med Phys 1996); the phantom's image copies in the zero padding are the only other source.
 *
 * <p>Checked: (1) the voxel-mean field {@link HeadPhantom#totalField()} against the analytic field averaged over the
 * same sub-voxel centres, away from the surfaces; (2) the complex signal of every voxel against the mean over its
 * sub-voxels of ρ̄·e^{i(φ0 + 2πγ̄B0·δ·TE)} with the analytic δ, i.e. that the phantom averages the complex signal
 * (not the field); (3) water voxels in the steep field next to the inclusion have a magnitude well below the mean
 * magnitude of their sub-voxels (intra-voxel dephasing), while the former model's magnitude is that mean.
 */
class SubvoxelSignalModelTest {

    private static final double BIG = 40, A = 9, DELTA_CHI = 1;
    private static final double[] CENTRE = {1.3, -0.7, 0.9};
    private static final int N = 48;
    private static final double D = 2;
    private static final double[] TE_MS = {5, 20, 40};
    /** Half a voxel's diagonal (mm): a voxel whose centre is farther from the inclusion lies wholly in the water. */
    private static final double HALF_DIAGONAL = D * Math.sqrt(3) / 2 + 1e-3;

    private static HeadPhantom phantom(HeadPhantom.SignalModel model) {
        HeadAnatomy.Ellipsoid water = new HeadAnatomy.Ellipsoid(0, 0, 0, BIG, BIG, BIG);
        HeadAnatomy.Ellipsoid inclusion = new HeadAnatomy.Ellipsoid(CENTRE[0], CENTRE[1], CENTRE[2], A, A, A);
        HeadAnatomy anatomy = HeadAnatomy.of(
                List.of(
                        new HeadAnatomy.Compartment(
                                "water", PhantomLabel.WHITE_MATTER, HeadAnatomy.AIR_SUSCEPTIBILITY_PPM, 1, 0, water),
                        new HeadAnatomy.Compartment(
                                "inclusion",
                                PhantomLabel.CALCIFICATION,
                                HeadAnatomy.AIR_SUSCEPTIBILITY_PPM + DELTA_CHI,
                                0,
                                0,
                                inclusion)),
                water,
                water);
        return HeadPhantom.builder()
                .size(N, N, N)
                .voxelSize(D, D, D)
                .anatomy(anatomy)
                .echoTimesMs(TE_MS)
                .snr(0)
                .paddingFactor(2)
                .signalModel(model)
                .generate();
    }

    /** The analytic total field (ppm) at a patient point in the water. */
    private static double analytic(double[] x) {
        double dx = x[0] - CENTRE[0], dy = x[1] - CENTRE[1], dz = x[2] - CENTRE[2];
        double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (r < A) {
            return 0;
        }
        double cos = dz / r;
        return DELTA_CHI / 3 * Math.pow(A / r, 3) * (3 * cos * cos - 1);
    }

    private static double distanceToInclusion(double[] x) {
        double dx = x[0] - CENTRE[0], dy = x[1] - CENTRE[1], dz = x[2] - CENTRE[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz) - A;
    }

    @Test
    void fieldAndComplexSignalMatchTheAnalyticSubvoxelAverage() {
        HeadPhantom p = phantom(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX);
        HeadPhantom former = phantom(HeadPhantom.SignalModel.VOXEL_MEAN_FIELD);
        Geometry g = p.geometry();
        float[] field = Volumes.floats(p.totalField());
        float[] mag = Volumes.floats(p.gre().magnitude()),
                phase = Volumes.floats(p.gre().phase().orElseThrow());
        float[] formerMag = Volumes.floats(former.gre().magnitude());
        int size = N * N * N, last = TE_MS.length - 1;
        double radPerPpmMs = 2 * Math.PI * FieldUnits.PROTON_GYROMAGNETIC_RATIO_HZ_PER_T * 3 * 1e-6 * 1e-3;
        double peak = 2 * DELTA_CHI / 3;
        double field2 = 0, fieldMax = 0, signal2 = 0, signalMax = 0, minRatio = 1;
        int nField = 0, straddling = 0, dephased = 0;
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    int n = i + N * (j + N * k);
                    double[] c = g.toPatient(i, j, k);
                    double rc = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
                    double gap = distanceToInclusion(c);
                    if (rc > BIG - 2 * D || gap < -D) {
                        continue;
                    }
                    // sub-voxel centres (2 per axis) and the analytic complex signal averaged over them
                    double meanField = 0;
                    double[] re = new double[TE_MS.length], im = new double[TE_MS.length];
                    for (int q = 0; q < 8; q++) {
                        double[] x = g.toPatient(
                                i + ((q & 1) - 0.5) / 2,
                                j + (((q >> 1) & 1) - 0.5) / 2,
                                k + (((q >> 2) & 1) - 0.5) / 2);
                        double delta = analytic(x);
                        meanField += delta / 8;
                        double phi0 = PhantomSignal.phaseOffset(x[0], x[1], x[2]);
                        for (int e = 0; e < TE_MS.length; e++) {
                            double ph = phi0 + radPerPpmMs * TE_MS[e] * delta;
                            re[e] += Math.cos(ph) / 8;
                            im[e] += Math.sin(ph) / 8;
                        }
                    }
                    if (gap > 2 * D) {
                        double ef = Math.abs(field[n] - meanField) / peak;
                        field2 += ef * ef;
                        fieldMax = Math.max(fieldMax, ef);
                        nField++;
                        for (int e = 0; e < TE_MS.length; e++) {
                            double sr = mag[n + e * size] * Math.cos(phase[n + e * size]);
                            double si = mag[n + e * size] * Math.sin(phase[n + e * size]);
                            double es = Math.hypot(sr - re[e], si - im[e]); // ρ = 1: already relative
                            signal2 += es * es;
                            signalMax = Math.max(signalMax, es);
                        }
                    }
                    if (gap <= HALF_DIAGONAL) {
                        continue; // partial volumes of the inclusion: the two models sample them differently
                    }
                    // the complex mean is never above the magnitude mean (the former model's magnitude, 1 here)
                    for (int e = 0; e < TE_MS.length; e++) {
                        assertTrue(
                                mag[n + e * size] <= formerMag[n + e * size] * (1 + 1e-5) + 1e-6,
                                "voxel " + i + "," + j + "," + k + " echo " + e
                                        + ": complex mean above the magnitude mean");
                    }
                    if (gap < 2 * D) {
                        straddling++;
                        double ratio = mag[n + last * size] / formerMag[n + last * size];
                        minRatio = Math.min(minRatio, ratio);
                        dephased += ratio < 0.9 ? 1 : 0;
                    }
                }
            }
        }
        double fieldRms = 100 * Math.sqrt(field2 / nField),
                signalRms = 100 * Math.sqrt(signal2 / (nField * TE_MS.length));
        System.out.printf(
                Locale.ROOT,
                "sub-voxel model vs analytic: field RMS %.3f %% / max %.3f %% of 2Δχ/3 (%d voxels);"
                        + " complex signal RMS %.3f %% / max %.3f %% of ρ; %d of %d water voxels within two voxels of the inclusion"
                        + " dephased below 0.9 of the magnitude mean at %.0f ms (lowest %.2f)%n",
                fieldRms,
                100 * fieldMax,
                nField,
                signalRms,
                100 * signalMax,
                dephased,
                straddling,
                TE_MS[last],
                minRatio);
        assertTrue(nField > 10_000, "voxels compared " + nField);
        // measured: field RMS 0.005 % / max 0.10 %; signal RMS 0.07 % / max 2.0 %; 414 of 494 dephased, lowest 0.30
        assertTrue(
                fieldRms < 0.05 && fieldMax < 0.5, "field error RMS " + fieldRms + " % max " + 100 * fieldMax + " %");
        assertTrue(
                signalRms < 0.3 && signalMax < 5,
                "complex signal error RMS " + signalRms + " % max " + 100 * signalMax + " %");
        assertTrue(straddling > 50 && dephased > straddling / 4, dephased + " of " + straddling + " dephased");
        assertTrue(minRatio < 0.6, "lowest magnitude / magnitude mean " + minRatio);
    }

    @Test
    void withoutFieldVariationTheTwoModelsAgree() {
        HeadPhantom p = phantom(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX);
        HeadPhantom former = phantom(HeadPhantom.SignalModel.VOXEL_MEAN_FIELD);
        // far from the inclusion the field hardly varies within a voxel: both models give the same magnitude
        float[] mag = Volumes.floats(p.gre().magnitude()),
                formerMag = Volumes.floats(former.gre().magnitude());
        Geometry g = p.geometry();
        int compared = 0;
        for (int n = 0; n < N * N * N; n++) {
            int i = n % N, j = (n / N) % N, k = n / (N * N);
            double[] c = g.toPatient(i, j, k);
            double rc = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
            if (distanceToInclusion(c) > 20 && rc < BIG - 2 * D) {
                assertEquals(formerMag[n], mag[n], 2e-3, "magnitude at " + i + "," + j + "," + k);
                compared++;
            }
        }
        assertTrue(compared > 1000);
        // and the truths are the same voxel means
        assertEquals(0, maxAbsDifference(Volumes.floats(p.chi()), Volumes.floats(former.chi())), 0);
        assertEquals(0, maxAbsDifference(Volumes.floats(p.brainMask()), Volumes.floats(former.brainMask())), 0);
    }

    @Test
    void theWholeHeadHasEveryLabelAndItsAirDephasesTheSignalAround() {
        HeadPhantom p = HeadPhantom.builder()
                .size(48, 54, 42)
                .voxelSize(4, 4, 4)
                .anatomy(HeadAnatomy.wholeHead())
                .signalModel(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX)
                .paddingFactor(1.25)
                .snr(0)
                .obliqueDegrees(15)
                .generate();
        HeadPhantom former = HeadPhantom.builder()
                .size(48, 54, 42)
                .voxelSize(4, 4, 4)
                .anatomy(HeadAnatomy.wholeHead())
                .paddingFactor(1.25)
                .snr(0)
                .obliqueDegrees(15)
                .generate();
        float[] labels = Volumes.floats(p.labels());
        java.util.Set<Integer> present = new java.util.HashSet<>();
        for (float l : labels) {
            present.add(Math.round(l));
        }
        for (PhantomLabel l : PhantomLabel.values()) {
            assertTrue(present.contains(l.value()), l + " missing from the whole head");
        }
        // the last echo's magnitude summed over the head: dephasing (mostly next to the air) lowers it
        float[] mag = Volumes.floats(p.gre().magnitude()),
                formerMag = Volumes.floats(former.gre().magnitude());
        int size = 48 * 54 * 42, last = p.acquisition().echoTimes().count() - 1;
        double sum = 0, formerSum = 0;
        for (int n = 0; n < size; n++) {
            sum += mag[n + last * size];
            formerSum += formerMag[n + last * size];
        }
        assertTrue(sum < 0.99 * formerSum, "magnitude " + sum + " vs magnitude mean " + formerSum);
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double m = 0;
        for (int n = 0; n < a.length; n++) {
            m = Math.max(m, Math.abs(a[n] - b[n]));
        }
        return m;
    }
}
