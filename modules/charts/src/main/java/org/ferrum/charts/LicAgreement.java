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
package org.ferrum.charts;

import java.util.List;
import org.ferrum.core.statistics.BlandAltman;

/**
 * Agreement of LIC from QSM and LIC from R2* across visits, as drawn in a Bland–Altman plot.
 *
 * <p>Contract: visits with both values finite are used, in the given order; for each, the plot's x is the mean
 * (QSM + R2*) / 2 and y the difference QSM − R2* (mg Fe/g dw); bias, SD and 95 % limits of agreement come from
 * {@link BlandAltman} (Bland &amp; Altman, Lancet 1986), which computes in single precision like the map statistics.
 *
 * @param means        per used visit, (QSM + R2*) / 2
 * @param differences  per used visit, QSM − R2*
 * @param pairs        the visits used (both values finite), in the given order
 * @param statistics   bias, SD, limits
 */
public record LicAgreement(List<LicObservation> pairs, double[] means, double[] differences, BlandAltman statistics) {

    public static LicAgreement of(List<LicObservation> visits) {
        List<LicObservation> paired = visits.stream()
                .filter(v -> Double.isFinite(v.licQsm()) && Double.isFinite(v.licR2star()))
                .toList();
        int n = paired.size();
        double[] means = new double[n];
        double[] differences = new double[n];
        float[] qsm = new float[n];
        float[] r2s = new float[n];
        for (int i = 0; i < n; i++) {
            LicObservation v = paired.get(i);
            means[i] = (v.licQsm() + v.licR2star()) / 2;
            differences[i] = v.licQsm() - v.licR2star();
            qsm[i] = (float) v.licQsm();
            r2s[i] = (float) v.licR2star();
        }
        return new LicAgreement(paired, means, differences, BlandAltman.of(qsm, r2s));
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }
}
