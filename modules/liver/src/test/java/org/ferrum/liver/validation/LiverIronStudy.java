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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.liver.phantom.AbdomenTissue;
import org.ferrum.liver.phantom.LiverIronPhantom;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineExecutor;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.ResultCache;
import org.ferrum.pipeline.RunOptions;
import org.ferrum.pipeline.testkit.TestData;

/**
 * Runs {@code testdata/pipelines/liver-hqsm.json} on a {@link LiverIronPhantom} written to disk, with the phantom's truth
 * constants passed as the pipeline's inputs (so the run measures the chain, not the constants), and returns one row per
 * liver region: truth and measured χ, LIC_QSM, LIC_R2*.
 */
final class LiverIronStudy {

    static final Path PIPELINE = TestData.pipeline("liver-hqsm.json");

    /** One liver region's truth and measurement (medians over the region's voxels in the fitted mask). */
    record Row(
            double b0,
            long seed,
            int label,
            double lic,
            double pdff,
            double r2star,
            double chi,
            double chiMeasured,
            double pdffMeasured,
            double r2Measured,
            double licQsm,
            double licR2star) {

        double errorPercent() {
            return 100 * (licQsm - lic) / lic;
        }

        /** The target: within 15 %, or within 1 mg/g below 5 mg/g. */
        boolean withinTarget() {
            return lic < 5 ? Math.abs(licQsm - lic) <= 1 : Math.abs(licQsm - lic) <= 0.15 * lic;
        }

        /**
         * What the chain reaches today where the fat–water fit is sound: within 20 %, or 1.5 mg/g below 5 mg/g (the issue's
         * target, 15 % / 1 mg/g, is missed by the left lobe at LIC 3 and by some 3 T regions; see the README).
         */
        boolean withinReached() {
            return lic < 5 ? Math.abs(licQsm - lic) <= 1.5 : Math.abs(licQsm - lic) <= 0.20 * lic;
        }

        /** Whether the fat–water fit (owned by relax.fatwater) got this region's R2* within 25 %: else its field is suspect. */
        boolean fatWaterSound() {
            return Math.abs(r2Measured - r2star) <= 0.25 * r2star;
        }

        String format() {
            return String.format(
                    Locale.ROOT,
                    "| %.1f T | %d | %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.1f | %.0f | %.2f | %.2f | %+.0f %% |",
                    b0,
                    seed,
                    label,
                    lic,
                    100 * pdff,
                    r2star,
                    chi,
                    chiMeasured,
                    pdffMeasured,
                    r2Measured,
                    licQsm,
                    licR2star,
                    errorPercent());
        }
    }

    static final String HEADER =
            "| B0 | seed | label | LIC | PDFF % | R2* 1/s | χ ppm | χ meas. | PDFF meas. | R2* meas. | LIC_QSM |"
                    + " LIC_R2* | LIC_QSM err. |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private LiverIronStudy() {}

    /** The pipeline's inputs that state the phantom's truth constants and its files. */
    static Map<String, String> inputs(LiverIronPhantom p, Path folder) {
        LiverIronPhantom.Truth t = p.truth();
        Map<String, String> in = new LinkedHashMap<>();
        in.put("gre", folder.resolve("bids").toString());
        in.put("rois", folder.resolve("dseg.nii.gz").toString());
        in.put("label_names", LiverIronPhantom.labelNames());
        in.put("chi_per_iron", Double.toString(t.ironSusceptibility().ppmPerMgPerGWet()));
        in.put("wet_to_dry", Double.toString(t.ironSusceptibility().wetToDryRatio()));
        in.put("fat_chi", Double.toString(t.fatRelativeToWaterPpm()));
        in.put("sat_chi", Double.toString(AbdomenTissue.SUBCUTANEOUS_FAT.pdff() * t.fatRelativeToWaterPpm()));
        in.put(
                "calibration",
                p.fieldStrength() > 2
                        ? "storey-2007-wood-2005-3t"
                        : t.calibrationAt15T().id());
        return in;
    }

    record Result(List<Row> rows, Execution run, double seconds) {}

    static Result run(LiverIronPhantom p, long seed, Path folder, Map<String, String> extra, Path pipeline)
            throws Exception {
        Files.createDirectories(folder);
        BidsMultiEcho.write(p.gre(), folder.resolve("bids"), "sub-sim_acq-liver");
        VolumeFiles.write(p.labels(), folder.resolve("dseg.nii.gz"));
        Map<String, String> in = inputs(p, folder);
        in.putAll(extra);
        Pipeline pl = PipelineFormat.read(pipeline);
        long start = System.nanoTime();
        Execution run = new PipelineExecutor(OperatorRegistry.installed(), ResultCache.disabled(), 2)
                .run(pl, new RunOptions(in, PIPELINE.getParent()), null, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder times = new StringBuilder(String.format(Locale.ROOT, "pipeline %.1f s:", seconds));
        run.nodeRuns()
                .forEach(r -> times.append(String.format(Locale.ROOT, " %s %.1f s", r.nodeId(), r.nanos() / 1e9)));
        System.out.println(times);
        run.nodeRuns().stream()
                .filter(r -> r.nodeId().equals("dipole"))
                .flatMap(r -> r.log().stream())
                .filter(l -> l.contains("converge"))
                .forEach(l -> System.out.println("  dipole: " + l));
        if (!run.succeeded()) {
            throw new AssertionError(
                    run.firstFailure().map(r -> r.nodeId() + ": " + r.error()).orElse("?"));
        }
        Table m = (Table) run.outputs().get("measurements");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < LiverIronPhantom.LIVER_REGIONS.size(); r++) {
            int label = LiverIronPhantom.LIVER_REGIONS.get(r);
            int row = rowOf(m, label);
            rows.add(new Row(
                    p.fieldStrength(),
                    seed,
                    label,
                    p.regionLic(r),
                    p.regionPdff(r),
                    p.regionR2star(r),
                    p.regionChi(r),
                    m.number(row, "chi_median"),
                    m.number(row, "pdff_median"),
                    m.number(row, "r2star_median"),
                    m.number(row, "lic_qsm_median"),
                    m.number(row, "lic_r2star_median")));
        }
        return new Result(rows, run, seconds);
    }

    static int rowOf(Table m, int label) {
        for (int r = 0; r < m.rowCount(); r++) {
            if ((int) m.number(r, "label") == label) {
                return r;
            }
        }
        throw new AssertionError("no row for label " + label);
    }

    /** The output map as an array. */
    @SuppressWarnings("unchecked")
    static float[] map(Execution run, String output) {
        return VolumeArrays.frame((Volume<FloatType>) run.outputs().get(output), 0);
    }

    static void deleteQuietly(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }
}
