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

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

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
    private static final int SOT = 0xFF90;
    private static final int EOC = 0xFFD9;
    private static final int SOD = 0xFF93;
    private static final int PPM = 0xFF60;
    private static final int PPT = 0xFF61;
    private static final int SOP = 0xFF91;
    private static final int EPH = 0xFF92;

    private Jpeg2000Decoder() {}

    /** What the SIZ segment says (A.5.1): reference grid minus offsets, per-component Ssiz and sampling. */
    record Size(int columns, int rows, int components, int bits, boolean signed) {}

    static DecodedImage decode(byte[] codestream, Path file) throws DicomFormatException {
        if (codestream == null) {
            throw new DicomFormatException(file, "JPEG 2000: no codestream");
        }
        Size size = readSize(codestream, file);
        checkTileParts(codestream, file);
        Raster raster;
        try {
            raster = readRasterWithin(codestream, timeLimitMillis(size), file);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // The codec reports corrupt streams with all sorts of unchecked exceptions.
            throw new DicomFormatException(file, "JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        } catch (Error e) {
            // JJ2000 also throws plain java.lang.Error for invalid parameters in the codestream; any other
            // Error (out of memory, linkage) is not about the file and goes on.
            if (e.getClass() != Error.class) {
                throw e;
            }
            throw new DicomFormatException(file, "JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        }
        if (raster.getWidth() != size.columns()
                || raster.getHeight() != size.rows()
                || raster.getNumBands() != size.components()) {
            throw new DicomFormatException(
                    file,
                    "JPEG 2000: the codec returned " + raster.getWidth() + "x"
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

    /**
     * Time allowed for one frame: far above a healthy decode (about 6 ms for 512×512×16 bit here), so only
     * a codec stuck in a loop on a corrupt stream reaches it.
     */
    static long timeLimitMillis(Size size) {
        long samples = (long) size.columns() * size.rows() * size.components();
        return 20_000 + samples / 100;
    }

    /**
     * Runs the codec on its own daemon thread and gives up after {@code limitMillis}. JJ2000 can loop for
     * ever on some corrupt codestreams that pass every structural check; a scan or conversion must not hang
     * on one bad file. On time-out the codec thread is stopped: it computes on private data only and holds
     * no lock Ferrum uses, so stopping it leaves nothing inconsistent (on Java versions without
     * {@code Thread.stop} it is abandoned, as a daemon).
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static Raster readRasterWithin(byte[] codestream, long limitMillis, Path file)
            throws IOException, DicomFormatException {
        java.util.concurrent.FutureTask<Raster> task =
                new java.util.concurrent.FutureTask<>(() -> readRaster(codestream));
        Thread worker = new Thread(task, "ferrum-jpeg2000");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(limitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            task.cancel(true);
            try {
                worker.stop();
            } catch (UnsupportedOperationException ignored) {
                // Java 20+: the daemon thread is left to finish or to die with the JVM.
            }
            throw new DicomFormatException(
                    file,
                    "JPEG 2000: the codec did not finish within " + limitMillis / 1000
                            + " s; the codestream is probably corrupt");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("JPEG 2000 decoding interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    private static Raster readRaster(byte[] codestream) throws IOException {
        ImageReader reader = new J2KImageReaderSpi().createReaderInstance();
        try (ImageInputStream in = new CodestreamInput(codestream)) {
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

    /**
     * The codestream as an Image I/O stream whose single-byte read throws {@link EOFException} at the end,
     * as JJ2000's own {@code RandomAccessIO} contract says, instead of returning −1. With −1 the codec's
     * packet-header bit reader sees endless 1 bits and a corrupt stream makes it loop forever (found by
     * the corruption test); with the exception it stops and the stream is refused.
     */
    private static final class CodestreamInput extends ImageInputStreamImpl {
        private final byte[] data;

        CodestreamInput(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() throws IOException {
            checkClosed();
            bitOffset = 0;
            if (streamPos >= data.length) {
                throw new EOFException("read past the end of the codestream");
            }
            return data[(int) streamPos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkClosed();
            if (off < 0 || len < 0 || off + len > b.length) {
                throw new IndexOutOfBoundsException();
            }
            bitOffset = 0;
            if (len == 0) {
                return 0;
            }
            if (streamPos >= data.length) {
                return -1;
            }
            int n = (int) Math.min(len, data.length - streamPos);
            System.arraycopy(data, (int) streamPos, b, off, n);
            streamPos += n;
            return n;
        }

        @Override
        public long length() {
            return data.length;
        }
    }

    /** Parses SOC and SIZ (ISO/IEC 15444-1 A.4.1, A.5.1) and checks what the decoder can represent. */
    static Size readSize(byte[] cs, Path file) throws DicomFormatException {
        if (cs.length < 4 || u16(cs, 0) != SOC) {
            String what = cs.length >= 12 && u16(cs, 4) == 0x6A50 && u16(cs, 6) == 0x2020
                    ? "a JP2 file, not the bare codestream PS3.5 A.4.4 requires"
                    : "no SOC marker (FF4F)";
            throw new DicomFormatException(file, "JPEG 2000: " + what + " at codestream byte offset 0");
        }
        if (cs.length < 4 + 2 + 38 + 3 || u16(cs, 2) != SIZ) {
            throw new DicomFormatException(
                    file, "JPEG 2000: no SIZ marker segment after SOC at codestream byte offset 2");
        }
        int length = u16(cs, 4);
        int components = u16(cs, 4 + 36);
        if (components < 1 || components > 4 || length != 38 + 3 * components || 4 + length > cs.length) {
            throw new DicomFormatException(
                    file,
                    "JPEG 2000: SIZ segment with " + components
                            + " components and length " + length + " is malformed or unsupported (1..4 components)"
                            + " at codestream byte offset 2");
        }
        long xsiz = u32(cs, 8), ysiz = u32(cs, 12), x0 = u32(cs, 16), y0 = u32(cs, 20);
        if (xsiz <= x0 || ysiz <= y0) {
            throw new DicomFormatException(
                    file, "JPEG 2000: empty image area in the SIZ segment at codestream byte offset 2");
        }
        long columns = xsiz - x0, rows = ysiz - y0;
        if (columns > 65535 || rows > 65535 || columns * rows * components > JpegLosslessDecoder.MAX_SAMPLES) {
            throw new DicomFormatException(
                    file,
                    "JPEG 2000: image of " + columns + "x" + rows + "x" + components
                            + " samples exceeds the supported size at codestream byte offset 2");
        }
        int ssiz0 = cs[4 + 38] & 0xFF;
        for (int c = 0; c < components; c++) {
            int at = 4 + 38 + 3 * c;
            int ssiz = cs[at] & 0xFF;
            int xr = cs[at + 1] & 0xFF, yr = cs[at + 2] & 0xFF;
            if (ssiz != ssiz0) {
                throw new DicomFormatException(
                        file,
                        "JPEG 2000: components of different precision or signedness"
                                + " are not supported at codestream byte offset " + at);
            }
            if (xr != 1 || yr != 1) {
                throw new DicomFormatException(
                        file,
                        "JPEG 2000: subsampled components (" + xr + "x" + yr
                                + ") are not supported at codestream byte offset " + at);
            }
        }
        int bits = (ssiz0 & 0x7F) + 1;
        if (bits > 16) {
            throw new DicomFormatException(
                    file,
                    "JPEG 2000: " + bits + "-bit samples are not supported (at most 16)" + " at codestream byte offset "
                            + (4 + 38));
        }
        return new Size((int) columns, (int) rows, components, bits, (ssiz0 & 0x80) != 0);
    }

    /**
     * Walks the main header's marker segments and the chain of tile-parts (A.4.2: SOT's Psot is the
     * tile-part's length, 0 only for the last one, which then runs to EOC) and requires the EOC marker.
     * JPEG 2000 decoders by design decode a truncated codestream into a coarser image without complaint;
     * for lossless data that would be wrong pixels, so a stream whose structure does not end where the
     * bytes end is refused here.
     */
    static void checkTileParts(byte[] cs, Path file) throws DicomFormatException {
        int end = cs.length;
        while (end > 0 && cs[end - 1] == 0) {
            end--; // fragment padding after EOC
        }
        if (end == cs.length && end % 2 == 0 && end >= 3 && u16(cs, end - 3) == EOC) {
            // One byte after EOC ending an even-length fragment is the padding PS3.5 A.4 asks for; the standard
            // says 0x00, some encoders write another value (e.g. 0xFF, JPEG's fill byte). The codec stops at EOC.
            end--;
        }
        int p = 2;
        while (true) {
            if (p + 4 > end) {
                throw truncated(file, p, "the main header");
            }
            int marker = u16(cs, p);
            if ((marker >>> 8) != 0xFF) {
                throw new DicomFormatException(
                        file,
                        String.format(
                                "JPEG 2000: expected a marker in the main header, found %04X at codestream byte offset %d",
                                marker, p));
            }
            if (marker == SOT) {
                break;
            }
            if (marker == PPM) {
                throw packedHeaders(file, p);
            }
            int length = u16(cs, p + 2);
            if (length < 2 || p + 2 + length > end) {
                throw truncated(file, p, String.format("marker segment %04X", marker));
            }
            p += 2 + length;
        }
        int tileParts = 0;
        while (true) {
            if (p + 2 > end) {
                throw truncated(file, p, "the tile-parts (no EOC marker)");
            }
            int marker = u16(cs, p);
            if (marker == EOC && tileParts > 0) {
                if (p + 2 != end) {
                    throw new DicomFormatException(
                            file,
                            "JPEG 2000: " + (end - p - 2) + " bytes after the EOC marker at codestream byte offset "
                                    + p);
                }
                return;
            }
            if (marker != SOT || p + 12 > end || u16(cs, p + 2) != 10) {
                throw new DicomFormatException(
                        file,
                        String.format(
                                "JPEG 2000: expected a tile-part (SOT) or EOC, found %04X at codestream byte offset %d",
                                marker, p));
            }
            long psot = u32(cs, p + 6);
            tileParts++;
            if (psot == 0) {
                // The last tile-part: its data run to the EOC marker that ends the codestream.
                if (end - p < 14 || u16(cs, end - 2) != EOC) {
                    throw truncated(file, p, "the last tile-part (no EOC marker at the end)");
                }
                checkTilePart(cs, p + 12, end - 2, file);
                return;
            }
            if (psot < 14 || p + psot > end) {
                throw truncated(file, p, "tile-part of " + psot + " bytes");
            }
            checkTilePart(cs, p + 12, (int) (p + psot), file);
            p += (int) psot;
        }
    }

    /**
     * Walks a tile-part header's marker segments up to SOD (A.4.2) within [p, limit), then checks the
     * tile-part's bit stream for marker emulation: packet headers and code-block data never hold FF
     * followed by a byte above 8F (bit stuffing in packet headers, B.10.1; the MQ coder's byte stuffing,
     * C.3.4), so apart from the SOP and EPH markers such a pair means corruption. The codec's packet
     * header reader would spin forever on FF FF (it re-reads the same stuffed byte without consuming
     * input), hence this check before it runs.
     */
    private static void checkTilePart(byte[] cs, int p, int limit, Path file) throws DicomFormatException {
        while (true) {
            if (p + 2 > limit) {
                throw truncated(file, p, "a tile-part header (no SOD marker)");
            }
            int marker = u16(cs, p);
            if (marker == SOD) {
                p += 2;
                break;
            }
            if ((marker >>> 8) != 0xFF || p + 4 > limit) {
                throw new DicomFormatException(
                        file,
                        String.format(
                                "JPEG 2000: expected a marker in a tile-part header, found %04X at codestream byte offset %d",
                                marker, p));
            }
            if (marker == PPT) {
                throw packedHeaders(file, p);
            }
            int length = u16(cs, p + 2);
            if (length < 2 || p + 2 + length > limit) {
                throw truncated(file, p, String.format("tile-part header segment %04X", marker));
            }
            p += 2 + length;
        }
        for (int i = p; i < limit; i++) {
            if (cs[i] != (byte) 0xFF) {
                continue;
            }
            int next = i + 1 < limit ? cs[i + 1] & 0xFF : 0x100;
            if (next == (SOP & 0xFF) && i + 6 <= limit) {
                i += 5; // FF91, Lsop = 4, Nsop: Nsop may itself end in FF
            } else if (next == (EPH & 0xFF)) {
                i += 1;
            } else if (next > 0x8F) {
                throw new DicomFormatException(
                        file,
                        String.format(
                                "JPEG 2000: corrupt bit stream (FF%s inside tile data) at codestream byte offset %d",
                                next == 0x100 ? " at the end of a tile-part" : String.format("%02X", next), i));
            }
        }
    }

    /**
     * Packed packet headers (PPM, PPT; A.7.4, A.7.5) are refused: the codec reads them from an in-memory
     * copy that answers −1 past its end, which a corrupt stream turns into an endless loop. DICOM encoders
     * do not write them by default; none of our test files has them.
     */
    private static DicomFormatException packedHeaders(Path file, int at) {
        return new DicomFormatException(
                file,
                "JPEG 2000: packed packet headers (PPM/PPT) are not supported" + " at codestream byte offset " + at);
    }

    private static DicomFormatException truncated(Path file, int at, String what) {
        return new DicomFormatException(
                file,
                "JPEG 2000: the codestream ends inside " + what + " (truncated or corrupt) at codestream byte offset "
                        + at);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
