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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.diffusion.DiffusionDataset;

/**
 * The diffusion-weighted series of a DICOM folder, with the b-value and gradient direction of every volume
 * ({@link DiffusionTags}: the standard MR Diffusion attributes, or Siemens, GE and Philips private ones).
 *
 * <p>Rules: candidates are the magnitude images of one echo whose images carry diffusion attributes. When the folder
 * holds several, the one with more than one volume is taken if it is the only such (a scanner's derived trace or ADC
 * series beside the acquisition); otherwise the error lists them and asks for a folder holding one. Every volume must
 * have a b-value (a volume without one is refused, naming the series). Directions are LPS unit vectors, null for
 * b = 0 and trace volumes. Values are in arbitrary units.
 */
public final class DicomDiffusionSeries {

    private DicomDiffusionSeries() {}

    /** Reads the one diffusion-weighted series in a folder tree. */
    public static DiffusionDataset read(Path folder, Cancellation cancellation) throws IOException {
        return read(folder, cancellation, ParserSource.INSTANCE);
    }

    static DiffusionDataset read(Path folder, Cancellation cancellation, HeaderSource source) throws IOException {
        DicomScan scan = DicomScanner.scan(folder, DicomScanner.Progress.NONE, cancellation, source);
        if (scan.series().isEmpty()) {
            throw new DicomFormatException(folder, "no DICOM series found");
        }
        List<DicomSeries> owners = new ArrayList<>();
        List<SeriesAssembly.Layout> layouts = new ArrayList<>();
        for (DicomSeries s : scan.series()) {
            for (SeriesAssembly.Layout l : SeriesAssembly.plan(s)) {
                if (l.kind() == ImageKind.MAGNITUDE && l.echoes() == 1 && l.diffusion() != null) {
                    owners.add(s);
                    layouts.add(l);
                }
            }
        }
        if (layouts.isEmpty()) {
            throw new DicomFormatException(
                    folder,
                    "no diffusion-weighted images (no b-value in (0018,9087) or the vendor's private tags) among "
                            + scan.series().stream().map(DicomSeries::toString).collect(Collectors.joining("; ")));
        }
        int pick = -1;
        if (layouts.size() == 1) {
            pick = 0;
        } else {
            for (int i = 0; i < layouts.size(); i++) {
                if (layouts.get(i).timePoints() > 1) {
                    pick = pick == -1 ? i : -2;
                }
            }
        }
        if (pick < 0) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < layouts.size(); i++) {
                list.add(String.format(
                        Locale.ROOT,
                        "series %d \"%s\" (%d volumes)",
                        owners.get(i).seriesNumber(),
                        owners.get(i).seriesDescription(),
                        layouts.get(i).timePoints()));
            }
            throw new DicomFormatException(
                    folder,
                    "holds " + layouts.size() + " diffusion-weighted series (" + String.join("; ", list)
                            + "); pass a folder holding one of them");
        }
        DicomSeries series = owners.get(pick);
        SeriesAssembly.Layout layout = layouts.get(pick);
        DicomDiffusion dw = layout.diffusion();
        double[] b = dw.bValues();
        for (int v = 0; v < b.length; v++) {
            if (!Double.isFinite(b[v])) {
                throw new DicomFormatException(
                        folder,
                        "series " + series.seriesNumber() + " \"" + series.seriesDescription() + "\": volume " + (v + 1)
                                + " of " + b.length + " has no b-value");
            }
        }
        DicomVolume loaded = SeriesAssembly.load(series, layout, cancellation, source);
        double[][] directions = new double[b.length][];
        for (int v = 0; v < b.length; v++) {
            directions[v] = b[v] > 0 ? dw.direction(v) : null;
        }
        DicomProvenance.register(loaded.volume().geometry(), series);
        return new DiffusionDataset(loaded.volume().withUnit(PhysicalUnit.ARBITRARY), b, directions);
    }
}
