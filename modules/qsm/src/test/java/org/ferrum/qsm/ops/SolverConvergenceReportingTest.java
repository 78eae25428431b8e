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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.inversion.SpherePhantom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "a solver that does not converge says so in one clear line naming the node/operator": every iterative
 * operator, forced not to converge (an iteration cap of 1–2), logs a warning line that names the node and the solver;
 * left to converge on an analytic field, it logs its summary and no warning, and its result explains the field better
 * than χ = 0 / no background did (relative residual below 1).
 */
class SolverConvergenceReportingTest {

    private static final VoxelGrid GRID = new VoxelGrid(32, 32, 32, 1, 1, 1);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 1);
    private static final double[] CENTRE = {16, 16, 16};

    /** The analytic field of a 0.1 ppm sphere (radius 5) plus, for the background removals, an outside one of 3 ppm. */
    private static float[] field(boolean withBackground) {
        float[] f = new float[GRID.size()];
        SpherePhantom.addField(f, GRID, CENTRE, 5, 0.1, new double[] {0, 0, 1});
        if (withBackground) {
            SpherePhantom.addField(f, GRID, new double[] {16, 16, 34}, 4, 3, new double[] {0, 0, 1});
        }
        return f;
    }

    private static Volume<FloatType> volume(float[] v, PhysicalUnit unit) {
        return VolumeArrays.volume(v.clone(), GRID, GEOMETRY, unit);
    }

    private static Volume<FloatType> ball() {
        return VolumeArrays.maskVolume(SpherePhantom.ball(GRID, CENTRE, 11), GRID, GEOMETRY);
    }

    private static MultiEchoGre gre() {
        float[] ones = new float[GRID.size()];
        java.util.Arrays.fill(ones, 1f);
        return new MultiEchoGre(
                volume(ones, PhysicalUnit.ARBITRARY), null, new GreAcquisition(EchoTimes.ofMilliseconds(5), 3));
    }

    private static OperatorHarness run(Operator op, boolean background, Map<String, Object> parameters)
            throws OperatorException {
        OperatorHarness c = OperatorHarness.of(op)
                .input(
                        background ? "field" : op.descriptor().inputs().get(0).name(),
                        volume(field(background), PhysicalUnit.PPM))
                .input("mask", ball())
                .input("gre", gre());
        parameters.forEach(c::set);
        return c.run();
    }

    private static List<String> warnings(OperatorHarness c) {
        return c.logLines().stream().filter(l -> l.startsWith("warning")).toList();
    }

    @Test
    void backgroundRemovalsForcedToStopEarlySaySoNamingTheNode() throws OperatorException {
        for (var e : Map.<Operator, Map<String, Object>>of(
                        new ProjectionOntoDipoleFieldsOperator(), Map.of("iterations", 2L, "tolerance", 1e-6),
                        new ResharpOperator(), Map.of("iterations", 2L, "tolerance", 1e-9),
                        new LaplacianBoundaryValueOperator(), Map.of("iterations", 1L, "tolerance", 1e-9))
                .entrySet()) {
            String id = e.getKey().descriptor().id();
            List<String> w = warnings(run(e.getKey(), true, e.getValue()));
            assertEquals(1, w.size(), id + ": " + w);
            assertTrue(
                    w.get(0).startsWith("warning: node 'node-under-test' (" + id + "): ")
                            && w.get(0).contains("did not converge"),
                    w.get(0));
        }
    }

    @Test
    void backgroundRemovalsThatConvergeSayThatAndWarnNothing() throws OperatorException {
        for (Operator op : List.of(
                new ProjectionOntoDipoleFieldsOperator(),
                new ResharpOperator(),
                new LaplacianBoundaryValueOperator())) {
            // this field (a 3 ppm sphere 3 voxels from the mask) needs PDF about 150 iterations to tolerance 10⁻³
            OperatorHarness c = run(
                    op, true, op instanceof ProjectionOntoDipoleFieldsOperator ? Map.of("iterations", 400L) : Map.of());
            String id = op.descriptor().id();
            assertTrue(warnings(c).isEmpty(), id + ": " + c.logLines());
            assertTrue(c.logLines().stream().anyMatch(l -> l.contains(": converged after")), id + ": " + c.logLines());
        }
    }

    @Test
    void dipoleInversionsForcedToStopEarlySaySoAndConvergedOnesExplainTheFieldBetterThanZero()
            throws OperatorException {
        for (var e : Map.<Operator, Map<String, Object>>of(
                        new TotalVariationAdmmOperator(), Map.of("max_iterations", 2L, "tolerance", 1e-9),
                        new MorphologyEnabledDipoleInversionOperator(), Map.of("max_iterations", 1L, "tolerance", 1e-9),
                        new TotalFieldInversionOperator(), Map.of("max_iterations", 1L, "tolerance", 1e-9),
                        new SingleStepSharpOperator(),
                                Map.of("max_iterations", 2L, "tolerance", 1e-9, "radius", 4.0, "min_radius", 2.0))
                .entrySet()) {
            Operator op = e.getKey();
            String id = op.descriptor().id();
            boolean total = id.equals("qsm.dipole.tfi") || id.equals("qsm.dipole.singlestep");
            List<String> w = warnings(run(op, total, e.getValue()));
            assertEquals(1, w.size(), id + ": " + w);
            assertTrue(
                    w.get(0).startsWith("warning: node 'node-under-test': ")
                            && w.get(0).contains("did not converge"),
                    w.get(0));

            // the mask (radius 11 mm) is too small for the default spheres of single-step, which are for a brain
            OperatorHarness ok = run(
                    op,
                    total,
                    id.equals("qsm.dipole.singlestep") ? Map.of("radius", 4.0, "min_radius", 2.0) : Map.of());
            assertTrue(warnings(ok).isEmpty(), id + ": " + ok.logLines());
            String summary = ok.logLines().stream()
                    .filter(l -> l.contains("converged after"))
                    .findFirst()
                    .orElseThrow();
            double residual = Double.parseDouble(summary.replaceAll(".*relative residual ([0-9.eE+-]+).*", "$1"));
            assertTrue(residual < 1, id + ": the result must explain the field better than χ = 0: " + summary);
        }
    }
}
