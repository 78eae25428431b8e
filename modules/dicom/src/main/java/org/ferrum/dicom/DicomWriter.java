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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.io.AtomicFiles;

/**
 * Writes DICOM Part 10 files (PS3.10 §7.1): a 128-byte zero preamble, the {@code DICM} prefix, the File
 * Meta Information group (0002) in Explicit VR Little Endian with its group length, and the data set in
 * Explicit VR Little Endian (transfer syntax 1.2.840.10008.1.2.1, which every DICOM reader must accept).
 *
 * <p>The meta information is derived from the data set: Media Storage SOP Class/Instance UID from SOP
 * Class UID (0008,0016) and SOP Instance UID (0008,0018), which must be present and valid; Ferrum's
 * {@link Uids#IMPLEMENTATION_CLASS_UID} and {@link Uids#IMPLEMENTATION_VERSION_NAME} (PS3.7 Annex D.3.3.2).
 * Each file is written through {@link AtomicFiles}, so a reader never sees half a file.
 */
final class DicomWriter {

    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;

    private DicomWriter() {}

    /**
     * Writes {@code dataset} as a Part 10 file at {@code file} (atomically; parent folders are created).
     *
     * @throws IllegalArgumentException if the data set lacks a valid SOP Class or SOP Instance UID
     */
    public static void write(Path file, WritableDataset dataset) throws IOException {
        byte[] bytes = encode(dataset);
        AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
    }

    /** The bytes of the Part 10 file {@link #write} writes. */
    public static byte[] encode(WritableDataset dataset) {
        String sopClass = dataset.string(SOP_CLASS_UID).orElse("");
        String sopInstance = dataset.string(SOP_INSTANCE_UID).orElse("");
        if (!Uids.isValid(sopClass) || !Uids.isValid(sopInstance)) {
            throw new IllegalArgumentException("a Part 10 file needs a valid SOP Class UID and SOP Instance UID, got '"
                    + sopClass + "' and '" + sopInstance + "'");
        }
        WritableDataset meta = new WritableDataset("file meta information")
                .putBytes(0x00020001, Vr.OB, new byte[] {0, 1}) // File Meta Information Version
                .putString(0x00020002, Vr.UI, sopClass)
                .putString(0x00020003, Vr.UI, sopInstance)
                .putString(0x00020010, Vr.UI, Uids.EXPLICIT_VR_LITTLE_ENDIAN)
                .putString(0x00020012, Vr.UI, Uids.IMPLEMENTATION_CLASS_UID)
                .putString(0x00020013, Vr.SH, Uids.IMPLEMENTATION_VERSION_NAME);
        byte[] metaBody = meta.encode();
        byte[] body = dataset.encode();

        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 4 + 12 + metaBody.length + body.length);
        out.writeBytes(new byte[128]);
        out.writeBytes(new byte[] {'D', 'I', 'C', 'M'});
        // File Meta Information Group Length (0002,0000) UL: bytes after this element up to the data set.
        WritableDataset.writeHeader(out, 0x00020000, Vr.UL, 4);
        int n = metaBody.length;
        out.write(n & 0xFF);
        out.write((n >>> 8) & 0xFF);
        out.write((n >>> 16) & 0xFF);
        out.write((n >>> 24) & 0xFF);
        out.writeBytes(metaBody);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
