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
package org.ferrum.core.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CosineTransformTest {

    /** Both the half-spectrum (even n_x) and the complex (odd n_x) routes, sizes 1 and 2, odd and even sizes. */
    @ParameterizedTest
    @CsvSource({
        "1,1,1", "2,1,1", "1,2,1", "1,1,2", "3,1,1", "8,6,4", "7,5,3", "5,8,2", "2,2,2", "6,1,9", "1,7,4", "10,3,5"
    })
    void forwardEqualsTheNaiveDctII(int nx, int ny, int nz) {
        float[] x = random(nx * ny * nz, 31L * nx + 7L * ny + nz);
        float[] fast = CosineTransform.forward(x, nx, ny, nz);
        double[] naive = naiveDct(x, nx, ny, nz);
        double scale = Math.sqrt(x.length);
        for (int n = 0; n < x.length; n++) {
            assertEquals(naive[n], fast[n], 2e-5 * scale, "coefficient " + n);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "2,1,1", "3,1,1", "8,6,4", "7,5,3", "5,8,2", "2,2,2", "6,1,9", "1,7,4"})
    void inverseEqualsTheNaiveScaledDctIIIAndUndoesTheForward(int nx, int ny, int nz) {
        float[] c = random(nx * ny * nz, 11L * nx + 3L * ny + nz);
        float[] copy = c.clone();
        float[] fast = CosineTransform.inverse(c, nx, ny, nz);
        double[] naive = naiveInverse(c, nx, ny, nz);
        for (int n = 0; n < c.length; n++) {
            assertEquals(naive[n], fast[n], 1e-5, "sample " + n);
            assertEquals(copy[n], c[n], "the input is left unchanged");
        }
        float[] back = CosineTransform.forward(fast, nx, ny, nz);
        for (int n = 0; n < c.length; n++) {
            assertEquals(c[n], back[n], 1e-4, "forward(inverse(c)) at " + n);
        }
        float[] x = random(nx * ny * nz, 5);
        float[] roundTrip = CosineTransform.inverse(CosineTransform.forward(x, nx, ny, nz), nx, ny, nz);
        for (int n = 0; n < x.length; n++) {
            assertEquals(x[n], roundTrip[n], 1e-5, "inverse(forward(x)) at " + n);
        }
    }

    @Test
    void aSingleCosineBasisFunctionGivesOneCoefficient() {
        int nx = 12, ny = 5, nz = 4, k1 = 3, k2 = 2, k3 = 1;
        float[] x = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    x[i + nx * (j + ny * k)] = (float) (Math.cos(Math.PI * k1 * (2 * i + 1) / (2.0 * nx))
                            * Math.cos(Math.PI * k2 * (2 * j + 1) / (2.0 * ny))
                            * Math.cos(Math.PI * k3 * (2 * k + 1) / (2.0 * nz)));
                }
            }
        }
        float[] c = CosineTransform.forward(x, nx, ny, nz);
        for (int n = 0; n < c.length; n++) {
            double expected =
                    n == k1 + nx * (k2 + ny * k3) ? x.length / 8.0 : 0; // orthogonality: Σ cos² = n/2 per axis
            assertEquals(expected, c[n], 1e-4, "coefficient " + n);
        }
    }

    @Test
    void wrongLengthsAndSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CosineTransform.forward(new float[10], 3, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> CosineTransform.inverse(new float[0], 0, 1, 1));
    }

    private static double[] naiveDct(float[] x, int nx, int ny, int nz) {
        double[] c = new double[x.length];
        for (int k3 = 0; k3 < nz; k3++) {
            for (int k2 = 0; k2 < ny; k2++) {
                for (int k1 = 0; k1 < nx; k1++) {
                    double sum = 0;
                    for (int n3 = 0; n3 < nz; n3++) {
                        for (int n2 = 0; n2 < ny; n2++) {
                            for (int n1 = 0; n1 < nx; n1++) {
                                sum += x[n1 + nx * (n2 + ny * n3)]
                                        * basis(k1, n1, nx)
                                        * basis(k2, n2, ny)
                                        * basis(k3, n3, nz);
                            }
                        }
                    }
                    c[k1 + nx * (k2 + ny * k3)] = sum;
                }
            }
        }
        return c;
    }

    private static double[] naiveInverse(float[] c, int nx, int ny, int nz) {
        double[] x = new double[c.length];
        for (int n3 = 0; n3 < nz; n3++) {
            for (int n2 = 0; n2 < ny; n2++) {
                for (int n1 = 0; n1 < nx; n1++) {
                    double sum = 0;
                    for (int k3 = 0; k3 < nz; k3++) {
                        for (int k2 = 0; k2 < ny; k2++) {
                            for (int k1 = 0; k1 < nx; k1++) {
                                double eps = (k1 == 0 ? 1 : 2) * (k2 == 0 ? 1 : 2) * (k3 == 0 ? 1 : 2);
                                sum += eps
                                        * c[k1 + nx * (k2 + ny * k3)]
                                        * basis(k1, n1, nx)
                                        * basis(k2, n2, ny)
                                        * basis(k3, n3, nz);
                            }
                        }
                    }
                    x[n1 + nx * (n2 + ny * n3)] = sum / c.length;
                }
            }
        }
        return x;
    }

    private static double basis(int k, int n, int size) {
        return Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * size));
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
