package org.ferrum.io.dicom;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoder for JPEG 2000 codestreams (ISO/IEC 15444-1), the codec of transfer syntaxes
 * 1.2.840.10008.1.2.4.90 (lossless only) and .91 (lossless or lossy). PS3.5 A.4.4 stores a bare
 * codestream (SOC marker FF4F … EOC), not a JP2 file; the codec used here, the JJ2000-based reader of
 * jai-imageio (module {@code org.ferrum.libs.jpeg2000}), reads both.
 *
 * <p>This class reads the SIZ marker segment itself (ISO/IEC 15444-1 A.5.1) before handing the stream to
 * the codec: it refuses streams whose image size, component count or precision it cannot represent, so
 * that no allocation is sized by an unchecked field, and it takes each component's precision and
 * signedness from there. Samples come out as {@link DecodedImage} documents: signed components
 * sign-extended, unsigned ones in {@code 0 .. 2^bits − 1}.
 *
 * <p>The reader SPI is instantiated directly: inside the NetBeans module system the Image I/O registry
 * scans the wrong class loader and may not see the plug-in at all.
 */
final class Jpeg2000Decoder {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;

    private Jpeg2000Decoder() {
    }

    /** What the SIZ segment says (A.5.1): reference grid minus offsets, per-component Ssiz and sampling. */
    record Size(int columns, int rows, int components, int bits, boolean signed) {
    }

    static DecodedImage decode(byte[] codestream, Path file) throws DicomFormatException {
        if (codestream == null) {
            throw new DicomFormatException(file, "JPEG 2000: no codestream");
        }
        Size size = readSize(codestream, file);
        Raster raster;
        try {
            raster = readRaster(codestream);
        } catch (IOException | RuntimeException | LinkageError e) {
            // The codec reports corrupt streams with all sorts of unchecked exceptions.
            throw new DicomFormatException(file, "JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        }
        if (raster.getWidth() != size.columns() || raster.getHeight() != size.rows()
                || raster.getNumBands() != size.components()) {
            throw new DicomFormatException(file, "JPEG 2000: the codec returned " + raster.getWidth() + "x"
                    + raster.getHeight() + "x" + raster.getNumBands() + " samples, the SIZ segment says "
                    + size.columns() + "x" + size.rows() + "x" + size.components());
        }
        int[] samples = new int[size.columns() * size.rows() * size.components()];
        raster.getPixels(0, 0, size.columns(), size.rows(), samples);
        fixSignedness(samples, size, raster.getDataBuffer().getDataType());
        return new DecodedImage(size.columns(), size.rows(), size.components(), size.bits(), samples);
    }

    /**
     * Makes the samples agree with the SIZ signedness whatever buffer type the codec chose: an
     * unsigned short buffer holding a signed component gives its two's-complement bit pattern, a signed
     * one holding an unsigned component sign-extends values ≥ 2^15.
     */
    private static void fixSignedness(int[] samples, Size size, int bufferType) {
        int bits = size.bits();
        if (size.signed()) {
            int shift = 32 - bits;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (samples[i] << shift) >> shift;
            }
        } else if (bufferType == DataBuffer.TYPE_SHORT || bufferType == DataBuffer.TYPE_INT) {
            int mask = bits == 32 ? -1 : (1 << bits) - 1;
            for (int i = 0; i < samples.length; i++) {
                samples[i] &= mask;
            }
        }
    }

    private static Raster readRaster(byte[] codestream) throws IOException {
        ImageReader reader = new J2KImageReaderSpi().createReaderInstance();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(codestream))) {
            reader.setInput(in, true, true);
            // readRaster would skip the colour conversion; the JJ2000 reader supports it.
            if (reader.canReadRaster()) {
                return reader.readRaster(0, null);
            }
            return reader.read(0).getRaster();
        } finally {
            reader.dispose();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Parses SOC and SIZ (ISO/IEC 15444-1 A.4.1, A.5.1) and checks what the decoder can represent. */
    static Size readSize(byte[] cs, Path file) throws DicomFormatException {
        if (cs.length < 4 || u16(cs, 0) != SOC) {
            String what = cs.length >= 12 && u16(cs, 4) == 0x6A50 && u16(cs, 6) == 0x2020
                    ? "a JP2 file, not the bare codestream PS3.5 A.4.4 requires" : "no SOC marker (FF4F)";
            throw new DicomFormatException(file, "JPEG 2000: " + what + " at codestream byte offset 0");
        }
        if (cs.length < 4 + 2 + 38 + 3 || u16(cs, 2) != SIZ) {
            throw new DicomFormatException(file, "JPEG 2000: no SIZ marker segment after SOC at codestream byte offset 2");
        }
        int length = u16(cs, 4);
        int components = u16(cs, 4 + 36);
        if (components < 1 || components > 4 || length != 38 + 3 * components || 4 + length > cs.length) {
            throw new DicomFormatException(file, "JPEG 2000: SIZ segment with " + components
                    + " components and length " + length + " is malformed or unsupported (1..4 components)"
                    + " at codestream byte offset 2");
        }
        long xsiz = u32(cs, 8), ysiz = u32(cs, 12), x0 = u32(cs, 16), y0 = u32(cs, 20);
        if (xsiz <= x0 || ysiz <= y0) {
            throw new DicomFormatException(file, "JPEG 2000: empty image area in the SIZ segment at codestream byte offset 2");
        }
        long columns = xsiz - x0, rows = ysiz - y0;
        if (columns > 65535 || rows > 65535 || columns * rows * components > JpegLosslessDecoder.MAX_SAMPLES) {
            throw new DicomFormatException(file, "JPEG 2000: image of " + columns + "x" + rows + "x" + components
                    + " samples exceeds the supported size at codestream byte offset 2");
        }
        int ssiz0 = cs[4 + 38] & 0xFF;
        for (int c = 0; c < components; c++) {
            int at = 4 + 38 + 3 * c;
            int ssiz = cs[at] & 0xFF;
            int xr = cs[at + 1] & 0xFF, yr = cs[at + 2] & 0xFF;
            if (ssiz != ssiz0) {
                throw new DicomFormatException(file, "JPEG 2000: components of different precision or signedness"
                        + " are not supported at codestream byte offset " + at);
            }
            if (xr != 1 || yr != 1) {
                throw new DicomFormatException(file, "JPEG 2000: subsampled components (" + xr + "x" + yr
                        + ") are not supported at codestream byte offset " + at);
            }
        }
        int bits = (ssiz0 & 0x7F) + 1;
        if (bits > 16) {
            throw new DicomFormatException(file, "JPEG 2000: " + bits + "-bit samples are not supported (at most 16)"
                    + " at codestream byte offset " + (4 + 38));
        }
        return new Size((int) columns, (int) rows, components, bits, (ssiz0 & 0x80) != 0);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
