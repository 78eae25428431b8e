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
package org.ferrum.brain.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.core.labels.LabelTable;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;

/**
 * The operator on a small synthetic head: two bright ellipsoids in a background with noise (not the phantom the
 * algorithm test uses), seeds typed as text and drawn as a label map.
 */
class NucleusGrowOperatorTest {

    /** 40³ grid of 1.5 mm centred on the origin: "left red nucleus" sphere r 4 mm at (6, 0, 0), 0.12 ppm in −0.02. */
    static Volume<FloatType> chi(PhysicalUnit unit, double scale) {
        Volume<FloatType> v = Volumes.createFloat(
                new long[] {40, 40, 40},
                org.ferrum.core.Geometry.ofAffine(1.5, 0, 0, -29.25, 0, 1.5, 0, -29.25, 0, 0, 1.5, -29.25),
                unit);
        float[] a = Volumes.floats(v);
        java.util.Random r = new java.util.Random(3);
        for (int k = 0, n = 0; k < 40; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++, n++) {
                    double x = -29.25 + 1.5 * i, y = -29.25 + 1.5 * j, z = -29.25 + 1.5 * k;
                    boolean in = Math.pow(x - 6, 2) + y * y + z * z <= 16;
                    a[n] = (float) (scale * ((in ? 0.12 : -0.02) + 0.01 * r.nextGaussian()));
                }
            }
        }
        return v;
    }

    @Test
    void textSeedGivesLabelMapWithLegendAndTable() throws Exception {
        OperatorHarness h = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi(PhysicalUnit.PPB, 1000))
                .set(NucleusGrowOperator.SEEDS, "red nucleus left=7,1,-1")
                .run();
        Volume<FloatType> nuclei = h.output(NucleusGrowOperator.NUCLEI);
        LabelEntry e = nuclei.labels().entries().get(0);
        assertEquals("Left-Red-Nucleus", e.name());
        int count = 0;
        for (float f : VolumeArrays.frame(nuclei, 0)) {
            count += f == e.value() ? 1 : 0;
        }
        // sphere of r 4 mm = 268 mm³ = 79 voxels of 3.375 mm³
        assertEquals(79, count, 12);
        Table t = h.output(NucleusGrowOperator.TABLE);
        assertEquals(1, t.rowCount());
        assertEquals("red nucleus", t.text(0, "nucleus"));
        assertEquals("left", t.text(0, "hemisphere"));
        assertEquals(count, t.number(0, "voxels"));
        assertEquals(0.12, t.number(0, "mean_chi"), 0.02); // ppb converted to ppm
        assertEquals("no", t.text(0, "leak_stopped"));
    }

    @Test
    void drawnSeedMapIsReadThroughItsLegend() throws Exception {
        Volume<FloatType> seeds = Volumes.createFloat(
                new long[] {40, 40, 40}, chi(PhysicalUnit.PPM, 1).geometry(), PhysicalUnit.DIMENSIONLESS);
        Volumes.floats(seeds)[24 + 40 * (20 + 40 * 20)] = 3; // voxel (24, 20, 20) = (6.75, 0.75, 0.75) mm
        seeds = seeds.withLabels(LabelTable.of(java.util.List.of(LabelEntry.named(3, "red nucleus L", 0xFF0000))));
        OperatorHarness h = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi(PhysicalUnit.PPM, 1))
                .input(NucleusGrowOperator.SEED_LABELS, seeds)
                .run();
        Table t = h.output(NucleusGrowOperator.TABLE);
        assertEquals("red nucleus", t.text(0, "nucleus"));
        assertTrue(t.number(0, "voxels") > 60);
    }

    @Test
    void grownNucleiAreMergedIntoAnAtlasWithBothLegends() throws Exception {
        Volume<FloatType> chi = chi(PhysicalUnit.PPM, 1);
        Volume<FloatType> atlas =
                Volumes.createFloat(new long[] {40, 40, 40}, chi.geometry(), PhysicalUnit.DIMENSIONLESS);
        float[] a = Volumes.floats(atlas);
        for (int n = 0; n < a.length; n++) {
            int i = n % 40;
            a[n] = i < 10 ? 12 : i >= 22 && i <= 26 ? 30 : 0; // a putamen far away; an atlas red nucleus slab
        }
        atlas = atlas.withLabels(LabelTable.of(java.util.List.of(
                LabelEntry.named(12, "Left-Putamen", 0x00FF00), LabelEntry.named(30, "red nucleus L", 0xFF00FF))));
        OperatorHarness h = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi)
                .input(NucleusGrowOperator.LABELS, atlas)
                .set(NucleusGrowOperator.SEEDS, "rn l=7,1,-1")
                .run();
        Volume<FloatType> merged = h.output(NucleusGrowOperator.MERGED);
        float[] m = VolumeArrays.frame(merged, 0), grown = VolumeArrays.frame(h.output(NucleusGrowOperator.NUCLEI), 0);
        int putamen = 0, atlasRn = 0, ours = 0;
        for (int n = 0; n < m.length; n++) {
            putamen += m[n] == 12 ? 1 : 0;
            atlasRn += m[n] == 30 ? 1 : 0;
            ours += m[n] == 9903 ? 1 : 0;
            if (grown[n] != 0) {
                assertEquals(9903, m[n]);
            }
        }
        assertEquals(10 * 40 * 40, putamen, "the atlas is kept where nothing grew");
        assertTrue(ours > 60 && atlasRn > 0 && atlasRn < 5 * 40 * 40, "grown voxels painted over the atlas");
        assertEquals("Left-Putamen", merged.labels().name(12));
        assertEquals("Left-Red-Nucleus", merged.labels().name(9903));
        assertTrue(
                h.warnings().stream().anyMatch(w -> w.contains("'red nucleus L' (30)")),
                h.warnings().toString());

        Volume<FloatType> clash =
                atlas.withLabels(LabelTable.of(java.util.List.of(LabelEntry.named(9903, "Left-Something-Else", 0))));
        String msg = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi)
                .input(NucleusGrowOperator.LABELS, clash)
                .set(NucleusGrowOperator.SEEDS, "rn l=7,1,-1")
                .runExpectingBadInput();
        assertTrue(msg.contains("input 'labels' uses value 9903 for 'Left-Something-Else'"), msg);
    }

    @Test
    void cancelledRunEndsInCancellation() {
        OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi(PhysicalUnit.PPM, 1))
                .set(NucleusGrowOperator.SEEDS, "rn l=7,1,-1")
                .cancel()
                .runExpectingCancellation();
    }

    @Test
    void badSeedsAreRefusedNamingTheParameterAndEntry() {
        String m = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi(PhysicalUnit.PPM, 1))
                .set(NucleusGrowOperator.SEEDS, "red nucleus left=7,1,-1; sn rigth=1,2,3")
                .runExpectingBadInput();
        assertTrue(m.contains("parameter 'seeds', entry 2 'sn rigth=1,2,3'"), m);
        m = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi(PhysicalUnit.PPM, 1))
                .runExpectingBadInput();
        assertTrue(m.contains("no seed"), m);
        m = OperatorHarness.of(new NucleusGrowOperator())
                .input(NucleusGrowOperator.CHI, chi(PhysicalUnit.PPM, 1))
                .set(NucleusGrowOperator.SEEDS, "red nucleus left=-15,-15,-15")
                .runExpectingBadInput();
        assertTrue(m.contains("red nucleus left=-15,-15,-15") && m.contains("no bright nucleus"), m);
    }
}
