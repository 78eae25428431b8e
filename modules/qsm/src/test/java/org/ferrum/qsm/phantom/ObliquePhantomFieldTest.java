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

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ferrum.core.Geometry;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

/**
 * The phantom's fields on oblique grids against the closed-form field of a uniformly magnetised sphere (Lorentz
 * corrected: δ = 0 inside; δ = Δχ/3 · (a/r)³ · (3cos²θ − 1) outside, θ the angle between r and B0; e.g. Schenck,
 * Med Phys 1996). The anatomy is one "brain" sphere (a = 14 mm, Δχ = 1 ppm relative to CSF, centre off the lattice),
 * so {@link HeadPhantom#localField()} is exactly its field. Errors are measured at voxel centres more than two voxels
 * from the surface (partial volumes make the sharp edge's neighbourhood depend on the discretisation) and reported as
 * RMS and max relative to the peak 2Δχ/3.
 *
 * <p>It checks the point of {@link HeadPhantom.FieldGrid#ALIGNED_WITH_B0}: tilted 20° and 35° about L–R (B0 along S,
 * oblique to the grid) the physical fields are as accurate as the straight ones, while the former model (the sampled
 * kernel on the tilted grid, {@link HeadPhantom.FieldGrid#ACQUISITION}) is several times less accurate.
 */
class ObliquePhantomFieldTest {

    private static final double A = 14, DELTA_CHI = 1;
    private static final double[] CENTRE = {1.3, -0.7, 0.9};
    private static final int N = 40;
    private static final double D = 2;

    @Test
    void physicalObliqueFieldsAreAsAccurateAsStraightOnes() {
        double[] straight = errors(0, HeadPhantom.FieldGrid.ALIGNED_WITH_B0);
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "sphere field vs analytic (RMS / max, %% of 2Δχ/3): straight inside %.2f / %.2f, outside %.3f / %.2f%n",
                straight[0],
                straight[1],
                straight[2],
                straight[3]));
        for (double deg : new double[] {20, 35}) {
            double[] physical = errors(deg, HeadPhantom.FieldGrid.ALIGNED_WITH_B0);
            double[] former = errors(deg, HeadPhantom.FieldGrid.ACQUISITION);
            sb.append(String.format(
                    Locale.ROOT,
                    "  %2.0f° physical: inside %.2f / %.2f, outside %.3f / %.2f;"
                            + " former: inside %.2f / %.2f, outside %.3f / %.2f%n",
                    deg,
                    physical[0],
                    physical[1],
                    physical[2],
                    physical[3],
                    former[0],
                    former[1],
                    former[2],
                    former[3]));
            // the physical oblique field: within twice the straight errors (RMS), and better than the former one
            assertTrue(
                    physical[0] <= 2 * straight[0] + 0.1 && physical[2] <= 2 * straight[2] + 0.02,
                    deg + "°: physical " + physical[0] + " / " + physical[2] + " vs straight " + straight[0] + " / "
                            + straight[2]);
            assertTrue(
                    former[0] > 2 * physical[0],
                    deg + "°: former inside RMS " + former[0] + " vs physical " + physical[0]);
        }
        System.out.print(sb);
    }

    /** {RMS inside, max inside, RMS outside, max outside} in % of 2Δχ/3. */
    private static double[] errors(double degrees, HeadPhantom.FieldGrid where) {
        HeadAnatomy.Ellipsoid sphere = new HeadAnatomy.Ellipsoid(CENTRE[0], CENTRE[1], CENTRE[2], A, A, A);
        HeadAnatomy anatomy = HeadAnatomy.of(
                List.of(new HeadAnatomy.Compartment("sphere", PhantomLabel.WHITE_MATTER, DELTA_CHI, 0.7, 20, sphere)),
                sphere,
                sphere);
        HeadPhantom p = HeadPhantom.builder()
                .size(N, N, N)
                .voxelSize(D, D, D)
                .obliqueDegrees(degrees)
                .anatomy(anatomy)
                .subsamples(4)
                .paddingFactor(2)
                .snr(0)
                .fieldGrid(where)
                .generate();
        float[] field = Volumes.floats(p.localField());
        Geometry g = p.geometry();
        double peak = 2 * DELTA_CHI / 3;
        double in2 = 0, inMax = 0, out2 = 0, outMax = 0;
        int nIn = 0, nOut = 0;
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    double[] x = g.toPatient(i, j, k);
                    double dx = x[0] - CENTRE[0], dy = x[1] - CENTRE[1], dz = x[2] - CENTRE[2];
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    double value = field[i + N * (j + N * k)];
                    if (r < A - 2 * D) {
                        double e = Math.abs(value) / peak;
                        in2 += e * e;
                        inMax = Math.max(inMax, e);
                        nIn++;
                    } else if (r > A + 2 * D && r < 30) {
                        double cos = dz / r; // B0 along patient S
                        double e = Math.abs(value - DELTA_CHI / 3 * Math.pow(A / r, 3) * (3 * cos * cos - 1)) / peak;
                        out2 += e * e;
                        outMax = Math.max(outMax, e);
                        nOut++;
                    }
                }
            }
        }
        return new double[] {100 * Math.sqrt(in2 / nIn), 100 * inMax, 100 * Math.sqrt(out2 / nOut), 100 * outMax};
    }
}
