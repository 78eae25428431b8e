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
package org.ferrum.liver.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ferrum.core.Table;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.liver.pipelines.SimulatedAbdomenCase;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole liver-hqsm chain at the size, 256 × 192 × 40 × 12 echoes, timed (2 threads). */
@Tag("validation")
class LiverHqsmSpeedTest {

    @TempDir
    Path tmp;

    @Test
    void wholeChainAtClinicalSize() throws Exception {
        double[] te = new double[12];
        for (int e = 0; e < te.length; e++) {
            te[e] = 1.0 + e * 1.0;
        }
        AbdomenPhantom p = AbdomenPhantom.builder()
                .ironModel(SimulatedAbdomenCase.ironModel())
                .size(256, 192, 40)
                .spacing(1.375, 1.375, 3.75)
                .echoTimes(EchoTimes.ofMilliseconds(te))
                .build();
        BidsMultiEcho.write(p.gre(), tmp.resolve("bids"), "sub-sim_acq-liver");
        VolumeFiles.write(p.labels(), tmp.resolve("dseg.nii.gz"));
        Map<String, String> in = new LinkedHashMap<>();
        in.put("gre", tmp.resolve("bids").toString());
        in.put("rois", tmp.resolve("dseg.nii.gz").toString());
        Path pipeline = Path.of(System.getProperty("ferrum.pipeline", LiverIronStudy.PIPELINE.toString()));
        long start = System.nanoTime();
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(
                        PipelineFormat.read(pipeline),
                        new RunOptions(in, LiverIronStudy.PIPELINE.getParent()),
                        null,
                        null);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("liver-hqsm on 256 × 192 × 40 × 12 echoes: %.1f s, succeeded %b%n", seconds, run.succeeded());
        run.nodeRuns().forEach(r -> System.out.printf("  %s %.1f s%n", r.nodeId(), r.nanos() / 1e9));
        run.nodeRuns().stream()
                .filter(r -> r.nodeId().equals("dipole") || r.nodeId().equals("fatwater"))
                .forEach(r -> r.log().stream()
                        .filter(l -> l.contains("converge")
                                || l.contains("block")
                                || l.contains("padded")
                                || l.contains("low-resolution"))
                        .forEach(l -> System.out.println("  " + r.nodeId() + ": " + l)));
        assertTrue(run.succeeded());
        // the liver's LIC at this size (AbdomenPhantom's truth: right lobe 8, left lobe 3 mg/g; the 5.5 mm sample reads
        // LIC_QSM 6.48 / 2.81 in modules/liver/README.md)
        Table m = (Table) run.outputs().get("measurements");
        for (int row = 0; row < m.rowCount(); row++) {
            int label = (int) m.number(row, "label");
            if (label == 1 || label == 2) {
                System.out.printf(
                        "  label %d: LIC_QSM %.2f, LIC_R2* %.2f, PDFF %.1f %%, R2* %.0f 1/s (truth LIC %s)%n",
                        label,
                        m.number(row, "lic_qsm_median"),
                        m.number(row, "lic_r2star_median"),
                        m.number(row, "pdff_median"),
                        m.number(row, "r2star_median"),
                        label == 1 ? "8" : "3");
            }
        }
    }
}
