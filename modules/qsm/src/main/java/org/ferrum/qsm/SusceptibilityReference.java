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
package org.ferrum.qsm;

/**
 * Fixes the arbitrary offset of a susceptibility map. QSM measures χ only up to a constant (the dipole
 * kernel is zero at k = 0, see {@link DipoleKernel}), so every map is reported relative to a reference
 * region: the whole mask (the usual default in SEPIA, QSMxT) or a chosen ROI, e.g. CSF in the ventricles
 * for brain, or subcutaneous fat / spleen for liver.
 *
 * <p>Contract of {@link #subtractMean}: with R the reference voxels (finite values only), every voxel of
 * {@code chi} inside {@code mask} becomes χ − mean<sub>R</sub>(χ); voxels outside the mask are set to 0.
 * Returns the subtracted mean.
 */
public final class SusceptibilityReference {

    private SusceptibilityReference() {}

    /**
     * Subtracts the mean of χ over {@code reference} from χ inside {@code mask}, zeroes χ outside it.
     *
     * @return the mean that was subtracted (ppm)
     * @throws IllegalArgumentException if the reference region holds no finite voxel
     */
    public static double subtractMean(float[] chi, boolean[] mask, boolean[] reference) {
        double sum = 0;
        long count = 0;
        for (int n = 0; n < chi.length; n++) {
            if (reference[n] && Float.isFinite(chi[n])) {
                sum += chi[n];
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the reference region holds no voxel with a finite susceptibility");
        }
        double mean = sum / count;
        for (int n = 0; n < chi.length; n++) {
            chi[n] = mask[n] ? (float) (chi[n] - mean) : 0f;
        }
        return mean;
    }
}
