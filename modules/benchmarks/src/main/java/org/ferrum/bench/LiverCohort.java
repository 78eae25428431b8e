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
package org.ferrum.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.liver.phantom.SimulatedAbdomenCase;

/**
 * A cohort of simulated livers for {@code testdata/pipelines/liver-hqsm.json}: {@code n} subjects, one visit each, every
 * one an {@link AbdomenPhantom} with the shipped case's settings and constants ({@link SimulatedAbdomenCase}: 1.5 T,
 * 6 echoes, 64 × 48 × 20 voxels) but its own noise seed, right- and left-lobe LIC and liver PDFF, so that every
 * subject's results differ.
 *
 * <p>Subject {@code i} (1-based, id {@code L%03d}) draws from {@code new SplittableRandom(cohortSeed * 1000 + i)}: right-lobe LIC
 * uniform in [1, 12] mg Fe/g dry weight (normal to severe overload in the range the Wood 2005 1.5 T calibration was
 * fitted on), left lobe 0.3–1.0 × right, liver PDFF uniform in [2, 30] %, noise seed {@code cohortSeed * 1000 + i}.
 * The same {@code (n, cohortSeed)} always gives the same files.
 *
 * <p>Layout under the root:
 * <pre>
 * bids/dataset_description.json, bids/participants.tsv (participant_id, lic_right, lic_left, pdff: the truth)
 * bids/sub-L001/ses-1/anat/sub-L001_ses-1_acq-liver_echo-N_part-mag|phase_MEGRE.nii.gz + .json
 * bids/sub-L001/ses-1/anat/sub-L001_ses-1_dseg.nii.gz      (the phantom's labels, those of the shipped case)
 * manifest.csv      subject,visit,gre,rois (absolute paths: the anat folder and the label map)
 * </pre>
 * The label map sits beside the echoes (the echo reader ignores files without {@code echo-}), so a BIDS-driven run
 * binds it with {@code --input rois=anat/*_dseg.nii.gz}.
 */
public final class LiverCohort {

    /** The manifest's file name under the root. */
    public static final String MANIFEST = "manifest.csv";

    private static final String COMPLETE = ".complete";

    /** One subject's truth and files. */
    public record Subject(
            String id, double licRight, double licLeft, double pdffPercent, long seed, Path gre, Path rois) {}

    private LiverCohort() {}

    /**
     * Writes the cohort under {@code root} unless a complete cohort of the same {@code n} and seed is already there
     * (its marker file is written last, so an interrupted generation is redone).
     *
     * @return the manifest
     */
    public static Path write(Path root, int n, long cohortSeed) throws IOException {
        Path manifest = root.resolve(MANIFEST);
        String marker = "subjects=" + n + " seed=" + cohortSeed + "\n";
        Path done = root.resolve(COMPLETE);
        if (Files.isRegularFile(done) && Files.readString(done).equals(marker) && Files.isRegularFile(manifest)) {
            return manifest;
        }
        Files.createDirectories(root);
        Files.deleteIfExists(done);
        Path bids = root.resolve("bids");
        Files.createDirectories(bids);
        Files.writeString(
                bids.resolve("dataset_description.json"),
                """
                {
                  "Name": "Ferrum simulated liver cohort (AbdomenPhantom, %d subjects, seed %d)",
                  "BIDSVersion": "1.9.0",
                  "DatasetType": "raw",
                  "GeneratedBy": [ { "Name": "Ferrum org.ferrum.bench.LiverCohort" } ]
                }
                """
                        .formatted(n, cohortSeed));
        StringBuilder participants = new StringBuilder("participant_id\tlic_right\tlic_left\tpdff\n");
        StringBuilder csv = new StringBuilder("subject,visit,gre,rois\n");
        for (Subject s : subjects(root, n, cohortSeed)) {
            AbdomenPhantom p = AbdomenPhantom.builder()
                    .ironModel(SimulatedAbdomenCase.ironModel())
                    .liverIron(s.licRight(), s.licLeft())
                    .liverPdff(s.pdffPercent() / 100)
                    .seed(s.seed())
                    .build();
            Files.createDirectories(s.gre());
            BidsMultiEcho.write(p.gre(), s.gre(), "sub-" + s.id() + "_ses-1_acq-liver");
            VolumeFiles.write(p.labels(), s.rois());
            participants.append(String.format(
                    Locale.ROOT, "sub-%s\t%.3f\t%.3f\t%.2f%n", s.id(), s.licRight(), s.licLeft(), s.pdffPercent()));
            csv.append(s.id())
                    .append(",1,")
                    .append(s.gre())
                    .append(',')
                    .append(s.rois())
                    .append('\n');
        }
        Files.writeString(bids.resolve("participants.tsv"), participants);
        AtomicFiles.writeString(manifest, csv.toString());
        Files.writeString(done, marker);
        return manifest;
    }

    /** The subjects' parameters and paths (nothing is written). */
    public static List<Subject> subjects(Path root, int n, long cohortSeed) {
        if (n < 1 || n > 999) {
            throw new IllegalArgumentException("subjects must be within 1…999, got " + n);
        }
        Path bids = root.toAbsolutePath().resolve("bids");
        List<Subject> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long seed = cohortSeed * 1000 + i;
            // SplitMix64: java.util.Random gives nearly the same first draw for neighbouring seeds
            SplittableRandom rnd = new SplittableRandom(seed);
            double right = 1 + 11 * rnd.nextDouble();
            double left = right * (0.3 + 0.7 * rnd.nextDouble());
            double pdff = 2 + 28 * rnd.nextDouble();
            String id = String.format(Locale.ROOT, "L%03d", i);
            Path anat = bids.resolve("sub-" + id).resolve("ses-1").resolve("anat");
            list.add(new Subject(
                    id,
                    round3(right),
                    round3(left),
                    round3(pdff),
                    seed,
                    anat,
                    anat.resolve("sub-" + id + "_ses-1_dseg.nii.gz")));
        }
        return list;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** {@code LiverCohort ROOT [N [SEED]]}: writes a cohort (default 40 subjects, seed 19). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LiverCohort ROOT [N [SEED]]");
            System.exit(2);
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 19;
        System.out.println("wrote " + write(Path.of(args[0]), n, seed));
    }
}
