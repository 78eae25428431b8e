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
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * Finds the DICOM series under a folder tree: reads the header of every file (never the pixel data), in
 * parallel, and groups the images into patients → studies → series.
 *
 * <p>Contract: every regular file under the root (hidden files and folders included, symbolic links not
 * followed) is either part of exactly one {@link DicomSeries} or listed in
 * {@link DicomScan#unreadable()} with the reason: not DICOM, truncated or malformed, not an image (e.g. a
 * DICOMDIR or a structured report), I/O error. No file makes the scan fail. Progress is reported as
 * (files done, total) after each file, from worker threads, so the listener must be thread-safe and cheap
 * (e.g. update a progress bar through the event queue). Cancellation is polled between small batches of
 * files; a cancelled scan throws {@link java.util.concurrent.CancellationException} and returns nothing.
 *
 * <p>Speed: the work per file is one header parse (the parser stops before Pixel Data) plus a few
 * attribute look-ups, on {@link ParallelLoop}'s threads.
 */
public final class DicomScanner {

    /** Receives progress as (files done, total files). Called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void filesDone(int done, int total);
    }

    /** Files per batch between cancellation polls: small enough for a prompt cancel. */
    private static final int BATCH = 8;

    private DicomScanner() {}

    /** Scans a folder tree (or one file) without progress or cancellation. */
    public static DicomScan scan(Path root) throws IOException {
        return scan(root, Progress.NONE, Cancellation.NEVER);
    }

    /**
     * Scans a folder tree (or one file).
     *
     * @throws IOException                                 if the root itself cannot be listed
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static DicomScan scan(Path root, Progress progress, Cancellation cancellation) throws IOException {
        return scan(root, progress, cancellation, ParserSource.INSTANCE);
    }

    static DicomScan scan(Path root, Progress progress, Cancellation cancellation, HeaderSource source)
            throws IOException {
        return scanFiles(listFiles(root), progress, cancellation, source);
    }

    /** The regular files under {@code root} (or {@code root} itself), sorted by path. */
    static List<Path> listFiles(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString());
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult
                        .CONTINUE; // listed by nobody: an unreadable folder entry has no content to report
            }
        });
        files.sort(Comparator.naturalOrder());
        return files;
    }

    static DicomScan scanFiles(List<Path> files, Progress progress, Cancellation cancellation, HeaderSource source) {
        Objects.requireNonNull(progress, "progress");
        int n = files.size();
        FrameHeaders.FileHeaders[] headers = new FrameHeaders.FileHeaders[n];
        UnreadableFile[] bad = new UnreadableFile[n];
        long[] sizes = new long[n];
        AtomicInteger done = new AtomicInteger();
        ParallelLoop.forEachChunk(n, BATCH, cancellation, (from, to) -> {
            for (int i = (int) from; i < to; i++) {
                Path file = files.get(i);
                try {
                    sizes[i] = Files.size(file);
                    headers[i] = FrameHeaders.read(file, source.header(file));
                } catch (NotDicomException e) {
                    bad[i] = new UnreadableFile(file, e.problem(), UnreadableFile.Kind.NOT_DICOM);
                } catch (NotAnImageException e) {
                    bad[i] = new UnreadableFile(file, e.problem(), UnreadableFile.Kind.NOT_AN_IMAGE);
                } catch (DicomFormatException e) {
                    bad[i] = new UnreadableFile(file, e.problem());
                } catch (org.ferrum.io.VolumeFormatException e) {
                    bad[i] = new UnreadableFile(file, e.problem());
                } catch (IOException | UncheckedIOException e) {
                    bad[i] = new UnreadableFile(file, "cannot read: " + e.getMessage());
                } catch (RuntimeException e) {
                    // a parser defect must not end the scan; the file is reported with what went wrong
                    bad[i] = new UnreadableFile(
                            file, "could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                }
                progress.filesDone(done.incrementAndGet(), n);
            }
        });
        return group(files, headers, bad, sizes);
    }

    private static DicomScan group(
            List<Path> files, FrameHeaders.FileHeaders[] headers, UnreadableFile[] bad, long[] sizes) {
        Map<String, DicomSeries.Identity> ids = new LinkedHashMap<>();
        Map<String, List<FrameHeader>> frames = new LinkedHashMap<>();
        Map<String, long[]> bytes = new LinkedHashMap<>();
        List<UnreadableFile> unreadable = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            total += sizes[i];
            if (bad[i] != null) {
                unreadable.add(bad[i]);
                continue;
            }
            String uid = headers[i].identity().seriesInstanceUid();
            ids.putIfAbsent(uid, headers[i].identity());
            frames.computeIfAbsent(uid, k -> new ArrayList<>()).addAll(headers[i].frames());
            bytes.computeIfAbsent(uid, k -> new long[1])[0] += sizes[i];
        }
        // patient (name, id) → study uid → series
        Map<String, Map<String, List<DicomSeries>>> tree = new LinkedHashMap<>();
        for (var e : ids.entrySet()) {
            DicomSeries s = new DicomSeries(e.getValue(), frames.get(e.getKey()), bytes.get(e.getKey())[0]);
            tree.computeIfAbsent(s.patientName() + "\u0000" + s.patientId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.studyInstanceUid(), k -> new ArrayList<>())
                    .add(s);
        }
        List<DicomScan.Patient> patients = new ArrayList<>();
        for (var p : tree.entrySet()) {
            String[] nameId = p.getKey().split("\u0000", -1);
            List<DicomScan.Study> studies = new ArrayList<>();
            for (var st : p.getValue().entrySet()) {
                List<DicomSeries> series = new ArrayList<>(st.getValue());
                series.sort(Comparator.comparingInt(DicomSeries::seriesNumber)
                        .thenComparing(DicomSeries::seriesDescription)
                        .thenComparing(DicomSeries::seriesInstanceUid));
                DicomSeries first = series.get(0);
                studies.add(new DicomScan.Study(st.getKey(), first.studyDate(), first.studyDescription(), series));
            }
            studies.sort(Comparator.comparing(DicomScan.Study::date).thenComparing(DicomScan.Study::description));
            patients.add(new DicomScan.Patient(nameId[0], nameId[1], studies));
        }
        patients.sort(Comparator.comparing(DicomScan.Patient::name).thenComparing(DicomScan.Patient::id));
        unreadable.sort(Comparator.comparing(UnreadableFile::path));
        return new DicomScan(patients, unreadable, files.size(), total);
    }
}
