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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One DICOM series as a scan found it: the images sharing a SeriesInstanceUID (0020,000E), with what a
 * study browser shows about it and the per-image facts {@link SeriesAssembly} needs to build volumes
 * without reading headers again.
 *
 * <p>A series may hold several {@link ImageKind}s and echoes (e.g. a Siemens GRE with magnitude of two
 * echoes, GE's field map + magnitude); {@link SeriesAssembly#assemble} separates them. Immutable.
 */
public final class DicomSeries {

    /**
     * The identifying attributes of a series, taken from its first file (empty strings / 0 / NaN for
     * absent attributes).
     */
    public record Identity(
            String patientName,
            String patientId,
            String studyInstanceUid,
            String studyDate,
            String studyDescription,
            String seriesInstanceUid,
            int seriesNumber,
            String seriesDescription,
            String modality,
            String manufacturer,
            String protocolName,
            double magneticFieldStrength,
            List<String> imageType) {

        public Identity {
            imageType = List.copyOf(imageType);
        }
    }

    private final Identity identity;
    private final List<FrameHeader> frames;
    private final long bytes;

    DicomSeries(Identity identity, List<FrameHeader> frames, long bytes) {
        this.identity = Objects.requireNonNull(identity);
        this.frames = List.copyOf(resolveGeFieldMaps(frames));
        this.bytes = bytes;
    }

    /**
     * GE direct field maps store, for each location, the field map (Hz) first and the magnitude second
     * (dcm2niix issue #501, described by GE): the lower InstanceNumber at a location is the field map.
     */
    private static List<FrameHeader> resolveGeFieldMaps(List<FrameHeader> in) {
        if (in.stream().noneMatch(FrameHeader::geFieldMap)) {
            return in;
        }
        Map<String, List<FrameHeader>> byLocation = new LinkedHashMap<>();
        List<FrameHeader> out = new ArrayList<>();
        for (FrameHeader f : in) {
            if (!f.geFieldMap() || f.position() == null) {
                out.add(f);
                continue;
            }
            String key = String.format(
                    Locale.ROOT,
                    "%.3f/%.3f/%.3f/%s",
                    f.position()[0],
                    f.position()[1],
                    f.position()[2],
                    f.echoTimeMs());
            byLocation.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        for (List<FrameHeader> group : byLocation.values()) {
            group.sort(Comparator.comparingInt(FrameHeader::instanceNumber));
            for (int i = 0; i < group.size(); i++) {
                out.add(group.get(i).withKind(i == 0 && group.size() > 1 ? ImageKind.FIELD_MAP : ImageKind.MAGNITUDE));
            }
        }
        out.sort(Comparator.comparing((FrameHeader f) -> f.file().toString())
                .thenComparingInt(FrameHeader::frame)
                .thenComparingInt(FrameHeader::tile));
        return out;
    }

    /** All volumes of this series, one per image kind, in {@link ImageKind} order ({@link SeriesAssembly}). */
    public List<DicomVolume> assemble() throws IOException {
        return SeriesAssembly.assemble(this);
    }

    public Identity identity() {
        return identity;
    }

    public String patientName() {
        return identity.patientName();
    }

    public String patientId() {
        return identity.patientId();
    }

    public String studyDate() {
        return identity.studyDate();
    }

    public String studyDescription() {
        return identity.studyDescription();
    }

    public String studyInstanceUid() {
        return identity.studyInstanceUid();
    }

    public int seriesNumber() {
        return identity.seriesNumber();
    }

    public String seriesDescription() {
        return identity.seriesDescription();
    }

    public String seriesInstanceUid() {
        return identity.seriesInstanceUid();
    }

    public String modality() {
        return identity.modality();
    }

    public String manufacturer() {
        return identity.manufacturer();
    }

    public String protocolName() {
        return identity.protocolName();
    }

    /** MagneticFieldStrength (0018,0087) in T, NaN if absent. */
    public double magneticFieldStrength() {
        return identity.magneticFieldStrength();
    }

    /** The kinds of image the series holds, in {@link ImageKind} order. */
    public Set<ImageKind> imageKinds() {
        EnumSet<ImageKind> s = EnumSet.noneOf(ImageKind.class);
        frames.forEach(f -> s.add(f.kind()));
        return s;
    }

    /** The distinct echo numbers (EchoNumbers, 0 where absent), ascending. */
    public List<Integer> echoNumbers() {
        return frames.stream().map(FrameHeader::echoNumber).distinct().sorted().toList();
    }

    /** The distinct echo times in ms (NaN-free), ascending. */
    public List<Double> echoTimesMs() {
        return frames.stream()
                .map(FrameHeader::echoTimeMs)
                .filter(Double::isFinite)
                .distinct()
                .sorted()
                .toList();
    }

    /** The files of the series, sorted by path. */
    public List<Path> files() {
        return List.copyOf(frames.stream().map(FrameHeader::file).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Number of 2-D images: files × frames per file (mosaic tiles count as images). */
    public int frameCount() {
        return frames.size();
    }

    /** Total size of the series' files in bytes. */
    public long bytes() {
        return bytes;
    }

    /** The per-image facts, in file, frame, tile order. */
    List<FrameHeader> frames() {
        return frames;
    }

    /** One line for lists and messages: number, description, modality, kinds, echoes, files. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "series %d \"%s\" (%s %s, %s, %d echo%s, %d files, %d images)",
                seriesNumber(),
                seriesDescription(),
                manufacturer(),
                modality(),
                imageKinds().stream().map(ImageKind::label).collect(Collectors.joining("+")),
                Math.max(1, echoTimesMs().size()),
                echoTimesMs().size() > 1 ? "es" : "",
                files().size(),
                frameCount());
    }
}
