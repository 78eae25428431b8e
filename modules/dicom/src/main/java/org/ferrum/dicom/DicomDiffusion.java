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
package org.ferrum.dicom;

import java.util.Arrays;

/**
 * The diffusion weighting of each volume (time point) of an assembled series, as the images say it
 * ({@link DiffusionTags}).
 *
 * @param bValues    b-value of each volume in s/mm² (NaN where the images give none)
 * @param directions unit gradient direction of each volume in the patient's LPS frame, null for b = 0,
 *                   isotropic (trace) volumes or where the images give none
 */
record DicomDiffusion(double[] bValues, double[][] directions) {

    public DicomDiffusion {
        bValues = bValues.clone();
        directions = directions.clone();
        if (bValues.length != directions.length) {
            throw new IllegalArgumentException(bValues.length + " b-values but " + directions.length + " directions");
        }
        for (int i = 0; i < directions.length; i++) {
            directions[i] = directions[i] == null ? null : directions[i].clone();
        }
    }

    @Override
    public double[] bValues() {
        return bValues.clone();
    }

    /** The direction of volume {@code v} (LPS unit vector), or null. */
    public double[] direction(int v) {
        return directions[v] == null ? null : directions[v].clone();
    }

    public int volumes() {
        return bValues.length;
    }

    @Override
    public String toString() {
        return "DicomDiffusion" + Arrays.toString(bValues);
    }
}
