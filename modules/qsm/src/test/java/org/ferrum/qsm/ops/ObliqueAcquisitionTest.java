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
 * Issue requirement "an oblique acquisition must give the same χ as a straight one", checked on the numerical head
 * ({@link HeadPhantom}, 96×96×72 voxels of 2 mm so that the brain fits the tilted boxes, 3 T, SNR 100, seed 11): the
 * same head acquired straight and tilted about L–R by 1°, 20° and 35° (B0 along patient S, so oblique to the tilted
 * grids), each with its physical fields ({@link HeadPhantom.FieldGrid#ALIGNED_WITH_B0}), run through the operators as
 * a pipeline runs them (B0 from the {@code gre} input's geometry).
 *
 * <p>Scores as in {@link HeadPhantomValidationTest}: NRMSE against the phantom's own truth over the evaluation region
 * E (means removed) and, for each deep grey nucleus, its mean relative to E's mean.
 *
 * <p>Two references. The straight phantom's field is made by the very kernel the inversions use on the very same
 * grid (an inverse crime, harmless there because that kernel is right for B0 along an axis), so its NRMSE is
 * optimistic. The 1° phantom is numerically straight for the pipeline (B0 0.017 off the axis) but its field is made
 * on a different lattice and resampled, like the 20° and 35° ones: it separates the cost of honest data (a field not
 * made by the inversion's own model) from the cost of obliquity.
 *
 * <p>Criteria. Nuclei: the change of each iron-rich nucleus from straight to oblique must follow the change of its
 * truth (partial volumes of these small structures differ with the orientation; the substantia nigra's truth moves by
 * 14 % at 20°): |(χ<sub>obl</sub> − χ<sub>str</sub>) − (t<sub>obl</sub> − t<sub>str</sub>)| ≤ 10 % of
 * |t<sub>str</sub>|. NRMSE: the oblique NRMSE within 3 points of the 1° control.
 *
 * <p>Measured (NRMSE; straight / 1° / 20° / 35°): TV from the local field 14.4 / 18.9 / 20.3 / 21.7 %, TKD 28.7 /
 * 31.1 / 33.0 %, chain (ROMEO, echo fit, PDF, TV) 52.7 / 52.4 / 52.5 %; the iron-rich nuclei's change from straight
 * to oblique follows their truth's within 3.3 % (TV 20°), 5.1 % (TV 35°), 1.2 % (TKD 20°), 5.8 % (chain 20°). Slow (about 80 s on 2 cores: four phantoms, three chains).
 */
class ObliqueAcquisitionTest {

    private static final List<PhantomLabel> IRON_RICH = List.of(PhantomLabel.CAUDATE, PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS);
    private static final List<PhantomLabel> NUCLEI = List.of(PhantomLabel.CAUDATE, PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS, PhantomLabel.THALAMUS, PhantomLabel.SUBSTANTIA_NIGRA, PhantomLabel.RED_NUCLEUS);

    private static HeadPhantom straight, tilted1, tilted20, tilted35;
    private static final Map<String, Score> SCORES = new LinkedHashMap<>();

    @BeforeAll
    static void generate() {
        HeadPhantom.Builder b = HeadPhantom.builder().size(96, 96, 72).voxelSize(2, 2, 2).seed(11);
        straight = b.generate();
        tilted1 = b.obliqueDegrees(1).generate();
        tilted20 = b.obliqueDegrees(20).generate();
        tilted35 = b.obliqueDegrees(35).generate();
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("\nstraight vs oblique (NRMSE against own truth; nuclei: mean − mean(E), ppm, error vs own truth):\n");
        sb.append(String.format(Locale.ROOT, "%-40s %7s", "case", "NRMSE"));
        for (PhantomLabel l : NUCLEI) {
            sb.append(String.format(Locale.ROOT, " %16s", l.displayName()));
        }
        sb.append('\n');
        SCORES.forEach((name, s) -> {
            sb.append(String.format(Locale.ROOT, "%-40s %6.1f%%", name, 100 * s.nrmse()));
            for (PhantomLabel l : NUCLEI) {
                sb.append(String.format(Locale.ROOT, " %7.4f (%5.1f%%)", s.nucleus().get(l), 100 * s.relativeError(l)));
            }
            sb.append('\n');
            sb.append(String.format(Locale.ROOT, "%-40s %7s", "  its truth", ""));
            for (PhantomLabel l : NUCLEI) {
                sb.append(String.format(Locale.ROOT, " %7.4f         ", s.truth().get(l)));
            }
            sb.append('\n');
        });
        System.out.println(sb);
    }

    @Test
    void totalVariationGivesTheSameChiStraightAndOblique() throws OperatorException {
        Score s = fromLocalField("TV, straight", straight, new TotalVariationAdmmOperator());
        Score control = fromLocalField("TV, oblique 1° (control)", tilted1, new TotalVariationAdmmOperator());
        Score o20 = fromLocalField("TV, oblique 20°", tilted20, new TotalVariationAdmmOperator());
        Score o35 = fromLocalField("TV, oblique 35°", tilted35, new TotalVariationAdmmOperator());
        for (Score o : List.of(o20, o35)) {
            assertSameNuclei(s, o, 0.10);
            assertTrue(o.nrmse() <= control.nrmse() + 0.03, "oblique NRMSE " + o.nrmse() + " vs 1° " + control.nrmse());
            assertTrue(o.nrmse() <= 0.30, "oblique NRMSE above the TV target: " + o.nrmse());
        }
    }

    @Test
    void tkdGivesTheSameChiStraightAndOblique() throws OperatorException {
        Score s = fromLocalField("TKD, straight", straight, new ThresholdedKSpaceDivisionOperator());
        Score control = fromLocalField("TKD, oblique 1° (control)", tilted1, new ThresholdedKSpaceDivisionOperator());
        Score o = fromLocalField("TKD, oblique 20°", tilted20, new ThresholdedKSpaceDivisionOperator());
        assertSameNuclei(s, o, 0.10);
        assertTrue(o.nrmse() <= control.nrmse() + 0.03, "oblique NRMSE " + o.nrmse() + " vs 1° " + control.nrmse());
        assertTrue(o.nrmse() <= 0.40, "oblique NRMSE above the TKD target: " + o.nrmse());
    }

    @Test
    void theWholeChainGivesTheSameChiStraightAndOblique() throws OperatorException {
        Score s = chain("chain ROMEO/fit/PDF/TV, straight", straight);
        Score control = chain("chain ROMEO/fit/PDF/TV, oblique 1°", tilted1);
        Score o = chain("chain ROMEO/fit/PDF/TV, oblique 20°", tilted20);
        assertSameNuclei(s, o, 0.10);
        assertTrue(o.nrmse() <= control.nrmse() + 0.03, "oblique NRMSE " + o.nrmse() + " vs 1° " + control.nrmse());
    }

    /**
     * The former phantom computed the oblique field with the sampled kernel on the oblique grid: that field is not the
     * physical one, and scoring TV on it is an inverse crime (the same kernel makes and inverts the data), which is why
     * the former validation could not see the kernel's error for oblique B0.
     */
    @Test
    void theFormerObliqueFieldIsNotThePhysicalOne() throws OperatorException {
        HeadPhantom former = HeadPhantom.builder().size(96, 96, 72).voxelSize(2, 2, 2).seed(11).obliqueDegrees(20)
                .fieldGrid(HeadPhantom.FieldGrid.ACQUISITION).generate();
        float[] a = VolumeArrays.frame(former.localField(), 0), p = VolumeArrays.frame(tilted20.localField(), 0);
        float[] m = VolumeArrays.frame(tilted20.brainMask(), 0);
        double d2 = 0, p2 = 0, max = 0;
        for (int n = 0; n < a.length; n++) {
            if (m[n] != 0) {
                d2 += (a[n] - p[n]) * (double) (a[n] - p[n]);
                p2 += p[n] * (double) p[n];
                max = Math.max(max, Math.abs(a[n] - p[n]));
            }
        }
        double relative = Math.sqrt(d2 / p2);
        System.out.printf(Locale.ROOT, "oblique 20°: local field from the oblique grid's kernel vs physical: relative RMS "
                + "difference %.3f, max %.4f ppm (brain)%n", relative, max);
        fromLocalField("TV, oblique 20°, former field", former, new TotalVariationAdmmOperator());
        // measured: 12.5 % RMS (max 0.052 ppm), and TV scored on it 15.4 % against 20.3 % on the physical field
        assertTrue(relative > 0.08, "the former oblique field should differ from the physical one: " + relative);
    }

    /** |(χ_obl − χ_str) − (t_obl − t_str)| ≤ tolerance · |t_str| for every iron-rich nucleus (see the class comment). */
    private static void assertSameNuclei(Score straightScore, Score oblique, double tolerance) {
        double worst = 0;
        PhantomLabel worstLabel = null;
        for (PhantomLabel l : IRON_RICH) {
            double e = Math.abs((oblique.nucleus().get(l) - straightScore.nucleus().get(l))
                    - (oblique.truth().get(l) - straightScore.truth().get(l))) / Math.abs(straightScore.truth().get(l));
            if (e > worst) {
                worst = e;
                worstLabel = l;
            }
        }
        System.out.printf(Locale.ROOT, "%s: iron-rich nuclei, change straight → oblique minus change of truth: at most %.1f %% (%s)%n",
                oblique.name(), 100 * worst, worstLabel);
        for (PhantomLabel l : IRON_RICH) {
            double s = straightScore.nucleus().get(l), o = oblique.nucleus().get(l);
            double ts = straightScore.truth().get(l), to = oblique.truth().get(l);
            assertTrue(Math.abs((o - s) - (to - ts)) <= tolerance * Math.abs(ts), l + ": oblique " + o + " (truth " + to
                    + ") vs straight " + s + " (truth " + ts + ")");
        }
    }

    private static Score chain(String name, HeadPhantom phantom) throws OperatorException {
        MultiEchoGre gre = phantom.gre();
        Volume<FloatType> brain = phantom.brainMask();
        TestContext unwrap = new TestContext(new RomeoUnwrap()).input("gre", gre).input("mask", brain).run();
        MultiEchoGre unwrapped = unwrap.output("gre", PortTypes.MULTI_ECHO_GRE);
        TestContext combine = new TestContext(new EchoCombine()).input("gre", unwrapped).input("mask", brain).run();
        TestContext background = new TestContext(new PdfBackgroundRemoval()).input("field", combine.output("field", PortTypes.VOLUME))
                .input("mask", brain).input("gre", gre).run();
        Volume<FloatType> local = background.output("local_field", PortTypes.VOLUME);
        Volume<FloatType> valid = background.output("mask", PortTypes.MASK);
        TestContext tv = new TestContext(new TotalVariationAdmmOperator()).input("local_field", local).input("mask", valid)
                .input("gre", gre).run();
        return score(name, phantom, tv.output("chi", PortTypes.VOLUME), valid);
    }

    private static Score fromLocalField(String name, HeadPhantom phantom, Operator op) throws OperatorException {
        TestContext c = new TestContext(op).input("local_field", phantom.localField()).input("mask", phantom.brainMask())
                .input("gre", phantom.gre()).run();
        return score(name, phantom, c.output("chi", PortTypes.VOLUME), phantom.brainMask());
    }

    private static Score score(String name, HeadPhantom phantom, Volume<FloatType> chi, Volume<FloatType> region) {
        float[] x = VolumeArrays.frame(chi, 0);
        float[] t = VolumeArrays.frame(phantom.chi(), 0);
        float[] e = VolumeArrays.frame(region, 0);
        float[] labels = VolumeArrays.frame(phantom.labels(), 0);
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
            double[] s = sums.computeIfAbsent(PhantomLabel.ofValue(Math.round(labels[v])), k -> new double[3]);
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
        Score score = new Score(name, Math.sqrt(err / ref), nucleus, truth);
        synchronized (SCORES) {
            SCORES.put(name, score);
        }
        return score;
    }

    private record Score(String name, double nrmse, Map<PhantomLabel, Double> nucleus, Map<PhantomLabel, Double> truth) {
        double relativeError(PhantomLabel l) {
            return Math.abs(nucleus.get(l) - truth.get(l)) / Math.abs(truth.get(l));
        }
    }
}
