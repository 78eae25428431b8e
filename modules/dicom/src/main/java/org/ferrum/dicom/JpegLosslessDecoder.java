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

import java.nio.file.Path;

/**
 * Decoder for lossless JPEG: ITU-T T.81 | ISO/IEC 10918-1 process 14 (SOF3, Huffman coding, Annex H),
 * the codec of transfer syntaxes 1.2.840.10008.1.2.4.57 (any predictor) and .70 (predictor 1, "SV1").
 *
 * <p>Supported: precision 2–16 bits, 1–4 components with sampling factors 1×1 (a single component may
 * declare any), interleaved and non-interleaved scans, predictors 1–7 (Table H.1), point transform
 * Pt (A.4, H.2.2), restart intervals (DRI, RST<i>m</i>), a frame height given later by DNL (B.2.5),
 * APP<i>n</i>/COM/DQT segments skipped. Anything else (DCT processes, arithmetic coding, hierarchical
 * mode, subsampled colour) is a {@link DicomFormatException} saying which, as is every malformed or
 * truncated stream: the message gives the byte offset in the codestream.
 *
 * <p>Memory: the only allocation sized by stream content is the output array, {@code X·Y·Nf} ints,
 * which is refused above 2<sup>28</sup> samples and above eight samples per codestream byte (a Huffman
 * code is at least one bit, so a stream that claims more samples than it has bits is corrupt).
 *
 * <p>Output samples are unsigned, {@code 0 .. 2^P − 1}, already multiplied by 2<sup>Pt</sup>; see
 * {@link DecodedImage} for the layout and for signed pixel data.
 */
final class JpegLosslessDecoder {

    /** Cap on X·Y·Nf: 1 GiB of ints, far beyond any single DICOM frame. */
    static final long MAX_SAMPLES = 1L << 28;

    /** Bits resolved by one table look-up; longer codes take the canonical-code path (F.2.2.3). */
    private static final int LOOKUP_BITS = 10;

    private static final int SOI = 0xD8,
            EOI = 0xD9,
            SOS = 0xDA,
            DQT = 0xDB,
            DNL = 0xDC,
            DRI = 0xDD,
            DHT = 0xC4,
            SOF3 = 0xC3,
            DAC = 0xCC,
            COM = 0xFE,
            RST0 = 0xD0,
            RST7 = 0xD7,
            TEM = 0x01;

    private final byte[] data;
    private final Path file;
    private int pos;

    // Frame header (B.2.2).
    private boolean frameSeen;
    private int precision;
    private int rows;
    private int columns;
    private int components;
    private int[] componentIds;
    private boolean[] componentCoded;
    private int[] componentPt;

    private final HuffmanTable[] tables = new HuffmanTable[4];
    private int restartInterval;
    private int[] samples;
    private int scans;

    // Entropy-coded data reader: bitCount valid bits in the low end of bitBuffer, the last phantomBits
    // of which are zeros fed after the data ran out (a marker or the end of the array).
    private int ecsPos;
    private long bitBuffer;
    private int bitCount;
    private int phantomBits;
    private boolean atMarker;

    private JpegLosslessDecoder(byte[] data, Path file) {
        this.data = data;
        this.file = file;
    }

    /**
     * Decodes one lossless JPEG image (one DICOM frame).
     *
     * @param codestream the bytes from SOI to EOI (trailing padding after EOI is ignored)
     * @param file the DICOM file the frame came from, for messages
     * @throws DicomFormatException if the stream is not lossless JPEG, is malformed or truncated
     */
    static DecodedImage decode(byte[] codestream, Path file) throws DicomFormatException {
        if (codestream == null) {
            throw new DicomFormatException(file, "lossless JPEG: no codestream");
        }
        try {
            return new JpegLosslessDecoder(codestream, file).run();
        } catch (RuntimeException e) {
            // A defect here must still reach the user as a file problem, not as a stack trace.
            throw new DicomFormatException(file, "lossless JPEG: cannot decode the codestream (" + e + ")", e);
        }
    }

    private DicomFormatException error(int offset, String problem) {
        return new DicomFormatException(file, "lossless JPEG: " + problem + " at codestream byte offset " + offset);
    }

    private DecodedImage run() throws DicomFormatException {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw error(0, "no SOI marker (FFD8): not a JPEG codestream");
        }
        pos = 2;
        while (true) {
            if (pos >= data.length) {
                if (allComponentsCoded()) {
                    break; // tolerated: EOI missing after a complete image
                }
                throw error(pos, "the codestream ends before the image is complete (no EOI)");
            }
            int markerAt = pos;
            int marker = readMarker();
            if (marker == EOI) {
                break;
            }
            switch (marker) {
                case SOF3 -> readFrameHeader(markerAt);
                case DHT -> readHuffmanTables(markerAt);
                case DRI -> readRestartInterval(markerAt);
                case SOS -> decodeScan(markerAt);
                case DNL -> readDnl(markerAt);
                case DAC -> throw error(markerAt, "arithmetic coding (DAC marker) is not supported");
                case 0xF7 -> throw error(markerAt, "a JPEG-LS frame (SOF55, ISO/IEC 14495-1), not lossless JPEG");
                case SOI -> throw error(markerAt, "a second SOI marker");
                case TEM -> {
                    /* stand-alone, no length */
                }
                default -> {
                    if (marker >= RST0 && marker <= RST7) {
                        throw error(markerAt, "a restart marker outside entropy-coded data");
                    }
                    if (marker >= 0xC0 && marker <= 0xCF) {
                        throw error(markerAt, describeOtherFrame(marker));
                    }
                    if (marker == 0xDE || marker == 0xDF) {
                        throw error(markerAt, "hierarchical mode (DHP/EXP) is not supported");
                    }
                    if ((marker >= 0xE0 && marker <= 0xEF)
                            || marker == COM
                            || marker == DQT
                            || (marker >= 0xF0 && marker <= 0xFD)
                            || (marker >= 0x02 && marker <= 0xBF)) {
                        skipSegment(markerAt); // APPn, COM, DQT, JPGn and reserved: length-prefixed
                    } else {
                        throw error(markerAt, String.format("unexpected marker FF%02X", marker));
                    }
                }
            }
        }
        if (!frameSeen) {
            throw error(pos, "no SOF3 frame header");
        }
        for (int c = 0; c < components; c++) {
            if (!componentCoded[c]) {
                throw error(pos, "component " + componentIds[c] + " is in the frame but in no scan");
            }
        }
        for (int c = 0; c < components; c++) {
            int pt = componentPt[c];
            if (pt != 0) {
                for (int i = c; i < samples.length; i += components) {
                    samples[i] <<= pt; // H.2.2: the decoder multiplies its output by 2^Pt
                }
            }
        }
        return new DecodedImage(columns, rows, components, precision, samples);
    }

    private boolean allComponentsCoded() {
        if (!frameSeen || samples == null) {
            return false;
        }
        for (boolean b : componentCoded) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    private static String describeOtherFrame(int marker) {
        return switch (marker) {
            case 0xC0 -> "baseline DCT (SOF0) is lossy JPEG, not lossless (process 14)";
            case 0xC1 -> "extended sequential DCT (SOF1) is lossy JPEG, not lossless (process 14)";
            case 0xC2 -> "progressive DCT (SOF2) is lossy JPEG, not lossless (process 14)";
            case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF ->
                String.format("hierarchical JPEG (SOF%d) is not supported", marker - 0xC0);
            case 0xC9, 0xCA -> String.format("arithmetic-coded DCT (SOF%d) is not supported", marker - 0xC0);
            case 0xCB -> "arithmetic-coded lossless JPEG (SOF11) is not supported";
            default -> String.format("unsupported JPEG frame type FF%02X", marker);
        };
    }

    /** Reads FF xx at pos, skipping fill bytes (B.1.1.2); returns xx. */
    private int readMarker() throws DicomFormatException {
        int at = pos;
        if ((data[pos] & 0xFF) != 0xFF) {
            throw error(at, String.format("expected a marker, found byte %02X", data[pos] & 0xFF));
        }
        while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= data.length) {
            throw error(at, "the codestream ends inside a marker");
        }
        int marker = data[pos++] & 0xFF;
        if (marker == 0) {
            throw error(at, "a stuffed FF00 byte outside entropy-coded data");
        }
        return marker;
    }

    /** Reads the segment length after a marker; returns the offset one past the segment. */
    private int segmentEnd(int markerAt, int minLength) throws DicomFormatException {
        if (pos + 2 > data.length) {
            throw error(markerAt, "the codestream ends inside a marker segment's length");
        }
        int length = u16(pos);
        if (length < Math.max(2, minLength)) {
            throw error(markerAt, "marker segment length " + length + " is too short");
        }
        if (pos + length > data.length) {
            throw error(
                    markerAt,
                    "marker segment length " + length + " runs past the end of the codestream (" + data.length
                            + " bytes)");
        }
        int end = pos + length;
        pos += 2;
        return end;
    }

    private void skipSegment(int markerAt) throws DicomFormatException {
        pos = segmentEnd(markerAt, 2);
    }

    private int u16(int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    /** B.2.2 frame header. */
    private void readFrameHeader(int markerAt) throws DicomFormatException {
        if (frameSeen) {
            throw error(markerAt, "a second frame header (SOF)");
        }
        int end = segmentEnd(markerAt, 8);
        precision = data[pos] & 0xFF;
        rows = u16(pos + 1);
        columns = u16(pos + 3);
        components = data[pos + 5] & 0xFF;
        pos += 6;
        if (precision < 2 || precision > 16) {
            throw error(markerAt, "sample precision " + precision + " outside 2..16");
        }
        if (columns == 0) {
            throw error(markerAt, "frame width 0");
        }
        if (components < 1 || components > 4) {
            throw error(markerAt, components + " components (1..4 supported)");
        }
        if (end - pos != 3 * components) {
            throw error(markerAt, "frame header length does not match its " + components + " components");
        }
        componentIds = new int[components];
        componentCoded = new boolean[components];
        componentPt = new int[components];
        for (int c = 0; c < components; c++) {
            componentIds[c] = data[pos] & 0xFF;
            int h = (data[pos + 1] & 0xFF) >>> 4;
            int v = data[pos + 1] & 0x0F;
            for (int k = 0; k < c; k++) {
                if (componentIds[k] == componentIds[c]) {
                    throw error(markerAt, "component identifier " + componentIds[c] + " appears twice");
                }
            }
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw error(markerAt, "sampling factors " + h + "x" + v + " outside 1..4");
            }
            if (components > 1 && (h != 1 || v != 1)) {
                throw error(markerAt, "subsampled components (sampling factors " + h + "x" + v + ") are not supported");
            }
            pos += 3;
        }
        frameSeen = true;
        if (rows != 0) {
            checkSize(markerAt);
        }
    }

    private void checkSize(int at) throws DicomFormatException {
        long total = (long) rows * columns * components;
        if (total > MAX_SAMPLES) {
            throw error(at, columns + "x" + rows + "x" + components + " samples exceed the limit of " + MAX_SAMPLES);
        }
        if (total > 8L * data.length) {
            throw error(
                    at,
                    columns + "x" + rows + "x" + components + " samples cannot fit in a " + data.length
                            + "-byte codestream (at least one bit each)");
        }
    }

    /** B.2.4.2 Huffman table specification; only DC-class tables (Tc = 0) are used by lossless scans. */
    private void readHuffmanTables(int markerAt) throws DicomFormatException {
        int end = segmentEnd(markerAt, 2);
        while (pos < end) {
            if (pos + 17 > end) {
                throw error(pos, "Huffman table definition cut short by its segment length");
            }
            int tc = (data[pos] & 0xFF) >>> 4;
            int th = data[pos] & 0x0F;
            if (tc > 1 || th > 3) {
                throw error(pos, "Huffman table class " + tc + " / destination " + th + " invalid");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = data[pos + l] & 0xFF;
                total += counts[l];
            }
            int tableAt = pos;
            pos += 17;
            if (pos + total > end) {
                throw error(tableAt, "Huffman table with " + total + " codes runs past its segment");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = data[pos + i] & 0xFF;
            }
            pos += total;
            if (tc == 0) {
                tables[th] = HuffmanTable.build(counts, values, tableAt, this);
            }
        }
        if (pos != end) {
            throw error(markerAt, "DHT segment length disagrees with its tables");
        }
    }

    private void readRestartInterval(int markerAt) throws DicomFormatException {
        int end = segmentEnd(markerAt, 4);
        if (end - pos != 2) {
            throw error(markerAt, "DRI segment length must be 4");
        }
        restartInterval = u16(pos);
        pos = end;
    }

    private void readDnl(int markerAt) throws DicomFormatException {
        int end = segmentEnd(markerAt, 4);
        if (end - pos != 2) {
            throw error(markerAt, "DNL segment length must be 4");
        }
        int lines = u16(pos);
        pos = end;
        if (scans != 1 || lines != rows) {
            throw error(
                    markerAt,
                    "DNL segment (" + lines + " lines) not after the first scan of a frame with " + rows + " lines");
        }
    }

    /** Finds the DNL segment that ends the first scan (B.2.5) when the frame header left Y = 0. */
    private int linesFromDnl(int from) throws DicomFormatException {
        // Inside entropy-coded data FF is always followed by 00 (stuffing), RSTm or a fill byte, so the
        // first FF DC after the scan header is the DNL marker.
        for (int i = from; i + 5 < data.length; i++) {
            if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == DNL) {
                int lines = u16(i + 4);
                if (lines == 0) {
                    throw error(i, "DNL segment gives 0 lines");
                }
                return lines;
            }
        }
        throw error(from, "frame height is 0 and no DNL segment defines it");
    }

    /** B.2.3 scan header, then the scan's entropy-coded data (H.2). */
    private void decodeScan(int markerAt) throws DicomFormatException {
        if (!frameSeen) {
            throw error(markerAt, "a scan (SOS) before the frame header (SOF3)");
        }
        int end = segmentEnd(markerAt, 6);
        int ns = data[pos] & 0xFF;
        if (ns < 1 || ns > components || end - pos != 1 + 2 * ns + 3) {
            throw error(markerAt, "scan header with " + ns + " components is malformed");
        }
        pos++;
        int[] scanComponent = new int[ns];
        HuffmanTable[] scanTable = new HuffmanTable[ns];
        for (int k = 0; k < ns; k++) {
            int id = data[pos] & 0xFF;
            int td = (data[pos + 1] & 0xFF) >>> 4;
            int index = -1;
            for (int c = 0; c < components; c++) {
                if (componentIds[c] == id) {
                    index = c;
                }
            }
            if (index < 0) {
                throw error(pos, "scan component " + id + " is not in the frame");
            }
            if (componentCoded[index]) {
                throw error(pos, "component " + id + " is coded in two scans");
            }
            componentCoded[index] = true;
            if (td > 3 || tables[td] == null) {
                throw error(pos, "scan component " + id + " uses Huffman table " + td + ", which is not defined");
            }
            scanComponent[k] = index;
            scanTable[k] = tables[td];
            pos += 2;
        }
        int predictor = data[pos] & 0xFF;
        int ah = (data[pos + 2] & 0xFF) >>> 4;
        int pt = data[pos + 2] & 0x0F;
        pos = end;
        if (predictor < 1 || predictor > 7) {
            throw error(markerAt, "predictor selection " + predictor + " outside 1..7");
        }
        if (ah != 0) {
            throw error(markerAt, "successive approximation (Ah = " + ah + ") is not lossless process 14");
        }
        if (pt >= precision) {
            throw error(markerAt, "point transform " + pt + " not below the precision " + precision);
        }
        for (int k = 0; k < ns; k++) {
            componentPt[scanComponent[k]] = pt;
        }
        scans++;
        if (rows == 0) {
            rows = linesFromDnl(pos);
            checkSize(markerAt);
        }
        if (samples == null) {
            samples = new int[rows * columns * components];
        }
        decodeEntropyCodedData(scanComponent, scanTable, predictor, pt);
    }

    private void decodeEntropyCodedData(int[] scanComponent, HuffmanTable[] scanTable, int predictor, int pt)
            throws DicomFormatException {
        final int[] out = samples;
        final int nf = components;
        final int ns = scanComponent.length;
        final int width = columns;
        final int rowStride = width * nf;
        final int mask = (1 << (precision - pt)) - 1;
        final int initial = 1 << (precision - pt - 1);
        ecsPos = pos;
        bitBuffer = 0;
        bitCount = 0;
        phantomBits = 0;
        atMarker = false;

        int untilRestart = restartInterval;
        boolean reset = true; // the next MCU starts the scan or a restart interval: predict 2^(P-Pt-1)
        int resetRow = 0; // the line predicted from the left only (H.1.2.1)
        for (int y = 0; y < rows; y++) {
            int rowBase = y * rowStride;
            for (int x = 0; x < width; x++) {
                int pixel = rowBase + x * nf;
                for (int k = 0; k < ns; k++) {
                    int i = pixel + scanComponent[k];
                    int px;
                    if (reset) {
                        px = initial;
                    } else if (y == resetRow) {
                        px = out[i - nf];
                    } else if (x == 0) {
                        px = out[i - rowStride];
                    } else {
                        int ra = out[i - nf];
                        int rb = out[i - rowStride];
                        int rc = out[i - rowStride - nf];
                        px = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    // H.2.2: the difference is added modulo 2^16; a valid stream stays within P − Pt bits.
                    out[i] = (px + decodeDifference(scanTable[k])) & mask;
                }
                reset = false;
                if (untilRestart > 0 && --untilRestart == 0) {
                    boolean lastMcu = y == rows - 1 && x == width - 1;
                    if (!lastMcu) {
                        restart();
                        untilRestart = restartInterval;
                        reset = true;
                        resetRow = x == width - 1 ? y + 1 : y;
                    }
                }
            }
        }
        checkNotPastEnd();
        pos = nextMarkerFrom(ecsPos);
    }

    /** Decodes one Huffman-coded difference (F.2.2.1 DECODE, then the extra bits of Table H.2). */
    private int decodeDifference(HuffmanTable table) throws DicomFormatException {
        if (bitCount < 32) {
            fill();
        }
        int entry = table.lookup[(int) (bitBuffer >>> (bitCount - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1)];
        int ssss;
        if (entry != 0) {
            bitCount -= entry >>> 8;
            ssss = entry & 0xFF;
        } else {
            ssss = decodeLongCode(table);
        }
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768; // Table H.2: no extra bits follow SSSS = 16
        }
        bitCount -= ssss;
        int v = (int) (bitBuffer >>> bitCount) & ((1 << ssss) - 1);
        // F.2.2.1 EXTEND: a leading 0 bit means a negative difference.
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }

    private int decodeLongCode(HuffmanTable table) throws DicomFormatException {
        int code16 = (int) (bitBuffer >>> (bitCount - 16)) & 0xFFFF;
        for (int l = LOOKUP_BITS + 1; l <= 16; l++) {
            int code = code16 >>> (16 - l);
            if (code <= table.maxCode[l]) {
                bitCount -= l;
                return table.values[table.valuePointer[l] + code - table.minCode[l]];
            }
        }
        throw error(approximateOffset(), "invalid Huffman code");
    }

    /**
     * Tops the bit buffer up to at least 57 bits, removing stuffed zero bytes (F.1.2.3). Past a marker or
     * the end of the array it feeds zero bits and counts them as phantom; consuming one is an error.
     */
    private void fill() throws DicomFormatException {
        if (phantomBits > bitCount) {
            throw error(ecsPos, "entropy-coded data end early (truncated or corrupt codestream)");
        }
        while (bitCount <= 56) {
            int b;
            if (!atMarker && ecsPos < data.length) {
                b = data[ecsPos] & 0xFF;
                if (b != 0xFF) {
                    ecsPos++;
                } else if (ecsPos + 1 < data.length && data[ecsPos + 1] == 0) {
                    ecsPos += 2;
                } else {
                    atMarker = true; // a marker (or a lone FF at the end): this segment's data are over
                    b = 0;
                    phantomBits += 8;
                }
            } else {
                b = 0;
                phantomBits += 8;
            }
            bitBuffer = (bitBuffer << 8) | b;
            bitCount += 8;
        }
    }

    private int approximateOffset() {
        return Math.max(pos, ecsPos - (bitCount - phantomBits) / 8);
    }

    private void checkNotPastEnd() throws DicomFormatException {
        if (bitCount < phantomBits) {
            throw error(ecsPos, "entropy-coded data end early (truncated or corrupt codestream)");
        }
    }

    /** End of a restart interval (E.2.4): discard the padding bits, expect RSTm, reset the reader. */
    private void restart() throws DicomFormatException {
        checkNotPastEnd();
        int at = nextMarkerFrom(ecsPos);
        if (at + 1 >= data.length || (data[at + 1] & 0xFF) < RST0 || (data[at + 1] & 0xFF) > RST7) {
            throw error(at, "expected a restart marker (RSTm) after " + restartInterval + " samples");
        }
        ecsPos = at + 2;
        bitBuffer = 0;
        bitCount = 0;
        phantomBits = 0;
        atMarker = false;
    }

    /** The offset of the next marker (FF not followed by 00 or FF) at or after from. */
    private int nextMarkerFrom(int from) throws DicomFormatException {
        for (int i = from; i + 1 < data.length; i++) {
            if ((data[i] & 0xFF) == 0xFF) {
                int next = data[i + 1] & 0xFF;
                if (next != 0 && next != 0xFF) {
                    return i;
                }
            }
        }
        return data.length; // ran off the end; the caller decides whether that is complete
    }

    /** A Huffman table for difference categories, as F.2.2.3 derives decoding tables from BITS/HUFFVAL. */
    private static final class HuffmanTable {
        final int[] lookup = new int[1 << LOOKUP_BITS];
        final int[] maxCode = new int[18];
        final int[] minCode = new int[17];
        final int[] valuePointer = new int[17];
        final int[] values;

        private HuffmanTable(int[] values) {
            this.values = values;
        }

        static HuffmanTable build(int[] counts, int[] values, int at, JpegLosslessDecoder decoder)
                throws DicomFormatException {
            HuffmanTable t = new HuffmanTable(values);
            for (int v : values) {
                if (v > 16) {
                    throw decoder.error(
                            at, "Huffman table holds difference category " + v + " (lossless allows 0..16)");
                }
            }
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                t.valuePointer[l] = k;
                t.minCode[l] = code;
                code += counts[l];
                k += counts[l];
                t.maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                if (code > (1 << l)) {
                    throw decoder.error(at, "Huffman table has more codes of length " + l + " than fit");
                }
                if (l <= LOOKUP_BITS) {
                    for (int c = t.minCode[l]; c < code; c++) {
                        int shift = LOOKUP_BITS - l;
                        int entry = (l << 8) | values[t.valuePointer[l] + c - t.minCode[l]];
                        for (int fillBits = 0; fillBits < (1 << shift); fillBits++) {
                            t.lookup[(c << shift) | fillBits] = entry;
                        }
                    }
                }
                code <<= 1;
            }
            t.maxCode[17] = Integer.MAX_VALUE;
            return t;
        }
    }
}
