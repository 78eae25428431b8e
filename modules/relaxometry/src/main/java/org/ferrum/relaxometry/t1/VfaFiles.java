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
package org.ferrum.relaxometry.t1;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.dicom.ConversionReport;
import org.ferrum.dicom.DicomConverter;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.bids.BidsSidecar;

/**
 * Reads a variable-flip-angle SPGR series from a folder: BIDS-style NIfTI images with JSON sidecars ({@code
 * *_flip-<N>_VFA.nii[.gz]}, or whatever a glob selects), or a DICOM folder holding one SPGR acquisition at several
 * flip angles (converted to NIfTI + sidecars first, with Ferrum's DICOM converter).
 *
 * <p>Per image the sidecar must give {@code FlipAngle} (degrees) and the TR as {@code RepetitionTimeExcitation} (s, the
 * BIDS qMRI field, preferred) or {@code RepetitionTime} (s); every image must have the same TR and the same grid (one
 * 3-D volume each). {@code MagneticFieldStrength} (T) is taken when present (NaN otherwise). Frames are ordered by flip
 * angle. Every refusal names the folder or file and the field.
 */
public final class VfaFiles {

    /** The default glob: the BIDS qMRI suffix for VFA images (Karakuzu A et al., Sci Data 2022;9:517). */
    public static final String DEFAULT_GLOB = "*_VFA.nii*";

    /** The sidecar field for TR in BIDS qMRI. */
    public static final String REPETITION_TIME_EXCITATION = "RepetitionTimeExcitation";

    private VfaFiles() {}

    /**
     * Reads the VFA series in {@code folder}.
     *
     * @param glob file-name glob for the images (e.g. {@link #DEFAULT_GLOB}); used for NIfTI folders
     * @param log receives one line per decision (how TR was found, DICOM conversion)
     */
    public static VfaSeries read(
            Path folder, String glob, Cancellation cancellation, java.util.function.Consumer<String> log)
            throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new VolumeFormatException(
                    folder, "is not a folder (give the folder of the VFA images or DICOM files)");
        }
        List<Path> images = matching(folder, glob);
        if (!images.isEmpty()) {
            return fromNifti(images, folder, glob, log);
        }
        if (hasNifti(folder)) {
            throw new VolumeFormatException(
                    folder,
                    "holds NIfTI images but none matches '" + glob + "' (set the glob to choose the VFA images)");
        }
        Path temporary = Files.createTempDirectory("ferrum-vfa-");
        try {
            ConversionReport report =
                    new DicomConverter().convert(folder, temporary, DicomConverter.SILENT, cancellation);
            List<Path> converted = new ArrayList<>();
            for (ConversionReport.Output o : report.written()) {
                converted.add(o.image());
            }
            if (converted.isEmpty()) {
                throw new VolumeFormatException(
                        folder,
                        "holds neither images matching '" + glob + "' nor a DICOM series (" + report.filesScanned()
                                + " file(s) scanned)");
            }
            log.accept("DICOM folder: " + converted.size() + " image(s) converted; flip angle and TR from (0018,1314)"
                    + " and (0018,0080)");
            return fromNifti(converted, folder, "DICOM", log);
        } finally {
            try (Stream<Path> walk = Files.walk(temporary)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static VfaSeries fromNifti(
            List<Path> images, Path folder, String what, java.util.function.Consumer<String> log) throws IOException {
        List<Frame> frames = new ArrayList<>();
        double tr = Double.NaN;
        Path trFrom = null;
        double field = Double.NaN;
        String trField = null;
        for (Path image : images) {
            Path json = BidsSidecar.pathFor(image);
            if (!Files.isRegularFile(json)) {
                throw new VolumeFormatException(
                        image, "has no JSON sidecar " + json.getFileName() + " (it must give FlipAngle and TR)");
            }
            BidsSidecar sidecar = BidsSidecar.read(json);
            OptionalDouble angle = sidecar.number(BidsSidecar.FLIP_ANGLE);
            if (angle.isEmpty() || !(angle.getAsDouble() > 0 && angle.getAsDouble() < 180)) {
                throw new VolumeFormatException(
                        json,
                        angle.isEmpty()
                                ? "has no FlipAngle (degrees)"
                                : "has FlipAngle " + angle.getAsDouble() + ", not in (0, 180) degrees");
            }
            OptionalDouble excitation = sidecar.number(REPETITION_TIME_EXCITATION);
            OptionalDouble repetition = sidecar.number(BidsSidecar.REPETITION_TIME);
            OptionalDouble t = excitation.isPresent() ? excitation : repetition;
            if (t.isEmpty()) {
                throw new VolumeFormatException(
                        json, "has neither " + REPETITION_TIME_EXCITATION + " nor RepetitionTime (TR in s)");
            }
            String field1 = excitation.isPresent() ? REPETITION_TIME_EXCITATION : BidsSidecar.REPETITION_TIME;
            double value = t.getAsDouble();
            if (!(value > 0 && value < 10)) {
                throw new VolumeFormatException(
                        json, "has " + field1 + " = " + value + ", not a TR in s (0 < TR < 10; ms given as s?)");
            }
            if (Double.isNaN(tr)) {
                tr = value;
                trFrom = json;
                trField = field1;
            } else if (Math.abs(value - tr) > 1e-6 * tr) {
                throw new VolumeFormatException(
                        json,
                        String.format(
                                Locale.ROOT,
                                "has %s = %g s but %s has %g s: VFA needs one TR",
                                field1,
                                value,
                                trFrom.getFileName(),
                                tr));
            }
            OptionalDouble b0 = sidecar.magneticFieldStrength();
            if (b0.isPresent() && Double.isNaN(field)) {
                field = b0.getAsDouble();
            }
            Volume<FloatType> volume = VolumeFiles.readFloat(image, log::accept);
            if (volume.numDimensions() > 3 && volume.frames() > 1) {
                throw new VolumeFormatException(
                        image, "holds " + volume.frames() + " frames; one 3-D image per flip angle is expected");
            }
            frames.add(new Frame(image, angle.getAsDouble(), volume));
        }
        if (frames.size() < 2) {
            throw new VolumeFormatException(
                    folder,
                    "holds " + frames.size() + " VFA image(s) (" + what + "); T1 by variable flip angle needs at least"
                            + " 2 flip angles");
        }
        frames.sort(Comparator.comparingDouble(Frame::angle));
        if (frames.get(frames.size() - 1).angle() - frames.get(0).angle() < 1e-6) {
            throw new VolumeFormatException(
                    folder,
                    "holds " + frames.size() + " image(s) (" + what + ") all at flip angle "
                            + frames.get(0).angle() + " deg; T1 by variable flip angle needs at least 2 different"
                            + " flip angles");
        }
        Frame first = frames.get(0);
        VoxelGrid grid = VoxelGrid.of(first.volume());
        float[][] data = new float[frames.size()][];
        double[] angles = new double[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (!VoxelGrid.of(f.volume()).equals(grid)
                    || !f.volume().geometry().approximatelyEquals(first.volume().geometry(), 1e-3)) {
                throw new VolumeFormatException(
                        f.image(),
                        "is on another grid than " + first.image().getFileName() + " (" + VoxelGrid.of(f.volume())
                                + " vs " + grid + "); all flip angles must share one grid");
            }
            data[i] = VolumeArrays.frame(f.volume(), 0);
            angles[i] = f.angle();
        }
        log.accept(String.format(
                Locale.ROOT,
                "TR from %s (%s), field strength %s",
                trField,
                trFrom.getFileName(),
                Double.isNaN(field) ? "not given" : field + " T"));
        Volume<FloatType> signal = VolumeArrays.frames(
                data, grid, first.volume().geometry(), first.volume().unit());
        return new VfaSeries(signal, angles, tr, field);
    }

    private record Frame(Path image, double angle, Volume<FloatType> volume) {}

    private static List<Path> matching(Path folder, String glob) throws IOException {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(folder)) {
            for (Path p : d) {
                if (Files.isRegularFile(p) && m.matches(p.getFileName())) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static boolean hasNifti(Path folder) throws IOException {
        return !matching(folder, "*.nii*").isEmpty();
    }
}
