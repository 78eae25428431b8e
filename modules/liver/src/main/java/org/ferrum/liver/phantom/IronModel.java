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
 * How the {@link AbdomenPhantom} turns a liver iron concentration into what MRI sees: R2* and susceptibility. The
 * phantom takes the model from outside so that its truth is made with the same published relations (a calibration,
 * cited constants) that the LIC operators invert, and a test can state which ones.
 */
public interface IronModel {

    /** R2* at 1.5 T, 1/s, of liver tissue with this LIC (mg Fe/g dry weight). */
    double r2starAt15T(double licMgPerGDry);

    /** The susceptibility that this much tissue iron adds, ppm (volume SI), relative to iron-free liver. */
    double ironSusceptibilityPpm(double licMgPerGDry);

    /** χ of fat (triglyceride) relative to water, ppm: a voxel's χ gains PDFF × this. */
    double fatRelativeToWaterPpm();

    /** A short description for logs and provenance (which calibration and constants). */
    String description();

    /**
     * The model that the liver operators invert: R2* from a 1.5 T {@link LicCalibration} (its inverse), the iron's χ
     * from {@link LiverIronFromSusceptibility} (its inverse, less the iron-free tissue's χ), and fat's χ relative to
     * water.
     *
     * @throws IllegalArgumentException if the calibration is not for 1.5 T
     */
    static IronModel of(
            LicCalibration calibrationAt15T, LiverIronFromSusceptibility susceptibility, double fatRelativeToWaterPpm) {
        if (!calibrationAt15T.fieldMatches(1.5)) {
            throw new IllegalArgumentException("the phantom's R2* is defined at 1.5 T; calibration '"
                    + calibrationAt15T.id() + "' is for " + calibrationAt15T.fieldStrengthT() + " T");
        }
        return new IronModel() {
            @Override
            public double r2starAt15T(double lic) {
                return calibrationAt15T.r2StarFor(lic);
            }

            @Override
            public double ironSusceptibilityPpm(double lic) {
                return susceptibility.susceptibilityPpm(lic) - susceptibility.ironFreeLiverPpm();
            }

            @Override
            public double fatRelativeToWaterPpm() {
                return fatRelativeToWaterPpm;
            }

            @Override
            public String description() {
                return "R2* by the inverse of " + calibrationAt15T.id() + "; χ_iron = "
                        + susceptibility.ppmPerMgPerGWet()
                        + " ppm per mg Fe/g ww, wet/dry " + susceptibility.wetToDryRatio() + "; χ_fat − χ_water = "
                        + fatRelativeToWaterPpm + " ppm";
            }
        };
    }
}
