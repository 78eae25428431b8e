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
package org.ferrum.perfusion.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomParser;
import org.ferrum.dicom.DicomScan;
import org.ferrum.dicom.DicomScanner;
import org.ferrum.dicom.DicomSeries;
import org.ferrum.dicom.DicomVolume;
import org.ferrum.dicom.ImageKind;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.perfusion.DynamicSeries;

/**
 * Reads a DCE series: a 4-D NIfTI with its BIDS JSON sidecar, or a DICOM folder.
 *
 * <p><b>NIfTI</b>: the sidecar (same name, {@code .json}) must give {@code RepetitionTime} (s), {@code FlipAngle}
 * (deg) and {@code FrameTimesStart} (s, one per volume, increasing); {@code MagneticFieldStrength} (T) is optional (NaN
 * and a warning without it).
 *
 * <p><b>DICOM</b>: the one magnitude series with more than one time point and one echo under the folder, assembled by
 * {@code modules/dicom}; TR from RepetitionTime (0018,0080, ms), flip angle from FlipAngle (0018,1314), field from
 * MagneticFieldStrength (0018,0087). Frame times (start of each time point, relative to the first) come from the
 * classic (one image per file) headers, by this rule:
 *
 * <ol>
 *   <li>when every file has TemporalPositionIdentifier (0020,0100) and there are as many distinct values as time points
 *       (GE and Philips multiphase series): the files are grouped by it; each group's time is the earliest TriggerTime
 *       (0018,1060, ms) when that differs between groups (GE multiphase series give the phase's time since the series
 *       start there, while their AcquisitionTime may be the same for all phases), else the earliest AcquisitionTime
 *       (0008,0032), else the earliest ContentTime (0008,0033);
 *   <li>otherwise (Siemens, which sets no temporal position on classic images) the files are ordered by
 *       AcquisitionTime (else ContentTime) and cut into as many equal groups as time points; each group's time is its
 *       earliest (a 3-D volume shares one AcquisitionTime; 2-D slices each have their own).
 * </ol>
 *
 * Enhanced (multi-frame) objects are refused with a message: their per-frame timing is not read here yet.
 */
public final class DceSeriesReader {

    public static final String FRAME_TIMES_START = "FrameTimesStart";
    static final int TRIGGER_TIME = 0x00181060;
    static final int ACQUISITION_TIME = 0x00080032;
    static final int CONTENT_TIME = 0x00080033;
    static final int REPETITION_TIME = 0x00180080;
    static final int FLIP_ANGLE = 0x00181314;
    static final int TEMPORAL_POSITION_IDENTIFIER = 0x00200100;

    private DceSeriesReader() {}

    /** A NIfTI file (with sidecar) or a DICOM folder. */
    public static DynamicSeries read(Path path, Consumer<String> warnings, Cancellation cancellation)
            throws IOException {
        return Files.isDirectory(path) ? readDicom(path, warnings, cancellation) : readNifti(path, warnings);
    }

    /** A 4-D NIfTI and its sidecar. */
    public static DynamicSeries readNifti(Path image, Consumer<String> warnings) throws IOException {
        Path json = BidsSidecar.pathFor(image);
        if (!Files.isRegularFile(json)) {
            throw new VolumeFormatException(
                    image,
                    "has no JSON sidecar " + json.getFileName() + " (needed for RepetitionTime, FlipAngle and "
                            + FRAME_TIMES_START + ")");
        }
        BidsSidecar sidecar = BidsSidecar.read(json);
        double tr = required(sidecar, json, BidsSidecar.REPETITION_TIME, "s");
        double fa = required(sidecar, json, BidsSidecar.FLIP_ANGLE, "deg");
        if (tr > 1) {
            throw new VolumeFormatException(
                    json, "RepetitionTime " + tr + " is given in ms, not s as BIDS requires? (SPGR TR is a few ms)");
        }
        Optional<JsonNode> node = sidecar.get(FRAME_TIMES_START);
        if (node.isEmpty() || !node.get().isArray()) {
            throw new VolumeFormatException(json, "has no " + FRAME_TIMES_START + " array (s, one per volume)");
        }
        double[] times = new double[node.get().size()];
        for (int i = 0; i < times.length; i++) {
            JsonNode v = node.get().get(i);
            if (!v.isNumber()) {
                throw new VolumeFormatException(json, FRAME_TIMES_START + "[" + i + "] is not a number: " + v);
            }
            times[i] = v.asDouble();
        }
        requireIncreasing(json, FRAME_TIMES_START, times);
        Volume<FloatType> volume = VolumeFiles.readFloat(image, warnings);
        if (volume.numDimensions() != 4 || volume.frames() < 2) {
            throw new VolumeFormatException(image, "is not a 4-D series of at least 2 volumes (" + dims(volume) + ")");
        }
        if (volume.frames() != times.length) {
            throw new VolumeFormatException(
                    json,
                    FRAME_TIMES_START + " has " + times.length + " times but " + image.getFileName() + " has "
                            + volume.frames() + " volumes");
        }
        OptionalDouble field = sidecar.magneticFieldStrength();
        if (field.isEmpty()) {
            warnings.accept(json.getFileName() + " has no MagneticFieldStrength: field strength unknown");
        }
        return new DynamicSeries(volume.withUnit(PhysicalUnit.ARBITRARY), times, tr, fa, field.orElse(Double.NaN));
    }

    /** The one dynamic magnitude series of a DICOM folder. */
    public static DynamicSeries readDicom(Path folder, Consumer<String> warnings, Cancellation cancellation)
            throws IOException {
        DicomScan scan = DicomScanner.scan(folder, DicomScanner.Progress.NONE, cancellation);
        List<DicomVolume> dynamic = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (DicomSeries s : scan.series()) {
            cancellation.throwIfCancelled("reading " + folder);
            seen.add(s.toString());
            for (DicomVolume v : s.assemble()) {
                if (v.kind() == ImageKind.MAGNITUDE && v.timePoints() > 1 && v.echoes() == 1) {
                    dynamic.add(v);
                }
            }
        }
        if (dynamic.size() != 1) {
            throw new VolumeFormatException(
                    folder,
                    (dynamic.isEmpty() ? "holds no" : "holds " + dynamic.size())
                            + " dynamic magnitude series (one echo, several time points); series found: "
                            + (seen.isEmpty() ? "none" : String.join("; ", seen))
                            + (dynamic.isEmpty() ? "" : ": pass a folder holding one of them"));
        }
        DicomVolume v = dynamic.get(0);
        v.warnings().forEach(w -> warnings.accept(folder.getFileName() + ": " + w));
        List<Path> files = v.series().files();
        DicomDataset first = DicomParser.readHeader(files.get(0)).dataset();
        double trMs = first.number(REPETITION_TIME).orElse(Double.NaN);
        double fa = first.number(FLIP_ANGLE).orElse(Double.NaN);
        if (!(trMs > 0)) {
            throw new VolumeFormatException(files.get(0), "has no RepetitionTime (0018,0080)");
        }
        if (!(fa > 0)) {
            throw new VolumeFormatException(files.get(0), "has no FlipAngle (0018,1314)");
        }
        double[] times = frameTimesOfFiles(folder, files, v.timePoints(), warnings);
        double field = v.series().magneticFieldStrength();
        if (!(field > 0)) {
            warnings.accept(folder.getFileName() + ": no MagneticFieldStrength (0018,0087): field strength unknown");
            field = Double.NaN;
        }
        return new DynamicSeries(v.volume().withUnit(PhysicalUnit.ARBITRARY), times, trMs / 1000, fa, field);
    }

    /** The timing attributes of one image: TemporalPositionIdentifier (0 if absent), times in s or NaN. */
    record Timing(int temporal, double trigger, double acquisition, double content) {}

    /** Frame start times (s, relative to the first) by the rule in the class comment. */
    static double[] frameTimesOfFiles(Path folder, List<Path> files, int timePoints, Consumer<String> warnings)
            throws IOException {
        List<Timing> timings = new ArrayList<>();
        for (Path f : files) {
            var file = DicomParser.readHeader(f);
            if (file.frameCount() > 1) {
                throw new VolumeFormatException(
                        f, "is an enhanced (multi-frame) object: DCE frame times are read from classic images only");
            }
            DicomDataset d = file.dataset();
            timings.add(new Timing(
                    d.integer(TEMPORAL_POSITION_IDENTIFIER).orElse(0),
                    d.number(TRIGGER_TIME).orElse(Double.NaN),
                    d.string(ACQUISITION_TIME).map(DceSeriesReader::timeOfDay).orElse(Double.NaN),
                    d.string(CONTENT_TIME).map(DceSeriesReader::timeOfDay).orElse(Double.NaN)));
        }
        return frameTimes(folder, timings, timePoints, warnings);
    }

    /** Frame start times from the images' timing attributes (the rule in the class comment). */
    static double[] frameTimes(Path folder, List<Timing> timings, int timePoints, Consumer<String> warnings)
            throws VolumeFormatException {
        timings = new ArrayList<>(timings);
        if (timings.size() % timePoints != 0) {
            throw new VolumeFormatException(
                    folder, timings.size() + " images do not divide into " + timePoints + " time points");
        }
        double[] times = new double[timePoints];
        boolean byTemporal = timings.stream().allMatch(t -> t.temporal() > 0)
                && timings.stream().mapToInt(Timing::temporal).distinct().count() == timePoints;
        String tag;
        if (byTemporal) {
            TreeMap<Integer, List<Timing>> groups = new TreeMap<>();
            timings.forEach(t ->
                    groups.computeIfAbsent(t.temporal(), k -> new ArrayList<>()).add(t));
            double[] trigger = groupMin(groups.values(), Timing::trigger);
            double[] acquisition = groupMin(groups.values(), Timing::acquisition);
            double[] content = groupMin(groups.values(), Timing::content);
            if (allFinite(trigger) && distinct(trigger)) {
                for (int i = 0; i < timePoints; i++) {
                    times[i] = trigger[i] / 1000;
                }
                tag = "TriggerTime (0018,1060) per TemporalPositionIdentifier";
            } else if (allFinite(acquisition) && distinct(acquisition)) {
                times = acquisition;
                tag = "AcquisitionTime (0008,0032) per TemporalPositionIdentifier";
            } else if (allFinite(content) && distinct(content)) {
                times = content;
                tag = "ContentTime (0008,0033) per TemporalPositionIdentifier";
            } else {
                throw new VolumeFormatException(
                        folder,
                        "frame times: neither TriggerTime, AcquisitionTime nor ContentTime differs between the "
                                + timePoints + " temporal positions");
            }
        } else {
            boolean acq = timings.stream().allMatch(t -> Double.isFinite(t.acquisition()));
            boolean content = timings.stream().allMatch(t -> Double.isFinite(t.content()));
            if (!acq && !content) {
                throw new VolumeFormatException(
                        folder,
                        "frame times: the images have no TemporalPositionIdentifier (0020,0100) and not all have"
                                + " AcquisitionTime (0008,0032) or ContentTime (0008,0033)");
            }
            java.util.function.ToDoubleFunction<Timing> timeOfDay = acq ? Timing::acquisition : Timing::content;
            double min = timings.stream().mapToDouble(timeOfDay).min().orElse(0);
            double max = timings.stream().mapToDouble(timeOfDay).max().orElse(0);
            boolean midnight = max - min > 43200; // the series crossed midnight: early-morning times come last
            java.util.function.ToDoubleFunction<Timing> key = t -> {
                double x = timeOfDay.applyAsDouble(t);
                return midnight && x < 43200 ? x + 86400 : x;
            };
            timings.sort(Comparator.comparingDouble(key));
            int per = timings.size() / timePoints;
            for (int i = 0; i < timePoints; i++) {
                times[i] = key.applyAsDouble(timings.get(i * per));
            }
            tag = (acq ? "AcquisitionTime (0008,0032)" : "ContentTime (0008,0033)") + ", images in time order cut into "
                    + timePoints + " groups of " + per;
        }
        double t0 = times[0];
        for (int i = 0; i < timePoints; i++) {
            times[i] -= t0;
            if (times[i] < -43200) { // the series crossed midnight
                times[i] += 86400;
            }
        }
        requireIncreasing(folder, tag, times);
        warnings.accept("frame times from " + tag);
        return times;
    }

    private static double[] groupMin(
            java.util.Collection<List<Timing>> groups, java.util.function.ToDoubleFunction<Timing> f) {
        double[] out = new double[groups.size()];
        int i = 0;
        for (List<Timing> g : groups) {
            double m = Double.POSITIVE_INFINITY;
            for (Timing t : g) {
                double v = f.applyAsDouble(t);
                m = Double.isNaN(v) ? Double.NaN : Math.min(m, v);
                if (Double.isNaN(m)) {
                    break;
                }
            }
            out[i++] = m;
        }
        return out;
    }

    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean distinct(double[] x) {
        return java.util.Arrays.stream(x).distinct().count() == x.length;
    }

    /** DICOM TM text (HHMMSS.FFFFFF, or HH:MM:SS of old files) to seconds after midnight; NaN if malformed. */
    static double timeOfDay(String tm) {
        String s = tm.trim().replace(":", "");
        try {
            int hh = Integer.parseInt(s.substring(0, 2));
            int mm = s.length() >= 4 ? Integer.parseInt(s.substring(2, 4)) : 0;
            double ss = s.length() >= 6 ? Double.parseDouble(s.substring(4)) : 0;
            return hh * 3600 + mm * 60 + ss;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double required(BidsSidecar sidecar, Path json, String key, String unit)
            throws VolumeFormatException {
        OptionalDouble v = sidecar.number(key);
        if (v.isEmpty() || !(v.getAsDouble() > 0)) {
            throw new VolumeFormatException(
                    json,
                    (v.isEmpty() ? "has no " + key : key + " is " + v.getAsDouble()) + " (" + unit
                            + ", positive, needed for the SPGR signal equation)");
        }
        return v.getAsDouble();
    }

    /** Refuses missing, non-finite or non-increasing times, naming the field and the first bad index. */
    static void requireIncreasing(Path file, String field, double[] times) throws VolumeFormatException {
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new VolumeFormatException(file, field + "[" + i + "] is " + times[i]);
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new VolumeFormatException(
                        file,
                        String.format(
                                Locale.ROOT,
                                "%s must increase: frame %d at %g s is not after frame %d at %g s",
                                field,
                                i,
                                times[i],
                                i - 1,
                                times[i - 1]));
            }
        }
    }

    private static String dims(Volume<?> v) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < v.numDimensions(); d++) {
            b.append(d == 0 ? "" : "×").append(v.dimension(d));
        }
        return b.toString();
    }
}
