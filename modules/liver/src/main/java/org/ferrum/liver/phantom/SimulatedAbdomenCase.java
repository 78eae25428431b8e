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
package org.ferrum.liver.phantom;

import org.ferrum.liver.calibration.LicCalibration;
import org.ferrum.liver.calibration.LiverIronFromSusceptibility;

/**
 * The simulated liver case Ferrum ships (in {@code testdata/liver/simulated-abdomen/}, default input of
 * {@code testdata/pipelines/liver-hqsm.json}) and shows in its demo workspace: {@link AbdomenPhantom} with its default
 * settings (1.5 T, 6 echoes, TE1 1.2 ms, ΔTE 1.6 ms, 64 × 48 × 20 voxels of 5.5 × 5.5 × 7.5 mm, SNR 50, seed 1, LIC 8
 * and 3 mg Fe/g dw in the right and left lobe, liver PDFF 12 %) and the constants below, which are the sample
 * pipeline's defaults too (its test checks that they agree).
 */
public final class SimulatedAbdomenCase {

    /** The 1.5 T R2* calibration the truth R2* is made with (its inverse). */
    public static final String CALIBRATION = "wood-2005-1.5t";
    /** Iron susceptibility, ppm per mg Fe/g wet tissue (the pipeline's {@code chi_per_iron}). */
    public static final double PPM_PER_MG_PER_G_WET = 0.97;
    /** Wet-to-dry weight ratio (the pipeline's {@code wet_to_dry}). */
    public static final double WET_TO_DRY = 3.33;
    /** χ of fat relative to water, ppm. */
    public static final double FAT_RELATIVE_TO_WATER_PPM = 0.6;
    /** Subcutaneous fat's PDFF in the phantom, so its χ relative to water is 0.93 × 0.6 (the pipeline's {@code sat_chi}). */
    public static final double SAT_CHI_PPM = 0.93 * FAT_RELATIVE_TO_WATER_PPM;

    private SimulatedAbdomenCase() {}

    public static IronModel ironModel() {
        return IronModel.of(
                LicCalibration.byId(CALIBRATION),
                new LiverIronFromSusceptibility(PPM_PER_MG_PER_G_WET, WET_TO_DRY, 0),
                FAT_RELATIVE_TO_WATER_PPM);
    }

    public static AbdomenPhantom phantom() {
        return AbdomenPhantom.builder().ironModel(ironModel()).build();
    }
}
