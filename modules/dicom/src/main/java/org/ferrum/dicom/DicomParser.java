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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads DICOM Part 10 files (PS3.10 §7): the 128-byte preamble and "DICM" prefix, the file meta information
 * (group 0002, always explicit VR little endian, PS3.10 §7.1), then the data set in the transfer syntax the
 * meta information names: implicit VR little endian (PS3.5 §A.1), explicit VR little endian (§A.2) and big
 * endian (§A.3), deflated explicit VR little endian (§A.5, raw RFC 1951 deflate), and the encapsulated
 * syntaxes (§A.4), whose data set is explicit VR little endian.
 *
 * <p>Files without preamble: like other widely used readers, Ferrum also accepts a file that starts
 * directly with the file meta group (bytes {@code 02 00}) or, with no meta information at all, directly
 * with a group 0008 element (bytes {@code 08 00}, the "DICOM stream" older archives hold). In the latter
 * case the transfer syntax is guessed from the first element: explicit VR little endian if bytes 4–5 are
 * a VR code, else implicit VR little endian.
 *
 * <p>The whole file (or, for {@link #readHeader}, the part before the pixel data) is read with one
 * channel read into one array; parsing records offsets into it and copies nothing. Every length is checked
 * against the bytes that remain before use, nothing is allocated from an unchecked length, sequences nest
 * at most {@value DatasetReader#MAX_DEPTH} deep, and any malformed content ends in a
 * {@link DicomFormatException} naming the file, the attribute and the byte offset. Plain I/O failures stay
 * {@link IOException}s. Thread-safe: the class holds no state.
 */
public final class DicomParser {

    /** First read of {@link #readHeader}; headers of MR files are typically 2–40 kB. */
    private static final int HEADER_CHUNK = 64 * 1024;
    /** Largest file (and largest inflated data set) read: Java arrays end at 2^31 − 1. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    private static final int PREAMBLE = 128;

    private DicomParser() {}

    /** Reads a whole file, pixel data included. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads a file up to, not including, its pixel data (the first top-level element at or after
     * (7FE0,0008) FloatPixelData): enough for scanning folders and assembling series, without reading the
     * pixels. The returned file has no pixel data ({@link DicomFile#hasPixelData()} is false).
     */
    public static DicomFile readHeader(Path file) throws IOException {
        return read(file, true);
    }

    private static DicomFile read(Path file, boolean headerOnly) throws IOException {
        org.ferrum.io.RegularFiles.require(file); // a FIFO would block the open, a device never end
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                throw new DicomFormatException(
                        file, "file of " + size + " bytes is larger than the 2 GB a DICOM file can be read with");
            }
            int want = headerOnly ? (int) Math.min(size, HEADER_CHUNK) : (int) size;
            byte[] buf = new byte[want];
            int have = fill(ch, buf, 0, want);
            while (true) {
                try {
                    return parse(file, buf, have, size, headerOnly);
                } catch (DatasetReader.NeedMoreBytes e) {
                    if (have >= size) {
                        throw new DicomFormatException(file, "file ends early");
                    }
                    // read what the element that did not fit needs, plus room for the rest of the header
                    int next = (int) Math.min(size, Math.max(e.needed + HEADER_CHUNK, (long) have * 2));
                    buf = Arrays.copyOf(buf, next);
                    have = fill(ch, buf, have, next);
                }
            }
        }
    }

    private static int fill(FileChannel ch, byte[] buf, int from, int to) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, from, to - from);
        int p = from;
        while (p < to) {
            int n = ch.read(bb, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        return p;
    }

    /**
     * Parses a file's bytes held in memory (the file name serves messages only). Public for tests and tools
     * that already hold the bytes; {@link #read(Path)} is the usual way in.
     */
    public static DicomFile parse(Path file, byte[] bytes) throws DicomFormatException {
        try {
            return parse(file, bytes, bytes.length, bytes.length, false);
        } catch (DatasetReader.NeedMoreBytes e) {
            throw new DicomFormatException(file, "file ends early");
        }
    }

    private static DicomFile parse(Path file, byte[] buf, int have, long size, boolean headerOnly)
            throws DicomFormatException, DatasetReader.NeedMoreBytes {
        boolean complete = have >= size;
        if (!complete && have < PREAMBLE + 8) {
            throw new DatasetReader.NeedMoreBytes(size);
        }
        int start;
        boolean hasMeta;
        if (size >= PREAMBLE + 4
                && buf[PREAMBLE] == 'D'
                && buf[PREAMBLE + 1] == 'I'
                && buf[PREAMBLE + 2] == 'C'
                && buf[PREAMBLE + 3] == 'M') {
            start = PREAMBLE + 4;
            hasMeta = true;
        } else if (size >= 8 && buf[0] == 0x02 && buf[1] == 0x00) {
            start = 0;
            hasMeta = true;
        } else if (size >= 8 && buf[0] == 0x08 && buf[1] == 0x00) {
            start = 0;
            hasMeta = false;
        } else {
            throw new NotDicomException(
                    file,
                    "not a DICOM file: no \"DICM\" prefix at offset 128 (PS3.10 §7.1) and no group 0002 or 0008 element at offset 0");
        }

        DatasetReader reader = new DatasetReader(file, buf, have, size, "offset", headerOnly);
        reader.pos = start;
        ParsedDataset meta = new ParsedDataset(file, "file meta information", buf, false);
        TransferSyntax ts;
        String tsUid;
        if (hasMeta) {
            // PS3.10 §7.1: explicit VR little endian. A few old writers used implicit VR here; recognise them by
            // the absence of a VR code in the first element.
            boolean explicit = start + 6 > have || DatasetReader.vrOf(buf[start + 4], buf[start + 5]) != null;
            reader.readDataset(meta, size, DatasetReader.Until.END_OF_GROUP_0002, explicit, false, 0);
            tsUid = meta.string(Tags.TransferSyntaxUID).orElse(null);
            if (tsUid == null) {
                throw new DicomFormatException(
                        file, "file meta information has no " + Tags.format(Tags.TransferSyntaxUID) + " (PS3.10 §7.1)");
            }
            ts = TransferSyntax.of(tsUid);
        } else {
            meta.finish();
            if (have < 8) {
                throw new DicomFormatException(file, "file of " + size + " bytes is too short for a DICOM data set");
            }
            ts = DatasetReader.vrOf(buf[4], buf[5]) != null
                    ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
                    : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            tsUid = ts.uid();
        }

        boolean bigEndian = ts.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        ParsedDataset main;
        DatasetReader dataReader;
        if (ts.deflated()) {
            if (!complete) {
                // The pixel data's position is unknown until the data set is inflated: read the whole file.
                throw new DatasetReader.NeedMoreBytes(size);
            }
            int deflatedStart = reader.pos;
            byte[] inflated = inflate(file, buf, deflatedStart, have);
            main = new ParsedDataset(file, "data set", inflated, false);
            dataReader = new DatasetReader(
                    file, inflated, inflated.length, inflated.length, "offset (in the inflated data set)", headerOnly);
            dataReader.pos = 0;
        } else {
            main = new ParsedDataset(file, "data set", buf, bigEndian);
            dataReader = reader;
        }
        long end = dataReader == reader ? size : main.buffer().length;
        dataReader.readDataset(main, end, DatasetReader.Until.END, ts.explicitVr(), bigEndian, 0);
        if (headerOnly) {
            main.pixelDataWithheld(dataReader.stoppedBeforePixelData ? end - dataReader.pos : 0, ts.isEncapsulated());
        }
        return new DicomFile(file, meta, main, ts, tsUid.trim(), headerOnly);
    }

    /**
     * System property: the most bytes a deflated data set (PS3.5 §A.5) may inflate to, default
     * {@value #DEFAULT_MAX_INFLATED_BYTES} (64 MiB); at most {@value #MAX_BYTES}. Nothing in the file says how large
     * the inflated data set is before it is inflated, so this limit, which a user with larger files can raise
     * ({@code -J-Dferrum.dicom.maxInflatedBytes=2000000000} on the launcher), is what stops a small file that
     * inflates to gigabytes (deflate expands up to 1032:1). The default is low because the deflated transfer syntax
     * is rare for images, and because counting is not free: a maximally compressed stream inflates at only about
     * 150 MB/s here (distance-1 matches), so 64 MiB of a bomb cost about 0.5 s.
     */
    public static final String MAX_INFLATED_PROPERTY = "ferrum.dicom.maxInflatedBytes";

    static final long DEFAULT_MAX_INFLATED_BYTES = 64L << 20;

    /** The inflated-size limit in force ({@link #MAX_INFLATED_PROPERTY}). */
    static long maxInflatedBytes() {
        String v = System.getProperty(MAX_INFLATED_PROPERTY);
        if (v != null) {
            try {
                long n = Long.parseLong(v.trim());
                if (n > 0) {
                    return Math.min(n, MAX_BYTES);
                }
            } catch (NumberFormatException e) {
                // fall back to the default below
            }
            java.util.logging.Logger.getLogger(DicomParser.class.getName())
                    .warning(MAX_INFLATED_PROPERTY + " = '" + v + "' is not a positive number of bytes; using "
                            + DEFAULT_MAX_INFLATED_BYTES);
        }
        return DEFAULT_MAX_INFLATED_BYTES;
    }

    /**
     * Inflates a raw deflate stream (PS3.5 §A.5: RFC 1951 without zlib header); a zlib-wrapped stream is accepted
     * too. The stream is first inflated into a small scratch buffer only to count its bytes, stopping at the
     * limit ({@link #maxInflatedBytes()}); only then is the exact array allocated and the stream inflated again
     * into it, so memory never exceeds the inflated size, and a deflate bomb costs 64 kB.
     */
    private static byte[] inflate(Path file, byte[] buf, int from, int to) throws DicomFormatException {
        long limit = maxInflatedBytes();
        boolean raw = true;
        long size;
        try {
            size = inflatedSize(buf, from, to, true, limit);
        } catch (DataFormatException first) {
            try {
                size = inflatedSize(buf, from, to, false, limit);
                raw = false;
            } catch (DataFormatException second) {
                throw new DicomFormatException(
                        file, "deflated data set at offset " + from + " does not inflate: " + first.getMessage());
            }
        }
        if (size > limit) {
            throw new DicomFormatException(
                    file,
                    "deflated data set at offset " + from + " (" + (to - from) + " bytes) inflates to"
                            + " more than " + limit + " bytes, the limit for deflated DICOM (raise it with -D"
                            + MAX_INFLATED_PROPERTY
                            + "=BYTES)");
        }
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(buf, from, to - from);
            int n = 0;
            while (n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new DicomFormatException(
                    file, "deflated data set at offset " + from + " does not inflate: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Bytes the stream inflates to (a truncated stream: what inflates before it ends), or {@code limit + 1} once past the limit. */
    private static long inflatedSize(byte[] buf, int from, int to, boolean raw, long limit) throws DataFormatException {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(buf, from, to - from);
            byte[] scratch = new byte[1 << 16];
            long n = 0;
            while (!inflater.finished()) {
                int k = inflater.inflate(scratch);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    if (inflater.needsDictionary()) {
                        throw new DataFormatException("stream needs a preset dictionary");
                    }
                    // Truncated stream: keep what inflated; a cut element is reported by the parser.
                    break;
                }
                n += k;
                if (n > limit) {
                    return limit + 1;
                }
            }
            return n;
        } finally {
            inflater.end();
        }
    }
}
