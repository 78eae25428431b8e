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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.bids.BidsSidecar;

/**
 * Converts every DICOM series under a folder to NIfTI + BIDS JSON, one pair per output, named like
 * dcm2niix's outputs ({@link NameTemplate}).
 *
 * <h2>What is written</h2>
 * <ul>
 * <li>A series is found by {@link DicomScanner} and assembled by {@link SeriesAssembly} into one volume per
 *     image kind (magnitude, phase, real, imaginary, field map). Each echo of each kind is one output, as
 *     dcm2niix splits them ({@code _e1}, {@code _e2}, {@code _ph}, {@code _fieldmaphz}, …); time points
 *     (fMRI, diffusion) stay together as the fourth dimension.</li>
 * <li>The NIfTI holds the <em>physical</em> values: phase in radians, field maps in Hz, magnitude in the
 *     scanner's units after the rescale (see {@link PhaseScaling}). When every value is an integer that fits
 *     int16 (or uint16) — magnitude without a fractional rescale, GE field maps — it is stored as such with
 *     scl_slope 1, as dcm2niix stores it, at half the size of float32; otherwise (phase in radians, Philips
 *     floating-point magnitude) as float32. Its affine is the assembled voxel → patient geometry (slices in
 *     spatial order). It is written by {@link VolumeFiles#write}, i.e. atomically.</li>
 * <li>The JSON sidecar is {@link DicomSidecar}'s (dcm2niix's keys where Ferrum has the data, plus
 *     {@code Units} and {@code PhaseScaling}), written atomically.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A series that cannot be assembled or written is skipped with the reason ({@link ConversionReport#skipped()})
 * and the others are still converted. Files are written atomically, and when one output of a series fails
 * the outputs of that series already written in this run are removed again, so the folder never holds half
 * a series. Files under the folder that are not readable DICOM are listed in
 * {@link ConversionReport#unreadable()} (files under the output folder, if it lies inside the input folder,
 * are ignored). Cancellation is polled between files and series; a cancelled conversion throws
 * {@link CancellationException}, keeping the series already finished and nothing of the one in progress.
 */
public final class DicomConverter {

    /** Receives progress and results as the conversion goes (on the calling thread, except scan progress). */
    public interface Listener {

        /** Overall progress in [0, 1] with what is being done; scan progress comes from worker threads. */
        default void progress(double fraction, String message) {}

        /** An output was written (image and sidecar). */
        default void written(ConversionReport.Output output) {}

        /** A series was skipped. */
        default void skipped(ConversionReport.Skipped skipped) {}
    }

    /** A listener that ignores everything. */
    public static final Listener SILENT = new Listener() {};

    /**
     * How to convert.
     *
     * @param naming          the file name template
     * @param gzip            write {@code .nii.gz} instead of {@code .nii}
     * @param softwareVersion written as the sidecars' {@code ConversionSoftwareVersion}
     */
    public record Options(NameTemplate naming, boolean gzip, String softwareVersion) {

        public Options {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(softwareVersion, "softwareVersion");
        }

        /** dcm2niix's default name template, uncompressed {@code .nii} (dcm2niix's {@code -z n}). */
        public static Options defaults() {
            return new Options(NameTemplate.DEFAULT, false, "development");
        }

        public Options withNaming(NameTemplate t) {
            return new Options(t, gzip, softwareVersion);
        }

        public Options withGzip(boolean z) {
            return new Options(naming, z, softwareVersion);
        }

        public Options withSoftwareVersion(String v) {
            return new Options(naming, gzip, v);
        }
    }

    private final Options options;

    public DicomConverter() {
        this(Options.defaults());
    }

    public DicomConverter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * Converts every series under {@code dicomDir} into {@code outDir} (created if needed).
     *
     * @throws NoSuchFileException   if {@code dicomDir} does not exist
     * @throws NotDirectoryException if it is not a folder
     * @throws IOException           if the folder cannot be listed or the output folder cannot be created
     * @throws CancellationException if cancelled
     */
    public ConversionReport convert(Path dicomDir, Path outDir, Listener listener, Cancellation cancellation)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancellation, "cancellation");
        if (!Files.exists(dicomDir)) {
            throw new NoSuchFileException(dicomDir.toString());
        }
        if (!Files.isDirectory(dicomDir)) {
            throw new NotDirectoryException(dicomDir.toString());
        }
        Path in = dicomDir.toAbsolutePath().normalize();
        Path out = outDir.toAbsolutePath().normalize();
        listener.progress(0, "scanning " + in);
        DicomScan scan = DicomScanner.scan(
                in,
                (done, total) -> listener.progress(
                        0.2 * done / Math.max(1, total), "scanning " + done + " of " + total + " files"),
                cancellation);
        List<ConversionReport.Unreadable> unreadable = new ArrayList<>();
        int notDicom = 0;
        for (UnreadableFile u : scan.unreadable()) {
            if (!u.path().toAbsolutePath().normalize().startsWith(out) || out.equals(in)) {
                if (u.kind() == UnreadableFile.Kind.NOT_DICOM) {
                    notDicom++;
                } else {
                    unreadable.add(new ConversionReport.Unreadable(u.path(), u.reason()));
                }
            }
        }
        String folderName = in.getFileName() == null ? "" : in.getFileName().toString();
        ConversionReport r = convertSeries(scan.series(), folderName, out, listener, cancellation, 0.2);
        return new ConversionReport(
                in, r.written(), r.skipped(), unreadable, scan.files(), r.seriesFound(), r.warnings(), notDicom);
    }

    /**
     * Converts the given series (e.g. the ones a user selected after a scan) into {@code outDir} (created if needed),
     * with the same rules as {@link #convert(Path, Path, Listener, Cancellation)}.
     *
     * @param sourceFolder the folder the series were scanned from: its name fills the {@code %f} placeholder, and it is
     *                     the report's input folder
     * @throws CancellationException if cancelled
     */
    public ConversionReport convert(
            List<DicomSeries> series, Path sourceFolder, Path outDir, Listener listener, Cancellation cancellation)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancellation, "cancellation");
        Path in = sourceFolder.toAbsolutePath().normalize();
        String folderName = in.getFileName() == null ? "" : in.getFileName().toString();
        ConversionReport r = convertSeries(
                List.copyOf(series), folderName, outDir.toAbsolutePath().normalize(), listener, cancellation, 0);
        int files = series.stream().mapToInt(s -> s.files().size()).sum();
        return new ConversionReport(in, r.written(), r.skipped(), List.of(), files, r.seriesFound(), r.warnings(), 0);
    }

    private ConversionReport convertSeries(
            List<DicomSeries> all,
            String folderName,
            Path out,
            Listener listener,
            Cancellation cancellation,
            double progressStart)
            throws IOException {
        List<ConversionReport.Output> written = new ArrayList<>();
        List<ConversionReport.Skipped> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!all.isEmpty()) {
            Files.createDirectories(out);
        }
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            cancellation.throwIfCancelled("DICOM conversion");
            DicomSeries series = all.get(i);
            String label = label(series);
            listener.progress(progressStart + (1 - progressStart) * i / all.size(), "converting " + label);
            List<Path> ours = new ArrayList<>();
            Set<String> takenBefore = new HashSet<>(taken);
            try {
                List<String> seriesWarnings = new ArrayList<>();
                List<ConversionReport.Output> outputs =
                        convertSeries(series, label, folderName, out, taken, ours, cancellation, seriesWarnings);
                written.addAll(outputs);
                warnings.addAll(seriesWarnings);
                outputs.forEach(listener::written);
            } catch (CancellationException e) {
                removeQuietly(ours);
                throw e;
            } catch (VolumeFormatException | IllegalArgumentException e) {
                removeQuietly(ours);
                taken.retainAll(takenBefore);
                ConversionReport.Skipped s = new ConversionReport.Skipped(label, message(e), true);
                skipped.add(s);
                listener.skipped(s);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                removeQuietly(ours);
                taken.retainAll(takenBefore);
                ConversionReport.Skipped s = new ConversionReport.Skipped(label, "could not be converted: " + e, false);
                skipped.add(s);
                listener.skipped(s);
            }
        }
        listener.progress(1, "converted " + (all.size() - skipped.size()) + " of " + all.size() + " series");
        return new ConversionReport(out, written, skipped, List.of(), 0, all.size(), warnings, 0);
    }

    private static String message(Exception e) {
        if (e instanceof VolumeFormatException v) {
            return v.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** {@code 2 "gre_field_magph"} */
    static String label(DicomSeries s) {
        return s.seriesNumber() + " \"" + s.seriesDescription() + "\"";
    }

    private List<ConversionReport.Output> convertSeries(
            DicomSeries series,
            String label,
            String folderName,
            Path out,
            Set<String> taken,
            List<Path> ours,
            Cancellation cancellation,
            List<String> warnings)
            throws IOException {
        List<DicomVolume> volumes = SeriesAssembly.assemble(series, cancellation);
        for (DicomVolume v : volumes) {
            warnings.addAll(v.warnings());
        }
        cancellation.throwIfCancelled("DICOM conversion");
        long echoNumbersInSeries =
                series.echoNumbers().stream().filter(n -> n > 0).count();
        record Planned(
                String name,
                Volume<FloatType> volume,
                DicomVolume source,
                OptionalInt echoNumber,
                OptionalDouble te,
                List<FrameHeader> frames) {}
        List<Planned> plan = new ArrayList<>();
        for (DicomVolume v : volumes) {
            for (int e = 0; e < v.echoes(); e++) {
                int number = v.echoNumbers().get(e);
                OptionalInt echoNumber = number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
                double te = v.echoTimesMs().get(e);
                List<FrameHeader> frames = framesOf(series, v.kind(), number, te);
                if (frames.isEmpty()) {
                    throw new IllegalStateException(
                            "no images of " + v.kind().label() + " echo " + number + " in " + label);
                }
                DicomDataset first = header(frames.get(0).file());
                String base = options.naming().expand(first, folderName, echoNumber);
                String name =
                        options.naming().outputName(base, echoNumber, (int) echoNumbersInSeries, kindSuffix(v.kind()));
                name = NameTemplate.disambiguate(name, taken);
                taken.add(name);
                plan.add(new Planned(
                        name,
                        echo(v, e),
                        v,
                        echoNumber,
                        Double.isFinite(te) ? OptionalDouble.of(te) : OptionalDouble.empty(),
                        frames));
            }
        }
        List<ConversionReport.Output> outputs = new ArrayList<>();
        for (Planned p : plan) {
            cancellation.throwIfCancelled("DICOM conversion");
            Path image = out.resolve(p.name() + (options.gzip() ? ".nii.gz" : ".nii"));
            Path json = out.resolve(p.name() + ".json");
            String units = units(p.volume().unit());
            DicomSidecar.OutputFacts facts = new DicomSidecar.OutputFacts(
                    p.source().kind(),
                    units,
                    p.source().scaling(),
                    p.echoNumber(),
                    p.te(),
                    earliestAcquisitionTime(p.frames()));
            BidsSidecar sidecar = DicomSidecar.of(header(p.frames().get(0).file()), facts, options.softwareVersion());
            ours.add(image);
            VolumeFiles.write(compact(p.volume()), image);
            ours.add(json);
            AtomicFiles.write(json, sidecar::write);
            DicomDiffusion dw = p.source().diffusion();
            if (dw != null && p.source().timePoints() > 1 && p.volume().frames() == dw.volumes()) {
                // FSL's .bval/.bvec beside the image, as dcm2niix writes them; vectors in this image's voxel frame
                Path bval = out.resolve(p.name() + ".bval"), bvec = out.resolve(p.name() + ".bvec");
                double[] b = dw.bValues();
                double[][] vectors = new double[b.length][];
                for (int v = 0; v < b.length; v++) {
                    b[v] = Double.isFinite(b[v]) ? b[v] : 0;
                    vectors[v] = org.ferrum.io.diffusion.FslGradients.toFsl(
                            dw.direction(v), p.volume().geometry());
                }
                ours.add(bval);
                ours.add(bvec);
                org.ferrum.io.diffusion.FslGradients.write(bval, bvec, b, vectors);
            }
            outputs.add(new ConversionReport.Output(
                    label,
                    image,
                    json,
                    p.volume().dimensions(),
                    p.source().kind().label(),
                    units));
        }
        return outputs;
    }

    private static String kindSuffix(ImageKind kind) {
        return switch (kind) {
            case PHASE -> "_ph";
            case REAL -> "_real";
            case IMAGINARY -> "_imaginary";
            case FIELD_MAP -> "_fieldmaphz";
            case MAGNITUDE, OTHER -> "";
        };
    }

    /** The sidecar's Units: BIDS' "arbitrary" for scanner units, else the unit's symbol (rad, Hz). */
    static String units(PhysicalUnit unit) {
        return unit == PhysicalUnit.ARBITRARY ? "arbitrary" : unit.symbol();
    }

    /** The images of one kind and echo, in scan order. */
    private static List<FrameHeader> framesOf(DicomSeries series, ImageKind kind, int echoNumber, double teMs) {
        List<FrameHeader> out = new ArrayList<>();
        for (FrameHeader f : series.frames()) {
            if (f.kind() != kind || f.echoNumber() != echoNumber) {
                continue;
            }
            boolean sameTe = Double.isNaN(teMs) ? Double.isNaN(f.echoTimeMs()) : Math.abs(f.echoTimeMs() - teMs) < 1e-4;
            if (sameTe) {
                out.add(f);
            }
        }
        return out;
    }

    /** The earliest acquisition time of the images as DICOM TM text ({@code HHMMSS.FFFFFF}), if any has one. */
    private static Optional<String> earliestAcquisitionTime(List<FrameHeader> frames) {
        double min = Double.POSITIVE_INFINITY;
        for (FrameHeader f : frames) {
            if (Double.isFinite(f.acquisitionTime()) && f.acquisitionTime() < min) {
                min = f.acquisitionTime();
            }
        }
        if (!Double.isFinite(min)) {
            return Optional.empty();
        }
        long micros = Math.round(min * 1e6);
        long s = micros / 1_000_000;
        return Optional.of(
                String.format(Locale.ROOT, "%02d%02d%02d.%06d", s / 3600, s / 60 % 60, s % 60, micros % 1_000_000));
    }

    private static DicomDataset header(Path file) throws IOException {
        return DicomParser.readHeader(file).dataset();
    }

    /** Echo {@code e} of a volume, with all its time points (3-D for one time point, else 4-D). */
    static Volume<FloatType> echo(DicomVolume v, int e) {
        if (v.echoes() == 1) {
            return v.volume();
        }
        if (v.timePoints() == 1) {
            return v.frame(e, 0);
        }
        Volume<FloatType> first = v.frame(e, 0);
        long[] d3 = first.dimensions();
        long[] d4 = {d3[0], d3[1], d3[2], v.timePoints()};
        Volume<FloatType> out = Volumes.createFloat(d4, first.geometry(), first.unit());
        for (int t = 0; t < v.timePoints(); t++) {
            RandomAccessibleInterval<FloatType> target = Views.hyperSlice(out.image(), 3, t);
            LoopBuilder.setImages(v.frame(e, t).image(), target).forEachPixel((a, b) -> b.set(a));
        }
        return out;
    }

    /**
     * The volume as int16 or uint16 if every value is an integer in that range (exact: the same physical
     * values, half the bytes of float32), else as it is.
     */
    static ScaledVolume<?> compact(Volume<FloatType> v) {
        float[] a = Volumes.isArrayBacked(v) ? Volumes.floats(v) : Volumes.floats(Volumes.copyFloat(v));
        if (a.length == 0) {
            return ScaledVolume.unscaled(v);
        }
        // one pass, in parallel chunks: the low 16 bits of each value, and whether every value is an integer (the
        // int cast is exact, NaN and infinities fail it) within [-32768, 65535]; the first chunk that finds a value
        // that is not stops the others
        short[] s = new short[a.length];
        AtomicBoolean exact = new AtomicBoolean(true);
        int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        ParallelLoop.forEachChunk(a.length, 1 << 20, Cancellation.NEVER, (from, to) -> {
            if (!exact.get()) {
                return;
            }
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            for (int i = (int) from, end = (int) to; i < end; i++) {
                float f = a[i];
                int n = (int) f;
                if (n != f || n < Short.MIN_VALUE || n > 0xFFFF) {
                    exact.set(false);
                    return;
                }
                lo = Math.min(lo, n);
                hi = Math.max(hi, n);
                s[i] = (short) n;
            }
            synchronized (range) {
                range[0] = Math.min(range[0], lo);
                range[1] = Math.max(range[1], hi);
            }
        });
        if (!exact.get()) {
            return ScaledVolume.unscaled(v);
        }
        int min = range[0], max = range[1];
        long[] dims = v.dimensions();
        if (max <= Short.MAX_VALUE) {
            return ScaledVolume.unscaled(new Volume<>(ArrayImgs.shorts(s, dims), v.geometry(), v.unit()));
        }
        if (min >= 0) {
            return ScaledVolume.unscaled(new Volume<>(ArrayImgs.unsignedShorts(s, dims), v.geometry(), v.unit()));
        }
        return ScaledVolume.unscaled(v);
    }

    private static void removeQuietly(List<Path> files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // best effort: the file was ours and complete (atomic writes), it is only surplus
            }
        }
    }
}
