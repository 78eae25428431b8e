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
package org.ferrum.liver.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.liver.phantom.IronModel;

/**
 * The simulated liver case shipped in {@code testdata/liver/simulated-abdomen/} as the default input of
 * {@code testdata/pipelines/liver-hqsm.json}: {@link AbdomenPhantom} with its default settings (1.5 T, 6 echoes,
 * TE1 1.2 ms, ΔTE 1.6 ms, 64 × 48 × 20 voxels of 5.5 × 5.5 × 7.5 mm, SNR 50, seed 1, LIC 8 and 3 mg Fe/g dw in the
 * right and left lobe, liver PDFF 12 %) and the constants below, which are the sample pipeline's defaults too (the
 * pipeline test checks that they agree). Run {@link #main} to write it again.
 */
public final class SimulatedAbdomenCase {

    /** The constants, from the shipped case's one definition. */
    public static final String CALIBRATION = org.ferrum.liver.phantom.SimulatedAbdomenCase.CALIBRATION;

    public static final double PPM_PER_MG_PER_G_WET =
            org.ferrum.liver.phantom.SimulatedAbdomenCase.PPM_PER_MG_PER_G_WET;
    public static final double WET_TO_DRY = org.ferrum.liver.phantom.SimulatedAbdomenCase.WET_TO_DRY;
    public static final double FAT_RELATIVE_TO_WATER_PPM =
            org.ferrum.liver.phantom.SimulatedAbdomenCase.FAT_RELATIVE_TO_WATER_PPM;
    public static final double SAT_CHI_PPM = org.ferrum.liver.phantom.SimulatedAbdomenCase.SAT_CHI_PPM;

    private SimulatedAbdomenCase() {}

    public static IronModel ironModel() {
        return org.ferrum.liver.phantom.SimulatedAbdomenCase.ironModel();
    }

    public static AbdomenPhantom phantom() {
        return org.ferrum.liver.phantom.SimulatedAbdomenCase.phantom();
    }

    /** Writes the case into {@code args[0]} (default testdata/liver/simulated-abdomen). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "testdata/liver/simulated-abdomen");
        AbdomenPhantom p = phantom();
        BidsMultiEcho.write(p.gre(), folder.resolve("bids"), "sub-sim_acq-liver");
        VolumeFiles.write(p.labels(), folder.resolve("sub-sim_dseg.nii.gz"));
        Path truth = folder.resolve("truth");
        Files.createDirectories(truth);
        VolumeFiles.write(p.pdff(), truth.resolve("pdff.nii.gz"));
        VolumeFiles.write(p.r2star(), truth.resolve("r2star.nii.gz"));
        VolumeFiles.write(p.fieldHz(), truth.resolve("fieldmap.nii.gz"));
        VolumeFiles.write(p.chi(), truth.resolve("chi.nii.gz"));
        VolumeFiles.write(p.lic(), truth.resolve("lic.nii.gz"));
        System.out.println("wrote " + folder + " (" + p.ironModel().description() + ")");
    }
}
