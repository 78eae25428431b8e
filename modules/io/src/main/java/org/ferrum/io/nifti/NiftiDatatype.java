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

import java.util.function.Supplier;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.complex.ComplexDoubleType;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The NIfTI datatypes Ferrum reads and writes (nifti1.h "TYPE OF DATA"; the same codes in nifti2.h),
 * each with the ImgLib2 pixel type that holds it without loss.
 *
 * <p>Contract: a voxel occupies {@link #bytesPerVoxel()} bytes in the file, made of
 * {@link #elementsPerVoxel()} primitive elements of {@code bytesPerVoxel / elementsPerVoxel} bytes in
 * the header's byte order (complex: real part first), except RGB24/RGBA32 whose bytes are the colour
 * channels in R, G, B(, A) order and are held as one {@link ARGBType} int (alpha 255 for RGB24).
 * FLOAT128, COMPLEX256 and BINARY have no Java type and are reported as unsupported.
 */
public enum NiftiDatatype {
    UINT8(2, "uint8", 1, 1, UnsignedByteType::new),
    INT16(4, "int16", 2, 1, ShortType::new),
    INT32(8, "int32", 4, 1, IntType::new),
    FLOAT32(16, "float32", 4, 1, FloatType::new),
    COMPLEX64(32, "complex64", 8, 2, ComplexFloatType::new),
    FLOAT64(64, "float64", 8, 1, DoubleType::new),
    RGB24(128, "RGB24", 3, 1, ARGBType::new),
    INT8(256, "int8", 1, 1, ByteType::new),
    UINT16(512, "uint16", 2, 1, UnsignedShortType::new),
    UINT32(768, "uint32", 4, 1, UnsignedIntType::new),
    INT64(1024, "int64", 8, 1, LongType::new),
    UINT64(1280, "uint64", 8, 1, UnsignedLongType::new),
    COMPLEX128(1792, "complex128", 16, 2, ComplexDoubleType::new),
    RGBA32(2304, "RGBA32", 4, 1, ARGBType::new);

    private final int code;
    private final String label;
    private final int bytesPerVoxel;
    private final int elementsPerVoxel;
    private final Supplier<? extends NativeType<?>> type;

    NiftiDatatype(
            int code, String label, int bytesPerVoxel, int elementsPerVoxel, Supplier<? extends NativeType<?>> type) {
        this.code = code;
        this.label = label;
        this.bytesPerVoxel = bytesPerVoxel;
        this.elementsPerVoxel = elementsPerVoxel;
        this.type = type;
    }

    /** The header's datatype code. */
    public int code() {
        return code;
    }

    /** The header's bitpix: bits per voxel. */
    public int bitpix() {
        return 8 * bytesPerVoxel;
    }

    public int bytesPerVoxel() {
        return bytesPerVoxel;
    }

    /** Primitive array elements per voxel in ImgLib2's storage: 2 for complex, else 1. */
    public int elementsPerVoxel() {
        return elementsPerVoxel;
    }

    /** True for the colour types, to which scl_slope/scl_inter do not apply (nifti1.h, DATA SCALING). */
    public boolean isColour() {
        return this == RGB24 || this == RGBA32;
    }

    /** True for the integer types (signed or unsigned, 8 to 64 bits), whose values a lost scl_slope changes most. */
    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && this != COMPLEX64 && this != COMPLEX128 && !isColour();
    }

    /** A new pixel variable of the ImgLib2 type that holds this datatype. */
    public NativeType<?> newPixel() {
        return type.get();
    }

    /** The datatype with this header code, or {@code null} if Ferrum does not support it. */
    public static NiftiDatatype ofCode(int code) {
        for (NiftiDatatype d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        return null;
    }

    /**
     * The datatype that stores pixels of this ImgLib2 type, or {@code null} if none does. For
     * {@code ARGBType} this is RGB24; the writer switches to RGBA32 when some alpha is not 255.
     */
    public static NiftiDatatype ofPixel(Object pixel) {
        for (NiftiDatatype d : values()) {
            if (d != RGBA32 && d.type.get().getClass() == pixel.getClass()) {
                return d;
            }
        }
        return null;
    }

    /** A name for messages, for supported and unsupported codes alike (e.g. "float32", "FLOAT128 (1536)"). */
    static String describe(int code) {
        NiftiDatatype d = ofCode(code);
        if (d != null) {
            return d.label;
        }
        return switch (code) {
            case 0 -> "unknown datatype (0)";
            case 1 -> "BINARY (1)";
            case 1536 -> "FLOAT128 (1536)";
            case 2048 -> "COMPLEX256 (2048)";
            default -> "datatype code " + code;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
