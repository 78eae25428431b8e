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

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A small lossless JPEG (ITU-T T.81 process 14, Huffman) encoder for tests only: it writes the streams
 * the decoder is checked against, with every option the decoder must handle switched on by a setter.
 * It follows T.81 Annex H for prediction and difference coding and Annex K.2 for code lengths limited
 * to 16 bits. Not for production: it favours plainness over speed.
 */
final class LosslessJpegEncoder {

    enum Tables {
        /** Optimal code lengths from the difference statistics (Annex K.2), one table per component. */
        OPTIMAL,
        /** One fixed table whose codes run from 1 to 16 bits, so long codes are exercised. */
        LONG_CODES
    }

    private int precision = 16;
    private int predictor = 1;
    private int pointTransform;
    private int restartInterval;
    private boolean interleaved = true;
    private boolean heightInDnl;
    private boolean extraSegments;
    private Tables tables = Tables.OPTIMAL;

    LosslessJpegEncoder precision(int p) {
        precision = p;
        return this;
    }

    LosslessJpegEncoder predictor(int p) {
        predictor = p;
        return this;
    }

    LosslessJpegEncoder pointTransform(int pt) {
        pointTransform = pt;
        return this;
    }

    LosslessJpegEncoder restartInterval(int ri) {
        restartInterval = ri;
        return this;
    }

    LosslessJpegEncoder interleaved(boolean b) {
        interleaved = b;
        return this;
    }

    LosslessJpegEncoder heightInDnl(boolean b) {
        heightInDnl = b;
        return this;
    }

    LosslessJpegEncoder extraSegments(boolean b) {
        extraSegments = b;
        return this;
    }

    LosslessJpegEncoder tables(Tables t) {
        tables = t;
        return this;
    }

    /**
     * Encodes samples laid out like {@link DecodedImage#samples()}; values must lie in 0..2^P−1 and have
     * their low Pt bits zero (the point transform drops them).
     */
    byte[] encode(int columns, int rows, int components, int[] samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        if (extraSegments) {
            segment(out, 0xE0, "JFIF\0\1\2\0\0\1\0\1\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            segment(out, 0xFE, "test stream".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        // Frame header (B.2.2).
        ByteArrayOutputStream sof = new ByteArrayOutputStream();
        sof.write(precision);
        u16(sof, heightInDnl ? 0 : rows);
        u16(sof, columns);
        sof.write(components);
        for (int c = 0; c < components; c++) {
            sof.write(c + 1);
            sof.write(0x11);
            sof.write(0);
        }
        segment(out, 0xC3, sof.toByteArray());
        if (restartInterval > 0) {
            ByteArrayOutputStream dri = new ByteArrayOutputStream();
            u16(dri, restartInterval);
            segment(out, 0xDD, dri.toByteArray());
        }

        int[] reduced = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            reduced[i] = samples[i] >> pointTransform;
        }
        List<int[]> scans = new ArrayList<>();
        if (interleaved) {
            int[] all = new int[components];
            for (int c = 0; c < components; c++) {
                all[c] = c;
            }
            scans.add(all);
        } else {
            for (int c = 0; c < components; c++) {
                scans.add(new int[] {c});
            }
        }
        boolean first = true;
        for (int[] scan : scans) {
            // Differences in coding order, per scan component.
            List<int[]> diffs = differences(columns, rows, components, reduced, scan);
            int[][] huffVal = new int[scan.length][];
            int[][] bits = new int[scan.length][];
            for (int k = 0; k < scan.length; k++) {
                int[] freq = new int[17];
                for (int[] d : diffs) {
                    if (d[0] == k) {
                        freq[category(d[1])]++;
                    }
                }
                int[][] table = tables == Tables.OPTIMAL ? optimalTable(freq) : longCodeTable();
                bits[k] = table[0];
                huffVal[k] = table[1];
            }
            // DHT: one table per scan component, destinations 0..3.
            ByteArrayOutputStream dht = new ByteArrayOutputStream();
            for (int k = 0; k < scan.length; k++) {
                dht.write(k);
                for (int l = 1; l <= 16; l++) {
                    dht.write(bits[k][l]);
                }
                for (int v : huffVal[k]) {
                    dht.write(v);
                }
            }
            segment(out, 0xC4, dht.toByteArray());
            ByteArrayOutputStream sos = new ByteArrayOutputStream();
            sos.write(scan.length);
            for (int k = 0; k < scan.length; k++) {
                sos.write(scan[k] + 1);
                sos.write(k << 4);
            }
            sos.write(predictor);
            sos.write(0);
            sos.write(pointTransform);
            segment(out, 0xDA, sos.toByteArray());

            int[][] code = new int[scan.length][17];
            int[][] size = new int[scan.length][17];
            for (int k = 0; k < scan.length; k++) {
                canonicalCodes(bits[k], huffVal[k], code[k], size[k]);
            }
            BitWriter w = new BitWriter(out);
            int mcus = 0;
            int rst = 0;
            int perMcu = scan.length;
            for (int i = 0; i < diffs.size(); i++) {
                int[] d = diffs.get(i);
                int k = d[0];
                int s = category(d[1]);
                w.write(code[k][s], size[k][s]);
                if (s != 0 && s != 16) {
                    int v = d[1] > 0 ? d[1] : d[1] - 1;
                    w.write(v & ((1 << s) - 1), s);
                }
                if ((i + 1) % perMcu == 0) {
                    mcus++;
                    if (restartInterval > 0 && mcus % restartInterval == 0 && i + 1 < diffs.size()) {
                        w.flush();
                        marker(out, 0xD0 + (rst++ & 7));
                    }
                }
            }
            w.flush();
            if (first && heightInDnl) {
                ByteArrayOutputStream dnl = new ByteArrayOutputStream();
                u16(dnl, rows);
                segment(out, 0xDC, dnl.toByteArray());
            }
            first = false;
        }
        marker(out, 0xD9);
        return out.toByteArray();
    }

    /** Pairs (scan component index, difference in −32768..32767) in coding order (H.1.2.1). */
    private List<int[]> differences(int columns, int rows, int nf, int[] v, int[] scan) {
        List<int[]> diffs = new ArrayList<>(columns * rows * scan.length);
        int initial = 1 << (precision - pointTransform - 1);
        int stride = columns * nf;
        int mcu = 0;
        boolean reset = true;
        int resetRow = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int k = 0; k < scan.length; k++) {
                    int i = (y * columns + x) * nf + scan[k];
                    int px;
                    if (reset) {
                        px = initial;
                    } else if (y == resetRow) {
                        px = v[i - nf];
                    } else if (x == 0) {
                        px = v[i - stride];
                    } else {
                        int ra = v[i - nf], rb = v[i - stride], rc = v[i - stride - nf];
                        px = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            case 7 -> (ra + rb) >> 1;
                            default -> throw new IllegalArgumentException("predictor " + predictor);
                        };
                    }
                    int d = (v[i] - px) & 0xFFFF;
                    if (d >= 32768) {
                        d -= 65536;
                    }
                    diffs.add(new int[] {k, d});
                }
                reset = false;
                mcu++;
                if (restartInterval > 0 && mcu % restartInterval == 0) {
                    reset = true;
                    resetRow = x == columns - 1 ? y + 1 : y;
                }
            }
        }
        return diffs;
    }

    /** Table H.2 difference category; −32768 is coded as +32768, SSSS = 16. */
    static int category(int d) {
        if (d == -32768) {
            return 16;
        }
        return 32 - Integer.numberOfLeadingZeros(Math.abs(d));
    }

    /** {BITS[0..16], HUFFVAL} from symbol frequencies, code lengths limited to 16 (Annex K.2 in spirit). */
    static int[][] optimalTable(int[] freq) {
        // Symbols 0..16 plus a reserved symbol 17 of frequency 1 so that no code is all ones.
        int n = 18;
        long[] f = new long[n];
        for (int s = 0; s < 17; s++) {
            f[s] = freq[s];
        }
        f[17] = 1;
        int[] length = new int[n];
        PriorityQueue<long[]> queue =
                new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        // Each node: {weight, id}; leaves 0..n-1, internal nodes from n up with parent links.
        int[] parent = new int[2 * n];
        Arrays.fill(parent, -1);
        int next = n;
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                queue.add(new long[] {f[s], s});
            }
        }
        if (queue.size() == 1) {
            length[(int) queue.peek()[1]] = 1;
        }
        while (queue.size() > 1) {
            long[] a = queue.poll();
            long[] b = queue.poll();
            parent[(int) a[1]] = next;
            parent[(int) b[1]] = next;
            queue.add(new long[] {a[0] + b[0], next});
            next++;
        }
        for (int s = 0; s < n; s++) {
            if (f[s] > 0 && length[s] == 0) {
                int l = 0;
                for (int p = s; parent[p] >= 0; p = parent[p]) {
                    l++;
                }
                length[s] = l;
            }
        }
        int[] bits = new int[40];
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                bits[length[s]]++;
            }
        }
        // K.2 length limiting: move pairs of over-long codes up until nothing is longer than 16.
        for (int i = 39; i > 16; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1] += 1;
                bits[j + 1] += 2;
                bits[j] -= 1;
            }
        }
        // Remove the reserved symbol from the longest length.
        int longest = 16;
        while (bits[longest] == 0) {
            longest--;
        }
        bits[longest]--;
        // Assign the real symbols, most frequent first, to lengths shortest first.
        Integer[] order = new Integer[17];
        for (int s = 0; s < 17; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Long.compare(f[b], f[a]));
        int used = 0;
        for (int s = 0; s < 17; s++) {
            if (f[s] > 0) {
                used++;
            }
        }
        int[] huffVal = new int[used];
        for (int i = 0; i < used; i++) {
            huffVal[i] = order[i];
        }
        return new int[][] {Arrays.copyOf(bits, 17), huffVal};
    }

    /** Lengths 1..14 then three of 16: every category has a code, the longest ones need the slow path. */
    static int[][] longCodeTable() {
        int[] bits = new int[17];
        for (int l = 1; l <= 14; l++) {
            bits[l] = 1;
        }
        bits[16] = 3;
        int[] huffVal = new int[17];
        for (int s = 0; s < 17; s++) {
            huffVal[s] = s;
        }
        return new int[][] {bits, huffVal};
    }

    private static void canonicalCodes(int[] bits, int[] huffVal, int[] code, int[] size) {
        int c = 0;
        int k = 0;
        for (int l = 1; l <= 16; l++) {
            for (int i = 0; i < bits[l]; i++) {
                code[huffVal[k]] = c++;
                size[huffVal[k]] = l;
                k++;
            }
            c <<= 1;
        }
    }

    private static void marker(ByteArrayOutputStream out, int m) {
        out.write(0xFF);
        out.write(m);
    }

    private static void segment(ByteArrayOutputStream out, int m, byte[] body) {
        marker(out, m);
        u16(out, body.length + 2);
        out.write(body, 0, body.length);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v & 0xFF);
    }

    /** MSB-first bit writer with FF00 stuffing and 1-bit padding (F.1.2.3). */
    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private long acc;
        private int n;

        BitWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int value, int bits) {
            if (bits == 0) {
                return;
            }
            if (size(bits) == 0) {
                throw new IllegalStateException();
            }
            acc = (acc << bits) | (value & ((1L << bits) - 1));
            n += bits;
            while (n >= 8) {
                int b = (int) (acc >>> (n - 8)) & 0xFF;
                out.write(b);
                if (b == 0xFF) {
                    out.write(0);
                }
                n -= 8;
            }
        }

        private static int size(int bits) {
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("bits " + bits);
            }
            return bits;
        }

        void flush() {
            if (n > 0) {
                write((1 << (8 - n)) - 1, 8 - n);
            }
            acc = 0;
            n = 0;
        }
    }
}
