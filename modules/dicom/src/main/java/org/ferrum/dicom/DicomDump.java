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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A human-readable listing of a data set, one attribute per line, for people and for the {@code --dump}
 * command:
 * <pre>
 * (0018,0081) EchoTime                       DS       4  [30]
 * (5200,9230) PerFrameFunctionalGroupsSequence SQ  undef  6 items
 *   item 0
 *     (0020,9111) FrameContentSequence       SQ      60  1 item
 * </pre>
 * Columns: tag and keyword ({@link Tags#format}), VR, value length in bytes ("undef" for undefined
 * length), and a preview: text values joined by backslashes, the first numbers of binary values, the
 * first bytes in hex of OB/OW/UN and other bulk data, the item count of sequences, whose items follow,
 * indented. Previews are cut at {@value #PREVIEW_CHARS} characters. A value that cannot be decoded shows
 * the reason in angle brackets instead of stopping the dump.
 */
public final class DicomDump {

    /** Longest value preview, in characters. */
    public static final int PREVIEW_CHARS = 64;

    private static final int MAX_NUMBERS = 8;
    private static final int MAX_BYTES = 16;

    private DicomDump() {}

    /** File meta information, then the data set, with a header line naming the file and transfer syntax. */
    public static String dump(DicomFile file) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(file.path()).append('\n');
        b.append("# transfer syntax: ")
                .append(file.transferSyntax().displayName())
                .append(" (")
                .append(file.transferSyntaxUid())
                .append(")\n");
        b.append("# file meta information\n");
        appendTo(b, file.fileMeta());
        b.append("# data set\n");
        appendTo(b, file.dataset());
        return b.toString();
    }

    /** {@link #dump(DicomFile)} of the file read whole, as {@code --dump} prints it. */
    public static String dump(Path file) throws IOException {
        return dump(DicomParser.read(file));
    }

    /** {@link #dump(DicomFile)} of the file's header: everything before the pixel data, which is not read. */
    public static String header(Path file) throws IOException {
        return dump(DicomParser.readHeader(file));
    }

    /** One data set and its sequence items. */
    public static String dump(DicomDataset dataset) {
        StringBuilder b = new StringBuilder();
        appendTo(b, dataset);
        return b.toString();
    }

    /** Appends the dump of a data set to {@code out}. */
    public static void appendTo(Appendable out, DicomDataset dataset) {
        try {
            write(out, dataset, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Appendable out, DicomDataset ds, int depth) throws IOException {
        String indent = "  ".repeat(depth);
        ParsedDataset parsed = ds instanceof ParsedDataset p ? p : null;
        for (int tag : ds.tags()) {
            Vr vr = ds.vr(tag).orElse(Vr.UN);
            String length;
            if (parsed != null) {
                int i = parsed.indexOf(tag);
                length = parsed.undefinedLengthAt(i) ? "undef" : Integer.toString(parsed.lengthAt(i));
            } else {
                length = vr == Vr.SQ
                        ? ""
                        : ds.bytes(tag).map(v -> Integer.toString(v.length)).orElse("");
            }
            String name = Tags.format(tag);
            out.append(indent)
                    .append(pad(name, 46 - indent.length()))
                    .append(' ')
                    .append(vr.name())
                    .append(' ')
                    .append(padLeft(length, 7))
                    .append("  ");
            if (vr == Vr.SQ || (vr == Vr.UN && parsed != null && parsed.undefinedLengthAt(parsed.indexOf(tag)))) {
                List<DicomDataset> items;
                try {
                    items = ds.sequence(tag);
                } catch (DicomFormatException e) {
                    out.append('<').append(e.problem()).append(">\n");
                    continue;
                }
                out.append(Integer.toString(items.size())).append(items.size() == 1 ? " item\n" : " items\n");
                for (int k = 0; k < items.size(); k++) {
                    out.append(indent)
                            .append("  item ")
                            .append(Integer.toString(k))
                            .append('\n');
                    write(out, items.get(k), depth + 2);
                }
                continue;
            }
            out.append(preview(ds, tag, vr, parsed)).append('\n');
        }
    }

    private static String preview(DicomDataset ds, int tag, Vr vr, ParsedDataset parsed) {
        try {
            switch (vr) {
                case US:
                case SS:
                case UL:
                case SL:
                case UV:
                case SV:
                case FL:
                case FD:
                case AT: {
                    List<String> values = ds.strings(tag);
                    String joined = String.join("\\", values.subList(0, Math.min(values.size(), MAX_NUMBERS)));
                    return clip("[" + joined + (values.size() > MAX_NUMBERS ? "\\… (" + values.size() + " values)" : "")
                            + "]");
                }
                case OB:
                case OW:
                case OD:
                case OF:
                case OL:
                case OV:
                case UN:
                    return hexPreview(ds, tag, parsed);
                default:
                    return clip("[" + String.join("\\", ds.strings(tag)) + "]");
            }
        } catch (DicomFormatException e) {
            return "<" + e.problem() + ">";
        }
    }

    private static String hexPreview(DicomDataset ds, int tag, ParsedDataset parsed) {
        byte[] buf;
        int off;
        int len;
        if (parsed != null) {
            int i = parsed.indexOf(tag);
            if (parsed.fragmentsAt(i) != null) {
                int[] f = parsed.fragmentsAt(i);
                return "encapsulated: offset table of " + f[1] + " bytes, " + (f.length / 2 - 1) + " fragment(s)";
            }
            buf = parsed.buffer();
            off = parsed.offsetAt(i);
            len = parsed.lengthAt(i);
        } else {
            Optional<byte[]> v = ds.bytes(tag);
            buf = v.orElse(new byte[0]);
            off = 0;
            len = buf.length;
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < Math.min(len, MAX_BYTES); k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(String.format("%02X", buf[off + k] & 0xFF));
        }
        if (len > MAX_BYTES) {
            b.append(" …");
        }
        return b.toString();
    }

    private static String clip(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), PREVIEW_CHARS + 1));
        for (int k = 0; k < s.length() && k < PREVIEW_CHARS; k++) {
            char c = s.charAt(k);
            b.append(c < 0x20 ? '.' : c);
        }
        if (s.length() > PREVIEW_CHARS) {
            b.append('…');
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
