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
package org.ferrum.qsm.phantom;

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
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.io.nifti.NiftiWriter;

/**
 * The default input of {@code testdata/pipelines/brain-qsm.json}: Ferrum's physical whole-head phantom as a BIDS
 * multi-echo folder, {@code testdata/gre/head-phantom-bids/} (see its README.md), made deterministically from
 * {@link #SPEC} and seed 1. About 24 MB, so it is not in the repository: the qsm module's build writes it
 * ({@code exec-maven-plugin}, phase {@code process-test-classes}) when the folder's {@code GENERATED.txt} does not say
 * {@link #SPEC}; otherwise it does nothing.
 *
 * <p>Storage: int16 with {@code scl_slope} (magnitude: max/32 000 per echo; phase: π/32 767, radians), gzip, one
 * sidecar per image with EchoTime, EchoNumber, MagneticFieldStrength and Units; plus the truth ({@code chi},
 * {@code labels}, brain {@code mask}) in {@code truth/} as float32 NIfTI, for judging the pipeline's χ.
 *
 * <p>{@code java … SampleHeadData FOLDER} (the test class path of modules/qsm).
 */
public final class SampleHeadData {

    /** What is generated; the stamp written to GENERATED.txt. */
    static final String SPEC = "HeadPhantom whole-head, subvoxel-complex, 112x144x112 x 1.5 mm, 3 T, B0 along S,"
            + " TE 4/10/16/22/28 ms, SNR 100, seed 1, padding 1.25; int16+scl_slope; v1";

    static final String PREFIX = "sub-phantom";

    private SampleHeadData() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "testdata/gre/head-phantom-bids");
        Path stamp = folder.resolve("GENERATED.txt");
        if (Files.exists(stamp) && Files.readString(stamp).strip().equals(SPEC)) {
            System.out.println("sample head: " + folder + " is up to date");
            return;
        }
        long t0 = System.nanoTime();
        HeadPhantom p = HeadPhantom.builder()
                .size(112, 144, 112)
                .voxelSize(1.5, 1.5, 1.5)
                .fieldStrength(3.0)
                .echoTimesMs(4, 10, 16, 22, 28)
                .snr(100)
                .seed(1)
                .paddingFactor(1.25)
                .anatomy(HeadAnatomy.wholeHead())
                .signalModel(HeadPhantom.SignalModel.SUBVOXEL_COMPLEX)
                .generate();
        write(p, folder);
        Files.writeString(stamp, SPEC + "\n");
        System.out.printf(
                Locale.ROOT,
                "sample head: wrote %s in %.1f s (noise σ %.4g)%n",
                folder,
                (System.nanoTime() - t0) / 1e9,
                p.noiseSigma());
    }

    /** Writes the phantom's GRE as int16 BIDS and its truth, replacing the folder's images. */
    static List<Path> write(HeadPhantom p, Path folder) throws IOException {
        Files.createDirectories(folder.resolve("truth"));
        MultiEchoGre gre = p.gre();
        GreAcquisition acq = gre.acquisition();
        List<Path> written = new ArrayList<>();
        for (int e = 0; e < gre.echoCount(); e++) {
            written.add(writeEcho(gre.magnitude(), e, acq, folder, "mag", "arbitrary", -1));
            written.add(writeEcho(gre.phase().orElseThrow(), e, acq, folder, "phase", "rad", Math.PI / 32767));
        }
        NiftiWriter w = NiftiWriter.nifti1();
        w.write(ScaledVolume.unscaled(p.chi()), folder.resolve("truth/chi.nii.gz"));
        w.write(ScaledVolume.unscaled(p.labels()), folder.resolve("truth/labels.nii.gz"));
        w.write(ScaledVolume.unscaled(p.brainMask()), folder.resolve("truth/mask.nii.gz"));
        return written;
    }

    private static Path writeEcho(
            Volume<FloatType> all, int e, GreAcquisition acq, Path folder, String part, String units, double fixedSlope)
            throws IOException {
        Volume<FloatType> frame = all.frame(e);
        float[] v = VolumeArrays.frame(all, e);
        double max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        double slope = fixedSlope > 0 ? fixedSlope : max > 0 ? max / 32000 : 1;
        short[] s = new short[v.length];
        for (int n = 0; n < v.length; n++) {
            s[n] = (short) Math.max(-32767, Math.min(32767, Math.round(v[n] / slope)));
        }
        long[] dims = new long[frame.image().numDimensions()];
        frame.image().dimensions(dims);
        Volume<ShortType> stored = new Volume<>(ArrayImgs.shorts(s, dims), frame.geometry(), frame.unit());
        Path image =
                folder.resolve(PREFIX + "_echo-" + (e + 1) + "_part-" + part + "_" + BidsMultiEcho.SUFFIX + ".nii.gz");
        NiftiWriter.nifti1().write(new ScaledVolume<>(stored, slope, 0), image);
        BidsSidecar.empty()
                .with(BidsSidecar.ECHO_TIME, acq.echoTimes().seconds(e))
                .with(BidsSidecar.ECHO_NUMBER, e + 1)
                .with(BidsSidecar.MAGNETIC_FIELD_STRENGTH, acq.fieldStrengthTesla())
                .with(BidsSidecar.UNITS, units)
                .write(BidsSidecar.pathFor(image));
        return image;
    }
}
