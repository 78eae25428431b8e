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
package org.ferrum.brain.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.Volumes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.labels.Hemisphere;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.io.nifti.NiftiWriter;

/**
 * The default input of the brain-iron sample pipeline: the {@link BrainIronPhantom} study written as BIDS,
 * {@code testdata/brain/} (see its README.md). About 17 MB, so not in the repository: the brain module's build writes it
 * ({@code exec-maven-plugin}, phase {@code process-test-classes}) when the folder's {@code GENERATED.txt} does not say
 * {@link #SPEC}; otherwise it does nothing.
 *
 * <p>Layout, per subject {@code sub-NN} and visit {@code ses-NN}:
 * <ul>
 * <li>{@code sub-NN/ses-NN/anat/sub-NN_ses-NN_echo-<e>_part-mag|phase_MEGRE.nii.gz} + JSON (EchoTime, EchoNumber,
 *     MagneticFieldStrength, Units): int16 with {@code scl_slope} (magnitude max/4000 per echo, phase π/4096 rad, a
 *     scanner's 12 bits);</li>
 * <li>{@code sub-NN/ses-01/anat/sub-NN_ses-01_T1w.nii.gz} + JSON: int16, white matter ≈ 1000 × 10⁻³ (scl_slope);
 *     one per subject, at the first session;</li>
 * <li>{@code sub-NN/sub-NN_sessions.tsv}: session_id and years since baseline;</li>
 * <li>{@code derivatives/labels/sub-NN/ses-01/anat/sub-NN_ses-01_space-T1w_dseg.nii.gz} + {@code …_dseg.tsv} (index,
 *     name, color), also {@code derivatives/labels/dseg.tsv} for the whole dataset;</li>
 * <li>{@code derivatives/truth/sub-NN/ses-NN/anat/}: {@code _Chimap} (ppm rel. CSF, float32), {@code _R2starmap}
 *     (1/s, float32), {@code _desc-brain_mask}, {@code _desc-truth_dseg} (+ .tsv) on the GRE grid;
 *     {@code _from-T1w_to-MEGRE_mode-image_xfm.txt} and {@code _from-ses01_to-MEGRE_mode-image_xfm.txt}: the true
 *     rigid transforms as ITK text (fixed = this visit's GRE space, moving = the T1w's / the baseline GRE's space; a
 *     fixed LPS point maps to the moving LPS point); and {@code derivatives/truth/truth.tsv}: χ and R2* of every
 *     nucleus side at every visit.</li>
 * </ul>
 *
 * <p>{@code java … SampleBrainData FOLDER} (the test class path of modules/brain).
 */
public final class SampleBrainData {

    /** What is generated; the stamp written to GENERATED.txt. */
    static final String SPEC = "BrainIronPhantom 1 subject (seed 1) x 2 visits (interval 2 y), GRE 96x96x64 x 2 mm,"
            + " 3 T, TE 4/12/20/28 ms, SNR 100, subvoxel-complex; T1w 1.5 mm, SNR 40; int16 12-bit+scl_slope; one T1w per subject; v2";

    /** The settings of the sample: subjects, visits and the phantom of one (subject, visit). */
    record Study(int subjects, int visits, Settings settings) {}

    /** Builds the phantom of one subject (seed) and visit. */
    @FunctionalInterface
    interface Settings {
        BrainIronPhantom phantom(long seed, int visit);
    }

    static final Study SAMPLE = new Study(1, 2, (seed, visit) -> new BrainIronPhantom()
            .seed(seed)
            .visit(visit)
            .greSize(96, 96, 64)
            .greVoxel(2)
            .fieldStrength(3)
            .echoTimesMs(4, 12, 20, 28)
            .snr(100)
            .t1wVoxel(1.5)
            .t1wSnr(40));

    private SampleBrainData() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "testdata/brain");
        Path stamp = folder.resolve("GENERATED.txt");
        if (Files.exists(stamp) && Files.readString(stamp).strip().equals(SPEC)) {
            System.out.println("brain-iron sample: " + folder + " is up to date");
            return;
        }
        long t0 = System.nanoTime();
        Files.deleteIfExists(stamp);
        write(SAMPLE, folder);
        Files.writeString(stamp, SPEC + "\n");
        System.out.printf(
                Locale.ROOT, "brain-iron sample: wrote %s in %.1f s%n", folder, (System.nanoTime() - t0) / 1e9);
    }

    static String subject(int s) {
        return String.format(Locale.ROOT, "sub-%02d", s);
    }

    static String session(int v) {
        return String.format(Locale.ROOT, "ses-%02d", v);
    }

    /** Writes every subject and visit of {@code study} under {@code folder}; returns the visits written. */
    static List<BrainIronVisit> write(Study study, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("dataset_description.json"),
                "{\n  \"Name\": \"Ferrum brain-iron phantom study\",\n  \"BIDSVersion\": \"1.9.0\",\n"
                        + "  \"DatasetType\": \"raw\",\n  \"GeneratedBy\": [{\"Name\": \"Ferrum SampleBrainData\"}]\n}\n");
        for (String derivative : new String[] {"labels", "truth"}) {
            Path d = folder.resolve("derivatives").resolve(derivative);
            Files.createDirectories(d);
            Files.writeString(
                    d.resolve("dataset_description.json"),
                    "{\n  \"Name\": \"Ferrum brain-iron phantom " + derivative + "\",\n  \"BIDSVersion\": \"1.9.0\",\n"
                            + "  \"DatasetType\": \"derivative\",\n"
                            + "  \"GeneratedBy\": [{\"Name\": \"Ferrum SampleBrainData\"}]\n}\n");
        }
        Files.writeString(folder.resolve("derivatives/labels/dseg.tsv"), dsegTsv());
        StringBuilder truth = new StringBuilder(
                "participant_id\tsession_id\tyears\tindex\tname\tnucleus\themisphere\tchi_ppm\tchi_rate_ppm_per_year"
                        + "\tr2star_per_s\tfield_strength_T\n");
        StringBuilder participants = new StringBuilder("participant_id\tseed\n");
        List<BrainIronVisit> written = new ArrayList<>();
        for (int s = 1; s <= study.subjects(); s++) {
            String sub = subject(s);
            participants.append(sub).append('\t').append(s).append('\n');
            StringBuilder sessions = new StringBuilder("session_id\tyears\tmotion\n");
            for (int v = 1; v <= study.visits(); v++) {
                BrainIronPhantom phantom = study.settings().phantom(s, v);
                BrainIronVisit visit = phantom.generate();
                written.add(visit);
                String ses = session(v), prefix = sub + "_" + ses;
                writeVisit(visit, folder, sub, ses, written.get(written.size() - v));
                sessions.append(ses)
                        .append('\t')
                        .append(String.format(Locale.ROOT, "%.3f", visit.years()))
                        .append('\t')
                        .append(visit.motion())
                        .append('\n');
                for (BrainNucleus n : BrainNucleus.values()) {
                    for (Hemisphere side : new Hemisphere[] {Hemisphere.LEFT, Hemisphere.RIGHT}) {
                        truth.append(String.format(
                                Locale.ROOT,
                                "%s\t%s\t%.3f\t%d\t%s\t%s\t%s\t%.6f\t%.6f\t%.4f\t%.2f%n",
                                sub,
                                ses,
                                visit.years(),
                                n.label(side),
                                n.labelName(side),
                                n.anatomyName(),
                                side.word(),
                                BrainIronPhantom.chiTruth(n, side, visit.years()),
                                n.chiRatePpmPerYear(side),
                                BrainIronPhantom.r2StarTruth(n, side, visit.years(), visit.fieldStrength()),
                                visit.fieldStrength()));
                    }
                }
                System.out.println("brain-iron sample: " + prefix + " " + phantom + ", head " + visit.motion());
            }
            Files.writeString(folder.resolve(sub).resolve(sub + "_sessions.tsv"), sessions.toString());
        }
        Files.writeString(folder.resolve("participants.tsv"), participants.toString());
        Files.writeString(folder.resolve("derivatives/truth/truth.tsv"), truth.toString());
        return written;
    }

    private static void writeVisit(BrainIronVisit v, Path root, String sub, String ses, BrainIronVisit baseline)
            throws IOException {
        String prefix = sub + "_" + ses;
        Path anat = root.resolve(sub).resolve(ses).resolve("anat");
        Path labels =
                root.resolve("derivatives/labels").resolve(sub).resolve(ses).resolve("anat");
        Path truth = root.resolve("derivatives/truth").resolve(sub).resolve(ses).resolve("anat");
        for (Path p : new Path[] {anat, labels, truth}) {
            Files.createDirectories(p);
        }
        MultiEchoGre gre = v.gre();
        GreAcquisition acq = gre.acquisition();
        for (int e = 0; e < gre.echoCount(); e++) {
            writeEcho(gre.magnitude(), e, acq, anat, prefix, "mag", "arbitrary", -MAGNITUDE_LEVELS);
            writeEcho(gre.phase().orElseThrow(), e, acq, anat, prefix, "phase", "rad", Math.PI / PHASE_LEVELS);
        }
        if (!ses.equals(session(1))) {
            writeTruth(v, truth, prefix, baseline);
            return; // one T1w per subject, at the first session (as a longitudinal study acquires it)
        }
        Path t1w = anat.resolve(prefix + "_T1w.nii.gz");
        writeShort(v.t1w(), t1w, T1W_SLOPE);
        BidsSidecar.empty()
                .with(BidsSidecar.MAGNETIC_FIELD_STRENGTH, acq.fieldStrengthTesla())
                .with(BidsSidecar.UNITS, "arbitrary")
                .with("PulseSequenceType", "simulated MPRAGE-like contrast (Ferrum BrainIronPhantom)")
                .write(BidsSidecar.pathFor(t1w));
        writeShort(v.labelsT1w(), labels.resolve(prefix + "_space-T1w_dseg.nii.gz"), 1);
        Files.writeString(labels.resolve(prefix + "_space-T1w_dseg.tsv"), dsegTsv());
        writeTruth(v, truth, prefix, baseline);
    }

    private static void writeTruth(BrainIronVisit v, Path truth, String prefix, BrainIronVisit baseline)
            throws IOException {

        NiftiWriter w = NiftiWriter.nifti1();
        w.write(ScaledVolume.unscaled(v.chi()), truth.resolve(prefix + "_Chimap.nii.gz"));
        w.write(ScaledVolume.unscaled(v.r2star()), truth.resolve(prefix + "_R2starmap.nii.gz"));
        writeShort(v.mask(), truth.resolve(prefix + "_desc-brain_mask.nii.gz"), 1);
        writeShort(v.labelsGre(), truth.resolve(prefix + "_desc-truth_dseg.nii.gz"), 1);
        Files.writeString(truth.resolve(prefix + "_desc-truth_dseg.tsv"), dsegTsv());
        // fixed = this visit's GRE space; moving = the subject's T1w space (acquired at ses-01): p ↦
        // t1wPose(motion⁻¹(p))
        writeItk(
                v.motion().inverse().then(v.t1wPose()),
                truth.resolve(prefix + "_from-T1w_to-MEGRE_mode-image_xfm.txt"));
        // moving = the baseline GRE's space: p ↦ baseline motion(motion⁻¹(p))
        writeItk(
                v.motion().inverse().then(baseline.motion()),
                truth.resolve(prefix + "_from-ses01_to-MEGRE_mode-image_xfm.txt"));
    }

    /** The BIDS segmentation table: index, name, color (#rrggbb). */
    static String dsegTsv() {
        StringBuilder s = new StringBuilder("index\tname\tcolor\n");
        for (LabelEntry e : AsegLabels.legend().entries()) {
            s.append(e.value())
                    .append('\t')
                    .append(e.name())
                    .append('\t')
                    .append(String.format(Locale.ROOT, "#%06x", e.rgb()))
                    .append('\n');
        }
        return s.toString();
    }

    /** An ITK affine text transform (matrix then translation, centre 0): fixed LPS point → moving LPS point. */
    static void writeItk(RigidMotion m, Path path) throws IOException {
        double[] r = m.rotation(), t = m.translation();
        StringBuilder p = new StringBuilder();
        for (double x : r) {
            p.append(String.format(Locale.ROOT, "%.17g ", x));
        }
        p.append(String.format(Locale.ROOT, "%.17g %.17g %.17g", t[0], t[1], t[2]));
        Files.writeString(
                path,
                "#Insight Transform File V1.0\n#Transform 0\nTransform: AffineTransform_double_3_3\nParameters: " + p
                        + "\nFixedParameters: 0 0 0\n");
    }

    /**
     * Stored levels as a scanner writes them (12 bits): the magnitude's maximum per echo is 4000 levels, the phase's
     * π is 4096 levels; the T1w's white matter (1.0) is 1000 levels. Finer steps would only store more noise bits.
     */
    static final int MAGNITUDE_LEVELS = 4000, PHASE_LEVELS = 4096;

    static final double T1W_SLOPE = 1e-3;

    /** int16 with scl_slope {@code fixedSlope}, or max/(−fixedSlope) when it is ≤ 0. */
    private static void writeShort(Volume<FloatType> v, Path path, double fixedSlope) throws IOException {
        float[] f = Volumes.floats(v);
        double max = 0;
        for (float x : f) {
            max = Math.max(max, Math.abs(x));
        }
        double slope = fixedSlope > 0 ? fixedSlope : max > 0 ? max / -fixedSlope : 1;
        short[] s = new short[f.length];
        for (int n = 0; n < f.length; n++) {
            s[n] = (short) Math.max(-32767, Math.min(32767, Math.round(f[n] / slope)));
        }
        Volume<ShortType> stored = new Volume<>(ArrayImgs.shorts(s, v.dimensions()), v.geometry(), v.unit());
        NiftiWriter.nifti1().write(new ScaledVolume<>(stored, slope, 0), path);
    }

    private static void writeEcho(
            Volume<FloatType> all,
            int e,
            GreAcquisition acq,
            Path folder,
            String prefix,
            String part,
            String units,
            double fixedSlope)
            throws IOException {
        Volume<FloatType> frame = all.frame(e);
        float[] values = VolumeArrays.frame(all, e);
        Volume<FloatType> copy = Volumes.createFloat(frame.dimensions(), frame.geometry(), frame.unit());
        System.arraycopy(values, 0, Volumes.floats(copy), 0, values.length);
        Path image =
                folder.resolve(prefix + "_echo-" + (e + 1) + "_part-" + part + "_" + BidsMultiEcho.SUFFIX + ".nii.gz");
        writeShort(copy, image, fixedSlope);
        BidsSidecar.empty()
                .with(BidsSidecar.ECHO_TIME, acq.echoTimes().seconds(e))
                .with(BidsSidecar.ECHO_NUMBER, e + 1)
                .with(BidsSidecar.MAGNETIC_FIELD_STRENGTH, acq.fieldStrengthTesla())
                .with(BidsSidecar.UNITS, units)
                .write(BidsSidecar.pathFor(image));
    }
}
