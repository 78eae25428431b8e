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
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.diffusion.FslGradients;
import org.ferrum.io.nifti.NiftiWriter;

/**
 * A {@link SpinePhantom} written as files, in the layout of {@code testdata/spine/simulated-spine/} (the default input
 * of {@code testdata/pipelines/spine-qmri.json}, which is this with {@link SpinePhantom.Params#DEFAULTS}): VFA images
 * with sidecars in {@code anat/}, the B1 map in {@code fmap/}, the DCE series in {@code perf/}, DWI with .bval/.bvec in
 * {@code dwi/}, the multi-echo GRE in {@code gre/}, the label map with its names, and the truth in {@code truth/}.
 *
 * <p>Storage: images int16 with {@code scl_slope} (magnitudes: σ/4 of the acquisition's noise, so the rounding adds
 * 1/192 ≈ 0.5 % to the noise variance, or max/32 000 without noise; phase π/32 767 rad; B1 10⁻⁴), gzip; truth maps
 * float32. Sidecars: VFA {@code FlipAngle} (deg), {@code RepetitionTimeExcitation} (s), {@code MagneticFieldStrength}
 * (T); DCE {@code RepetitionTime} (s), {@code FlipAngle} (deg), {@code FrameTimesStart} (s, one per volume),
 * {@code FrameDuration}, {@code MagneticFieldStrength}, the agent, its r1 and the injection time; GRE as
 * {@code io.read.gre} reads them.
 */
public final class SpineCaseFiles {

    /** File names relative to the case's folder. */
    public static final String SUBJECT = "sub-sim";

    public static final String DCE = "perf/" + SUBJECT + "_DCE.nii.gz";
    public static final String DWI = "dwi/" + SUBJECT + "_dwi.nii.gz";
    public static final String B1 = "fmap/" + SUBJECT + "_TB1map.nii.gz";
    public static final String LABELS = SUBJECT + "_dseg.nii.gz";
    public static final String GRE_PREFIX = SUBJECT + "_acq-spine";
    /** Quantisation step of the magnitude images in units of the noise σ. */
    public static final double STEPS_PER_SIGMA = 4;
    /** Quantisation step of the B1 map (ratio). */
    public static final double B1_STEP = 1e-4;

    private SpineCaseFiles() {}

    /** The VFA image of flip angle index {@code a} (0-based), relative to the folder. */
    public static String vfa(int a) {
        return "anat/" + SUBJECT + "_flip-" + (a + 1) + "_VFA.nii.gz";
    }

    /** The int16 step of an image with noise σ (σ/4), or its maximum / 32 000 without noise. */
    static double slope(Volume<FloatType> v, double sigma) {
        if (sigma > 0) {
            return sigma / STEPS_PER_SIGMA;
        }
        float max = 0;
        for (int t = 0; t < v.frames(); t++) {
            for (float x : VolumeArrays.frame(v, t)) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max > 0 ? max / 32000.0 : 1;
    }

    /**
     * Writes the phantom's acquisitions, labels and truth into {@code folder} (created if needed; files of the same
     * names are replaced).
     *
     * @return the images written (sidecars and truth not listed)
     */
    public static List<Path> write(SpinePhantom p, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        double fieldStrength = SpinePhantom.FIELD_STRENGTH;
        // VFA, one file per flip angle
        Volume<FloatType> vfa = p.vfa();
        double vfaSlope = slope(vfa, p.vfaSigma());
        for (int a = 0; a < SpinePhantom.VFA_FLIP_DEG.length; a++) {
            Path image = folder.resolve(vfa(a));
            writeInt16(vfa, a, 1, vfaSlope, image);
            json(
                    image,
                    "\"FlipAngle\": " + num(SpinePhantom.VFA_FLIP_DEG[a]),
                    "\"RepetitionTimeExcitation\": " + num(SpinePhantom.TR),
                    "\"MagneticFieldStrength\": " + num(fieldStrength),
                    "\"MRAcquisitionType\": \"3D\"",
                    "\"PulseSequenceType\": \"spoiled gradient echo\"");
            written.add(image);
        }
        // B1 as the relative flip angle (ratio)
        Path b1 = folder.resolve(B1);
        writeInt16(p.b1(), 0, 1, B1_STEP, b1);
        json(
                b1,
                "\"Units\": \"1\"",
                "\"Description\": \"relative transmit flip angle, actual / nominal (1 = nominal)\"",
                "\"MagneticFieldStrength\": " + num(fieldStrength));
        written.add(b1);
        // DCE
        Volume<FloatType> dce = p.dce();
        Path dceImage = folder.resolve(DCE);
        writeInt16(dce, 0, SpinePhantom.FRAMES, slope(dce, p.dceSigma()), dceImage);
        StringBuilder times = new StringBuilder("[");
        for (double t : p.frameTimesStart()) {
            times.append(times.length() > 1 ? ", " : "").append(num(t));
        }
        json(
                dceImage,
                "\"RepetitionTime\": " + num(SpinePhantom.TR),
                "\"FlipAngle\": " + num(SpinePhantom.DCE_FLIP_DEG),
                "\"MagneticFieldStrength\": " + num(fieldStrength),
                "\"FrameTimesStart\": " + times.append(']'),
                "\"FrameDuration\": " + num(SpinePhantom.FRAME_SECONDS),
                "\"ContrastBolusIngredient\": \"GADOLINIUM\"",
                "\"ContrastAgent\": \"" + SpinePhantom.AGENT + "\"",
                "\"ContrastAgentRelaxivity\": " + num(p.params().relaxivity()),
                "\"ContrastAgentRelaxivityUnits\": \"1/s/mM\"",
                "\"InjectionStart\": " + num(SpinePhantom.INJECTION_SECONDS),
                "\"Haematocrit\": " + num(p.params().haematocrit()));
        written.add(dceImage);
        // DWI, trace weighted (zero bvec = no direction)
        Volume<FloatType> dwi = p.dwi();
        Path dwiImage = folder.resolve(DWI);
        int nb = SpinePhantom.B_VALUES.length;
        writeInt16(dwi, 0, nb, slope(dwi, p.dwiSigma()), dwiImage);
        String stem = dwiImage.getFileName().toString().replace(".nii.gz", "");
        FslGradients.write(
                dwiImage.resolveSibling(stem + ".bval"),
                dwiImage.resolveSibling(stem + ".bvec"),
                SpinePhantom.B_VALUES,
                new double[nb][3]);
        json(
                dwiImage,
                "\"MagneticFieldStrength\": " + num(fieldStrength),
                "\"Description\": \"trace-weighted (isotropic) images, fat suppressed; zero bvec = no direction\"");
        written.add(dwiImage);
        // GRE
        MultiEchoGre gre = p.gre();
        Path greFolder = folder.resolve("gre");
        double greSlope = slope(gre.magnitude(), p.greSigma());
        for (int e = 0; e < gre.echoCount(); e++) {
            for (String part : new String[] {"mag", "phase"}) {
                boolean phase = part.equals("phase");
                Path image = greFolder.resolve(
                        GRE_PREFIX + "_echo-" + (e + 1) + "_part-" + part + "_" + BidsMultiEcho.SUFFIX + ".nii.gz");
                writeInt16(
                        phase ? gre.phase().orElseThrow() : gre.magnitude(),
                        e,
                        1,
                        phase ? Math.PI / 32767 : greSlope,
                        image);
                json(
                        image,
                        "\"EchoTime\": " + num(gre.acquisition().echoTimes().seconds(e)),
                        "\"EchoNumber\": " + (e + 1),
                        "\"MagneticFieldStrength\": " + num(fieldStrength),
                        "\"Units\": \"" + (phase ? "rad" : "arbitrary") + "\"");
                written.add(image);
            }
        }
        // labels and truth
        Path labels = folder.resolve(LABELS);
        VolumeFiles.write(p.labels(), labels);
        StringBuilder tsv = new StringBuilder("index\tname\n");
        for (SpineTissue t : SpineTissue.values()) {
            if (t != SpineTissue.AIR) {
                tsv.append(t.label()).append('\t').append(t.displayName()).append('\n');
            }
        }
        Files.writeString(folder.resolve(SUBJECT + "_dseg.tsv"), tsv.toString());
        Path truth = folder.resolve("truth");
        Files.createDirectories(truth);
        VolumeFiles.write(p.t1Water(), truth.resolve("t1_water.nii.gz"));
        VolumeFiles.write(p.t1Apparent(), truth.resolve("t1_apparent.nii.gz"));
        VolumeFiles.write(p.ktrans(), truth.resolve("ktrans.nii.gz"));
        VolumeFiles.write(p.ve(), truth.resolve("ve.nii.gz"));
        VolumeFiles.write(p.vp(), truth.resolve("vp.nii.gz"));
        VolumeFiles.write(p.kep(), truth.resolve("kep.nii.gz"));
        VolumeFiles.write(p.iauc60(), truth.resolve("iauc60.nii.gz"));
        VolumeFiles.write(p.adc(), truth.resolve("adc.nii.gz"));
        VolumeFiles.write(p.d(), truth.resolve("ivim_d.nii.gz"));
        VolumeFiles.write(p.f(), truth.resolve("ivim_f.nii.gz"));
        VolumeFiles.write(p.dStar(), truth.resolve("ivim_dstar.nii.gz"));
        VolumeFiles.write(p.pdff(), truth.resolve("pdff.nii.gz"));
        VolumeFiles.write(p.r2star(), truth.resolve("r2star.nii.gz"));
        VolumeFiles.write(p.fieldHz(), truth.resolve("fieldmap.nii.gz"));
        Files.writeString(truth.resolve("curves.tsv"), curves(p));
        written.add(labels);
        return written;
    }

    /** Frame start (s), Cb (mM) and each kinetic tissue's water-compartment concentration (mM), frame means. */
    public static String curves(SpinePhantom p) {
        List<SpineTissue> kinetic = new ArrayList<>();
        for (SpineTissue t : SpineTissue.values()) {
            if (t.hasKinetics()) {
                kinetic.add(t);
            }
        }
        StringBuilder s = new StringBuilder("frame_start_s\tblood_mM");
        kinetic.forEach(
                t -> s.append('\t').append(t.name().toLowerCase(Locale.ROOT)).append("_mM"));
        s.append('\n');
        double[] start = p.frameTimesStart();
        double[] cb = p.aifBlood();
        for (int k = 0; k < start.length; k++) {
            s.append(num(start[k])).append('\t').append(String.format(Locale.ROOT, "%.6f", cb[k]));
            for (SpineTissue t : kinetic) {
                s.append('\t').append(String.format(Locale.ROOT, "%.6f", p.concentration(t)[k]));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static void writeInt16(Volume<FloatType> v, int first, int count, double slope, Path image)
            throws IOException {
        Files.createDirectories(image.getParent());
        int per = Math.toIntExact(v.voxelsPerFrame());
        short[] s = new short[per * count];
        for (int t = 0; t < count; t++) {
            float[] f = VolumeArrays.frame(v, first + t);
            for (int i = 0; i < per; i++) {
                s[t * per + i] = (short) Math.max(-32767, Math.min(32767, Math.round(f[i] / slope)));
            }
        }
        long[] dims = v.frame(0).dimensions();
        long[] all = count == 1 ? dims : new long[] {dims[0], dims[1], dims[2], count};
        Volume<ShortType> stored = new Volume<>(ArrayImgs.shorts(s, all), v.geometry(), v.unit());
        NiftiWriter.nifti1().write(new ScaledVolume<>(stored, slope, 0), image);
    }

    private static void json(Path image, String... fields) throws IOException {
        String stem = image.getFileName().toString().replaceFirst("\\.nii(\\.gz)?$", "");
        Files.writeString(image.resolveSibling(stem + ".json"), "{\n  " + String.join(",\n  ", fields) + "\n}\n");
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
