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
package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/** {@code qsm.evaluate} through the operator API, on a small head phantom's truth. */
class QsmMetricsOperatorTest {

    private static final HeadPhantom PHANTOM =
            HeadPhantom.builder().size(48, 48, 32).voxelSize(4, 4, 4).snr(0).generate();

    @Test
    void isFoundThroughLookup() {
        assertTrue(Lookup.getDefault().lookupAll(Operator.class).stream()
                .anyMatch(o -> o.descriptor().id().equals(QsmMetricsOperator.ID)));
    }

    @Test
    void theTruthScoresPerfectlyAndADoubledMapHasTheKnownErrors() throws OperatorException {
        Table same = run(PHANTOM.chi());
        assertEquals("evaluation mask", same.cell(0, same.columnIndex("region")));
        assertEquals(0, same.number(0, "nrmse"), 1e-6);
        assertEquals(0, same.number(0, "hfen"), 1e-6);
        assertEquals(1, same.number(0, "ssim"), 1e-9);
        assertEquals(1, same.number(0, "correlation"), 1e-9);

        float[] t = VolumeArrays.frame(PHANTOM.chi(), 0);
        float[] doubled = new float[t.length];
        for (int n = 0; n < t.length; n++) {
            doubled[n] = 2 * t[n] + 0.05f;
        }
        Table table =
                run(VolumeArrays.volume(doubled, VoxelGrid.of(PHANTOM.chi()), PHANTOM.geometry(), PhysicalUnit.PPM));
        assertEquals(100, table.number(0, "nrmse"), 1e-3);
        assertEquals(100, table.number(0, "hfen"), 1e-3);
        boolean pallidus = false;
        for (int row = 1; row < table.rowCount(); row++) {
            assertTrue(Double.isNaN(table.number(row, "nrmse")));
            // every region of a doubled map is off by its own truth (relative to the mask mean): +100 %
            assertEquals(1000 * table.number(row, "truth_mean"), table.number(row, "error"), 1e-2);
            if (table.number(row, "label") == PhantomLabel.GLOBUS_PALLIDUS.value()) {
                assertEquals("globus pallidus", table.cell(row, table.columnIndex("region")));
                assertEquals(100, table.number(row, "error_percent"), 1e-3);
                pallidus = true;
            }
        }
        assertTrue(pallidus, "no globus pallidus row");
    }

    @Test
    void aMapInTheWrongUnitIsRefusedByItsPort() {
        // the executor checks every volume's unit against the port before the run; a field in Hz cannot be wired to χ
        assertTrue(QsmMetricsOperator.CHI.acceptsUnit(PhysicalUnit.PPB));
        assertFalse(QsmMetricsOperator.CHI.acceptsUnit(PhysicalUnit.HERTZ));
        String why = Port.mismatch(EchoCombinationOperator.FIELD_HZ, QsmMetricsOperator.CHI)
                .orElseThrow();
        assertTrue(why.contains("field in Hz") && why.contains("susceptibility in ppm or ppb"), why);
        assertTrue(
                Port.mismatch(HeadPhantomOperator.CHI, QsmMetricsOperator.TRUTH).isEmpty());
    }

    private static Table run(Volume<FloatType> chi) throws OperatorException {
        OperatorHarness c = OperatorHarness.of(new QsmMetricsOperator())
                .input(QsmMetricsOperator.CHI, chi)
                .input(QsmMetricsOperator.TRUTH, PHANTOM.chi())
                .input(QsmMetricsOperator.MASK, PHANTOM.brainMask())
                .input(QsmMetricsOperator.LABELS, PHANTOM.labels())
                .set(QsmMetricsOperator.LABEL_NAMES, "9=globus pallidus, 7=caudate")
                .run();
        return c.output(QsmMetricsOperator.TABLE);
    }
}
