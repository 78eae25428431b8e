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
package org.ferrum.brain.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ferrum.core.Geometry;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.junit.jupiter.api.Test;

class StructureAndPlaneTest {

    @Test
    void theSevenNucleiAnswerToFreeSurferFslAndPhantomSpellings() {
        List<Structure> nuclei = NucleusMeasurements.Params.DEFAULTS.nuclei();
        assertEquals(7, nuclei.size());
        Structure gp = Structure.named("globus pallidus");
        assertTrue(gp.matches(LabelEntry.named(13, "Left-Pallidum", 0)));
        assertTrue(gp.matches(LabelEntry.named(13, "L_Pall", 0)));
        assertTrue(gp.matches(LabelEntry.named(9, "globus pallidus", 0)));
        assertFalse(gp.matches(LabelEntry.named(12, "Left-Putamen", 0)));
        Structure thalamus = Structure.named("thalamus");
        assertTrue(thalamus.matches(LabelEntry.named(10, "Left-Thalamus-Proper", 0)), "FreeSurfer < 7");
        assertTrue(thalamus.matches(LabelEntry.named(10, "Left-Thalamus", 0)), "FreeSurfer 7");
        assertTrue(Structure.named("dentate").matches(LabelEntry.named(16, "dentate nucleus", 0)));
        assertTrue(Structure.named("red nucleus").matches(LabelEntry.named(2, "Right red nucleus", 0)));
        Structure nigra = Structure.named("substantia nigra");
        assertTrue(nigra.matches(LabelEntry.named(9901, "Left-Substantia-Nigra", 0)), "brain.nuclei.grow's names");
        assertTrue(nigra.matches(LabelEntry.named(7, "SNc_L", 0)) && nigra.matches(LabelEntry.named(8, "SNr_L", 0)));
        assertTrue(Structure.named("dentate").matches(LabelEntry.named(9905, "Left-Dentate-Nucleus", 0)));
        Structure csf = NucleusMeasurements.Params.DEFAULTS.csfStructures().get(0);
        assertTrue(csf.matches(LabelEntry.named(43, "Right-Lateral-Ventricle", 0)));
        assertFalse(
                NucleusMeasurements.Params.DEFAULTS.csfStructures().stream()
                        .anyMatch(s -> s.matches(LabelEntry.named(15, "extracerebral CSF", 0))),
                "CSF outside the brain is not the ventricular reference");
    }

    @Test
    void aListTakesOwnSpellingsAndRefusesRepeats() {
        List<Structure> s = Structure.parseList("nuclei", "putamen, nigra=substantia nigra|SN ");
        assertEquals(List.of("substantia nigra", "sn"), s.get(1).spellings());
        assertTrue(s.get(1).matches(LabelEntry.named(5, "Left_SN", 0)));
        assertEquals("putamen, nigra=substantia nigra|sn", Structure.format(s));
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> Structure.parseList("nuclei", "putamen, Putamen"));
        assertTrue(twice.getMessage().contains("'nuclei'") && twice.getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> Structure.parseList("nuclei", "putamen,,caudate"));
        assertThrows(IllegalArgumentException.class, () -> Structure.parseList("nuclei", "x="));
        assertThrows(IllegalArgumentException.class, () -> Structure.parseList("csf_structures", " "));
    }

    /** A 10×10×10 grid of 2 mm centred on the patient origin, turned {@code degrees} about S (patient z). */
    static Geometry turnedAboutS(double degrees) {
        double t = Math.toRadians(degrees), c = Math.cos(t), s = Math.sin(t);
        double h = 4.5 * 2;
        // columns: axis i = (c, s, 0)·2 mm, axis j = (−s, c, 0)·2 mm, axis k = (0, 0, 1)·2 mm; voxel (4.5, 4.5, 4.5)
        // at the origin
        return Geometry.ofAffine(2 * c, -2 * s, 0, -(c - s) * h, 2 * s, 2 * c, 0, -(s + c) * h, 0, 0, 2, -h);
    }

    @Test
    void thePlaneIsNormalToTheGridAxisNearestLeftRightThroughTheMaskCentroid() {
        VoxelGrid grid = new VoxelGrid(10, 10, 10, 2, 2, 2);
        Geometry g = turnedAboutS(30);
        double[] o = g.toPatient(4.5, 4.5, 4.5);
        assertEquals(0, Math.hypot(o[0], o[1]), 1e-9, "the grid is centred on the origin");
        // no mask: through the origin, normal along the turned i axis (cos 30°, sin 30°, 0)
        MidSagittalPlane p = MidSagittalPlane.of(g, grid, null);
        assertEquals(Math.cos(Math.toRadians(30)), p.normal()[0], 1e-12);
        assertEquals(Math.sin(Math.toRadians(30)), p.normal()[1], 1e-12);
        // a mask of the voxels i ≥ 6: centroid at i = 7.5, so voxels i ≤ 7 are right of it, i ≥ 8 left
        boolean[] mask = new boolean[grid.size()];
        for (int n = 0; n < mask.length; n++) {
            mask[n] = n % 10 >= 6;
        }
        MidSagittalPlane q = MidSagittalPlane.of(g, grid, mask);
        double[] d = q.distanceCoefficients(g);
        for (int i = 0; i < 10; i++) {
            double distance = d[0] + i * d[1] + 3 * d[2] + 7 * d[3];
            assertEquals((i - 7.5) * 2, distance, 1e-9, "2 mm per voxel along the normal, 0 at the centroid");
            assertEquals(i >= 8 ? Hemisphere.LEFT : Hemisphere.RIGHT, MidSagittalPlane.sideOf(distance));
        }
        assertEquals(Hemisphere.MIDLINE, MidSagittalPlane.sideOf(0));
    }

    @Test
    void aGridStoredRightToLeftStillCallsPatientLeftLeft() {
        // axis i runs towards the patient's right (−x): the normal is turned to +x
        Geometry g = Geometry.ofAffine(-2, 0, 0, 9, 0, 2, 0, -9, 0, 0, 2, -9);
        MidSagittalPlane p = MidSagittalPlane.of(g, new VoxelGrid(10, 10, 10, 2, 2, 2), null);
        assertEquals(1, p.normal()[0], 1e-12);
        double[] d = p.distanceCoefficients(g);
        assertEquals(Hemisphere.LEFT, MidSagittalPlane.sideOf(d[0] + 0 * d[1]), "voxel i = 0 lies at x = +9 mm");
        assertEquals(Hemisphere.RIGHT, MidSagittalPlane.sideOf(d[0] + 9 * d[1]));
    }
}
