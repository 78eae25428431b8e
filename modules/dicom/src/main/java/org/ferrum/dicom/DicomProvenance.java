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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.ferrum.core.Geometry;

/**
 * Which DICOM series a volume on a given grid came from, so that a map derived from it can reference its source
 * when it is exported back to DICOM ({@link DerivedMapExport#source}).
 *
 * <p>How it travels: every volume that {@link SeriesAssembly} builds (the DICOM readers of the viewer, of
 * {@code io.read.volume} and of {@code io.read.gre} all use it) registers its {@link Geometry} with its series.
 * Operators hand their inputs' geometry on to their outputs (a χ, R2* or LIC map lies on the grid of the images it
 * was computed from), so the map's geometry finds the source series again — no operator needs to know about DICOM.
 * Lookup is by equal geometry (the same voxel → patient affine); when two series read in this session share one grid
 * (magnitude and phase of one acquisition), the series read last is returned. The registry holds the geometries
 * weakly: an entry lives as long as a volume on that grid does. A map reloaded from a NIfTI file in a later session
 * has no registered source; {@code io.write.dicom}'s {@code source} parameter names it explicitly then.
 */
public final class DicomProvenance {

    private static final Map<Geometry, DicomSeries> SOURCES = Collections.synchronizedMap(new WeakHashMap<>());

    private DicomProvenance() {}

    /** Records that volumes on grid {@code g} were read from {@code series}. */
    public static void register(Geometry g, DicomSeries series) {
        SOURCES.put(g, series);
    }

    /** The series a volume on grid {@code g} was read from in this session, if one was registered. */
    public static Optional<DicomSeries> sourceOf(Geometry g) {
        return Optional.ofNullable(SOURCES.get(g));
    }

    /** The source series as {@link DerivedMapExport} needs it: each file's header (no pixels read). */
    public static DerivedMapExport.SourceSeries sourceSeries(DicomSeries series) throws IOException {
        List<DicomDataset> headers = new ArrayList<>();
        for (Path f : series.files()) {
            headers.add(DicomParser.readHeader(f).dataset());
        }
        return DerivedMapExport.SourceSeries.of(headers);
    }
}
