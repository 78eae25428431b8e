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
package org.ferrum.perfusion.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.perfusion.models.KineticModels;
import org.ferrum.perfusion.models.TracerKineticModel;
import org.ferrum.perfusion.models.TracerKineticModelFamilyTest;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.openide.util.Lookup;

/**
 * The DCE operators through the test kit's {@link OperatorHarness} (which also checks the contract: outputs set once
 * with their units, monotone progress, cancellation, bad-input messages), on a small series whose voxels hold curves
 * of the independent forward simulation with known parameters.
 */
class KineticModelOperatorTest {

    private static final VoxelGrid GRID = new VoxelGrid(4, 2, 2, 1, 1, 2);
    private static final Geometry GEOMETRY = Geometry.axisAligned(1, 1, 2);
    private static final double[] TIMES = TracerKineticModelFamilyTest.uniform(2.0, 300);
    private static final ArterialInputFunction AIF = TracerKineticModelFamilyTest.aif(TIMES);

    /** Voxel v holds the model's curve at truth set v % 3 (plus small noise), except voxel 0 which is left empty. */
    private static DynamicSeries series(String model, List<double[]> truths, double sigma, PhysicalUnit unit) {
        int voxels = GRID.size();
        float[][] frames = new float[TIMES.length][voxels];
        SplittableRandom random = new SplittableRandom(5);
        for (int v = 1; v < voxels; v++) {
            double[] c = TracerKineticModelFamilyTest.simulate(model, TIMES, truths.get(v % truths.size()), 0);
            for (int t = 0; t < TIMES.length; t++) {
                frames[t][v] = (float) (c[t] + sigma * TracerKineticModelFamilyTest.gaussian(random));
            }
        }
        return new DynamicSeries(VolumeArrays.frames(frames, GRID, GEOMETRY, unit), TIMES, 0.005, 15, 3);
    }

    private static Volume<FloatType> maskWithoutVoxel0() {
        boolean[] m = new boolean[GRID.size()];
        for (int v = 1; v < m.length; v++) {
            m[v] = true;
        }
        return VolumeArrays.maskVolume(m, GRID, GEOMETRY);
    }

    private static List<double[]> truths(String model) {
        return switch (model) {
            case "tofts" -> List.of(new double[] {0.1, 0.2}, new double[] {0.35, 0.5}, new double[] {0.6, 0.3});
            case "extended-tofts" ->
                List.of(new double[] {0.1, 0.2, 0.02}, new double[] {0.35, 0.5, 0.05}, new double[] {0.6, 0.3, 0.1});
            case "patlak" -> List.of(new double[] {0.02, 0.05}, new double[] {0.1, 0.1}, new double[] {0.2, 0.3});
            case "2cxm" -> List.of(new double[] {0.05, 0.2, 30, 0.1}, new double[] {0.1, 0.3, 60, 0.2});
            case "2cum" -> List.of(new double[] {0.05, 30, 0.05}, new double[] {0.1, 60, 0.15});
            default -> throw new AssertionError(model);
        };
    }

    @Test
    void everyModelOperatorIsRegisteredAndRecoversItsParameters() throws Exception {
        List<String> ids = Lookup.getDefault().lookupAll(Operator.class).stream()
                .map(o -> o.descriptor().id())
                .toList();
        for (String id : List.of(
                "perfusion.model.tofts",
                "perfusion.model.extended-tofts",
                "perfusion.model.patlak",
                "perfusion.model.2cxm",
                "perfusion.model.2cum",
                "perfusion.model.selection",
                "perfusion.model.roi",
                "perfusion.iauc")) {
            assertTrue(ids.contains(id), id + " registered");
        }
        for (Operator op : Lookup.getDefault().lookupAll(Operator.class)) {
            if (!(op instanceof KineticModelOperator kop)) {
                continue;
            }
            TracerKineticModel model = kop.model();
            List<double[]> truths = truths(model.name());
            OperatorHarness h = OperatorHarness.of(kop)
                    .input(
                            KineticModelOperator.CONCENTRATION,
                            series(model.name(), truths, 0.001, PhysicalUnit.MILLIMOLAR))
                    .input(KineticModelOperator.AIF, AIF)
                    .input(KineticModelOperator.MASK, maskWithoutVoxel0())
                    .run();
            float[] status = VolumeArrays.frame(h.output(KineticModelOperator.STATUS), 0);
            assertEquals(FitStatus.NOT_FITTED.code(), status[0], model.name() + " outside the mask");
            for (int j = 0; j < model.parameterCount(); j++) {
                String p = model.parameters().get(j).name();
                Volume<FloatType> map = h.output(kop.parameterPort(p));
                assertEquals(model.parameters().get(j).unit(), map.unit());
                float[] values = VolumeArrays.frame(map, 0);
                float[] se = VolumeArrays.frame(h.output(kop.standardErrorPort(p)), 0);
                assertEquals(0f, values[0], model.name() + " " + p + " outside the mask");
                for (int v = 1; v < GRID.size(); v++) {
                    assertTrue(FitStatus.ofCode((int) status[v]).usable(), model.name() + " voxel " + v);
                    double truth = truths.get(v % truths.size())[j];
                    assertEquals(
                            truth,
                            values[v],
                            (p.equals("fp") ? 0.1 : 0.03) * Math.abs(truth) + 0.005,
                            model.name() + " " + p + " voxel " + v);
                    assertTrue(
                            se[v] > 0 && se[v] < 0.2 * Math.abs(truth) + 0.01, model.name() + " " + p + " SE " + se[v]);
                }
            }
            if (!model.derived().isEmpty()) {
                float[] kep = VolumeArrays.frame(h.output(kop.parameterPort("kep")), 0);
                float[] kt = VolumeArrays.frame(h.output(kop.parameterPort("ktrans")), 0);
                float[] ve = VolumeArrays.frame(h.output(kop.parameterPort("ve")), 0);
                assertEquals(kt[3] / ve[3], kep[3], 1e-4 * kep[3]);
            }
            float[] rms = VolumeArrays.frame(h.output(KineticModelOperator.RMS), 0);
            assertTrue(rms[5] < 0.002, model.name() + " rms " + rms[5]);
            assertTrue(h.warnings().isEmpty(), model.name() + " " + h.warnings());
        }
    }

    @Test
    void theDelayIsFittedWhenAsked() throws Exception {
        int voxels = GRID.size();
        float[][] frames = new float[TIMES.length][voxels];
        for (int v = 0; v < voxels; v++) {
            double[] c =
                    TracerKineticModelFamilyTest.simulate("extended-tofts", TIMES, new double[] {0.3, 0.4, 0.05}, 3.0);
            for (int t = 0; t < TIMES.length; t++) {
                frames[t][v] = (float) c[t];
            }
        }
        DynamicSeries s = new DynamicSeries(
                VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.MILLIMOLAR), TIMES, 0.005, 15, 3);
        OperatorHarness h = OperatorHarness.of(new ExtendedToftsOperator())
                .input(KineticModelOperator.CONCENTRATION, s)
                .input(KineticModelOperator.AIF, AIF)
                .set(KineticModelOperator.FIT_DELAY, true)
                .run();
        float[] delay = VolumeArrays.frame(h.output(KineticModelOperator.DELAY), 0);
        assertEquals(3.0, delay[7], 0.5);
        assertEquals(PhysicalUnit.SECOND, h.output(KineticModelOperator.DELAY).unit());
    }

    @Test
    void badInputIsRefusedNamingThePort() {
        DynamicSeries signal = series("tofts", truths("tofts"), 0, PhysicalUnit.ARBITRARY);
        String m1 = OperatorHarness.of(new ToftsOperator())
                .input(KineticModelOperator.CONCENTRATION, signal)
                .input(KineticModelOperator.AIF, AIF)
                .runExpectingBadInput();
        assertTrue(m1.contains("'concentration'") && m1.contains("mM"), m1);

        double[] early = java.util.Arrays.copyOf(TIMES, 50);
        String m2 = OperatorHarness.of(new ToftsOperator())
                .input(KineticModelOperator.CONCENTRATION, series("tofts", truths("tofts"), 0, PhysicalUnit.MILLIMOLAR))
                .input(KineticModelOperator.AIF, TracerKineticModelFamilyTest.aif(early))
                .runExpectingBadInput();
        assertTrue(m2.contains("'aif'") && m2.contains("cover"), m2);

        float[][] three = new float[3][GRID.size()];
        DynamicSeries short3 = new DynamicSeries(
                VolumeArrays.frames(three, GRID, GEOMETRY, PhysicalUnit.MILLIMOLAR),
                new double[] {0, 2, 4},
                0.005,
                15,
                3);
        String m3 = OperatorHarness.of(new ExtendedToftsOperator())
                .input(KineticModelOperator.CONCENTRATION, short3)
                .input(KineticModelOperator.AIF, AIF)
                .runExpectingBadInput();
        assertTrue(m3.contains("'concentration'") && m3.contains("frames"), m3);
    }

    @Test
    void stopsWhenCancelled() {
        OperatorHarness.of(new TwoCompartmentExchangeOperator())
                .input(
                        KineticModelOperator.CONCENTRATION,
                        series("2cxm", truths("2cxm"), 0.001, PhysicalUnit.MILLIMOLAR))
                .input(KineticModelOperator.AIF, AIF)
                .cancel()
                .runExpectingCancellation();
    }

    @Test
    void modelSelectionPrefersTheGeneratingModel() throws Exception {
        int voxels = GRID.size();
        float[][] frames = new float[TIMES.length][voxels];
        SplittableRandom random = new SplittableRandom(9);
        for (int v = 0; v < voxels; v++) {
            // even voxels: irreversible uptake (Patlak); odd voxels: fast washout (Tofts with small ve)
            double[] c = v % 2 == 0
                    ? TracerKineticModelFamilyTest.simulate("patlak", TIMES, new double[] {0.05, 0.05}, 0)
                    : TracerKineticModelFamilyTest.simulate("tofts", TIMES, new double[] {0.5, 0.15}, 0);
            for (int t = 0; t < TIMES.length; t++) {
                frames[t][v] = (float) (c[t] + 0.003 * TracerKineticModelFamilyTest.gaussian(random));
            }
        }
        DynamicSeries s = new DynamicSeries(
                VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.MILLIMOLAR), TIMES, 0.005, 15, 3);
        OperatorHarness h = OperatorHarness.of(new ModelSelectionOperator())
                .input(KineticModelOperator.CONCENTRATION, s)
                .input(KineticModelOperator.AIF, AIF)
                .set(ModelSelectionOperator.MODELS, "tofts,patlak")
                .run();
        float[] best = VolumeArrays.frame(h.output(ModelSelectionOperator.BEST_MODEL), 0);
        int tofts = KineticModels.ALL.indexOf(KineticModels.named("tofts").orElseThrow()) + 1;
        int patlak = KineticModels.ALL.indexOf(KineticModels.named("patlak").orElseThrow()) + 1;
        for (int v = 0; v < voxels; v++) {
            assertEquals(v % 2 == 0 ? patlak : tofts, (int) best[v], "voxel " + v);
        }
        assertTrue(Float.isNaN(VolumeArrays.frame(h.output(ModelSelectionOperator.aiccPort("2cxm")), 0)[0]));
        assertTrue(ModelSelectionOperator.BEST_MODEL.description().contains("3 = patlak"));
        String bad = OperatorHarness.of(new ModelSelectionOperator())
                .input(KineticModelOperator.CONCENTRATION, s)
                .input(KineticModelOperator.AIF, AIF)
                .set(ModelSelectionOperator.MODELS, "tofts,nonsense")
                .runExpectingBadInput();
        assertTrue(bad.contains("'models'") && bad.contains("nonsense"), bad);
    }

    @Test
    void regionsAreFittedToTheirMeanCurves() throws Exception {
        DynamicSeries s =
                series("extended-tofts", List.of(new double[] {0.3, 0.4, 0.05}), 0.002, PhysicalUnit.MILLIMOLAR);
        float[] labels = new float[GRID.size()];
        for (int v = 1; v < labels.length; v++) {
            labels[v] = v < 8 ? 1 : 2;
        }
        OperatorHarness h = OperatorHarness.of(new RegionKineticFitOperator())
                .input(KineticModelOperator.CONCENTRATION, s)
                .input(KineticModelOperator.AIF, AIF)
                .input(
                        RegionKineticFitOperator.LABELS,
                        VolumeArrays.volume(labels, GRID, GEOMETRY, PhysicalUnit.DIMENSIONLESS))
                .run();
        Table table = h.output(RegionKineticFitOperator.FITS);
        assertEquals(2, table.rowCount());
        assertEquals(7, table.number(0, "voxels"));
        for (int r = 0; r < 2; r++) {
            assertEquals(0.3, table.number(r, "ktrans"), 0.01);
            assertEquals(0.4, table.number(r, "ve"), 0.02);
            assertEquals(0.05, table.number(r, "vp"), 0.005);
            assertEquals("converged", table.text(r, "status"));
        }
    }

    @Test
    void iaucOfAStepIsItsArea() throws Exception {
        int voxels = GRID.size();
        float[][] frames = new float[TIMES.length][voxels];
        for (int t = 0; t < TIMES.length; t++) {
            for (int v = 0; v < voxels; v++) {
                frames[t][v] = TIMES[t] >= 40 ? 1f + v : 0f; // reaches 1 + v mM at 40 s (frames every 2 s)
            }
        }
        DynamicSeries s = new DynamicSeries(
                VolumeArrays.frames(frames, GRID, GEOMETRY, PhysicalUnit.MILLIMOLAR), TIMES, 0.005, 15, 3);
        for (double duration : new double[] {60, 90}) {
            OperatorHarness h = OperatorHarness.of(new IaucOperator())
                    .input(IaucOperator.CONCENTRATION, s)
                    .set(IaucOperator.DURATION, duration)
                    .run();
            Volume<FloatType> iauc = h.output(IaucOperator.IAUC);
            assertEquals(PhysicalUnit.MILLIMOLAR_SECOND, iauc.unit());
            float[] values = VolumeArrays.frame(iauc, 0);
            // arrival where the mean curve crosses 10 % of its step: 38 + 0.2 s; area = ramp 1.8 s × 0.55 + rest
            for (int v = 0; v < voxels; v++) {
                double a = 1 + v;
                double expected = a * (1.8 * 0.55 + (duration - 1.8));
                assertEquals(expected, values[v], 1e-3 * expected, "voxel " + v + ", IAUC" + (int) duration);
            }
        }
        String m = OperatorHarness.of(new IaucOperator())
                .input(IaucOperator.CONCENTRATION, s)
                .set(IaucOperator.DURATION, 600.0)
                .runExpectingBadInput();
        assertTrue(m.contains("'duration'"), m);
    }
}
