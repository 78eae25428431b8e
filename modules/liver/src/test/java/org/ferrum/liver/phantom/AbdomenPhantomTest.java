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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.junit.jupiter.api.Test;

class AbdomenPhantomTest {

    /** A model with round numbers, so the expected values below can be written by hand. */
    static final IronModel ROUND = new IronModel() {
        @Override
        public double r2starAt15T(double lic) {
            return 25 * lic + 30;
        }

        @Override
        public double ironSusceptibilityPpm(double lic) {
            return 0.1 * lic;
        }

        @Override
        public double fatRelativeToWaterPpm() {
            return 0.6;
        }

        @Override
        public String description() {
            return "round numbers for tests";
        }
    };

    @Test
    void everyTissueIsPresentAndTruthFollowsTheTissueTable() {
        AbdomenPhantom p = AbdomenPhantom.builder().ironModel(ROUND).snr(0).build();
        float[] labels = VolumeArrays.frame(p.labels(), 0);
        float[] pdff = VolumeArrays.frame(p.pdff(), 0);
        float[] r2 = VolumeArrays.frame(p.r2star(), 0);
        float[] lic = VolumeArrays.frame(p.lic(), 0);
        float[] chi = VolumeArrays.frame(p.chi(), 0);
        Set<AbdomenTissue> seen = EnumSet.noneOf(AbdomenTissue.class);
        VoxelGrid g = p.grid();
        for (int k = 1; k < g.nz() - 1; k++) {
            for (int j = 1; j < g.ny() - 1; j++) {
                for (int i = 1; i < g.nx() - 1; i++) {
                    int n = g.index(i, j, k);
                    AbdomenTissue t = AbdomenTissue.ofLabel((int) labels[n]);
                    seen.add(t);
                    if (!interior(labels, g, i, j, k)) {
                        continue;
                    }
                    // interior voxels (all 27 neighbours the same tissue) have no partial volume
                    if (t == AbdomenTissue.LIVER_RIGHT_LOBE) {
                        assertEquals(12.0, pdff[n], 1e-4, "liver PDFF");
                        assertEquals(25 * 8 + 30, r2[n], 1e-3, "right lobe R2*: 25·LIC + 30 at 1.5 T");
                        assertEquals(8.0, lic[n], 0, "right lobe LIC");
                        assertEquals(0.1 * 8 + 0.12 * 0.6, chi[n], 1e-5, "iron + PDFF·χ_fat");
                    } else if (t == AbdomenTissue.LIVER_LEFT_LOBE) {
                        assertEquals(25 * 3 + 30, r2[n], 1e-3);
                        assertEquals(0.1 * 3 + 0.12 * 0.6, chi[n], 1e-5);
                    } else if (t == AbdomenTissue.SUBCUTANEOUS_FAT) {
                        assertEquals(93.0, pdff[n], 1e-4);
                        assertEquals(0.93 * 0.6, chi[n], 1e-5);
                        assertTrue(Float.isNaN(lic[n]), "no LIC outside the liver");
                    } else if (t == AbdomenTissue.AIR) {
                        assertEquals(AbdomenTissue.AIR_RELATIVE_TO_WATER_PPM, chi[n], 1e-5);
                        assertTrue(Float.isNaN(pdff[n]));
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(AbdomenTissue.class), seen, "every tissue of the table is in the field of view");
    }

    @Test
    void noiselessSignalOfAnInteriorVoxelIsTheChemicalShiftModel() {
        AbdomenPhantom p = AbdomenPhantom.builder().ironModel(ROUND).snr(0).build();
        VoxelGrid g = p.grid();
        float[] labels = VolumeArrays.frame(p.labels(), 0);
        float[] psi = VolumeArrays.frame(p.fieldHz(), 0);
        double[] te = p.gre().acquisition().echoTimes().toSeconds();
        double[] c = FatSpectrum.byId("liver-6peak").complexFactor(te, 1.5);
        int checked = 0;
        for (int n = 0; n < g.size() && checked < 20; n++) {
            int i = n % g.nx(), j = (n / g.nx()) % g.ny(), k = n / (g.nx() * g.ny());
            if (i == 0
                    || j == 0
                    || k == 0
                    || i == g.nx() - 1
                    || j == g.ny() - 1
                    || k == g.nz() - 1
                    || labels[n] != AbdomenTissue.LIVER_RIGHT_LOBE.label()
                    || !interior(labels, g, i, j, k)) {
                continue;
            }
            double[] s = ChemicalShiftSignal.evaluate(
                    new double[] {1000 * 0.88, 0}, new double[] {1000 * 0.12, 0}, psi[n], 230, te, c);
            float[] mag = new float[te.length];
            float[] expected = new float[te.length];
            float[] phaseDifference = new float[te.length - 1];
            float[] expectedDifference = new float[te.length - 1];
            for (int e = 0; e < te.length; e++) {
                mag[e] = VolumeArrays.frame(p.gre().magnitude(), e)[n];
                expected[e] = (float) Math.hypot(s[2 * e], s[2 * e + 1]);
                if (e > 0) {
                    // the receive phase φ0 cancels in echo-to-echo differences
                    double ph = VolumeArrays.frame(p.gre().phase().orElseThrow(), e)[n]
                            - VolumeArrays.frame(p.gre().phase().orElseThrow(), e - 1)[n];
                    double ex = Math.atan2(s[2 * e + 1], s[2 * e]) - Math.atan2(s[2 * e - 1], s[2 * e - 2]);
                    phaseDifference[e - 1] = (float) Math.atan2(Math.sin(ph), Math.cos(ph));
                    expectedDifference[e - 1] = (float) Math.atan2(Math.sin(ex), Math.cos(ex));
                }
            }
            assertArrayEquals(expected, mag, 1e-2f, "|S(TE)| of voxel " + n);
            assertArrayEquals(expectedDifference, phaseDifference, 1e-4f, "phase steps of voxel " + n);
            checked++;
        }
        assertEquals(20, checked, "enough interior liver voxels");
    }

    @Test
    void fieldIsCentredOnTheBodyAndSameSeedGivesSameData() {
        AbdomenPhantom a = AbdomenPhantom.builder()
                .ironModel(ROUND)
                .size(40, 32, 8)
                .spacing(9, 8, 18)
                .seed(7)
                .build();
        AbdomenPhantom b = AbdomenPhantom.builder()
                .ironModel(ROUND)
                .size(40, 32, 8)
                .spacing(9, 8, 18)
                .seed(7)
                .build();
        AbdomenPhantom c = AbdomenPhantom.builder()
                .ironModel(ROUND)
                .size(40, 32, 8)
                .spacing(9, 8, 18)
                .seed(8)
                .build();
        float[] ma = VolumeArrays.frame(a.gre().magnitude(), 2);
        assertArrayEquals(ma, VolumeArrays.frame(b.gre().magnitude(), 2), 0f, "same seed, same noise");
        assertTrue(
                !java.util.Arrays.equals(ma, VolumeArrays.frame(c.gre().magnitude(), 2)), "another seed, other noise");
        float[] psi = VolumeArrays.frame(a.fieldHz(), 0);
        float[] labels = VolumeArrays.frame(a.labels(), 0);
        double sum = 0;
        int n = 0;
        double max = 0;
        for (int v = 0; v < psi.length; v++) {
            AbdomenTissue t = AbdomenTissue.ofLabel((int) labels[v]);
            if (t.protonDensity() > 0.5) {
                sum += psi[v];
                n++;
                max = Math.max(max, Math.abs(psi[v]));
            }
        }
        // the frequency adjustment zeroes the mean dipole field over the body; the shim terms' mean is small
        assertEquals(0, sum / n, 15, "mean field over the body, Hz");
        assertTrue(max > 50 && max < 400, "air-tissue fields of tens to hundreds of Hz at 1.5 T, got " + max);
    }

    private static boolean interior(float[] labels, VoxelGrid g, int i, int j, int k) {
        float l = labels[g.index(i, j, k)];
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int a = i + di, b = j + dj, c = k + dk;
                    if (a < 0
                            || b < 0
                            || c < 0
                            || a >= g.nx()
                            || b >= g.ny()
                            || c >= g.nz()
                            || labels[g.index(a, b, c)] != l) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
