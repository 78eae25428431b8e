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
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.spi.VolumeReader;
import org.openide.util.lookup.ServiceProvider;

/**
 * The DICOM {@link VolumeReader}: reads one series from a folder (which must hold exactly one series) or
 * from one of its files (the series of that file, found among the files of its folder).
 *
 * <p>The result is the series' only image kind as physical float values ({@link SeriesAssembly},
 * {@link PhaseScaling}), unscaled; several echoes or time points make it 4-D. A folder with several series,
 * or a series with several kinds (e.g. magnitude + field map), is a {@link DicomFormatException} that
 * lists what is there (series number and description) and asks which one: pass a file of the wanted
 * series, or use {@link SeriesAssembly} / {@link DicomMultiEcho}.
 *
 * <p>{@link #canRead}: a file whose bytes 128–131 are {@code DICM} (PS3.10 §7.1 preamble + prefix), or a
 * folder with such a file among its first entries (it and its immediate sub-folders).
 *
 * <p>Lookup position 200: after NIfTI, whose {@code canRead} decides by name alone, so that a NIfTI path
 * never costs a file read here (this needs NIfTI's reader to take a lower position, e.g. 100).
 */
@ServiceProvider(service = VolumeReader.class, position = 200)
public final class DicomVolumeReader implements VolumeReader {

    private static final int PROBE_ENTRIES = 32;

    @Override
    public String formatName() {
        return "DICOM";
    }

    @Override
    public boolean canRead(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                return hasDicmPrefix(path);
            }
            if (Files.isDirectory(path)) {
                return probe(path, 1);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean probe(Path dir, int depth) throws IOException {
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (++seen > PROBE_ENTRIES) {
                    break;
                }
                if (Files.isRegularFile(p) && hasDicmPrefix(p)) {
                    return true;
                }
                if (depth > 0 && Files.isDirectory(p) && probe(p, depth - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasDicmPrefix(Path file) throws IOException {
        byte[] b = new byte[132];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(b, 0, 132) < 132) {
                return false;
            }
        }
        return b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    @Override
    public ScaledVolume<?> read(Path path) throws IOException {
        return read(path, ParserSource.INSTANCE);
    }

    static ScaledVolume<?> read(Path path, HeaderSource source) throws IOException {
        boolean file = Files.isRegularFile(path);
        Path folder = file ? path.toAbsolutePath().getParent() : path;
        DicomScan scan = DicomScanner.scan(
                folder, DicomScanner.Progress.NONE, org.ferrum.core.parallel.Cancellation.NEVER, source);
        List<DicomSeries> all = scan.series();
        DicomSeries series;
        if (file) {
            Path abs = path.toAbsolutePath().normalize();
            series = all.stream()
                    .filter(s -> s.files().stream()
                            .anyMatch(f -> f.toAbsolutePath().normalize().equals(abs)))
                    .findFirst()
                    .orElse(null);
            if (series == null) {
                String why = scan.unreadable().stream()
                        .filter(u -> u.path().toAbsolutePath().normalize().equals(abs))
                        .map(UnreadableFile::reason)
                        .findFirst()
                        .orElse("not part of any series");
                throw new DicomFormatException(path, why);
            }
        } else {
            if (all.isEmpty()) {
                throw new DicomFormatException(
                        folder,
                        "no DICOM series found"
                                + (scan.unreadable().isEmpty()
                                        ? ""
                                        : " (" + scan.unreadable().size() + " unreadable files, e.g. "
                                                + scan.unreadable().get(0) + ")"));
            }
            if (all.size() > 1) {
                throw new DicomFormatException(
                        folder,
                        "holds " + all.size() + " series: "
                                + all.stream()
                                        .map(s -> s.seriesNumber() + " \"" + s.seriesDescription() + "\"")
                                        .collect(Collectors.joining(", "))
                                + "; which one? Pass one of its files, or a folder holding only that series");
            }
            series = all.get(0);
        }
        if (series.imageKinds().size() > 1) {
            throw new DicomFormatException(
                    file ? path : folder,
                    "series " + series.seriesNumber() + " \"" + series.seriesDescription()
                            + "\" holds "
                            + series.imageKinds().stream().map(ImageKind::label).collect(Collectors.joining(" and "))
                            + " images; which one? Read it with SeriesAssembly (one volume per kind) or convert the folder");
        }
        List<DicomVolume> volumes =
                SeriesAssembly.assemble(series, org.ferrum.core.parallel.Cancellation.NEVER, source);
        return ScaledVolume.unscaled(volumes.get(0).volume());
    }
}
