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
package org.ferrum.dicom;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.ferrum.io.bids.BidsSidecar;

/**
 * The BIDS sidecar {@link DicomConverter} writes beside each NIfTI: the keys dcm2niix writes where Ferrum
 * reads the same attribute, with dcm2niix's names, units and value formats (as observed in its outputs),
 * plus Ferrum's own.
 *
 * <h2>Keys, in the order written</h2>
 * <table>
 * <caption>sidecar keys and their sources</caption>
 * <tr><td>Modality</td><td>Modality (0008,0060)</td></tr>
 * <tr><td>MagneticFieldStrength</td><td>(0018,0087), tesla</td></tr>
 * <tr><td>ImagingFrequency</td><td>(0018,0084), MHz</td></tr>
 * <tr><td>Manufacturer</td><td>(0008,0070), normalised as dcm2niix does ({@link NameTemplate#vendor}: "SIEMENS" →
 *     "Siemens")</td></tr>
 * <tr><td>ManufacturersModelName</td><td>(0008,1090)</td></tr>
 * <tr><td>PatientPosition, SoftwareVersions, MRAcquisitionType, SeriesDescription, ProtocolName,
 *     ScanningSequence, SequenceVariant, SequenceName</td><td>the attribute of that name, multiple values joined
 *     with a backslash as in the file</td></tr>
 * <tr><td>ImageType</td><td>Image Type (0008,0008) (enhanced: the frame's Frame Type (0008,9007)), then — as
 *     dcm2niix since 2024 — the image kind appended when it is not already a value: {@code MAGNITUDE},
 *     {@code PHASE}, {@code REAL}, {@code IMAGINARY}, {@code FIELDMAPHZ}</td></tr>
 * <tr><td>SeriesNumber, AcquisitionNumber</td><td>integers</td></tr>
 * <tr><td>AcquisitionTime</td><td>when the acquisition of the output's images started, as {@code HH:MM:SS.ffffff}:
 *     the earliest Acquisition Time (0008,0032) of its images (classic objects; dcm2niix takes the first
 *     image's, which for interleaved slices is not the earliest), or Acquisition DateTime (0008,002A)
 *     (enhanced objects, where the standard defines it as the start)</td></tr>
 * <tr><td>Units</td><td>the unit of the voxel values: {@code rad} for phase, {@code Hz} for field maps,
 *     {@code arbitrary} for magnitude, real and imaginary</td></tr>
 * <tr><td>PhaseScaling</td><td>(Ferrum) the rule that turned stored values into the written values
 *     ({@link PhaseScaling.ValueMap#rule()}), for every output</td></tr>
 * <tr><td>SliceThickness, SpacingBetweenSlices</td><td>(0018,0050), (0018,0088), mm (enhanced: Pixel Measures)</td></tr>
 * <tr><td>EchoNumber</td><td>the output's echo number, when the series has echo numbers</td></tr>
 * <tr><td>EchoTime</td><td>the output's echo time in seconds (DICOM stores ms), when it has one echo time and it is
 *     positive (Philips gives its B0 map an EffectiveEchoTime of 0)</td></tr>
 * <tr><td>RepetitionTime</td><td>(0018,0080) in seconds (enhanced: MR Timing and Related Parameters)</td></tr>
 * <tr><td>FlipAngle</td><td>(0018,1314), degrees</td></tr>
 * <tr><td>PixelBandwidth</td><td>(0018,0095), Hz/pixel</td></tr>
 * <tr><td>ConversionSoftware, ConversionSoftwareVersion</td><td>{@code Ferrum} and its version</td></tr>
 * </table>
 * Attributes are read from the data set, or for enhanced objects first from the standard functional group
 * macros ({@link #holder}). A key is written only if its attribute is present and readable; a malformed optional attribute is left
 * out rather than failing the conversion. Numbers from DS/IS text are written with the digits of the
 * file (after the unit change), so {@code 5.19} ms becomes {@code 0.00519}, not {@code 0.005190000000000001}.
 */
final class DicomSidecar {

    /** Ferrum's key: the rule that gave the written values (phase scaling for phase, rescale otherwise). */
    public static final String PHASE_SCALING = "PhaseScaling";

    private static final int PIXEL_BANDWIDTH = 0x00180095;
    private static final int FRAME_ACQUISITION_DATE_TIME = 0x00189074;
    private static final int FLIP_ANGLE = 0x00181314;

    private DicomSidecar() {}

    /**
     * What one output is, beyond the attributes of its first data set.
     *
     * @param kind            the image kind
     * @param units           the unit of the written values ({@code rad}, {@code Hz}, {@code arbitrary})
     * @param scalingRule     how stored values became written values
     * @param echoNumber      the echo number, if the series numbers its echoes
     * @param echoTimeMs      the echo time in ms, if the output has a single one
     * @param acquisitionTime the earliest acquisition time (DICOM TM text) of the output's images, if known
     */
    public record OutputFacts(
            ImageKind kind,
            String units,
            String scalingRule,
            OptionalInt echoNumber,
            OptionalDouble echoTimeMs,
            Optional<String> acquisitionTime) {}

    /**
     * The sidecar of one output.
     *
     * @param first the first data set of the output (the file's data set for enhanced objects)
     * @param facts what the converter knows about the output
     * @param version Ferrum's version, for {@code ConversionSoftwareVersion}
     */
    public static BidsSidecar of(DicomDataset first, OutputFacts facts, String version) {
        BidsSidecar s = BidsSidecar.empty();
        s = text(s, "Modality", first, Tags.Modality);
        s = number(s, BidsSidecar.MAGNETIC_FIELD_STRENGTH, first, Tags.MagneticFieldStrength, 1);
        s = number(s, "ImagingFrequency", first, Tags.ImagingFrequency, 1);
        Optional<String> manufacturer = string(first, Tags.Manufacturer);
        if (manufacturer.isPresent()) {
            s = s.with(BidsSidecar.MANUFACTURER, NameTemplate.vendor(manufacturer.get()));
        }
        s = text(s, "ManufacturersModelName", first, Tags.ManufacturerModelName);
        s = text(s, "PatientPosition", first, Tags.PatientPosition);
        s = text(s, "SoftwareVersions", first, Tags.SoftwareVersions);
        s = text(s, "MRAcquisitionType", first, Tags.MRAcquisitionType);
        s = text(s, "SeriesDescription", first, Tags.SeriesDescription);
        s = text(s, "ProtocolName", first, Tags.ProtocolName);
        s = text(s, "ScanningSequence", first, Tags.ScanningSequence);
        s = text(s, "SequenceVariant", first, Tags.SequenceVariant);
        s = text(s, "SequenceName", first, Tags.SequenceName);
        s = s.with(BidsSidecar.IMAGE_TYPE, imageType(first, facts.kind()));
        s = integer(s, "SeriesNumber", first, Tags.SeriesNumber);
        Optional<String> acqTime = facts.acquisitionTime().or(() -> acquisitionTime(first));
        if (acqTime.isPresent()) {
            Optional<String> formatted = formatTime(acqTime.get());
            if (formatted.isPresent()) {
                s = s.with("AcquisitionTime", formatted.get());
            }
        }
        s = integer(s, "AcquisitionNumber", first, Tags.AcquisitionNumber);
        s = s.with(BidsSidecar.UNITS, facts.units());
        s = s.with(PHASE_SCALING, facts.scalingRule());
        s = number(s, "SliceThickness", first, Tags.SliceThickness, 1);
        s = number(s, "SpacingBetweenSlices", first, Tags.SpacingBetweenSlices, 1);
        if (facts.echoNumber().isPresent()) {
            s = s.with(BidsSidecar.ECHO_NUMBER, facts.echoNumber().getAsInt());
        }
        if (facts.echoTimeMs().isPresent()
                && facts.echoTimeMs().getAsDouble() > 0) { // Philips writes 0 for a B0 map: no echo
            s = withNumber(
                    s, BidsSidecar.ECHO_TIME, msToSeconds(facts.echoTimeMs().getAsDouble()));
        }
        s = number(s, BidsSidecar.REPETITION_TIME, first, Tags.RepetitionTime, 1e-3);
        s = number(s, BidsSidecar.FLIP_ANGLE, first, FLIP_ANGLE, 1);
        s = number(s, "PixelBandwidth", first, PIXEL_BANDWIDTH, 1);
        s = s.with("ConversionSoftware", "Ferrum");
        s = s.with("ConversionSoftwareVersion", version);
        return s;
    }

    /** The word dcm2niix appends to ImageType for a kind, or null (OTHER). */
    static String kindWord(ImageKind kind) {
        return switch (kind) {
            case MAGNITUDE -> "MAGNITUDE";
            case PHASE -> "PHASE";
            case REAL -> "REAL";
            case IMAGINARY -> "IMAGINARY";
            case FIELD_MAP -> "FIELDMAPHZ";
            case OTHER -> null;
        };
    }

    static List<String> imageType(DicomDataset first, ImageKind kind) {
        List<String> values = new ArrayList<>(strings(first, Tags.ImageType));
        if (values.isEmpty()) {
            values.addAll(strings(first, Tags.FrameType));
        }
        values.replaceAll(String::trim);
        String word = kindWord(kind);
        if (word != null && !values.contains(word)) {
            values.add(word);
        }
        return values;
    }

    /**
     * Where an attribute is read from. For an enhanced object (one with functional groups, PS3.3 C.7.6.16)
     * the standard functional group macros come first — the shared groups, then the first frame's — because
     * there the attribute describes the frames (Philips, for one, also writes top-level values that differ,
     * e.g. PixelBandwidth 3100 at the top and 3099.81 in the MR Imaging Modifier macro); private macros
     * (odd groups) are not searched. Then the data set itself.
     */
    static Optional<DicomDataset> holder(DicomDataset d, int tag) {
        if (d.contains(Tags.PerFrameFunctionalGroupsSequence) || d.contains(Tags.SharedFunctionalGroupsSequence)) {
            Optional<DicomDataset> inGroups = inFunctionalGroups(d, tag);
            if (inGroups.isPresent()) {
                return inGroups;
            }
        }
        return d.contains(tag) ? Optional.of(d) : Optional.empty();
    }

    private static Optional<DicomDataset> inFunctionalGroups(DicomDataset d, int tag) {
        for (int groups : new int[] {Tags.SharedFunctionalGroupsSequence, Tags.PerFrameFunctionalGroupsSequence}) {
            try {
                List<DicomDataset> items = d.sequence(groups);
                if (items.isEmpty()) {
                    continue;
                }
                DicomDataset item = items.get(0);
                for (int macro : item.tags()) {
                    boolean isPrivate = ((macro >>> 16) & 1) == 1;
                    if (isPrivate || item.vr(macro).orElse(null) != Vr.SQ) {
                        continue;
                    }
                    for (DicomDataset m : item.sequence(macro)) {
                        if (m.contains(tag)) {
                            return Optional.of(m);
                        }
                    }
                }
            } catch (DicomFormatException e) {
                // a malformed functional group: the attribute is simply not known
            }
        }
        return Optional.empty();
    }

    private static Optional<String> string(DicomDataset d, int tag) {
        try {
            Optional<DicomDataset> h = holder(d, tag);
            return h.isPresent() ? h.get().string(tag).map(String::trim).filter(v -> !v.isEmpty()) : Optional.empty();
        } catch (DicomFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(DicomDataset d, int tag) {
        try {
            Optional<DicomDataset> h = holder(d, tag);
            return h.isPresent() ? h.get().strings(tag) : List.of();
        } catch (DicomFormatException e) {
            return List.of();
        }
    }

    private static BidsSidecar text(BidsSidecar s, String key, DicomDataset d, int tag) {
        List<String> v = strings(d, tag);
        String joined = String.join("\\", v.stream().map(String::trim).toList());
        return joined.isEmpty() ? s : s.with(key, joined);
    }

    private static BidsSidecar integer(BidsSidecar s, String key, DicomDataset d, int tag) {
        try {
            Optional<DicomDataset> h = holder(d, tag);
            if (h.isPresent()) {
                OptionalInt v = h.get().integer(tag);
                if (v.isPresent()) {
                    return s.with(key, v.getAsInt());
                }
            }
        } catch (DicomFormatException e) {
            // left out
        }
        return s;
    }

    private static BidsSidecar number(BidsSidecar s, String key, DicomDataset d, int tag, double factor) {
        try {
            Optional<DicomDataset> h = holder(d, tag);
            if (h.isEmpty()) {
                return s;
            }
            Optional<String> text = h.get()
                    .vr(tag)
                    .filter(vr -> vr == Vr.DS || vr == Vr.IS)
                    .flatMap(vr -> {
                        try {
                            return h.get().string(tag);
                        } catch (DicomFormatException e) {
                            return Optional.empty();
                        }
                    });
            OptionalDouble v = h.get().number(tag);
            if (v.isEmpty() || !Double.isFinite(v.getAsDouble())) {
                return s;
            }
            double value = v.getAsDouble() * factor;
            if (text.isPresent()) { // exact decimal arithmetic on the file's digits
                try {
                    value = new BigDecimal(text.get().trim())
                            .multiply(BigDecimal.valueOf(factor))
                            .doubleValue();
                } catch (NumberFormatException e) {
                    // keep the binary value
                }
            }
            return withNumber(s, key, value);
        } catch (DicomFormatException e) {
            return s;
        }
    }

    private static double msToSeconds(double ms) {
        return new BigDecimal(Double.toString(ms)).movePointLeft(3).doubleValue();
    }

    private static BidsSidecar withNumber(BidsSidecar s, String key, double v) {
        return s.with(key, v);
    }

    /**
     * The acquisition start of a data set: the time of Acquisition DateTime (0008,002A) (enhanced objects: "the
     * date and time that the acquisition of data started", PS3.3 C.7.6.16.2.2), else Acquisition Time, else the
     * first frame's Frame Acquisition DateTime.
     */
    static Optional<String> acquisitionTime(DicomDataset d) {
        Optional<String> dt = topLevel(d, Tags.AcquisitionDateTime);
        if (dt.isEmpty()) {
            Optional<String> t = topLevel(d, Tags.AcquisitionTime);
            if (t.isPresent()) {
                return t;
            }
            dt = string(d, FRAME_ACQUISITION_DATE_TIME);
        }
        return dt.filter(v -> v.length() > 8).map(v -> v.substring(8));
    }

    private static Optional<String> topLevel(DicomDataset d, int tag) {
        try {
            return d.string(tag).map(String::trim).filter(v -> !v.isEmpty());
        } catch (DicomFormatException e) {
            return Optional.empty();
        }
    }

    /** DICOM TM ({@code HHMMSS.FFFFFF}, possibly with a DT's time-zone offset) as {@code HH:MM:SS.ffffff}. */
    static Optional<String> formatTime(String tm) {
        String t = tm.trim();
        int zone = Math.max(t.indexOf('+'), t.indexOf('-'));
        if (zone > 0) {
            t = t.substring(0, zone);
        }
        t = t.replace(":", "");
        if (!t.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
            return Optional.empty();
        }
        String hh = t.substring(0, 2);
        String mm = t.length() >= 4 ? t.substring(2, 4) : "00";
        String ss = t.length() >= 6 ? t.substring(4, 6) : "00";
        String frac = t.length() > 7 ? t.substring(7) : "";
        return Optional.of(
                String.format(Locale.ROOT, "%s:%s:%s.%-6s", hh, mm, ss, frac).replace(' ', '0'));
    }
}
