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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.testkit.OperatorHarness;
import org.ferrum.qsm.ops.PhantomScores.Score;
import org.ferrum.qsm.phantom.HeadPhantom;
import org.ferrum.qsm.phantom.PhantomLabel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Does weighting the solvers by the echo combination's {@code field_sd} help? The numerical head (96×96×72 × 2 mm,
 * 3 T, TE 4/12/20/28 ms, true brain mask), SNR 50 and 100, straight and oblique 20°, seeds 1 and 2: ROMEO, echo fit,
 * then PDF → TV, PDF → MEDI and TFI, each with the default weights (uniform for PDF and TV, the magnitude for MEDI
 * and TFI) and with {@code field_sd} connected to every solver of the chain (PDF's weight too). Scores as
 * {@link PhantomScores}: NRMSE over the evaluation mask with means removed, deep-grey nucleus errors.
 *
 * <p>Slow (minutes): tagged {@code validation}, run with
 * {@code mvn -o -pl modules/qsm -am test -Pvalidation -Dtest=NoiseWeightingValidationTest -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dnoise.cases=snr:deg:seed,...} runs a subset, {@code -Dnoise.tfi=false} without TFI. The table goes to stdout and
 * {@code modules/qsm/target/noise-weighting.txt}.
 */
@Tag("validation")
class NoiseWeightingValidationTest {

    private static final Path OUT = Path.of("target", System.getProperty("noise.out", "noise-weighting.txt"));
    /** TFI takes minutes per run on 2 busy cores: {@code -Dnoise.tfi=false} leaves it out. */
    private static final boolean TFI = Boolean.parseBoolean(System.getProperty("noise.tfi", "true"));

    @Test
    void fieldSdWeightsAgainstTheDefaultWeights() throws Exception {
        String spec =
                System.getProperty("noise.cases", "100:0:1,100:20:1,50:0:1,50:20:1,100:0:2,100:20:2,50:0:2,50:20:2");
        Files.writeString(OUT, "", StandardCharsets.UTF_8);
        Map<String, List<Score>> byMethod = new LinkedHashMap<>();
        for (String c : spec.split(",")) {
            String[] p = c.split(":");
            double snr = Double.parseDouble(p[0]), degrees = Double.parseDouble(p[1]);
            long seed = Long.parseLong(p[2]);
            HeadPhantom phantom = HeadPhantom.builder()
                    .size(96, 96, 72)
                    .voxelSize(2, 2, 2)
                    .snr(snr)
                    .seed(seed)
                    .obliqueDegrees(degrees)
                    .generate();
            String tag = String.format(Locale.ROOT, "SNR %.0f, %.0f°, seed %d", snr, degrees, seed);
            runCase(phantom, tag, byMethod);
        }
        StringBuilder summary = new StringBuilder(
                "\nmean over cases (NRMSE; mean |error| of the six nuclei, ppb; worst nucleus, ppb):\n");
        for (var e : byMethod.entrySet()) {
            double nrmse = 0, mean = 0, worst = 0;
            for (Score s : e.getValue()) {
                nrmse += s.nrmse();
                double sum = 0;
                for (PhantomLabel l : PhantomScores.NUCLEI) {
                    double err = Math.abs(s.nucleus().get(l) - s.truth().get(l)) * 1000;
                    sum += err;
                    worst = Math.max(worst, err);
                }
                mean += sum / PhantomScores.NUCLEI.size();
            }
            int n = e.getValue().size();
            summary.append(String.format(
                    Locale.ROOT,
                    "%-34s n=%d NRMSE %5.1f %%  nuclei %5.1f ppb  worst %5.1f ppb%n",
                    e.getKey(),
                    n,
                    100 * nrmse / n,
                    mean / n,
                    worst));
        }
        write(summary.toString());
        assertTrue(!byMethod.isEmpty());
    }

    private void runCase(HeadPhantom phantom, String tag, Map<String, List<Score>> byMethod)
            throws OperatorException, IOException {
        PhantomScores scores = new PhantomScores();
        MultiEchoGre gre = phantom.gre();
        Volume<FloatType> brain = phantom.brainMask();
        MultiEchoGre unwrapped = OperatorHarness.of(new RomeoUnwrappingOperator())
                .input("gre", gre)
                .input("mask", brain)
                .run()
                .output("gre", PortTypes.MULTI_ECHO_GRE);
        OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", unwrapped)
                .input("mask", brain)
                .run();
        Volume<FloatType> field = combine.output("field", PortTypes.VOLUME);
        Volume<FloatType> sd = combine.output(EchoCombinationOperator.FIELD_SD.name(), PortTypes.VOLUME);
        String sigmaLine = combine.logLines().stream()
                .filter(l -> l.startsWith("noise σ"))
                .findFirst()
                .orElse("?");
        write(String.format(Locale.ROOT, "%n%s: true σ %.4g; %s%n", tag, phantom.noiseSigma(), sigmaLine));

        for (boolean weighted : new boolean[] {false, true}) {
            String w = weighted ? " [field_sd]" : "";
            long t0 = System.nanoTime();
            OperatorHarness pdf = with(
                            OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                                    .input("field", field)
                                    .input("mask", brain)
                                    .input("gre", gre),
                            weighted,
                            sd)
                    .run();
            Volume<FloatType> local = pdf.output("local_field", PortTypes.VOLUME);
            Volume<FloatType> valid = pdf.output("mask", PortTypes.MASK);
            long t1 = System.nanoTime();
            OperatorHarness tv = with(
                            OperatorHarness.of(new TotalVariationAdmmOperator())
                                    .input("local_field", local)
                                    .input("mask", valid)
                                    .input("gre", gre),
                            weighted,
                            sd)
                    .run();
            long t2 = System.nanoTime();
            OperatorHarness medi = with(
                            OperatorHarness.of(new MorphologyEnabledDipoleInversionOperator())
                                    .input("local_field", local)
                                    .input("mask", valid)
                                    .input("gre", gre),
                            weighted,
                            sd)
                    .run();
            long t3 = System.nanoTime();
            OperatorHarness tfi = TFI
                    ? with(
                                    OperatorHarness.of(new TotalFieldInversionOperator())
                                            .input("field", field)
                                            .input("mask", brain)
                                            .input("gre", gre),
                                    weighted,
                                    sd)
                            .run()
                    : null;
            long t4 = System.nanoTime();
            record(byMethod, scores.score("PDF → TV" + w, phantom, tv.output("chi", PortTypes.VOLUME), valid));
            record(byMethod, scores.score("PDF → MEDI" + w, phantom, medi.output("chi", PortTypes.VOLUME), valid));
            if (tfi != null) {
                record(byMethod, scores.score("TFI" + w, phantom, tfi.output("chi", PortTypes.VOLUME), brain));
            }
            write(String.format(
                    Locale.ROOT,
                    "  times%s: PDF %.1f s, TV %.1f s, MEDI %.1f s, TFI %.1f s%n",
                    w,
                    (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9,
                    (t4 - t3) / 1e9));
            if (weighted) {
                // the weighted PDF followed by the default TV: which stage does the weighting help?
                OperatorHarness tvPlain = OperatorHarness.of(new TotalVariationAdmmOperator())
                        .input("local_field", local)
                        .input("mask", valid)
                        .input("gre", gre)
                        .run();
                record(
                        byMethod,
                        scores.score("PDF [field_sd] → TV", phantom, tvPlain.output("chi", PortTypes.VOLUME), valid));
            }
            // brain-qsm.json's chain before issue 13's RESHARP default: V-SHARP (which takes no weight) → TV
            OperatorHarness vsharp = OperatorHarness.of(new VSharpOperator())
                    .input("field", field)
                    .input("mask", brain)
                    .input("gre", gre)
                    .run();
            Volume<FloatType> vLocal = vsharp.output("local_field", PortTypes.VOLUME);
            Volume<FloatType> vValid = vsharp.output("mask", PortTypes.MASK);
            OperatorHarness vtv = with(
                            OperatorHarness.of(new TotalVariationAdmmOperator())
                                    .input("local_field", vLocal)
                                    .input("mask", vValid)
                                    .input("gre", gre),
                            weighted,
                            sd)
                    .run();
            record(byMethod, scores.score("V-SHARP → TV" + w, phantom, vtv.output("chi", PortTypes.VOLUME), vValid));
        }
        // field_sd inflated by the fit misfit (sd_misfit): does flagging model failures help PDF → TV?
        Volume<FloatType> inflated = OperatorHarness.of(new EchoCombinationOperator())
                .input("gre", unwrapped)
                .input("mask", brain)
                .set(EchoCombinationOperator.SD_MISFIT.name(), true)
                .run()
                .output(EchoCombinationOperator.FIELD_SD.name(), PortTypes.VOLUME);
        OperatorHarness pdfM = OperatorHarness.of(new ProjectionOntoDipoleFieldsOperator())
                .input("field", field)
                .input("mask", brain)
                .input("gre", gre)
                .input(FieldNoiseWeights.FIELD_SD, inflated)
                .run();
        Volume<FloatType> validM = pdfM.output("mask", PortTypes.MASK);
        OperatorHarness tvM = OperatorHarness.of(new TotalVariationAdmmOperator())
                .input("local_field", pdfM.output("local_field", PortTypes.VOLUME))
                .input("mask", validM)
                .input("gre", gre)
                .input(FieldNoiseWeights.FIELD_SD, inflated)
                .run();
        record(
                byMethod,
                scores.score("PDF → TV [field_sd, misfit]", phantom, tvM.output("chi", PortTypes.VOLUME), validM));
        write(scores.table(tag, false));
    }

    /**
     * Separates the two things {@code field_sd} changes in TV: the weights themselves, and the data term becoming the
     * masked one (W = 0 outside the mask, where the unweighted solver sees δ = 0 with weight 1). A constant field_sd
     * gives the masked form with uniform weights.
     */
    @Test
    void tvMaskedDataTermAgainstTheWeights() throws Exception {
        String spec = System.getProperty("noise.tvcases", "100:0:1,50:0:1");
        for (String c : spec.split(",")) {
            String[] p = c.split(":");
            HeadPhantom phantom = HeadPhantom.builder()
                    .size(96, 96, 72)
                    .voxelSize(2, 2, 2)
                    .snr(Double.parseDouble(p[0]))
                    .seed(Long.parseLong(p[2]))
                    .obliqueDegrees(Double.parseDouble(p[1]))
                    .generate();
            PhantomScores scores = new PhantomScores();
            MultiEchoGre gre = phantom.gre();
            Volume<FloatType> brain = phantom.brainMask();
            MultiEchoGre unwrapped = OperatorHarness.of(new RomeoUnwrappingOperator())
                    .input("gre", gre)
                    .input("mask", brain)
                    .run()
                    .output("gre", PortTypes.MULTI_ECHO_GRE);
            OperatorHarness combine = OperatorHarness.of(new EchoCombinationOperator())
                    .input("gre", unwrapped)
                    .input("mask", brain)
                    .run();
            Volume<FloatType> field = combine.output("field", PortTypes.VOLUME);
            Volume<FloatType> sd = combine.output(EchoCombinationOperator.FIELD_SD.name(), PortTypes.VOLUME);
            float[] one = new float[phantom.grid().size()];
            java.util.Arrays.fill(one, 0.01f);
            Volume<FloatType> constant = org.ferrum.core.VolumeArrays.volume(
                    one, phantom.grid(), phantom.geometry(), org.ferrum.core.PhysicalUnit.PPM);
            for (Operator removal : new Operator[] {new ProjectionOntoDipoleFieldsOperator(), new VSharpOperator()}) {
                OperatorHarness bg = OperatorHarness.of(removal)
                        .input("field", field)
                        .input("mask", brain)
                        .input("gre", gre)
                        .run();
                Volume<FloatType> local = bg.output("local_field", PortTypes.VOLUME);
                Volume<FloatType> valid = bg.output("mask", PortTypes.MASK);
                String name = removal.descriptor().id().replace("qsm.background.", "") + " → TV";
                for (int variant = 0; variant < 3; variant++) {
                    OperatorHarness tv = OperatorHarness.of(new TotalVariationAdmmOperator())
                            .input("local_field", local)
                            .input("mask", valid)
                            .input("gre", gre);
                    if (variant > 0) {
                        tv.input(FieldNoiseWeights.FIELD_SD, variant == 1 ? constant : sd);
                    }
                    scores.score(
                            name + (variant == 0 ? "" : variant == 1 ? " [masked, uniform W]" : " [field_sd]"),
                            phantom,
                            tv.run().output("chi", PortTypes.VOLUME),
                            valid);
                }
            }
            write(scores.table("TV data term, " + c, false));
        }
    }

    private static OperatorHarness with(OperatorHarness c, boolean weighted, Volume<FloatType> sd) {
        return weighted ? c.input(FieldNoiseWeights.FIELD_SD, sd) : c;
    }

    private static void record(Map<String, List<Score>> byMethod, Score s) {
        byMethod.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    }

    private static synchronized void write(String text) throws IOException {
        System.out.print(text);
        System.out.flush();
        Files.writeString(OUT, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
