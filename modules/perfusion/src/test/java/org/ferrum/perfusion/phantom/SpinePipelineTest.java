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
package org.ferrum.perfusion.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * testdata/pipelines/spine-qmri.json on its default input, the simulated spine case, whose truth is known: the tumour's
 * median T1, Ktrans, ve, vp, ADC and PDFF must come back within the OSIPI tolerances (Ktrans 0.005 /min + 10 %, ve
 * 0.05, vp 0.025, T1 5 %, ADC 10 %, PDFF 3 points). The run needs the operators of the T1, DCE, diffusion and
 * measurement work; until they are all installed it is disabled, while the file's form and its agreement with the
 * case's constants are checked now.
 */
class SpinePipelineTest {

    private static final Path FILE = TestData.pipeline("spine-qmri.json");

    @Test
    void isCanonicalAndPointsAtTheSimulatedCase() throws Exception {
        Pipeline p = PipelineFormat.read(FILE);
        if (Boolean.getBoolean("ferrum.regenerate")) {
            Files.writeString(FILE, PipelineFormat.write(p), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(FILE, StandardCharsets.UTF_8), PipelineFormat.write(p));
        JsonNode root = new ObjectMapper().readTree(FILE.toFile());
        for (String name : new String[] {"vfa", "b1", "dce", "dwi", "gre", "rois"}) {
            Path target = FILE.getParent()
                    .resolve(root.path("inputs").path(name).path("default").asText());
            assertTrue(Files.exists(target), name + " default " + target + " exists");
            boolean optional = root.path("inputs").path(name).path("optional").asBoolean(false);
            assertEquals(name.equals("b1") || name.equals("dwi") || name.equals("gre"), optional, name + " optional");
        }
    }

    @Test
    void defaultsAreTheSimulatedCasesConstants() throws Exception {
        JsonNode root = new ObjectMapper().readTree(FILE.toFile());
        JsonNode in = root.path("inputs");
        SpinePhantom.Params d = SpinePhantom.Params.DEFAULTS;
        assertEquals(
                d.relaxivity(),
                Double.parseDouble(in.path("relaxivity").path("default").asText()),
                0);
        assertEquals(
                d.haematocrit(),
                Double.parseDouble(in.path("haematocrit").path("default").asText()),
                0);
        assertEquals(SpinePhantom.AGENT, in.path("agent").path("default").asText());
        assertEquals(
                SpinePhantom.INJECTION_SECONDS / SpinePhantom.FRAME_SECONDS,
                Double.parseDouble(in.path("baseline_frames").path("default").asText()),
                0);
        assertEquals(
                SpineTissue.labelNames(), in.path("label_names").path("default").asText());
        assertEquals(
                SpineTissue.AORTA.label(),
                Integer.parseInt(in.path("aif_label").path("default").asText()));
        for (JsonNode node : root.path("nodes")) {
            JsonNode fatT1 = node.path("parameters").path("fat_t1");
            if (!fatT1.isMissingNode()) {
                assertEquals(
                        SpinePhantom.FAT_T1,
                        fatT1.asDouble(),
                        0,
                        node.path("id").asText() + " fat_t1");
            }
        }
    }

    @Test
    void recoversTheSimulatedTumour() throws Exception {
        Pipeline p = PipelineFormat.read(FILE);
        assertEquals(java.util.List.of(), PipelineValidator.validate(p, OperatorRegistry.installed()));
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(p, RunOptions.defaults(FILE.getParent()), null, null);
        assertTrue(
                run.succeeded(),
                () -> run.firstFailure().map(r -> r.nodeId() + ": " + r.error()).orElse("?"));
        Table m = (Table) run.outputs().get("measurements");
        SpinePhantom truth = SpinePhantom.of(SpinePhantom.Params.DEFAULTS);
        SpineTissue tumour = SpineTissue.TUMOUR;
        StringBuilder report = new StringBuilder();

        double ktrans = median(m, tumour, "ktrans", PhysicalUnit.PER_MINUTE, report);
        assertEquals(tumour.ktrans(), ktrans, 0.005 + 0.1 * tumour.ktrans(), "tumour Ktrans (1/min)\n" + report);
        double ve = median(m, tumour, "ve", PhysicalUnit.DIMENSIONLESS, report);
        assertEquals(tumour.ve(), ve, 0.05, "tumour ve\n" + report);
        double vp = median(m, tumour, "vp", PhysicalUnit.DIMENSIONLESS, report);
        assertEquals(tumour.vp(), vp, 0.025, "tumour vp\n" + report);
        double t1 = median(m, tumour, "t1", PhysicalUnit.SECOND, report);
        assertEquals(tumour.t1Water(), t1, 0.05 * tumour.t1Water(), "tumour water T1 (s)\n" + report);
        double t1Apparent = median(m, tumour, "t1_apparent", PhysicalUnit.SECOND, report);
        double t1ApparentTrue = truthMedian(truth.t1Apparent(), truth, tumour);
        assertEquals(t1ApparentTrue, t1Apparent, 0.05 * t1ApparentTrue, "tumour apparent T1 (s)\n" + report);
        double adc = median(m, tumour, "adc", PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND, report);
        double adcTrue = SpinePhantom.adcOf(tumour);
        assertEquals(adcTrue, adc, 0.1 * adcTrue, "tumour ADC (mm²/s)\n" + report);
        double pdff = median(m, tumour, "pdff", PhysicalUnit.PERCENT, report);
        assertEquals(100 * tumour.pdff(), pdff, 3, "tumour PDFF (%)\n" + report);
        double kep = median(m, tumour, "kep", PhysicalUnit.PER_MINUTE, report);
        assertEquals(tumour.kep(), kep, 0.15 * tumour.kep(), "tumour kep (1/min)\n" + report);
        double iauc = median(m, tumour, "iauc60", PhysicalUnit.MILLIMOLAR_SECOND, report);
        double iaucTrue = truthMedian(truth.iauc60(), truth, tumour);
        assertEquals(iaucTrue, iauc, 0.1 * iaucTrue, "tumour IAUC60 (mM·s)\n" + report);
        double d = median(m, tumour, "ivim_d", PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND, report);
        assertEquals(tumour.d(), d, 0.1 * tumour.d(), "tumour IVIM D (mm²/s)\n" + report);
        double f = median(m, tumour, "ivim_f", PhysicalUnit.DIMENSIONLESS, report);
        assertEquals(tumour.f(), f, 0.03, "tumour IVIM f\n" + report);
        double dStar = median(m, tumour, "ivim_dstar", PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND, report);
        assertEquals(tumour.dStar(), dStar, 0.3 * tumour.dStar(), "tumour IVIM D* (mm²/s)\n" + report);

        // normal marrow: the fat-aware T1 and PDFF come back, and the one-compartment T1 shows the fat's bias
        SpineTissue marrow = SpineTissue.MARROW;
        double marrowPdff = median(m, marrow, "pdff", PhysicalUnit.PERCENT, report);
        assertEquals(100 * marrow.pdff(), marrowPdff, 3, "marrow PDFF (%)\n" + report);
        double marrowT1 = median(m, marrow, "t1", PhysicalUnit.SECOND, report);
        assertEquals(marrow.t1Water(), marrowT1, 0.1 * marrow.t1Water(), "marrow water T1 (s)\n" + report);
        double marrowKtrans = median(m, marrow, "ktrans", PhysicalUnit.PER_MINUTE, report);
        assertEquals(
                marrow.ktrans(), marrowKtrans, 0.005 + 0.1 * marrow.ktrans(), "marrow Ktrans, water-fat\n" + report);
        double marrowVe = median(m, marrow, "ve", PhysicalUnit.DIMENSIONLESS, report);
        assertEquals(marrow.ve(), marrowVe, 0.05, "marrow ve, water-fat\n" + report);
        double marrowApparent = median(m, marrow, "t1_apparent", PhysicalUnit.SECOND, report);
        assertTrue(marrowApparent < 0.75 * marrowT1, "marrow apparent T1 below the water's\n" + report);
        // the cord's barrier holds
        double cordKtrans = median(m, SpineTissue.CORD, "ktrans", PhysicalUnit.PER_MINUTE, report);
        assertTrue(cordKtrans < 0.02, "cord Ktrans (1/min)\n" + report);
        System.out.println(report);
    }

    /** The median of {@code map} over the tissue's label from the measurement table, converted to {@code unit}. */
    private static double median(Table m, SpineTissue t, String map, PhysicalUnit unit, StringBuilder report) {
        for (int r = 0; r < m.rowCount(); r++) {
            if ((int) m.number(r, "label") == t.label() && m.text(r, "map").equals(map)) {
                String symbol = m.text(r, "unit");
                double value = m.number(r, "median");
                double converted =
                        symbol.isEmpty() ? value : PhysicalUnit.parse(symbol).convert(value, unit);
                report.append(String.format(
                        Locale.ROOT,
                        "%s %s median %.5g %s (n %d)%n",
                        t.displayName(),
                        map,
                        converted,
                        unit.symbol(),
                        (long) m.number(r, "n")));
                return converted;
            }
        }
        throw new AssertionError("no row for label " + t.label() + " and map " + map + " in\n" + m);
    }

    private static double truthMedian(Volume<FloatType> map, SpinePhantom p, SpineTissue t) {
        float[] v = VolumeArrays.frame(map, 0);
        float[] labels = VolumeArrays.frame(p.labels(), 0);
        double[] in = new double[v.length];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            if ((int) labels[i] == t.label()) {
                in[k++] = v[i];
            }
        }
        double[] sorted = Arrays.copyOf(in, k);
        Arrays.sort(sorted);
        return k % 2 == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
    }
}
