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
package org.ferrum.io.nifti;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.Type;
import net.imglib2.util.Intervals;
import org.ferrum.core.Volumes;
import org.ferrum.io.VolumeFormatException;

/**
 * The voxels of one image in NIfTI file order (x fastest, then y, z, t — nifti1.h "DATA STORAGE"),
 * backed directly by the primitive array of an ImgLib2 {@code ArrayImg}, whose flat index order is
 * the same. Bytes move between a {@link ByteBuffer} (in the file's byte order) and that array by
 * bulk typed-buffer copies, so no per-voxel work is done except for the colour types.
 *
 * <p>Contract: successive {@link #readFrom}/{@link #writeTo} calls walk the voxels once, in order;
 * buffers handed to them hold whole voxels (callers size chunks as multiples of 48 bytes, a multiple
 * of every voxel size). {@link #readAt}/{@link #writeAt} do the same copy at a given element index
 * without the cursor, so that threads can fill or drain disjoint parts of one image (the parallel
 * gzip blocks of {@link BlockGzip}).
 */
final class StoredVoxels {

    /** A chunk size divisible by every voxel size (1, 2, 3, 4, 8, 16 bytes): 3 MiB. */
    static final int CHUNK_BYTES = 48 << 16;

    final ArrayImg<?, ?> image;
    private final NiftiDatatype datatype;
    private final Object array;
    private final long elements;
    private int position; // in primitive elements

    private StoredVoxels(ArrayImg<?, ?> image, NiftiDatatype datatype) {
        this.image = image;
        this.datatype = datatype;
        this.array = ((ArrayDataAccess<?>) image.update(null)).getCurrentStorageArray();
        this.elements = Intervals.numElements(image) * (datatype.isColour() ? 1 : datatype.elementsPerVoxel());
    }

    /** Zero-filled storage for an image of this datatype and these dimensions. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static StoredVoxels allocate(NiftiDatatype datatype, long[] dimensions, Path file) throws VolumeFormatException {
        long elements = Intervals.numElements(dimensions) * datatype.elementsPerVoxel();
        if (elements > Volumes.MAX_ARRAY_ELEMENTS) {
            throw new VolumeFormatException(
                    file,
                    "image of " + Intervals.numElements(dimensions) + " " + datatype
                            + " voxels has more than 2³¹ elements, which Ferrum cannot yet hold in one array");
        }
        long bytes = Intervals.numElements(dimensions) * datatype.bytesPerVoxel();
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new VolumeFormatException(
                    file,
                    "image of " + Intervals.numElements(dimensions) + " " + datatype + " voxels needs " + bytes
                            + " bytes, more than the " + heap + " bytes this Java VM may use (raise -Xmx to read it)");
        }
        ArrayImg<?, ?> img = new ArrayImgFactory(datatype.newPixel()).create(dimensions);
        return new StoredVoxels(img, datatype);
    }

    /** The storage of an existing image: its own array if it is an {@code ArrayImg}, otherwise a copy. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static StoredVoxels of(RandomAccessibleInterval<?> image, NiftiDatatype datatype, Path file)
            throws VolumeFormatException {
        if (image instanceof ArrayImg<?, ?> img && img.update(null) instanceof ArrayDataAccess<?>) {
            return new StoredVoxels(img, datatype);
        }
        StoredVoxels copy = allocate(datatype, image.dimensionsAsLongArray(), file);
        LoopBuilder.setImages((RandomAccessibleInterval<Type>) image, (RandomAccessibleInterval<Type>)
                        (RandomAccessibleInterval) copy.image)
                .forEachPixel((s, d) -> d.set(s));
        return copy;
    }

    boolean hasRemaining() {
        return position < elements;
    }

    /** True if some pixel of an ARGB image has an alpha other than 255 (then it needs RGBA32). */
    boolean hasAlpha() {
        if (array instanceof int[] a) {
            for (int i = 0; i < elements; i++) {
                if ((a[i] >>> 24) != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Number of primitive elements in file order (voxels × {@link NiftiDatatype#elementsPerVoxel()}, voxels for colour). */
    long elementCount() {
        return elements;
    }

    /** Bytes one element takes in the file: the unit a byte range must be aligned to for {@link #readAt}/{@link #writeAt}. */
    int elementBytes() {
        return elementBytes(datatype);
    }

    /** Bytes of one storage element in the file: a whole voxel for colour, else one primitive component. */
    static int elementBytes(NiftiDatatype datatype) {
        return datatype.isColour() ? datatype.bytesPerVoxel() : datatype.bytesPerVoxel() / datatype.elementsPerVoxel();
    }

    /** Copies all whole voxels in {@code src} (position → limit) into the storage, advancing both. */
    void readFrom(ByteBuffer src) {
        position += readAt(src, position);
    }

    /** Fills {@code dst} (position → limit) with as many whole voxels as fit, advancing both. */
    void writeTo(ByteBuffer dst) {
        position += writeAt(dst, position);
    }

    /**
     * Copies the whole elements in {@code src} (position → limit, advanced past them) into the storage
     * from element {@code at} on, without touching the sequential cursor; calls on disjoint element
     * ranges may run concurrently.
     *
     * @return the number of elements copied
     */
    int readAt(ByteBuffer src, int at) {
        if (datatype.isColour()) {
            return readColour(src, at);
        }
        int elementBytes = elementBytes();
        int n = (int) Math.min(src.remaining() / elementBytes, elements - at);
        if (array instanceof byte[] a) {
            src.get(a, at, n);
            return n;
        } else if (array instanceof short[] a) {
            src.asShortBuffer().get(a, at, n);
        } else if (array instanceof int[] a) {
            src.asIntBuffer().get(a, at, n);
        } else if (array instanceof long[] a) {
            src.asLongBuffer().get(a, at, n);
        } else if (array instanceof float[] a) {
            src.asFloatBuffer().get(a, at, n);
        } else if (array instanceof double[] a) {
            src.asDoubleBuffer().get(a, at, n);
        } else {
            throw new IllegalStateException("unexpected storage " + array.getClass());
        }
        src.position(src.position() + n * elementBytes);
        return n;
    }

    /**
     * Fills {@code dst} (position → limit, advanced past them) with as many whole elements as fit,
     * starting at element {@code at}, without touching the sequential cursor; safe to call concurrently.
     *
     * @return the number of elements copied
     */
    int writeAt(ByteBuffer dst, int at) {
        if (datatype.isColour()) {
            return writeColour(dst, at);
        }
        int elementBytes = elementBytes();
        int n = (int) Math.min(dst.remaining() / elementBytes, elements - at);
        if (array instanceof byte[] a) {
            dst.put(a, at, n);
            return n;
        } else if (array instanceof short[] a) {
            dst.asShortBuffer().put(a, at, n);
        } else if (array instanceof int[] a) {
            dst.asIntBuffer().put(a, at, n);
        } else if (array instanceof long[] a) {
            dst.asLongBuffer().put(a, at, n);
        } else if (array instanceof float[] a) {
            dst.asFloatBuffer().put(a, at, n);
        } else if (array instanceof double[] a) {
            dst.asDoubleBuffer().put(a, at, n);
        } else {
            throw new IllegalStateException("unexpected storage " + array.getClass());
        }
        dst.position(dst.position() + n * elementBytes);
        return n;
    }

    // RGB24 is stored as bytes R, G, B per voxel and RGBA32 as R, G, B, A (nifti1.h DT_RGB24/DT_RGBA32);
    // ImgLib2's ARGBType packs A, R, G, B into one int, alpha in the top byte.
    private int readColour(ByteBuffer src, int at) {
        int[] a = (int[]) array;
        boolean rgba = datatype == NiftiDatatype.RGBA32;
        int bytes = datatype.bytesPerVoxel();
        int i = at;
        while (src.remaining() >= bytes && i < elements) {
            int r = src.get() & 0xff, g = src.get() & 0xff, b = src.get() & 0xff;
            int alpha = rgba ? src.get() & 0xff : 0xff;
            a[i++] = alpha << 24 | r << 16 | g << 8 | b;
        }
        return i - at;
    }

    private int writeColour(ByteBuffer dst, int at) {
        int[] a = (int[]) array;
        boolean rgba = datatype == NiftiDatatype.RGBA32;
        int bytes = datatype.bytesPerVoxel();
        int i = at;
        while (dst.remaining() >= bytes && i < elements) {
            int v = a[i++];
            dst.put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
            if (rgba) {
                dst.put((byte) (v >>> 24));
            }
        }
        return i - at;
    }
}
