package org.ferrum.qsm.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.PortTypes;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dipole inversion, and the whole chain from wrapped multi-echo phase, against the ground truth of the
 * numerical head ({@link HeadPhantom}: 96×96×64 voxels of 2 mm, 3 T, TE 4/12/20/28 ms, SNR 100), run through the
 * operators exactly as a pipeline runs them (padding, B0 from the acquisition, referencing).
 *
 * <p>Scores over the evaluation region E (the brain mask, or the mask the chain leaves after background removal),
 * both maps with their mean over E removed (χ is only defined up to a constant):
 * NRMSE = ‖(χ − χ̄) − (χ<sub>true</sub> − χ̄<sub>true</sub>)‖ / ‖χ<sub>true</sub> − χ̄<sub>true</sub>‖, and for each deep
 * grey nucleus the mean over its voxels relative to E's mean, against the same for the truth. Targets (issue 5):
 * NRMSE ≤ 30 % for TV, ≤ 40 % for TKD; the iron-rich deep grey nuclei within 10 % with TV. (For scale: the QSM
 * challenge 2.0 head phantom gives 26.5 % for its best TV-ADMM and 36 % for TKD.)
 *
 * <p>"From the local field" starts from the phantom's exact local field: it scores the inversion alone. "Chain"
 * starts from the noisy wrapped phase: ROMEO unwrapping, weighted echo combination, V-SHARP and the inversion.
 */
class HeadPhantomValidationTest {

    /** Nuclei whose iron gives them a χ far from the brain mean, where a 10 % error is a meaningful target. */
    private static final List<PhantomLabel> IRON_RICH = List.of(PhantomLabel.CAUDATE, PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS);
    private static final List<PhantomLabel> NUCLEI = List.of(PhantomLabel.CAUDATE, PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.THALAMUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS);

    private static HeadPhantom straight;
    private static final Map<String, Score> SCORES = new LinkedHashMap<>();

    @BeforeAll
    static void generate() {
        straight = HeadPhantom.builder().size(96, 96, 64).voxelSize(2, 2, 2).seed(11).generate();
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("\nχ against the head phantom's truth (NRMSE in E, mean removed; nuclei: mean − mean(E), ppm):\n");
        sb.append(String.format(Locale.ROOT, "%-34s %7s", "method", "NRMSE"));
        for (PhantomLabel l : NUCLEI) {
            sb.append(String.format(Locale.ROOT, " %16s", l.displayName()));
        }
        sb.append('\n');
        SCORES.forEach((name, s) -> {
            sb.append(String.format(Locale.ROOT, "%-34s %6.1f%%", name, 100 * s.nrmse()));
            for (PhantomLabel l : NUCLEI) {
                sb.append(String.format(Locale.ROOT, " %7.4f (%5.1f%%)", s.nucleus().get(l), 100 * s.relativeError(l)));
            }
            sb.append('\n');
        });
        if (!SCORES.isEmpty()) {
            Score any = SCORES.values().iterator().next();
            sb.append(String.format(Locale.ROOT, "%-34s %7s", "truth", ""));
            for (PhantomLabel l : NUCLEI) {
                sb.append(String.format(Locale.ROOT, " %7.4f         ", any.truth().get(l)));
            }
        }
        System.out.println(sb);
    }

    @Test
    void totalVariationMeetsItsTargetsFromTheLocalField() throws OperatorException {
        Score s = fromLocalField("TV-ADMM from the local field", new TotalVariationAdmmOperator());
        assertTrue(s.nrmse() <= 0.30, "TV NRMSE " + s.nrmse());
        for (PhantomLabel l : IRON_RICH) {
            assertTrue(s.relativeError(l) <= 0.10, "TV " + l + ": " + s.nucleus().get(l) + " vs " + s.truth().get(l));
        }
    }

    @Test
    void tkdMeetsItsTargetFromTheLocalField() throws OperatorException {
        Score s = fromLocalField("TKD from the local field", new ThresholdedKSpaceDivisionOperator());
        assertTrue(s.nrmse() <= 0.40, "TKD NRMSE " + s.nrmse());
    }

    @Test
    void tikhonovMediAndIlsqrFromTheLocalField() throws OperatorException {
        Score tik = fromLocalField("Tikhonov (gradient) from the local field", new ClosedFormTikhonovOperator());
        Score medi = fromLocalField("MEDI from the local field", new MorphologyEnabledDipoleInversionOperator());
        Score ilsqr = fromLocalField("iLSQR from the local field", new IterativeLsqrOperator());
        assertTrue(tik.nrmse() <= 0.50, "Tikhonov NRMSE " + tik.nrmse());
        assertTrue(medi.nrmse() <= 0.40, "MEDI NRMSE " + medi.nrmse());
        assertTrue(ilsqr.nrmse() <= 0.60, "iLSQR NRMSE " + ilsqr.nrmse());
    }

    @Test
    void theWholeChainFromWrappedPhaseGivesAUsableMap() throws OperatorException {
        Score vsharp = chain("chain: ROMEO, fit, V-SHARP, TV", new VSharpBackgroundRemoval());
        Score pdf = chain("chain: ROMEO, fit, PDF, TV", new PdfBackgroundRemoval());
        Score lbv = chain("chain: ROMEO, fit, LBV, TV", new LbvBackgroundRemoval());
        Score resharp = chain("chain: ROMEO, fit, RESHARP, TV", new ResharpBackgroundRemoval());
        // Background removal on a brain that borders air sinuses is the weakest link of every QSM chain; the bounds
        // guard against a broken stage (wrong sign, unit, unwrapping failure), the figures are in the report.
        // measured: V-SHARP 79 %, PDF 50 %, LBV 57 %, RESHARP 47 % (V-SHARP's errors sit in the cortex next to the
        // sinuses and skull; the deep grey nuclei are within 30 % with every method but V-SHARP's caudate/putamen/thalamus)
        for (Score s : List.of(pdf, lbv, resharp)) {
            assertTrue(s.nrmse() <= 0.65, "chain NRMSE " + s.nrmse());
            for (PhantomLabel l : List.of(PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS)) {
                assertTrue(s.relativeError(l) <= 0.20, "chain " + l + ": " + s.nucleus().get(l) + " vs " + s.truth().get(l));
            }
        }
        assertTrue(vsharp.nrmse() <= 0.90, "V-SHARP chain NRMSE " + vsharp.nrmse());
        for (PhantomLabel l : List.of(PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS)) {
            assertTrue(vsharp.relativeError(l) <= 0.20, "V-SHARP chain " + l + ": " + vsharp.nucleus().get(l) + " vs " + vsharp.truth().get(l));
        }
    }

    private static Score chain(String name, Operator backgroundRemoval) throws OperatorException {
        MultiEchoGre gre = straight.gre();
        Volume<FloatType> brain = straight.brainMask();
        TestContext unwrap = new TestContext(new RomeoUnwrap()).input("gre", gre).input("mask", brain).run();
        MultiEchoGre unwrapped = unwrap.output("gre", PortTypes.MULTI_ECHO_GRE);
        TestContext combine = new TestContext(new EchoCombine()).input("gre", unwrapped).input("mask", brain).run();
        TestContext background = new TestContext(backgroundRemoval).input("field", combine.output("field", PortTypes.VOLUME))
                .input("mask", brain).input("gre", gre).run();
        Volume<FloatType> local = background.output("local_field", PortTypes.VOLUME);
        Volume<FloatType> valid = background.output("mask", PortTypes.MASK);
        TestContext tv = new TestContext(new TotalVariationAdmmOperator()).input("local_field", local).input("mask", valid)
                .input("gre", gre).run();
        return score(name, tv.output("chi", PortTypes.VOLUME), valid);
    }

    private static Score fromLocalField(String name, Operator op) throws OperatorException {
        TestContext c = new TestContext(op).input("local_field", straight.localField()).input("mask", straight.brainMask())
                .input("gre", straight.gre()).run();
        return score(name, c.output("chi", PortTypes.VOLUME), straight.brainMask());
    }

    private static Score score(String name, Volume<FloatType> chi, Volume<FloatType> region) {
        float[] x = VolumeArrays.frame(chi, 0);
        float[] t = VolumeArrays.frame(straight.chi(), 0);
        float[] e = VolumeArrays.frame(region, 0);
        float[] labels = VolumeArrays.frame(straight.labels(), 0);
        double mx = 0, mt = 0;
        int n = 0;
        for (int v = 0; v < x.length; v++) {
            if (e[v] != 0) {
                mx += x[v];
                mt += t[v];
                n++;
            }
        }
        mx /= n;
        mt /= n;
        double err = 0, ref = 0;
        Map<PhantomLabel, double[]> sums = new EnumMap<>(PhantomLabel.class);
        for (int v = 0; v < x.length; v++) {
            if (e[v] == 0) {
                continue;
            }
            double dx = x[v] - mx, dt = t[v] - mt;
            err += (dx - dt) * (dx - dt);
            ref += dt * dt;
            PhantomLabel l = PhantomLabel.ofValue(Math.round(labels[v]));
            double[] s = sums.computeIfAbsent(l, k -> new double[3]);
            s[0] += dx;
            s[1] += dt;
            s[2]++;

        }
        Map<PhantomLabel, Double> nucleus = new EnumMap<>(PhantomLabel.class), truth = new EnumMap<>(PhantomLabel.class);
        for (PhantomLabel l : NUCLEI) {
            double[] s = sums.get(l);
            assertTrue(s != null && s[2] > 0, l + " has no voxel in the evaluation region");
            nucleus.put(l, s[0] / s[2]);
            truth.put(l, s[1] / s[2]);
        }
        Score score = new Score(Math.sqrt(err / ref), nucleus, truth);
        synchronized (SCORES) {
            SCORES.put(name, score);
        }
        return score;
    }

    private record Score(double nrmse, Map<PhantomLabel, Double> nucleus, Map<PhantomLabel, Double> truth) {
        double relativeError(PhantomLabel l) {
            return Math.abs(nucleus.get(l) - truth.get(l)) / Math.abs(truth.get(l));
        }
    }

}
