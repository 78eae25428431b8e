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

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;

/**
 * Scores of χ maps against a {@link HeadPhantom}'s truth, and the operator chains that make them, shared by the
 * validation tests. Over the evaluation region E, both maps with their mean over E removed (χ is only defined up to a
 * constant): NRMSE = ‖(χ − χ̄) − (χ<sub>true</sub> − χ̄<sub>true</sub>)‖ / ‖χ<sub>true</sub> − χ̄<sub>true</sub>‖, and per
 * deep grey nucleus its mean relative to E's mean, against the same for the truth. Scores are kept in the order made,
 * for one table per test class.
 */
final class PhantomScores {

    /** Nuclei whose iron gives them a χ far from the brain mean, where a 10 % error is a meaningful target. */
    static final List<PhantomLabel> IRON_RICH = List.of(
            PhantomLabel.CAUDATE,
            PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS,
            PhantomLabel.SUBSTANTIA_NIGRA,
            PhantomLabel.RED_NUCLEUS);

    static final List<PhantomLabel> NUCLEI = List.of(
            PhantomLabel.CAUDATE,
            PhantomLabel.PUTAMEN,
            PhantomLabel.GLOBUS_PALLIDUS,
            PhantomLabel.THALAMUS,
            PhantomLabel.SUBSTANTIA_NIGRA,
            PhantomLabel.RED_NUCLEUS);

    private final Map<String, Score> scores = new LinkedHashMap<>();

    /** One score. */
    record Score(String name, double nrmse, Map<PhantomLabel, Double> nucleus, Map<PhantomLabel, Double> truth) {
        double relativeError(PhantomLabel l) {
            return Math.abs(nucleus.get(l) - truth.get(l)) / Math.abs(truth.get(l));
        }
    }

    /** χ by an inversion operator from the phantom's exact local field in its brain mask. */
    Score fromLocalField(String name, HeadPhantom phantom, Operator inversion) throws OperatorException {
        OperatorHarness c = OperatorHarness.of(inversion)
                .input("local_field", phantom.localField())
                .input("mask", phantom.brainMask())
                .input("gre", phantom.gre())
                .run();
        return score(name, phantom, c.output("chi", PortTypes.VOLUME), phantom.brainMask());
    }

    /** χ from the phantom's noisy wrapped phase: ROMEO, echo fit, the given background removal, TV. */
    Score chain(String name, HeadPhantom phantom, Operator backgroundRemoval) throws OperatorException {
        MultiEchoGre gre = phantom.gre();
        Volume<FloatType> brain = phantom.brainMask();
        OperatorHarness unwrap = OperatorHarness.of(new RomeoUnwrappingOperator())
                .input("gre", gre)
                .input("mask", brain)
                .run();
        MultiEchoGre unwrapped = unwrap.output("gre", PortTypes.MULTI_ECHO_GRE);
        OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", unwrapped)
                .input("mask", brain)
                .run();
        OperatorHarness background = OperatorHarness.of(backgroundRemoval)
                .input("field", combine.output("field", PortTypes.VOLUME))
                .input("mask", brain)
                .input("gre", gre)
                .run();
        Volume<FloatType> local = background.output("local_field", PortTypes.VOLUME);
        Volume<FloatType> valid = background.output("mask", PortTypes.MASK);
        OperatorHarness tv = OperatorHarness.of(new TotalVariationAdmmOperator())
                .input("local_field", local)
                .input("mask", valid)
                .input("gre", gre)
                .run();
        return score(name, phantom, tv.output("chi", PortTypes.VOLUME), valid);
    }

    /** The score of {@code chi} over {@code region} (see the class comment). */
    Score score(String name, HeadPhantom phantom, Volume<FloatType> chi, Volume<FloatType> region) {
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
        Map<PhantomLabel, Double> nucleus = new EnumMap<>(PhantomLabel.class),
                truth = new EnumMap<>(PhantomLabel.class);
        for (PhantomLabel l : NUCLEI) {
            double[] s = sums.get(l);
            assertTrue(s != null && s[2] > 0, l + " has no voxel in the evaluation region");
            nucleus.put(l, s[0] / s[2]);
            truth.put(l, s[1] / s[2]);
        }
        Score score = new Score(name, Math.sqrt(err / ref), nucleus, truth);
        synchronized (scores) {
            scores.put(name, score);
        }
        return score;
    }

    /** The table of every score so far, with each score's truth under it if {@code truthPerRow}. */
    String table(String title, boolean truthPerRow) {
        StringBuilder sb = new StringBuilder("\n").append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-42s %7s", "method", "NRMSE"));
        for (PhantomLabel l : NUCLEI) {
            sb.append(String.format(Locale.ROOT, " %16s", l.displayName()));
        }
        sb.append('\n');
        Score last = null;
        for (Score s : scores.values()) {
            sb.append(String.format(Locale.ROOT, "%-42s %6.1f%%", s.name(), 100 * s.nrmse()));
            for (PhantomLabel l : NUCLEI) {
                sb.append(String.format(
                        Locale.ROOT, " %7.4f (%5.1f%%)", s.nucleus().get(l), 100 * s.relativeError(l)));
            }
            sb.append('\n');
            if (truthPerRow) {
                truthRow(sb, "  its truth", s);
            }
            last = s;
        }
        if (!truthPerRow && last != null) {
            truthRow(sb, "truth", last);
        }
        return sb.toString();
    }

    private static void truthRow(StringBuilder sb, String label, Score s) {
        sb.append(String.format(Locale.ROOT, "%-42s %7s", label, ""));
        for (PhantomLabel l : NUCLEI) {
            sb.append(String.format(Locale.ROOT, " %7.4f         ", s.truth().get(l)));
        }
        sb.append('\n');
    }
}
