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
package org.ferrum.io.labels;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.RegularFiles;
import org.ferrum.io.ScaledVolume;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.spi.VolumeReader;
import org.openide.util.lookup.ServiceProvider;

/**
 * FreeSurfer's MGH volumes: {@code .mgh} and gzip-compressed {@code .mgz} (FastSurfer writes the same), header as
 * {@link MghHeader} describes, voxels big-endian column-major, stored type kept ({@code UnsignedByteType},
 * {@code IntType}, {@code FloatType}, {@code ShortType}); MGH has no unit and no scaling, so values read as
 * {@code a.u.} with slope 1. Whatever follows the voxels (FreeSurfer's optional TR, flip angle, TE, TI, FoV and tags)
 * is ignored.
 *
 * <p>Hostile input (the io rules): the header's image size is checked against the bytes present before anything is
 * allocated — a plain file must hold at least 284 + the data bytes; a gzip file cannot inflate more than 1032 times
 * its size (deflate's limit), and a voxel count above the JVM's heap is refused. Every refusal is one
 * {@link VolumeFormatException} line starting with the file name.
 *
 * <p>{@link #write} writes {@code .mgh}, or {@code .mgz} gzip-compressed, atomically ({@link AtomicFiles}).
 */
@ServiceProvider(service = VolumeReader.class, position = 150)
public final class MghFiles implements VolumeReader {

    private static final int CHUNK = 1 << 16;
    /** Deflate cannot expand more than 1032:1 (a 258-byte match costs at least two bits). */
    private static final long DEFLATE_LIMIT = 1032;

    @Override
    public String formatName() {
        return "FreeSurfer MGH";
    }

    @Override
    public boolean canRead(Path path) {
        return isMghName(path);
    }

    /** True for a name ending {@code .mgh} or {@code .mgz} (any case). */
    public static boolean isMghName(Path path) {
        Path name = path.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".mgh") || n.endsWith(".mgz") || n.endsWith(".mgh.gz");
    }

    private static boolean compressed(Path path) {
        String n = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        return n.endsWith(".mgz") || n.endsWith(".gz");
    }

    /** The header alone. */
    public static MghHeader readHeader(Path path) throws IOException {
        RegularFiles.require(path);
        try (InputStream in = open(path)) {
            return header(in, path);
        } catch (ZipException | EOFException e) {
            throw new VolumeFormatException(path, "not a complete gzip stream (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public ScaledVolume<?> read(Path path) throws IOException {
        RegularFiles.require(path);
        List<String> warnings = new ArrayList<>();
        try (InputStream in = open(path)) {
            MghHeader h = header(in, path);
            long size = Files.size(path);
            if (compressed(path)) {
                if (MghHeader.SIZE + h.dataBytes() > DEFLATE_LIMIT * size) {
                    throw new VolumeFormatException(
                            path,
                            claim(h) + ", more than a " + size
                                    + "-byte gzip file can hold (deflate expands at most 1032:1)");
                }
            } else if (size < MghHeader.SIZE + h.dataBytes()) {
                throw new VolumeFormatException(path, claim(h) + " but the file holds " + size + " bytes");
            }
            if (h.voxels() > Integer.MAX_VALUE - 8) {
                throw new VolumeFormatException(path, claim(h) + ": more voxels than one array holds");
            }
            long heap = Runtime.getRuntime().maxMemory();
            if (h.dataBytes() > heap) {
                throw new VolumeFormatException(
                        path,
                        claim(h) + " = " + h.dataBytes() + " bytes, more than the " + heap
                                + " bytes this Java VM may use (raise -Xmx to read it)");
            }
            if (!h.rasGood()) {
                warnings.add("ras_good_flag is 0 (no placement): read as FreeSurfer does, 1 mm coronal voxels"
                        + " centred at 0");
            }
            long[] dims = h.dims()[3] == 1
                    ? new long[] {h.dims()[0], h.dims()[1], h.dims()[2]}
                    : new long[] {h.dims()[0], h.dims()[1], h.dims()[2], h.dims()[3]};
            int n = (int) h.voxels();
            RandomAccessibleInterval<? extends RealType<?>> image;
            switch (h.type()) {
                case UCHAR -> {
                    byte[] a = new byte[n];
                    fill(in, path, h, (buf, at, count) -> buf.get(a, at, count));
                    image = ArrayImgs.unsignedBytes(a, dims);
                }
                case SHORT -> {
                    short[] a = new short[n];
                    fill(in, path, h, (buf, at, count) -> buf.asShortBuffer().get(a, at, count));
                    image = ArrayImgs.shorts(a, dims);
                }
                case INT -> {
                    int[] a = new int[n];
                    fill(in, path, h, (buf, at, count) -> buf.asIntBuffer().get(a, at, count));
                    image = ArrayImgs.ints(a, dims);
                }
                case FLOAT -> {
                    float[] a = new float[n];
                    fill(in, path, h, (buf, at, count) -> buf.asFloatBuffer().get(a, at, count));
                    image = ArrayImgs.floats(a, dims);
                }
                default -> throw new IllegalStateException(h.type().toString());
            }
            return scaled(image, h, warnings);
        } catch (ZipException | EOFException e) {
            throw new VolumeFormatException(path, "not a complete gzip stream (" + e.getMessage() + ")", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ScaledVolume<?> scaled(RandomAccessibleInterval<?> image, MghHeader h, List<String> warnings) {
        Volume v = new Volume(image, h.geometry(), PhysicalUnit.ARBITRARY);
        return new ScaledVolume<>(v, 1, 0, warnings);
    }

    /** Copies {@code count} big-endian elements from the buffer into the image array from element {@code at}. */
    @FunctionalInterface
    private interface Elements {
        void copy(ByteBuffer buffer, int at, int count);
    }

    private static void fill(InputStream in, Path path, MghHeader h, Elements elements) throws IOException {
        int bytes = h.type().bytes();
        byte[] chunk = new byte[CHUNK - CHUNK % bytes];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        long left = h.dataBytes();
        int index = 0;
        while (left > 0) {
            int want = (int) Math.min(chunk.length, left);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new VolumeFormatException(
                        path, claim(h) + " but the data end after " + (h.dataBytes() - left + got) + " bytes");
            }
            view.clear().limit(got);
            int count = got / bytes;
            elements.copy(view, index, count);
            index += count;
            left -= got;
        }
    }

    private static String claim(MghHeader h) {
        return "header says " + h.dims()[0] + "×" + h.dims()[1] + "×" + h.dims()[2] + "×" + h.dims()[3] + " "
                + h.type().name().toLowerCase(Locale.ROOT) + " (" + h.dataBytes() + " bytes after the 284-byte header)";
    }

    private static InputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), CHUNK);
        return compressed(path) ? new GZIPInputStream(raw, CHUNK) : raw;
    }

    private static MghHeader header(InputStream in, Path path) throws IOException {
        byte[] bytes = in.readNBytes(MghHeader.SIZE);
        if (bytes.length < MghHeader.SIZE) {
            throw new VolumeFormatException(
                    path, "only " + bytes.length + " bytes, but an MGH header has " + MghHeader.SIZE);
        }
        return MghHeader.parse(ByteBuffer.wrap(bytes), path);
    }

    /**
     * Writes {@code volume} (3-D or 4-D, real pixels) as {@code .mgh}, or gzip-compressed for {@code .mgz}: type
     * {@code type}, placement from its geometry ({@link MghHeader#of}). Integer types take the values rounded to the
     * nearest whole number.
     *
     * @throws VolumeFormatException naming the file if a value does not fit the type (e.g. 300 as uchar, a fraction
     *                               or NaN as an integer type)
     */
    public static <T extends RealType<T>> void write(Volume<T> volume, Path path, MghType type) throws IOException {
        long[] d = volume.dimensions();
        for (long x : d) {
            if (x > Integer.MAX_VALUE) {
                throw new VolumeFormatException(path, "dimension " + x + " is more than MGH stores");
            }
        }
        int[] dims = {(int) d[0], (int) d[1], (int) d[2], d.length == 4 ? (int) d[3] : 1};
        MghHeader h = MghHeader.of(dims, type, volume.geometry());
        check(volume, path, type);
        AtomicFiles.write(path, tmp -> {
            try (OutputStream file = Files.newOutputStream(tmp);
                    OutputStream out = new BufferedOutputStream(
                            compressed(path) ? new GZIPOutputStream(file, CHUNK) : file, CHUNK)) {
                out.write(h.toBytes().array());
                ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.BIG_ENDIAN);
                Cursor<T> c = Views.flatIterable(volume.image()).cursor();
                while (c.hasNext()) {
                    double v = c.next().getRealDouble();
                    switch (type) {
                        case UCHAR -> buf.put((byte) Math.round(v));
                        case SHORT -> buf.putShort((short) Math.round(v));
                        case INT -> buf.putInt((int) Math.round(v));
                        case FLOAT -> buf.putFloat((float) v);
                    }
                    if (buf.remaining() < 4) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                }
                out.write(buf.array(), 0, buf.position());
            }
        });
    }

    /** As {@link #write(Volume, Path, MghType)}, the type the pixels have (other real types as float). */
    public static <T extends RealType<T>> void write(Volume<T> volume, Path path) throws IOException {
        Object t = volume.pixelType();
        MghType type = t instanceof UnsignedByteType
                ? MghType.UCHAR
                : t instanceof ShortType ? MghType.SHORT : t instanceof IntType ? MghType.INT : MghType.FLOAT;
        write(volume, path, type);
    }

    private static <T extends RealType<T>> void check(Volume<T> volume, Path path, MghType type)
            throws VolumeFormatException {
        if (type == MghType.FLOAT) {
            return;
        }
        double lo = type == MghType.UCHAR ? 0 : type == MghType.SHORT ? Short.MIN_VALUE : Integer.MIN_VALUE;
        double hi = type == MghType.UCHAR ? 255 : type == MghType.SHORT ? Short.MAX_VALUE : Integer.MAX_VALUE;
        for (T p : Views.flatIterable(volume.image())) {
            double v = p.getRealDouble();
            if (!(v >= lo && v <= hi) || v != Math.rint(v)) {
                throw new VolumeFormatException(
                        path,
                        "value " + v + " cannot be stored as "
                                + type.name().toLowerCase(Locale.ROOT) + " (whole numbers " + (long) lo + " to "
                                + (long) hi
                                + ")");
            }
        }
    }
}
