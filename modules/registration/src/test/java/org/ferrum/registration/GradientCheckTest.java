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
package org.ferrum.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.junit.jupiter.api.Test;

/**
 * The analytic metric gradients (Mattes MI and NCC, affine and rigid parameters) against central finite differences of
 * the metric itself, on two contrasts of the phantom at different poses.
 */
class GradientCheckTest {

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        VoxelGrid g = new VoxelGrid(64, 72, 56, 3, 3, 3);
        Geometry geo = PosedPhantom.centred(g);
        PosedPhantom.Sampled fixed =
                PosedPhantom.sample(g, geo, AffineTransform.identity(), PosedPhantom.T1W, 0.0, 1, 2);
        PosedPhantom.Sampled moving =
                PosedPhantom.sample(g, geo, AffineTransform.translation(2, 1, -1), PosedPhantom.T2W, 0.0, 2, 2);
        double[] c = {0, 0, 5};
        for (LinearRegistration.Metric metric : LinearRegistration.Metric.values()) {
            for (LinearRegistration.Model model : LinearRegistration.Model.values()) {
                LinearRegistration.Params params = LinearRegistration.Params.DEFAULTS
                        .withModel(model)
                        .withMetric(metric)
                        .withSampling(1_000_000);
                double[] p = model == LinearRegistration.Model.AFFINE
                        ? new double[] {1.02, 0.03, 0, -0.02, 0.97, 0.01, 0, 0.02, 1.01, 1, 2, -1}
                        : new double[] {0.03, -0.02, 0.05, 1, 2, -1};
                double[] a = LinearRegistration.metricAndGradient(fixed.image(), moving.image(), params, p, c);
                double[] numeric = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    double h = i < p.length - 3
                            ? 1e-4
                            : 1e-2; // larger steps drown the float rounding of the moving values
                    double[] pp = p.clone(), pm = p.clone();
                    pp[i] += h;
                    pm[i] -= h;
                    numeric[i] = (LinearRegistration.metricAndGradient(fixed.image(), moving.image(), params, pp, c)[0]
                                    - LinearRegistration.metricAndGradient(
                                            fixed.image(), moving.image(), params, pm, c)[0])
                            / (2 * h);
                }
                // each component within 2 % of the gradient's norm (matrix and translation parts apart, their units
                // differ): trilinear interpolation has kinks at voxel faces
                for (int part = 0; part < 2; part++) {
                    int from = part == 0 ? 0 : p.length - 3, to = part == 0 ? p.length - 3 : p.length;
                    double norm = 0;
                    for (int i = from; i < to; i++) {
                        norm += numeric[i] * numeric[i];
                    }
                    norm = Math.sqrt(norm);
                    for (int i = from; i < to; i++) {
                        assertEquals(numeric[i], a[i + 1], 0.02 * norm, metric + " " + model + " parameter " + i);
                    }
                }
            }
        }
    }
}
