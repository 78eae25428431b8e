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
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;

/**
 * A multi-echo gradient-echo dataset read from a DICOM folder: magnitude and phase of the same echoes,
 * paired into a {@link MultiEchoGre} that the QSM pipeline uses directly.
 *
 * <p>Pairing rules:
 * <ul>
 * <li>Candidates are the magnitude volumes of the folder's series (one time point each) with echo times.
 *     A phase volume pairs with a magnitude when it has the same echo times (within 0.001 ms), the same
 *     dimensions and the same geometry (within 0.001 mm). Phase may come from the same series (Philips,
 *     GE, Siemens "magnitude and phase" in one series) or another one (Siemens saves phase as the next
 *     series, e.g. heudiconv's MEGRE: series 2 magnitude, series 3 phase).</li>
 * <li>Exactly one magnitude must remain after preferring those with a phase partner; otherwise the
 *     error lists the candidates (series number and description) and asks for a folder with one.</li>
 * <li>Echo times: EchoTime in ms → s; strictly increasing. Field strength: MagneticFieldStrength
 *     (0018,0087) in T, required. B0 direction: the default (0, 0, 1) in LPS — DICOM has no standard
 *     attribute for it, and for a supine patient in a horizontal-bore magnet B0 is along the patient's
 *     S–I axis.</li>
 * <li>Phase is in radians ({@link PhaseScaling}); magnitude in arbitrary units.</li>
 * </ul>
 */
public final class DicomMultiEcho {

    private DicomMultiEcho() {}

    /** Reads the one multi-echo GRE dataset in a folder tree. */
    public static MultiEchoGre read(Path folder) throws IOException {
        return read(folder, Cancellation.NEVER);
    }

    /** As {@link #read(Path)}, with cancellation. */
    public static MultiEchoGre read(Path folder, Cancellation cancellation) throws IOException {
        return read(folder, cancellation, ParserSource.INSTANCE);
    }

    static MultiEchoGre read(Path folder, Cancellation cancellation, HeaderSource source) throws IOException {
        DicomScan scan = DicomScanner.scan(folder, DicomScanner.Progress.NONE, cancellation, source);
        return read(folder, scan, cancellation, source);
    }

    private record Candidate(DicomSeries series, SeriesAssembly.Layout layout) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "series %d \"%s\" %s (%d echo%s)",
                    series.seriesNumber(),
                    series.seriesDescription(),
                    layout.kind().label(),
                    layout.echoes(),
                    layout.echoes() == 1 ? "" : "es");
        }
    }

    static MultiEchoGre read(Path folder, DicomScan scan, Cancellation cancellation, HeaderSource source)
            throws IOException {
        if (scan.series().isEmpty()) {
            String why = scan.unreadable().isEmpty()
                    ? "no files"
                    : scan.unreadable().size() + " files, none a DICOM image (e.g. "
                            + scan.unreadable().get(0) + ")";
            throw new DicomFormatException(folder, "no DICOM series found: " + why);
        }
        List<Candidate> magnitudes = new ArrayList<>();
        List<Candidate> phases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DicomSeries s : scan.series()) {
            List<SeriesAssembly.Layout> layouts;
            try {
                layouts = SeriesAssembly.plan(s);
            } catch (DicomFormatException e) {
                problems.add(e.getMessage());
                continue;
            }
            for (SeriesAssembly.Layout l : layouts) {
                if (l.timePoints() != 1 || l.echoTimesMs().stream().anyMatch(te -> !(te > 0))) {
                    continue;
                }
                if (l.kind() == ImageKind.MAGNITUDE) {
                    magnitudes.add(new Candidate(s, l));
                } else if (l.kind() == ImageKind.PHASE) {
                    phases.add(new Candidate(s, l));
                }
            }
        }
        if (magnitudes.isEmpty()) {
            throw new DicomFormatException(
                    folder,
                    "no magnitude images with echo times found among "
                            + scan.series().stream().map(DicomSeries::toString).collect(Collectors.joining("; "))
                            + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems)));
        }
        List<Candidate[]> pairs = new ArrayList<>();
        for (Candidate m : magnitudes) {
            for (Candidate p : phases) {
                if (matches(m.layout(), p.layout())) {
                    pairs.add(new Candidate[] {m, p});
                }
            }
        }
        Candidate mag;
        Candidate phase = null;
        if (pairs.size() == 1) {
            mag = pairs.get(0)[0];
            phase = pairs.get(0)[1];
        } else if (pairs.size() > 1) {
            throw new DicomFormatException(
                    folder,
                    "holds " + pairs.size() + " magnitude + phase pairs ("
                            + pairs.stream()
                                    .map(c -> c[0].describe() + " with " + c[1].describe())
                                    .collect(Collectors.joining("; "))
                            + "); pass a folder holding one of them");
        } else if (magnitudes.size() == 1) {
            mag = magnitudes.get(0);
        } else {
            throw new DicomFormatException(
                    folder,
                    "holds " + magnitudes.size() + " magnitude series and no matching phase ("
                            + magnitudes.stream().map(Candidate::describe).collect(Collectors.joining("; "))
                            + "); pass a folder holding one of them");
        }
        double field = mag.series().magneticFieldStrength();
        if (!(field > 0)) {
            throw new DicomFormatException(folder, mag.describe() + " has no MagneticFieldStrength (0018,0087)");
        }
        double[] seconds =
                mag.layout().echoTimesMs().stream().mapToDouble(ms -> ms * 1e-3).toArray();
        EchoTimes tes;
        try {
            tes = EchoTimes.ofSeconds(seconds);
        } catch (IllegalArgumentException e) {
            throw new DicomFormatException(folder, mag.describe() + ": " + e.getMessage());
        }
        Volume<FloatType> m = SeriesAssembly.load(mag.series(), mag.layout(), cancellation, source)
                .volume()
                .withUnit(PhysicalUnit.ARBITRARY);
        Volume<FloatType> p = phase == null
                ? null
                : SeriesAssembly.load(phase.series(), phase.layout(), cancellation, source)
                        .volume();
        if (p != null) {
            p = p.withGeometry(m.geometry()); // equal within 0.001 mm (checked); one geometry for both
        }
        DicomProvenance.register(m.geometry(), mag.series()); // derived maps reference the magnitude series
        try {
            return new MultiEchoGre(m, p, new GreAcquisition(tes, field));
        } catch (IllegalArgumentException e) {
            throw new DicomFormatException(folder, e.getMessage());
        }
    }

    private static boolean matches(SeriesAssembly.Layout m, SeriesAssembly.Layout p) {
        if (m.echoes() != p.echoes()
                || m.columns() != p.columns()
                || m.rows() != p.rows()
                || m.images().length != p.images().length) {
            return false;
        }
        for (int e = 0; e < m.echoes(); e++) {
            if (Math.abs(m.echoTimesMs().get(e) - p.echoTimesMs().get(e)) > 1e-3) {
                return false;
            }
        }
        return m.geometry().approximatelyEquals(p.geometry(), 1e-3);
    }
}
